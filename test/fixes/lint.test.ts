import { describe, expect, it } from 'vitest';
import { lintFix, lintObservedPolicy, lintOriginRegex, lookalikes } from '../../src/core/lint/index.js';
import type { LintRule } from '../../src/core/lint/types.js';
import type { Fix, FixServer } from '../../src/core/fixes/types.js';
import { entry, headers, PAGE } from './builders.js';

/** The security lint: origin regexes, the observed policy of a capture, and generated fixes. */

describe('origin regex lint (re.match semantics: anchored at the start only)', () => {
  const ROWS: Array<[string, string, LintRule[]]> = [
    ['anchored, escaped', '^https://[a-z0-9-]+\\.example\\.com$', []],
    ['exact origin', '^https://app\\.example\\.com$', []],
    ['no $ — accepts app.example.com.evil.test', '^https://[a-z0-9-]+\\.example\\.com', ['unanchored-regex', 'regex-matches-lookalike']],
    ['unescaped dots', '^https://app.example.com$', ['unescaped-dot', 'regex-matches-lookalike']],
    ['no ^ and .* prefix — accepts evilexample.com', 'https://.*example\\.com$', ['unanchored-regex', 'regex-matches-lookalike']],
    ['\\A…\\Z anchors count', '\\Ahttps://app\\.example\\.com\\Z', []],
    ['wrong scheme: misses the https origin, accepts its http twin', '^http://app\\.example\\.com$', ['regex-misses-origin', 'regex-matches-lookalike']],
  ];
  it.each(ROWS)('%s: %s', (_n, pattern, rules) => {
    const found = lintOriginRegex(pattern, PAGE).map((f) => f.rule);
    expect([...new Set(found)].sort()).toEqual([...rules].sort());
  });

  it('look-alikes stay outside the allowed site', () => {
    const l = lookalikes('https://app.example.com');
    expect(l).toContain('https://app.example.com.evil.test');
    expect(l).toContain('https://evilexample.com');
    expect(l).toContain('https://appxexamplexcom');
    expect(l).toContain('null');
    expect(l).toContain('http://app.example.com'); // the plain-http twin a network attacker can serve
    expect(l.filter((o) => !o.startsWith('http://')).every((o) => !o.endsWith('.example.com'))).toBe(true);
  });
});

describe('observed policy lint', () => {
  const resp = (i: number, origin: string, ...lines: string[]) => entry({ index: i, requestHeaders: headers(`Origin: ${origin}`), responseHeaders: headers(...lines) });
  const ROWS: Array<[string, ReturnType<typeof entry>[], LintRule[]]> = [
    ['allow-list echo with Vary: fine but flagged when credentialed', [resp(0, PAGE, `Access-Control-Allow-Origin: ${PAGE}`, 'Access-Control-Allow-Credentials: true', 'Vary: Origin')], ['reflected-origin-with-credentials']],
    ['echo without Vary: Origin', [resp(0, PAGE, `Access-Control-Allow-Origin: ${PAGE}`)], ['missing-vary-origin']],
    ['null allowed', [resp(0, 'null', 'Access-Control-Allow-Origin: null', 'Vary: Origin')], ['null-origin-allowed']],
    ['"*" with credentials', [resp(0, PAGE, 'Access-Control-Allow-Origin: *', 'Access-Control-Allow-Credentials: true')], ['wildcard-with-credentials']],
    ['public "*" without credentials is fine', [resp(0, PAGE, 'Access-Control-Allow-Origin: *')], []],
    ['https API trusting an http origin', [entry({ index: 0, url: 'https://api.example.com/x', requestHeaders: headers('Origin: http://app.example.com'), responseHeaders: headers('Access-Control-Allow-Origin: http://app.example.com', 'Vary: Origin') })], ['insecure-origin-trusted']],
    [
      'a cache served another origin\'s answer',
      [resp(0, 'https://a.example.com', 'Access-Control-Allow-Origin: https://a.example.com'), resp(1, 'https://b.example.com', 'Access-Control-Allow-Origin: https://a.example.com', 'Age: 30')],
      ['missing-vary-origin', 'missing-vary-origin', 'shared-cache-mismatch'],
    ],
  ];
  it.each(ROWS)('%s', (_n, entries, rules) => {
    expect(lintObservedPolicy(entries).map((f) => f.rule).sort()).toEqual([...rules].sort());
  });
  it('points at the entry and suggests the curl probe', () => {
    const [f] = lintObservedPolicy([resp(7, PAGE, `Access-Control-Allow-Origin: ${PAGE}`, 'Access-Control-Allow-Credentials: true', 'Vary: Origin')]);
    expect(f?.entry).toBe(7);
    expect(f?.message).toMatch(/curl -si -H "Origin: https:\/\/evil\.test"/);
  });
});

describe('fix lint: a fix that would open a hole is caught', () => {
  const fix = (server: FixServer, changes: unknown[], code = ''): Fix => ({ server, title: 't', changes, code, warnings: [] });
  const d = { origin: PAGE, target: 'https://api.example.com', credentials: true };
  const ROWS: Array<[string, Fix, LintRule]> = [
    ['"null" in CORS_ALLOWED_ORIGINS', fix('django-cors-headers', [{ setting: 'CORS_ALLOWED_ORIGINS', op: 'add', value: 'null' }]), 'null-origin-allowed'],
    ['allow-all with credentials', fix('django-cors-headers', [{ setting: 'CORS_ALLOW_ALL_ORIGINS', op: 'set', value: true }]), 'allow-all-with-credentials'],
    ['unanchored regex', fix('django-cors-headers', [{ setting: 'CORS_ALLOWED_ORIGIN_REGEXES', op: 'add', value: '^https://app\\.example\\.com' }]), 'unanchored-regex'],
    ['"*" origin with credentials (Express)', fix('express', [{ option: 'origin', op: 'set', value: '*' }]), 'wildcard-with-credentials'],
    ['echo every origin in code (Express origin: true)', fix('express', [], 'app.use(cors({ origin: true, credentials: true }))'), 'allow-all-with-credentials'],
    ['nginx $http_origin without a map', fix('nginx', [], 'add_header Access-Control-Allow-Origin $http_origin always;'), 'reflected-origin-with-credentials'],
    ['http:// origin for an https API', fix('fastapi', [{ option: 'allow_origins', op: 'add', value: 'http://app.example.com' }]), 'insecure-origin-trusted'],
    ['origin with a trailing slash', fix('spring', [{ option: 'allowedOrigins', op: 'add', value: 'https://app.example.com/' }]), 'invalid-origin'],
    ['echo without Vary', fix('django-middleware', [], 'response["Access-Control-Allow-Origin"] = origin'), 'missing-vary-origin'],
    ['nginx regex map key without $', fix('nginx', [{ option: 'map', op: 'add', context: 'http', value: ['"~^https://app\\.example\\.com"', '$http_origin'] }]), 'unanchored-regex'],
    ['Apache SetEnvIf with unescaped dots', fix('apache', [{ option: 'SetEnvIf', op: 'set', value: 'Origin "^(https://app.example.com)$" CORS_ORIGIN=$0' }]), 'unescaped-dot'],
  ];
  it.each(ROWS)('%s', (_n, f, rule) => {
    expect(lintFix(f, d).map((x) => x.rule)).toContain(rule);
  });
  it('ignores comments and removals', () => {
    const f = fix('django-cors-headers', [{ setting: 'CORS_ALLOWED_ORIGINS', op: 'remove', value: 'null' }], '# never CORS_ALLOW_ALL_ORIGINS = True with credentials');
    expect(lintFix(f, d)).toEqual([]);
  });
});
