import { describe, expect, it } from 'vitest';
import { suggestFixes } from '../../src/core/fixes/index.js';
import type { DjangoChange, Fix, FixContext } from '../../src/core/fixes/types.js';
import type { Exchange } from '../../src/core/model.js';
import { API, NO_SLASH, PAGE, actualCase, caseFor, entry, exchange, headers, preflightCase } from './builders.js';

/** Table-driven: a failing capture → the exact django-cors-headers settings changes. */

const CORS = 'corsheaders.middleware.CorsMiddleware';
const add = (setting: string, value: unknown): DjangoChange => ({ setting, op: 'add', value });
const set = (setting: string, value: unknown): DjangoChange => ({ setting, op: 'set', value });
const moveBefore = (before: string | null): DjangoChange => ({ setting: 'MIDDLEWARE', op: 'move-before', value: CORS, before });
const V3 = ['Access-Control-Allow-Origin: ' + PAGE, 'Vary: Origin'];
const DEFAULT3 = ['accept', 'accept-encoding', 'authorization', 'content-type', 'dnt', 'origin', 'user-agent', 'x-csrftoken', 'x-requested-with'];

function djangoFix(c: { ex: Exchange; ctx: FixContext }, version?: '3' | '4'): Fix {
  const fixes = suggestFixes(c.ex, { ...c.ctx, ...(version ? { djangoVersion: version } : {}) });
  const fix = fixes.find((f) => f.server === 'django-cors-headers');
  if (!fix) throw new Error('no django-cors-headers fix');
  return fix;
}

interface Row {
  name: string;
  build: () => { ex: Exchange; ctx: FixContext };
  version?: '3' | '4';
  changes: DjangoChange[];
  warning?: RegExp;
}

