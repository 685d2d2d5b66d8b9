/**
 * src/core/cors/preflight-check.ts — validating a preflight response, in Chromium's order.
 * Facts: browser-cors.md §4.3 "Preflight (preflight_controller.cc), in this order": any redirect →
 * PreflightDisallowedRedirect; CheckAccess failure → its Preflight* variant "whatever the status"; not 2xx →
 * PreflightInvalidStatus; parse ACAM (case kept) / ACAH (lower-cased) → InvalidAllow{Methods,Headers}PreflightResponse;
 * method → MethodDisallowedByPreflightResponse; headers → HeaderDisallowedByPreflightResponse (incl. Authorization
 * under `*`). §2.5: ok status = 200–299; method OK if listed (byte-exact), GET/HEAD/POST, or (credentials ≠ include
 * and `*`); Authorization is never covered by `*`; headers match case-insensitively; `*` only without credentials.
 * §3: Firefox/WebKit let `*` cover Authorization. §2.6 (Max-Age per engine).
 * Real-browser: extension-capture.md Table A c4 (PUT vs `GET, POST`), c5 (x-api-key vs `Content-Type`),
 * c6 (301 → redirect, ACAO ok), c7 (401 with ACAO → invalid status), c7b (401 without ACAO → PreflightMissing…),
 * c8 (success), c12 (204 without ACAO).
 */
import { describe, expect, it } from 'vitest';
import { corsPreflightCheck, effectiveMaxAge, type PreflightCheckInput } from '../../../src/core/cors/preflight-check.js';
import type { CorsError } from '../../../src/core/model.js';
import { hdrs, PAGE, type H } from '../../helpers/units-builders.js';

const ACAO: H = ['Access-Control-Allow-Origin', PAGE];
const ACAC: H = ['Access-Control-Allow-Credentials', 'true'];
const acam = (v: string): H => ['Access-Control-Allow-Methods', v];
const acah = (v: string): H => ['Access-Control-Allow-Headers', v];

function pf(res: H[], o: Partial<Omit<PreflightCheckInput, 'responseHeaders'>> = {}) {
  return corsPreflightCheck({
    status: 204,
    redirected: false,
    responseHeaders: hdrs(...res),
    origin: PAGE,
    credentialsInclude: false,
    responseUrlIsHttp: true,
    method: 'PUT',
    unsafeHeaderNames: [],
    hasAuthorization: false,
    ...o,
  });
}
const fail = (corsError: CorsError, failedParameter = '') => ({ corsError, failedParameter });

describe('Table A ground truth (Chromium 156)', () => {
  it('c4: PUT, ACAM "GET, POST" → MethodDisallowedByPreflightResponse PUT', () => {
    expect(pf([ACAO, acam('GET, POST')])).toEqual(fail('MethodDisallowedByPreflightResponse', 'PUT'));
  });
  it('c5: GET + X-Api-Key, ACAH "Content-Type" → HeaderDisallowedByPreflightResponse x-api-key', () => {
    expect(pf([ACAO, acah('Content-Type')], { method: 'GET', unsafeHeaderNames: ['x-api-key'] })).toEqual(fail('HeaderDisallowedByPreflightResponse', 'x-api-key'));
  });
  it('c6: 301 with a good ACAO → PreflightDisallowedRedirect', () => {
    expect(pf([ACAO, ['Location', '/c6-moved']], { status: 301, redirected: true })).toEqual(fail('PreflightDisallowedRedirect'));
  });
  it('c7: 401 with ACAO → PreflightInvalidStatus', () => {
    expect(pf([ACAO], { status: 401 })).toEqual(fail('PreflightInvalidStatus'));
  });
  it('c7b: 401 without ACAO → PreflightMissingAllowOriginHeader (origin before status)', () => {
    expect(pf([], { status: 401 })).toEqual(fail('PreflightMissingAllowOriginHeader'));
  });
  it('c8: PUT + X-Api-Key + JSON, everything allowed → pass', () => {
    expect(
      pf([ACAO, acam('GET, PUT, POST'), acah('content-type, x-api-key')], { unsafeHeaderNames: ['content-type', 'x-api-key'] }),
    ).toBeNull();
  });
  it('c12: 204 without ACAO → PreflightMissingAllowOriginHeader', () => {
    expect(pf([acam('PUT')], { status: 204 })).toEqual(fail('PreflightMissingAllowOriginHeader'));
  });
});

