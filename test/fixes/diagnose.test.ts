import { describe, expect, it } from 'vitest';
import { charJoined, diagnose, preflightTrouble, splitAcao } from '../../src/core/fixes/diagnose.js';
import { detectCorsHeadersVersion } from '../../src/core/fixes/django-version.js';
import { isCrossSite, siteOf } from '../../src/core/fixes/facts.js';
import { API, PAGE, caseFor, entry, headers, preflightEntry } from './builders.js';

describe('diagnose helpers', () => {
  it.each([
    ['G, E, T', 'GET'],
    ['x, -, a, p, i, -, k, e, y', 'x-api-key'],
    ['G, E, T, ,, P, U, T', 'GET,PUT'],
    ['GET, PUT', null],
    ['x', null],
    [null, null],
  ] as const)('charJoined(%j) = %j', (raw, expected) => {
    expect(charJoined(raw)).toBe(expected);
  });

  it('splits repeated and comma-joined ACAO values like Chromium', () => {
    expect(splitAcao(['https://a.test', 'https://a.test'])).toEqual(['https://a.test', 'https://a.test']);
    expect(splitAcao(['*, https://a.test'])).toEqual(['*', 'https://a.test']);
  });

  it.each([
    ['APPEND_SLASH', { url: 'https://api.test/api/x', status: 301, redirectURL: 'https://api.test/api/x/' }, 'append-slash', 'django.middleware.common.CommonMiddleware'],
    ['SECURE_SSL_REDIRECT', { url: 'http://api.test/api/x/', status: 301, redirectURL: 'https://api.test/api/x/' }, 'https-redirect', 'django.middleware.security.SecurityMiddleware'],
    ['i18n', { url: 'https://api.test/api/x/', status: 302, redirectURL: '/fr-ca/api/x/' }, 'locale-redirect', 'django.middleware.locale.LocaleMiddleware'],
    ['login', { url: 'https://api.test/api/x/', status: 302, redirectURL: '/accounts/login/?next=/api/x/' }, 'login-redirect', null],
    ['auth', { status: 401 }, 'auth', null],
    ['DisallowedHost', { status: 400, bodyText: '<h1>Bad Request (400)</h1>' }, 'bad-request', 'django.middleware.common.CommonMiddleware'],
    ['no route', { status: 404 }, 'not-found', null],
  ] as const)('preflight trouble: %s', (_n, p, cause, mw) => {
    const t = preflightTrouble(preflightEntry({ ...p }));
    expect(t?.cause).toBe(cause);
    expect(t?.djangoMiddleware).toBe(mw);
  });

  it('no trouble for a 2xx preflight', () => {
    expect(preflightTrouble(preflightEntry({ status: 204 }))).toBeNull();
  });

  it('sites: same site across subdomains, different across registrable domains and schemes', () => {
    expect(siteOf('api.example.co.uk')).toBe('example.co.uk');
    expect(isCrossSite('https://app.example.com', 'https://api.example.com')).toBe(false);
    expect(isCrossSite('https://app.example.com', 'https://api.other.test')).toBe(true);
    expect(isCrossSite('http://127.0.0.1:3000', 'http://127.0.0.1:8000')).toBe(false);
    expect(isCrossSite('http://localhost:3000', 'http://127.0.0.1:8000')).toBe(true);
  });

  it('reads the django-cors-headers version from the headers it wrote', () => {
    expect(detectCorsHeadersVersion([entry({ index: 0, responseHeaders: headers(`Access-Control-Allow-Origin: ${PAGE}`, 'Vary: Origin') })])).toBe('3');
    expect(detectCorsHeadersVersion([entry({ index: 0, responseHeaders: headers(`access-control-allow-origin: ${PAGE}`, 'vary: origin', 'Content-Type: text/html') })])).toBe('4');
    // HTTP/2 lower-cases every name: no evidence either way from names alone.
    expect(detectCorsHeadersVersion([entry({ index: 0, responseHeaders: headers(`access-control-allow-origin: ${PAGE}`, 'content-type: text/html') })])).toBeNull();
  });

  it('diagnosis of a header failure lists every requested header, not only the first', () => {
    const { ex, ctx } = caseFor('HeaderDisallowedByPreflightResponse');
    const d = diagnose(ex, ctx);
    expect(d.requestHeaders).toEqual(['content-type', 'x-api-key']);
    expect(d.allowHeaders).toEqual(['content-type']);
    expect(d.origin).toBe(PAGE);
    expect(d.target).toBe(new URL(API).origin);
  });

  it('drops an Origin that is not a serialized origin (it would end up in code)', () => {
    const { ex, ctx } = caseFor('MissingAllowOriginHeader');
    expect(diagnose({ ...ex, origin: 'https://a.test/"; x' }, ctx).origin).toBeNull();
  });
});