const ROWS: Row[] = [
  {
    name: 'origin not allowed (CorsMiddleware ran: Vary: Origin, no ACAO)',
    build: () => caseFor('MissingAllowOriginHeader'),
    changes: [add('CORS_ALLOWED_ORIGINS', PAGE)],
    warning: /compared exactly/,
  },
  {
    name: 'CorsMiddleware did not run at all (no Vary: Origin anywhere)',
    build: () => actualCase('MissingAllowOriginHeader', headers('Content-Type: application/json')),
    changes: [moveBefore(null), { setting: 'CORS_URLS_REGEX', op: 'remove', value: null }, add('CORS_ALLOWED_ORIGINS', PAGE)],
    warning: /INSTALLED_APPS alone is not enough/,
  },
  {
    name: 'CORS works on /api/ but not on /auth/me/ → CORS_URLS_REGEX covers both',
    build: () => {
      const other = entry({ index: 5, url: 'https://api.example.com/api/items/', responseHeaders: headers(...V3) });
      const actual = entry({ index: 1, url: 'https://api.example.com/auth/me/', error: 'net::ERR_FAILED', responseHeaders: headers('Content-Type: application/json') });
      const ex = exchange({ url: actual.url, finalUrl: actual.url, corsError: 'MissingAllowOriginHeader' });
      return { ex, ctx: { actual, entries: [other, actual] } };
    },
    changes: [moveBefore(null), set('CORS_URLS_REGEX', '^/(?:api|auth)/.*$')],
    warning: /single regex/,
  },
  {
    name: 'custom header not allowed (3.x defaults observed)',
    build: () => preflightCase('HeaderDisallowedByPreflightResponse', { responseHeaders: headers(...V3, `Access-Control-Allow-Headers: ${DEFAULT3.join(', ')}`, 'Access-Control-Allow-Methods: DELETE, GET, OPTIONS, PATCH, POST, PUT') }),
    changes: [add('CORS_ALLOW_HEADERS', 'x-api-key')],
  },
  {
    name: 'CORS_ALLOW_HEADERS given as a string ("x-api-key" joined per character)',
    build: () => preflightCase('HeaderDisallowedByPreflightResponse', { responseHeaders: headers(...V3, 'Access-Control-Allow-Headers: x, -, a, p, i, -, k, e, y', 'Access-Control-Allow-Methods: DELETE, GET, OPTIONS, PATCH, POST, PUT') }),
    version: '3',
    changes: [set('CORS_ALLOW_HEADERS', [...DEFAULT3, 'x-api-key'])],
    warning: /is a string/,
  },
  {
    name: "lower-case 'patch' from fetch",
    build: () => preflightCase('MethodDisallowedByPreflightResponse', { responseHeaders: headers(...V3, 'Access-Control-Allow-Methods: DELETE, GET, OPTIONS, PATCH, POST, PUT', `Access-Control-Allow-Headers: ${DEFAULT3.join(', ')}, x-api-key`) }, { acrm: 'patch', failedParameter: 'patch' }),
    changes: [add('CORS_ALLOW_METHODS', 'patch')],
    warning: /compared case-sensitively/,
  },
  {
    name: 'CORS_ALLOW_METHODS given as a string ("GET") and PUT needed',
    build: () => preflightCase('MethodDisallowedByPreflightResponse', { responseHeaders: headers(...V3, 'Access-Control-Allow-Methods: G, E, T', `Access-Control-Allow-Headers: ${DEFAULT3.join(', ')}, x-api-key`) }),
    changes: [set('CORS_ALLOW_METHODS', ['GET', 'PUT'])],
  },
  {
    name: 'credentials off with a credentialed fetch',
    build: () => caseFor('InvalidAllowCredentials'),
    changes: [set('CORS_ALLOW_CREDENTIALS', true)],
    warning: /colon makes it a type annotation/,
  },
  {
    name: 'allow-all sends "*" to a credentialed fetch',
    build: () => caseFor('WildcardOriginNotAllowed'),
    changes: [set('CORS_ALLOW_ALL_ORIGINS', false), add('CORS_ALLOWED_ORIGINS', PAGE), set('CORS_ALLOW_CREDENTIALS', true)],
    warning: /echoes every origin/,
  },
  {
    name: 'APPEND_SLASH redirect of the preflight → CorsMiddleware above CommonMiddleware',
    build: () => caseFor('PreflightDisallowedRedirect'),
    changes: [moveBefore('django.middleware.common.CommonMiddleware'), add('CORS_ALLOWED_ORIGINS', PAGE), add('CORS_ALLOW_HEADERS', 'x-api-key')],
    warning: /trailing slash/,
  },
  {
    name: 'a simple GET redirected by APPEND_SLASH without CORS headers → above CommonMiddleware',
    build: () => {
      const hop = entry({ index: 1, url: NO_SLASH, status: 301, redirectURL: API, error: 'net::ERR_FAILED', responseHeaders: headers(`Location: ${API}`) });
      const ex = exchange({ url: NO_SLASH, finalUrl: API, corsError: 'MissingAllowOriginHeader', redirects: [{ entry: 1, url: NO_SLASH, status: 301, location: API }] });
      return { ex, ctx: { actual: hop, entries: [hop] } };
    },
    changes: [moveBefore('django.middleware.common.CommonMiddleware'), add('CORS_ALLOWED_ORIGINS', PAGE)],
    warning: /redirect carries CORS headers/,
  },
  {
    name: 'SECURE_SSL_REDIRECT of the preflight → above SecurityMiddleware',
    build: () => {
      const c = preflightCase('PreflightDisallowedRedirect', { url: 'http://api.example.com/api/items/', status: 301, redirectURL: API, responseHeaders: headers(`Location: ${API}`) }, { acrh: '' });
      return { ...c, ex: { ...c.ex, url: 'http://api.example.com/api/items/', finalUrl: 'http://api.example.com/api/items/' } };
    },
    changes: [moveBefore('django.middleware.security.SecurityMiddleware'), add('CORS_ALLOWED_ORIGINS', PAGE), add('CORS_ALLOW_HEADERS', 'x-api-key')],
    warning: /https:\/\/ URL directly/,
  },
  {
    name: 'i18n redirect of the preflight → above LocaleMiddleware',
    build: () => preflightCase('PreflightDisallowedRedirect', { status: 302, redirectURL: 'https://api.example.com/en/api/items/', responseHeaders: [] }),
    changes: [moveBefore('django.middleware.locale.LocaleMiddleware'), add('CORS_ALLOWED_ORIGINS', PAGE), add('CORS_ALLOW_HEADERS', 'x-api-key')],
  },
  {
    name: 'DRF answered the preflight 401 → CorsMiddleware first (it is missing or below)',
    build: () => preflightCase('PreflightMissingAllowOriginHeader', { status: 401, responseHeaders: headers('Allow: GET, PUT, HEAD, OPTIONS', 'Vary: Accept', 'WWW-Authenticate: Token') }),
    changes: [moveBefore(null), { setting: 'CORS_URLS_REGEX', op: 'remove', value: null }, add('CORS_ALLOWED_ORIGINS', PAGE), add('CORS_ALLOW_HEADERS', 'x-api-key')],
    warning: /CorsMiddleware never answered it/,
  },
  {
    name: 'a 500 without CORS headers → CorsMiddleware first, and look at the real error',
    build: () => actualCase('MissingAllowOriginHeader', headers('Content-Type: text/html'), { status: 500 }),
    changes: [moveBefore(null), add('CORS_ALLOWED_ORIGINS', PAGE)],
    warning: /gunicorn/,
  },
  {
    name: 'two Access-Control-Allow-Origin values → nothing in Django, remove the proxy copy',
    build: () => caseFor('MultipleAllowOriginValues'),
    changes: [],
    warning: /same value was sent twice/,
  },
  {
    name: 'private network on 4.x',
    build: () => caseFor('PreflightMissingAllowPrivateNetwork'),
    version: '4',
    changes: [set('CORS_ALLOW_PRIVATE_NETWORK', true)],
  },
  {
    name: 'private network on 3.x: same setting, and the upgrade it needs',
    build: () => caseFor('PreflightMissingAllowPrivateNetwork'),
    version: '3',
    changes: [set('CORS_ALLOW_PRIVATE_NETWORK', true)],
    warning: /4\.0\.0 on; 3\.x ignores it/,
  },
];