describe('step 1: any redirect fails first (before ACAO and status)', () => {
  it.each([301, 302, 303, 307, 308])('%i redirected, no ACAO at all → PreflightDisallowedRedirect', (status) => {
    expect(pf([['Location', 'https://elsewhere.example/']], { status, redirected: true })).toEqual(fail('PreflightDisallowedRedirect'));
  });

  it('redirected with a mismatching ACAO is still the redirect error', () => {
    expect(pf([['Access-Control-Allow-Origin', 'http://evil.example']], { status: 302, redirected: true })).toEqual(fail('PreflightDisallowedRedirect'));
  });

  it('redirected flag set by net::ERR_INVALID_REDIRECT even with status 0', () => {
    expect(pf([], { status: 0, redirected: true })).toEqual(fail('PreflightDisallowedRedirect'));
  });
});

describe('step 2: the CORS check (actual request credentials mode) → Preflight* variants, whatever the status', () => {
  it.each<[string, H[], Partial<PreflightCheckInput>, ReturnType<typeof fail>]>([
    ['missing, 200', [], { status: 200 }, fail('PreflightMissingAllowOriginHeader')],
    ['missing, 404', [], { status: 404 }, fail('PreflightMissingAllowOriginHeader')],
    ['missing, 500', [], { status: 500 }, fail('PreflightMissingAllowOriginHeader')],
    ['mismatch, 204', [['Access-Control-Allow-Origin', 'http://evil.example']], {}, fail('PreflightAllowOriginMismatch', 'http://evil.example')],
    ['mismatch, 403', [['Access-Control-Allow-Origin', 'http://evil.example']], { status: 403 }, fail('PreflightAllowOriginMismatch', 'http://evil.example')],
    ['trailing slash', [['Access-Control-Allow-Origin', `${PAGE}/`]], {}, fail('PreflightAllowOriginMismatch', `${PAGE}/`)],
    ['two lines', [ACAO, ACAO], {}, fail('PreflightMultipleAllowOriginValues', `${PAGE}, ${PAGE}`)],
    ['invalid', [['Access-Control-Allow-Origin', 'example.com']], {}, fail('PreflightInvalidAllowOriginValue', 'example.com')],
    ['* with credentials', [['Access-Control-Allow-Origin', '*'], ACAC], { credentialsInclude: true }, fail('PreflightWildcardOriginNotAllowed')],
    ['exact with credentials, no ACAC', [ACAO], { credentialsInclude: true }, fail('PreflightInvalidAllowCredentials', '')],
    ['exact with credentials, ACAC TRUE', [ACAO, ['Access-Control-Allow-Credentials', 'TRUE']], { credentialsInclude: true }, fail('PreflightInvalidAllowCredentials', 'TRUE')],
    ['null ACAO for a page origin', [['Access-Control-Allow-Origin', 'null']], {}, fail('PreflightAllowOriginMismatch', 'null')],
  ])('%s', (_label, res, o, expected) => {
    expect(pf(res, o)).toEqual(expected);
  });

  it('* without credentials passes the CORS check', () => {
    expect(pf([['Access-Control-Allow-Origin', '*'], acam('PUT')])).toBeNull();
  });

  it('tainted origin "null" with ACAO null passes', () => {
    expect(pf([['Access-Control-Allow-Origin', 'null'], acam('PUT')], { origin: 'null' })).toBeNull();
  });

  it('* with credentials on a non-http(s) response passes the CORS check (Chromium only rejects it for http(s))', () => {
    expect(pf([['Access-Control-Allow-Origin', '*'], ACAC, acam('PUT')], { credentialsInclude: true, responseUrlIsHttp: false })).toBeNull();
  });
});

