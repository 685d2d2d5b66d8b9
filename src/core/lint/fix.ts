import type { Diagnosis, Fix, FixServer } from '../fixes/types.js';
import { isLoopbackHost, isSerializedOrigin, parseOrigin } from '../fixes/facts.js';
import { lintOriginRegex } from './regex.js';
import type { LintFinding } from './types.js';

/**
 * Lint of a generated fix before it is shown: it must not open a hole (null, "*" or echo-all with
 * credentials, an unanchored/unescaped regex, an http:// origin trusted by an https API) and must name
 * only well-formed origins. Reads the fix's `changes` through a table of which option of each flavour
 * holds origins, origin regexes, credentials or allow-all, then checks the rendered code for the
 * patterns that reflect every origin.
 */
const ORIGIN_OPTIONS = new Set([
  'CORS_ALLOWED_ORIGINS', 'CORS_ORIGIN_WHITELIST', 'ALLOWED_ORIGINS', 'origin', 'allow_origins', 'origins', 'allowedOrigins',
  'WithOrigins', 'AllowedOrigins', 'allowed_origins', 'AccessControlAllowOrigins.Items', 'CORSRules[0].AllowedOrigins',
]);
const REGEX_OPTIONS = new Set(['CORS_ALLOWED_ORIGIN_REGEXES', 'CORS_ORIGIN_REGEX_WHITELIST', 'allow_origin_regex', 'allowed_origins_patterns']);
const CREDENTIAL_OPTIONS = new Set(['CORS_ALLOW_CREDENTIALS', 'ALLOW_CREDENTIALS', 'credentials', 'allow_credentials', 'supports_credentials', 'allowCredentials', 'AllowCredentials', 'AccessControlAllowCredentials']);
const ALLOW_ALL_OPTIONS = new Set(['CORS_ALLOW_ALL_ORIGINS', 'CORS_ORIGIN_ALLOW_ALL']);

interface AnyChange {
  setting?: string;
  option?: string;
  op?: string;
  value?: unknown;
  context?: string;
}

export function lintFix(fix: Fix, d: Pick<Diagnosis, 'origin' | 'target' | 'credentials'>): LintFinding[] {
  const out: LintFinding[] = [];
  const changes = fix.changes as AnyChange[];
  const name = (c: AnyChange) => c.setting ?? c.option ?? '';
  const credentials = d.credentials || changes.some((c) => CREDENTIAL_OPTIONS.has(name(c)) && c.value === true);
  const httpsTarget = d.target?.startsWith('https:') ?? false;
  for (const c of changes) {
    if (c.op === 'remove') continue;
    const n = name(c);
    const values = Array.isArray(c.value) ? c.value : [c.value];
    if (ORIGIN_OPTIONS.has(n)) for (const v of values) out.push(...lintOrigin(String(v), credentials, httpsTarget));
    if (n === 'map' && fix.server === 'nginx') out.push(...lintNginxMapKey(String(values[0] ?? ''), d.origin, credentials, httpsTarget));
    if (REGEX_OPTIONS.has(n)) for (const v of values) out.push(...lintOriginRegex(String(v), d.origin));
    if (ALLOW_ALL_OPTIONS.has(n) && c.value === true && credentials) {
      out.push({ rule: 'allow-all-with-credentials', severity: 'hole', message: `${n} = True with credentials makes django-cors-headers echo every origin with Access-Control-Allow-Credentials: true.` });
    }
    if (fix.server === 'apache' && n === 'SetEnvIf') out.push(...lintOriginRegex(extractQuoted(String(c.value)), d.origin));
    if (fix.server === 'caddy' && typeof c.value === 'object' && c.value !== null && 'header_regexp' in c.value) {
      const args = (c.value as { header_regexp: string[] }).header_regexp;
      out.push(...lintOriginRegex(args[args.length - 1] ?? '', d.origin));
    }
  }
  out.push(...lintCode(fix.server, fix.code, credentials));
  return out;
}

function lintOrigin(origin: string, credentials: boolean, httpsTarget: boolean): LintFinding[] {
  if (origin === 'null') return [{ rule: 'null-origin-allowed', severity: 'hole', message: 'The fix would allow the "null" origin (sandboxed iframes, file: and data: pages).' }];
  if (origin === '*') {
    return credentials ? [{ rule: 'wildcard-with-credentials', severity: 'hole', message: 'The fix would combine "*" with credentials.' }] : [];
  }
  if (!isSerializedOrigin(origin)) return [{ rule: 'invalid-origin', severity: 'error', message: `"${origin}" is not an origin as browsers send it (scheme://host[:port], no path or trailing slash).` }];
  const o = parseOrigin(origin);
  if (httpsTarget && o && o.scheme === 'http' && !isLoopbackHost(o.host)) {
    return [{ rule: 'insecure-origin-trusted', severity: 'hole', message: `The fix would let the plain-http origin ${origin} read an https API.` }];
  }
  return [];
}

function lintNginxMapKey(key: string, sample: string | null, credentials: boolean, httpsTarget: boolean): LintFinding[] {
  const unquoted = key.replace(/^"(.*)"$/, '$1').replace(/\\(.)/g, '$1');
  if (unquoted.startsWith('~')) return lintOriginRegex(unquoted.replace(/^~\*?/, ''), sample);
  return lintOrigin(unquoted, credentials, httpsTarget);
}

function extractQuoted(s: string): string {
  const m = /"([^"]*)"/.exec(s);
  return m?.[1] ?? s;
}

/** Patterns in rendered code that echo every origin or pair "*" with credentials. */
function lintCode(server: FixServer, code: string, credentials: boolean): LintFinding[] {
  const out: LintFinding[] = [];
  const live = code
    .split('\n')
    .filter((l) => !/^\s*(#|\/\/)/.test(l))
    .join('\n');
  if (/add_header\s+Access-Control-Allow-Origin\s+\$http_origin/.test(live)) {
    out.push({ rule: 'reflected-origin-with-credentials', severity: 'hole', message: 'nginx would echo every origin ($http_origin without a map).' });
  }
  if (credentials) {
    const echoAll: Array<[FixServer | null, RegExp]> = [
      [null, /CORS_ALLOW_ALL_ORIGINS\s*=\s*True/],
      ['express', /origin:\s*(true|['"]\*['"])/],
      ['fastapi', /allow_origins=\[\s*["']\*["']\s*\]/],
      ['flask-cors', /origins["']?\s*[:=]\s*["']\*["']/],
      ['spring', /setAllowedOrigins\(List\.of\("\*"\)\)|allowedOrigins\("\*"\)/],
      ['aspnet', /AllowAnyOrigin\(\)/],
      ['laravel', /'allowed_origins'\s*=>\s*\['\*'\]/],
    ];
    for (const [s, re] of echoAll) {
      if ((s === null || s === server) && re.test(live)) out.push({ rule: 'allow-all-with-credentials', severity: 'hole', message: `The ${server} code would allow every origin together with credentials (${re.source}).` });
    }
  }
  const echoes = /\$cors_origin|%\{CORS_ORIGIN\}e|\{http\.request\.header\.Origin\}|Allow-Origin["']?\]?\s*=\s*origin|\.set\('Access-Control-Allow-Origin', origin\)/.test(live);
  if (echoes && !/Vary/i.test(live)) {
    out.push({ rule: 'missing-vary-origin', severity: 'error', message: 'The code echoes the request origin but never sends Vary: Origin.' });
  }
  return out;
}