describe('django-cors-headers fix generator', () => {
  it.each(ROWS.map((r) => [r.name, r] as const))('%s', (_n, row) => {
    const fix = djangoFix(row.build(), row.version);
    expect(fix.changes).toEqual(row.changes);
    if (row.warning) expect(fix.warnings.join('\n')).toMatch(row.warning);
    expect(fix.code).toContain(row.changes.length > 0 ? 'settings.py' : 'Keep CORS in django-cors-headers');
  });

  describe('CSRF and cookie follow-ups of a credentialed write', () => {
    const SHOP = 'https://shop.other.test';
    const credentialedPost = (origin: string) => {
      const c = caseFor('InvalidAllowCredentials');
      return { ...c, ex: { ...c.ex, method: 'POST', origin } };
    };
    it('Django ≥ 4.0, another site: CSRF_TRUSTED_ORIGINS with scheme, SameSite="None" + Secure cookies', () => {
      const fix = djangoFix(credentialedPost(SHOP), '4');
      expect(fix.changes).toEqual([
        add('CORS_ALLOWED_ORIGINS', SHOP),
        set('CORS_ALLOW_CREDENTIALS', true),
        add('CSRF_TRUSTED_ORIGINS', SHOP),
        set('SESSION_COOKIE_SAMESITE', 'None'),
        set('CSRF_COOKIE_SAMESITE', 'None'),
        set('SESSION_COOKIE_SECURE', true),
        set('CSRF_COOKIE_SECURE', true),
      ]);
      expect(fix.warnings.join(' ')).toMatch(/X-CSRFToken/);
      expect(fix.code).toContain('SESSION_COOKIE_SAMESITE = "None"');
    });
    it('Django 3.2: CSRF_TRUSTED_ORIGINS as host[:port], no scheme', () => {
      const fix = djangoFix(credentialedPost(SHOP), '3');
      expect(fix.changes).toContainEqual(add('CSRF_TRUSTED_ORIGINS', 'shop.other.test'));
    });
    it('same site (app.example.com → api.example.com): Lax cookies already go, no SameSite change', () => {
      const fix = djangoFix(credentialedPost(PAGE), '4');
      expect(fix.changes).toEqual([set('CORS_ALLOW_CREDENTIALS', true), add('CSRF_TRUSTED_ORIGINS', PAGE)]);
    });
  });

  describe('rendered settings', () => {
    it('allow-all only in the DEBUG branch, and only without credentials', () => {
      const open = djangoFix(caseFor('MissingAllowOriginHeader'));
      expect(open.code).toMatch(/if DEBUG:\n.*\n    CORS_ALLOW_ALL_ORIGINS = True/);
      expect(open.code).toContain('os.environ.get("CORS_ALLOWED_ORIGINS", "https://app.example.com")');
      const creds = djangoFix(caseFor('WildcardOriginNotAllowed'));
      expect(creds.code).not.toMatch(/CORS_ALLOW_ALL_ORIGINS = True/);
      expect(creds.code).toContain('CORS_ALLOW_CREDENTIALS = True');
    });
    it('extends defaults with (*default_headers, …) and names the middleware to be above', () => {
      const fix = djangoFix(caseFor('PreflightDisallowedRedirect'));
      expect(fix.code).toContain('CORS_ALLOW_HEADERS = (*default_headers, "x-api-key")');
      expect(fix.code).toContain('above django.middleware.common.CommonMiddleware');
    });
    it('writes regexes as raw strings, anchored, with escaped dots (the alternative fix)', () => {
      const fixes = suggestFixes(caseFor('MissingAllowOriginHeader').ex, caseFor('MissingAllowOriginHeader').ctx).filter((f) => f.server === 'django-cors-headers');
      expect(fixes).toHaveLength(2);
      expect(fixes[1]?.changes).toContainEqual(add('CORS_ALLOWED_ORIGIN_REGEXES', '^https://[a-z0-9-]+\\.example\\.com$'));
      expect(fixes[1]?.code).toContain('CORS_ALLOWED_ORIGIN_REGEXES = [r"^https://[a-z0-9-]+\\.example\\.com$"]');
    });
  });

  describe('version awareness', () => {
    it('reads 3.x from title-cased headers and 4.x from lower-case ones next to title-cased', () => {
      const v3 = djangoFix(preflightCase('HeaderDisallowedByPreflightResponse', { responseHeaders: headers(...V3, 'Access-Control-Allow-Headers: content-type') }));
      expect(v3.code).toContain('django-cors-headers 3.x');
      const v4 = djangoFix(preflightCase('HeaderDisallowedByPreflightResponse', { responseHeaders: headers(`access-control-allow-origin: ${PAGE}`, 'vary: origin', 'access-control-allow-headers: content-type', 'Content-Type: text/html') }));
      expect(v4.code).toContain('django-cors-headers 4.x');
      expect(v4.warnings.join(' ')).not.toMatch(/does not show which django-cors-headers version/);
    });
    it('says so when it cannot tell', () => {
      const fix = djangoFix(actualCase('MissingAllowOriginHeader', headers('Content-Type: application/json')));
      expect(fix.warnings.join(' ')).toMatch(/does not show which django-cors-headers version/);
    });
  });

  describe('never a server change for what only the client can fix', () => {
    it.each([
      ['Origin: null (sandboxed iframe / cross-origin redirect)', { origin: 'null' }],
      ['plain-http page calling an https API', { origin: 'http://app.example.com' }],
    ] as const)('%s', (_n, patch) => {
      const c = caseFor('MissingAllowOriginHeader');
      const fix = djangoFix({ ...c, ex: { ...c.ex, ...patch } });
      expect(fix.changes).toEqual([]);
      expect(fix.title).toMatch(/No server change/);
    });
  });
});