describe('step 3: ok status is 200–299', () => {
  it.each([
    [0, true], [100, true], [199, true], [200, false], [201, false], [204, false], [206, false], [299, false], [300, true],
    [301, true], [302, true], [304, true], [307, true], [400, true], [401, true], [403, true], [404, true], [405, true],
    [500, true], [502, true], [503, true],
  ])('status %i with a good ACAO (not redirected) → invalid: %s', (status, invalid) => {
    const out = pf([ACAO, acam('PUT')], { status });
    expect(out).toEqual(invalid ? fail('PreflightInvalidStatus') : null);
  });

  it('a bad ACAM is not reported when the status is already bad', () => {
    expect(pf([ACAO, acam('PUT POST')], { status: 500 })).toEqual(fail('PreflightInvalidStatus'));
  });
});

describe('step 4: parsing Access-Control-Allow-Methods / -Headers', () => {
  it.each([['PUT POST'], ['PUT;POST'], ['"PUT"'], ['PUT, P@T'], ['GET/POST']])('ACAM %j → InvalidAllowMethodsPreflightResponse', (v) => {
    expect(pf([ACAO, acam(v)])).toEqual(fail('InvalidAllowMethodsPreflightResponse'));
  });

  it.each([['X Api Key'], ['x-api-key:'], ['"x-api-key"'], ['x-api-key, a(b)'], ['content-type;x']])('ACAH %j → InvalidAllowHeadersPreflightResponse', (v) => {
    expect(pf([ACAO, acam('PUT'), acah(v)])).toEqual(fail('InvalidAllowHeadersPreflightResponse'));
  });

  it('both invalid → the methods error (parsed first)', () => {
    expect(pf([ACAO, acam('PUT POST'), acah('X Y')])).toEqual(fail('InvalidAllowMethodsPreflightResponse'));
  });

  it('an invalid ACAM is reported even for a safelisted method (parse comes before the method check)', () => {
    expect(pf([ACAO, acam('GET POST')], { method: 'GET' })).toEqual(fail('InvalidAllowMethodsPreflightResponse'));
  });

  it('an invalid ACAH is reported even when no header needs allowing', () => {
    expect(pf([ACAO, acam('PUT'), acah('a b')])).toEqual(fail('InvalidAllowHeadersPreflightResponse'));
  });

  it.each([[',,PUT,,'], ['PUT, '], [' PUT '], ['GET,PUT'], ['\tPUT']])('ACAM %j parses (empty items and whitespace are fine)', (v) => {
    expect(pf([ACAO, acam(v)])).toBeNull();
  });
});

describe('step 5: the method', () => {
  it.each<[string, string, string | null, boolean]>([
    ['PUT', 'PUT', null, true],
    ['PUT', 'GET, PUT', null, true],
    ['PUT', 'GET, POST', 'PUT', false],
    ['PUT', 'put', 'PUT', false], // byte-exact
    ['DELETE', 'delete', 'DELETE', false],
    ['PATCH', 'PATCH', null, true],
    ['PATCH', 'patch', 'PATCH', false],
    ['patch', 'PATCH', 'patch', false], // fetch sends 'patch' as written; a server listing PATCH does not match
    ['patch', 'patch', null, true],
    ['FOO-BAR', 'FOO-BAR', null, true],
    ['PUT', '', 'PUT', false],
  ])('method %s, ACAM %j', (method, allowed, param, ok) => {
    expect(pf([ACAO, acam(allowed)], { method })).toEqual(ok ? null : fail('MethodDisallowedByPreflightResponse', param ?? ''));
  });

  it('ACAM absent → a non-safelisted method is disallowed', () => {
    expect(pf([ACAO], { method: 'DELETE' })).toEqual(fail('MethodDisallowedByPreflightResponse', 'DELETE'));
  });

  it.each([['GET'], ['HEAD'], ['POST']])('safelisted %s is always allowed, even when ACAM lists something else or is absent', (method) => {
    expect(pf([ACAO, acam('PUT')], { method })).toBeNull();
    expect(pf([ACAO], { method })).toBeNull();
  });

  it('two ACAM lines are combined', () => {
    expect(pf([ACAO, acam('GET'), acam('PUT')])).toBeNull();
  });

  it('ACAM * allows any method without credentials', () => {
    expect(pf([ACAO, acam('*')], { method: 'DELETE' })).toBeNull();
    expect(pf([ACAO, acam('*')], { method: 'patch' })).toBeNull();
  });

  it('ACAM * is a literal method name with credentials', () => {
    expect(pf([ACAO, ACAC, acam('*')], { method: 'PUT', credentialsInclude: true })).toEqual(fail('MethodDisallowedByPreflightResponse', 'PUT'));
    expect(pf([ACAO, ACAC, acam('*, PUT')], { method: 'PUT', credentialsInclude: true })).toBeNull();
    expect(pf([ACAO, ACAC, acam('*')], { method: 'POST', credentialsInclude: true })).toBeNull();
  });

  it('the method is checked before the headers', () => {
    expect(pf([ACAO, acam('GET')], { method: 'PUT', unsafeHeaderNames: ['x-api-key'] })).toEqual(fail('MethodDisallowedByPreflightResponse', 'PUT'));
  });
});

