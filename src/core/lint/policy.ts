import type { NetworkEntry } from '../model.js';
import { hasVaryOrigin, header, headerValues, isLoopbackHost, parseOrigin, urlOrigin, varyTokens } from '../fixes/facts.js';
import type { LintFinding } from './types.js';

/**
 * Security lint of the policy a capture shows: what the servers actually answered.
 * https://portswigger.net/web-security/cors (reflected origins, null, insecure origins, Vary)
 */
export function lintObservedPolicy(entries: readonly NetworkEntry[]): LintFinding[] {
  const out: LintFinding[] = [];
  const originsSeen = new Set(entries.map((e) => header(e.requestHeaders, 'origin')).filter((o): o is string => o !== null && o !== 'null'));
  for (const e of entries) {
    const acaoLines = headerValues(e.responseHeaders, 'access-control-allow-origin');
    if (acaoLines.length !== 1) continue;
    const acao = acaoLines[0] ?? '';
    const origin = header(e.requestHeaders, 'origin');
    const credentials = header(e.responseHeaders, 'access-control-allow-credentials') === 'true';
    const at = { entry: e.index };
    if (acao === 'null') {
      out.push({ ...at, rule: 'null-origin-allowed', severity: 'hole', message: `${e.url} answers Access-Control-Allow-Origin: null. Sandboxed iframes, data: and file: pages all send Origin: null, so any site can read this response${credentials ? ' with the user\'s cookies' : ''}. Remove "null" from the allowed origins.` });
      continue;
    }
    if (acao === '*') {
      if (credentials) out.push({ ...at, rule: 'wildcard-with-credentials', severity: 'warning', message: `${e.url} sends "*" together with Access-Control-Allow-Credentials: true: browsers reject this for credentialed requests; list the origins instead.` });
      continue;
    }
    if (origin !== null && acao === origin && credentials) {
      out.push({ ...at, rule: 'reflected-origin-with-credentials', severity: 'warning', message: `${e.url} echoes the request's Origin (${origin}) with credentials allowed. That is right only if the server checks an allow-list; if it echoes every origin, any site can read users' data. Check with: curl -si -H "Origin: https://evil.test" ${e.url}` });
    }
    if (!hasVaryOrigin(e.responseHeaders) && !varyTokens(e.responseHeaders).includes('*')) {
      out.push({ ...at, rule: 'missing-vary-origin', severity: 'warning', message: `${e.url} names a specific origin (${acao}) without Vary: Origin: a shared cache (CDN, proxy, browser) can serve this answer to another origin, which then fails intermittently.` });
    }
    if (origin !== null && acao !== origin && originsSeen.has(acao)) {
      const cached = header(e.responseHeaders, 'age') !== null || /HIT/i.test(header(e.responseHeaders, 'x-cache') ?? '') || /HIT/i.test(header(e.responseHeaders, 'cf-cache-status') ?? '');
      out.push({ ...at, rule: 'shared-cache-mismatch', severity: 'warning', message: `${e.url} answered ${origin} with another origin's value (${acao})${cached ? ', from a cache' : ''}: a shared cache stored one origin's answer and served it to another. Send Vary: Origin (and put Origin in the CDN cache key), or do not cache these responses.` });
    }
    const target = urlOrigin(e.url);
    const a = parseOrigin(acao);
    if (target?.startsWith('https:') && a && a.scheme === 'http' && !isLoopbackHost(a.host)) {
      out.push({ ...at, rule: 'insecure-origin-trusted', severity: 'warning', message: `${e.url} (https) trusts the plain-http origin ${acao}: a network attacker can inject script into that page and read these responses. Allow only https:// origins.` });
    }
  }
  return out;
}
