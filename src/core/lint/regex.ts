import { siteOf } from '../fixes/facts.js';
import type { LintFinding } from './types.js';

/**
 * Lint for origin regexes. django-cors-headers and Flask-CORS use `re.match` (anchored at the start only),
 * Traefik and nginx `~` maps search anywhere: a pattern is safe only if it is anchored at both ends and
 * every literal dot is escaped. Checked twice: statically, and by running the pattern against look-alikes
 * of the origin it is meant for. https://docs.python.org/3/library/re.html#search-vs-match
 */
export function lintOriginRegex(pattern: string, sample?: string | null): LintFinding[] {
  const out: LintFinding[] = [];
  const body = pattern;
  if (!/^(\^|\\A)/.test(body) || !/(^|[^\\])(\$|\\Z|\\z)$/.test(body)) {
    out.push({
      rule: 'unanchored-regex',
      severity: 'hole',
      message: `The origin regex ${pattern} is not anchored at both ends (^…$): with re.match it also accepts e.g. https://app.example.com.evil.test.`,
    });
  }
  if (hasLiteralUnescapedDot(body)) {
    out.push({ rule: 'unescaped-dot', severity: 'hole', message: `The origin regex ${pattern} has an unescaped "." that matches any character (appXexample.com): write \\.` });
  }
  const re = compile(body);
  if (re && sample) {
    if (!prefixMatch(re, sample)) out.push({ rule: 'regex-misses-origin', severity: 'error', message: `The origin regex ${pattern} does not match ${sample}.` });
    for (const look of lookalikes(sample)) {
      if (prefixMatch(re, look)) {
        out.push({ rule: 'regex-matches-lookalike', severity: 'hole', message: `The origin regex ${pattern} also accepts the look-alike ${look}.` });
        break;
      }
    }
  }
  return out;
}

/**
 * Look-alike origins an attacker can register, derived from an allowed one: all outside the allowed
 * origin's site (subdomains of the same site are the site owner's, so a subdomain pattern may match them).
 */
export function lookalikes(origin: string): string[] {
  const out = ['https://evil.test', 'null'];
  try {
    const u = new URL(origin);
    const port = u.port ? `:${u.port}` : '';
    const site = siteOf(u.hostname);
    out.push(
      `${origin}.evil.test`,
      `${u.protocol}//${u.hostname}.evil.test${port}`,
      `${u.protocol}//evil${site}${port}`,
      `${u.protocol}//evil-${site}${port}`,
    );
    if (u.hostname.includes('.')) out.push(`${u.protocol}//${u.hostname.replace(/\./g, 'x')}${port}`, `${u.protocol}//${u.hostname.replace(/\.(?=[^.]*$)/, 'x')}${port}`);
    if (u.protocol === 'https:') out.push(`http://${u.hostname}${port}`);
  } catch {
    /* not a URL: only the generic look-alikes */
  }
  return out.filter((o) => o !== origin);
}

/** `re.match` semantics: a match that starts at position 0 (the end is free). */
function prefixMatch(re: RegExp, s: string): boolean {
  re.lastIndex = 0;
  const m = re.exec(s);
  return m !== null && m.index === 0;
}

/** Python-flavoured pattern → JS RegExp (\A, \Z, \z, (?P<name>…)); null when it does not compile. */
function compile(pattern: string): RegExp | null {
  const js = pattern.replace(/^\\A/, '^').replace(/\\[Zz]$/, '$').replace(/\(\?P</g, '(?<');
  try {
    return new RegExp(js);
  } catch {
    return null;
  }
}

/** A `.` outside a character class, not escaped and not followed by a quantifier (`.*`, `.+` are wildcards by intent). */
function hasLiteralUnescapedDot(p: string): boolean {
  let inClass = false;
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === '.' && !/[*+?{]/.test(p[i + 1] ?? '')) return true;
  }
  return false;
}