describe('step 6: the headers', () => {
  it.each<[string, string[], string | null]>([
    ['x-api-key', ['x-api-key'], null],
    ['X-API-KEY', ['x-api-key'], null], // case-insensitive
    ['X-Api-Key, Content-Type', ['content-type', 'x-api-key'], null],
    ['Content-Type', ['content-type', 'x-api-key'], 'x-api-key'],
    ['x-api-key', ['content-type', 'x-api-key'], 'content-type'], // the first missing name in check order
    ['', ['x-api-key'], 'x-api-key'],
    ['x-api-ke', ['x-api-key'], 'x-api-key'],
    ['x-api-key', [], null],
    ['', [], null],
  ])('ACAH %j for %j', (allowed, names, missing) => {
    expect(pf([ACAO, acam('PUT'), acah(allowed)], { unsafeHeaderNames: names })).toEqual(missing === null ? null : fail('HeaderDisallowedByPreflightResponse', missing));
  });

  it('ACAH absent → every unsafe header is disallowed', () => {
    expect(pf([ACAO, acam('PUT')], { unsafeHeaderNames: ['content-type'] })).toEqual(fail('HeaderDisallowedByPreflightResponse', 'content-type'));
  });

  it('two ACAH lines are combined', () => {
    expect(pf([ACAO, acam('PUT'), acah('x-a'), acah('x-b')], { unsafeHeaderNames: ['x-a', 'x-b'] })).toBeNull();
  });

  it('ACAH * allows any header without credentials', () => {
    expect(pf([ACAO, acam('PUT'), acah('*')], { unsafeHeaderNames: ['content-type', 'x-api-key', 'x-b'] })).toBeNull();
  });

  it('ACAH * is a literal name with credentials', () => {
    expect(pf([ACAO, ACAC, acam('PUT'), acah('*')], { credentialsInclude: true, unsafeHeaderNames: ['x-api-key'] })).toEqual(
      fail('HeaderDisallowedByPreflightResponse', 'x-api-key'),
    );
    expect(pf([ACAO, ACAC, acam('PUT'), acah('*, x-api-key')], { credentialsInclude: true, unsafeHeaderNames: ['x-api-key'] })).toBeNull();
  });
});

describe('Authorization is never covered by * (Chrome); Firefox and Safari let * cover it (§3)', () => {
  const auth = { unsafeHeaderNames: ['authorization'], hasAuthorization: true };

  it('Chrome (default): ACAH * + Authorization → HeaderDisallowedByPreflightResponse authorization', () => {
    expect(pf([ACAO, acam('PUT'), acah('*')], auth)).toEqual(fail('HeaderDisallowedByPreflightResponse', 'authorization'));
  });

  it('Chrome (explicit): same', () => {
    expect(pf([ACAO, acam('PUT'), acah('*')], { ...auth, authorizationNeedsExplicitListing: true })).toEqual(
      fail('HeaderDisallowedByPreflightResponse', 'authorization'),
    );
  });

  it('Chrome with other unsafe headers under *: only authorization is reported', () => {
    expect(pf([ACAO, acam('PUT'), acah('*')], { unsafeHeaderNames: ['authorization', 'content-type'], hasAuthorization: true })).toEqual(
      fail('HeaderDisallowedByPreflightResponse', 'authorization'),
    );
  });

  it.each([['*, Authorization'], ['*, authorization'], ['AUTHORIZATION, *'], ['Authorization']])('ACAH %j lists it → pass', (v) => {
    expect(pf([ACAO, acam('PUT'), acah(v)], auth)).toBeNull();
  });

  it('Firefox/Safari rules: * covers Authorization', () => {
    expect(pf([ACAO, acam('PUT'), acah('*')], { ...auth, authorizationNeedsExplicitListing: false })).toBeNull();
  });

  it('without * Authorization must be listed, for every engine', () => {
    expect(pf([ACAO, acam('PUT'), acah('content-type')], { ...auth, authorizationNeedsExplicitListing: false })).toEqual(
      fail('HeaderDisallowedByPreflightResponse', 'authorization'),
    );
  });

  it('with credentials, * is literal, so Authorization must be listed', () => {
    expect(pf([ACAO, ACAC, acam('PUT'), acah('*')], { ...auth, credentialsInclude: true, authorizationNeedsExplicitListing: false })).toEqual(
      fail('HeaderDisallowedByPreflightResponse', 'authorization'),
    );
  });

  it('GET + Authorization with ACAH * (method is safelisted, header is not covered)', () => {
    expect(pf([ACAO, acah('*')], { ...auth, method: 'GET' })).toEqual(fail('HeaderDisallowedByPreflightResponse', 'authorization'));
  });
});

describe('full check order on one response with every problem', () => {
  const everything: H[] = [['Access-Control-Allow-Origin', 'http://evil.example'], acam('PUT POST'), acah('a b')];
  it('redirect > origin', () => {
    expect(pf(everything, { status: 302, redirected: true })).toEqual(fail('PreflightDisallowedRedirect'));
  });
  it('origin > status', () => {
    expect(pf(everything, { status: 500 })).toEqual(fail('PreflightAllowOriginMismatch', 'http://evil.example'));
  });
  it('status > parse', () => {
    expect(pf([ACAO, acam('PUT POST')], { status: 500 })).toEqual(fail('PreflightInvalidStatus'));
  });
  it('parse > method > headers', () => {
    expect(pf([ACAO, acam('GET'), acah('a b')], { unsafeHeaderNames: ['x'] })).toEqual(fail('InvalidAllowHeadersPreflightResponse'));
    expect(pf([ACAO, acam('GET'), acah('y')], { unsafeHeaderNames: ['x'] })).toEqual(fail('MethodDisallowedByPreflightResponse', 'PUT'));
  });
});

describe('effectiveMaxAge (§2.6)', () => {
  it.each<['chrome' | 'firefox' | 'safari']>([['chrome'], ['firefox'], ['safari']])('%s: absent → 5 s', (engine) => {
    expect(effectiveMaxAge(null, engine)).toBe(5);
  });

  it.each<[string, 'chrome' | 'firefox' | 'safari', number]>([
    ['600', 'chrome', 600],
    ['600', 'firefox', 600],
    ['600', 'safari', 600],
    ['1', 'chrome', 1],
    ['7200', 'chrome', 7200],
    ['7201', 'chrome', 7200],
    ['86400', 'chrome', 7200],
    ['86400', 'firefox', 86400],
    ['86401', 'firefox', 86400],
    ['100000', 'firefox', 86400],
    ['600', 'safari', 600],
    ['601', 'safari', 600],
    ['7200', 'safari', 600],
  ])('%s on %s → %i (capped)', (v, engine, expected) => {
    expect(effectiveMaxAge(v, engine)).toBe(expected);
  });

  it('Chromium: not an integer → 5 s; negative → 0 (not cached)', () => {
    expect(effectiveMaxAge('abc', 'chrome')).toBe(5);
    expect(effectiveMaxAge('1.5', 'chrome')).toBe(5);
    expect(effectiveMaxAge('', 'chrome')).toBe(5);
    expect(effectiveMaxAge('-1', 'chrome')).toBe(0);
    expect(effectiveMaxAge('-600', 'chrome')).toBe(0);
  });

  it.each([['0'], ['-1'], ['abc'], ['1.5'], ['10s']])('Firefox: %j → 0 (any non-digit → not cached; 0 → not cached)', (v) => {
    expect(effectiveMaxAge(v, 'firefox')).toBe(0);
  });

  it('WebKit: unparseable → 5 s; negative → expires at once', () => {
    expect(effectiveMaxAge('abc', 'safari')).toBe(5);
    expect(effectiveMaxAge('-1', 'safari')).toBe(0);
  });
});
