/**
 * src/core/messages/safari.ts — Safari (WebKit) console lines.
 * Facts: browser-cors.md §6: three lines per failure — the reason, "{Fetch API|XMLHttpRequest|EventSource} cannot
 * load {url} due to access control checks." ("Cannot load …" for other initiators), "Failed to load resource:
 * {reason}"; reason texts per case (ACAO missing or mismatched → "Origin {origin} is not allowed by
 * Access-Control-Allow-Origin. Status code: {status}"; ACAO containing "," → "cannot contain more than one origin";
 * wildcard with credentials; ACAC not "true"; preflight not 2xx including 3xx → "Preflight response is not
 * successful. Status code: {status}"; bad ACAM/ACAH with the value; method; header name as sent; redirect with
 * credentials; a redirect failing the CORS check → "Cross-origin redirection to {url} denied by Cross-Origin
 * Resource Sharing policy: {reason}"; same-origin mode). §3: an unparseable ACAO is "Origin … is not allowed";
 * a list with a space but no comma is not "more than one origin" (WebKit looks for ","); Local Network Access is
 * reported as mixed content, not as a CORS reason.
 * (WebKit checks the preflight status before ACAO; that ordering is decided by the evaluator, which then hands
 * this module PreflightInvalidStatus — see src/core/cors/evaluate.ts — so it is not tested here.)
 */
import { describe, expect, it } from 'vitest';
import type { FailureDetail } from '../../../src/core/messages/failure.js';
import { safariConsoleLines } from '../../../src/core/messages/safari.js';
import type { CorsError } from '../../../src/core/model.js';
import { API, PAGE } from '../../helpers/units-builders.js';

const URL1 = `${API}/c`;
function detail(corsError: CorsError, o: Partial<FailureDetail> = {}): FailureDetail {
  return {
    corsError,
    failedParameter: '',
    preflight: false,
    url: URL1,
    initialUrl: URL1,
    status: 200,
    allowOriginLines: 1,
    method: 'GET',
    wireOrigin: PAGE,
    pageOrigin: PAGE,
    resourceKind: 'fetch',
    ...o,
  };
}
const lines = (code: CorsError, o: Partial<FailureDetail> = {}) => safariConsoleLines(detail(code, o));
const reasonOf = (code: CorsError, o: Partial<FailureDetail> = {}) => lines(code, o)[0]?.text;
const three = (reason: string, key: string, url = URL1, api = 'Fetch API') => [
  { key, text: reason },
  { key: 'access-control-checks', text: `${api} cannot load ${url} due to access control checks.` },
  { key: 'failed-to-load', text: `Failed to load resource: ${reason}` },
];

describe('the three lines', () => {
  it('ACAO missing on a fetch, status 200', () => {
    expect(lines('MissingAllowOriginHeader')).toEqual(
      three(`Origin ${PAGE} is not allowed by Access-Control-Allow-Origin. Status code: 200`, 'origin-not-allowed'),
    );
  });

  it('XMLHttpRequest', () => {
    expect(lines('MissingAllowOriginHeader', { resourceKind: 'XMLHttpRequest' })[1]?.text).toBe(`XMLHttpRequest cannot load ${URL1} due to access control checks.`);
  });

  it('EventSource', () => {
    expect(lines('MissingAllowOriginHeader', { resourceKind: 'EventSource' })[1]?.text).toBe(`EventSource cannot load ${URL1} due to access control checks.`);
  });

  it.each([['script'], ['font'], ['image'], ['CSS stylesheet']])('%s → "Cannot load …"', (kind) => {
    expect(lines('MissingAllowOriginHeader', { resourceKind: kind })[1]?.text).toBe(`Cannot load ${URL1} due to access control checks.`);
  });
});

describe('reason texts (§6 table)', () => {
  it.each<[CorsError, Partial<FailureDetail>, string, string]>([
    ['MissingAllowOriginHeader', { status: 200 }, 'origin-not-allowed', `Origin ${PAGE} is not allowed by Access-Control-Allow-Origin. Status code: 200`],
    ['MissingAllowOriginHeader', { status: 500 }, 'origin-not-allowed', `Origin ${PAGE} is not allowed by Access-Control-Allow-Origin. Status code: 500`],
    ['AllowOriginMismatch', { failedParameter: 'http://evil.example' }, 'origin-not-allowed', `Origin ${PAGE} is not allowed by Access-Control-Allow-Origin. Status code: 200`],
    ['InvalidAllowOriginValue', { failedParameter: 'example.com' }, 'origin-not-allowed', `Origin ${PAGE} is not allowed by Access-Control-Allow-Origin. Status code: 200`],
    ['MultipleAllowOriginValues', { failedParameter: `${PAGE}, ${PAGE}`, allowOriginLines: 2 }, 'multiple-origins', 'Access-Control-Allow-Origin cannot contain more than one origin.'],
    ['MultipleAllowOriginValues', { failedParameter: 'https://a.example,https://b.example' }, 'multiple-origins', 'Access-Control-Allow-Origin cannot contain more than one origin.'],
    ['MultipleAllowOriginValues', { failedParameter: 'https://a.example https://b.example' }, 'origin-not-allowed', `Origin ${PAGE} is not allowed by Access-Control-Allow-Origin. Status code: 200`],
    ['WildcardOriginNotAllowed', {}, 'wildcard-with-credentials', 'Cannot use wildcard in Access-Control-Allow-Origin when credentials flag is true.'],
    ['InvalidAllowCredentials', { failedParameter: 'TRUE' }, 'credentials-not-true', 'Credentials flag is true, but Access-Control-Allow-Credentials is not "true".'],
    ['PreflightInvalidStatus', { preflight: true, status: 401 }, 'preflight-not-ok', 'Preflight response is not successful. Status code: 401'],
    ['PreflightInvalidStatus', { preflight: true, status: 404 }, 'preflight-not-ok', 'Preflight response is not successful. Status code: 404'],
    ['PreflightDisallowedRedirect', { preflight: true, status: 301 }, 'preflight-not-ok', 'Preflight response is not successful. Status code: 301'],
    ['PreflightDisallowedRedirect', { preflight: true, status: 307 }, 'preflight-not-ok', 'Preflight response is not successful. Status code: 307'],
    ['PreflightMissingAllowOriginHeader', { preflight: true, status: 204 }, 'origin-not-allowed', `Origin ${PAGE} is not allowed by Access-Control-Allow-Origin. Status code: 204`],
    ['PreflightAllowOriginMismatch', { preflight: true, status: 204, failedParameter: 'http://e.example' }, 'origin-not-allowed', `Origin ${PAGE} is not allowed by Access-Control-Allow-Origin. Status code: 204`],
    ['PreflightWildcardOriginNotAllowed', { preflight: true }, 'wildcard-with-credentials', 'Cannot use wildcard in Access-Control-Allow-Origin when credentials flag is true.'],
    ['PreflightInvalidAllowCredentials', { preflight: true }, 'credentials-not-true', 'Credentials flag is true, but Access-Control-Allow-Credentials is not "true".'],
    ['PreflightMultipleAllowOriginValues', { preflight: true, failedParameter: 'a, b' }, 'multiple-origins', 'Access-Control-Allow-Origin cannot contain more than one origin.'],
    ['InvalidAllowMethodsPreflightResponse', { preflight: true, failedParameter: 'PUT POST' }, 'invalid-allow-methods', 'Header Access-Control-Allow-Methods has an invalid value: PUT POST'],
    ['InvalidAllowHeadersPreflightResponse', { preflight: true, failedParameter: 'x y' }, 'invalid-allow-headers', 'Header Access-Control-Allow-Headers has an invalid value: x y'],
    ['MethodDisallowedByPreflightResponse', { preflight: true, method: 'PUT', failedParameter: 'PUT' }, 'method-not-allowed', 'Method PUT is not allowed by Access-Control-Allow-Methods.'],
    ['MethodDisallowedByPreflightResponse', { preflight: true, method: 'patch', failedParameter: 'patch' }, 'method-not-allowed', 'Method patch is not allowed by Access-Control-Allow-Methods.'],
    ['HeaderDisallowedByPreflightResponse', { preflight: true, failedParameter: 'x-api-key', headerAsSent: 'X-Api-Key' }, 'header-not-allowed', 'Request header field X-Api-Key is not allowed by Access-Control-Allow-Headers.'],
    ['HeaderDisallowedByPreflightResponse', { preflight: true, failedParameter: 'x-api-key' }, 'header-not-allowed', 'Request header field x-api-key is not allowed by Access-Control-Allow-Headers.'],
    ['RedirectContainsCredentials', { failedParameter: 'https://u:p@b.example/' }, 'redirect-credentials', 'Cross-origin redirection to https://u:p@b.example/ denied by Cross-Origin Resource Sharing policy: redirection URL https://u:p@b.example/ has credentials'],
    ['DisallowedByMode', { url: 'https://other.example/x' }, 'same-origin-mode', `Unsafe attempt to load URL https://other.example/x from origin ${PAGE}. Domains, protocols and ports must match.`],
  ])('%s %j', (code, o, key, text) => {
    const out = lines(code, o);
    expect(out[0]).toEqual({ key, text });
    expect(out[2]).toEqual({ key: 'failed-to-load', text: `Failed to load resource: ${text}` });
  });

  it('the origin printed is the one on the wire ("null" after a tainting redirect)', () => {
    expect(reasonOf('AllowOriginMismatch', { wireOrigin: 'null', pageOrigin: PAGE })).toBe('Origin null is not allowed by Access-Control-Allow-Origin. Status code: 200');
  });
});

describe('redirects', () => {
  it('a redirect response that fails the CORS check is a denied redirection naming its target', () => {
    const out = lines('MissingAllowOriginHeader', { status: 302, redirectTarget: 'https://b.example/next' });
    const reason = `Cross-origin redirection to https://b.example/next denied by Cross-Origin Resource Sharing policy: Origin ${PAGE} is not allowed by Access-Control-Allow-Origin. Status code: 302`;
    expect(out).toEqual(three(reason, 'origin-not-allowed'));
  });

  it('the redirect-with-credentials reason is not wrapped twice', () => {
    const out = lines('RedirectContainsCredentials', { failedParameter: 'https://u:p@b.example/', redirectTarget: 'https://u:p@b.example/' });
    expect(out[0]?.text.match(/Cross-origin redirection to/g)).toHaveLength(1);
  });

  it('a preflight failure is never described as a redirection', () => {
    expect(reasonOf('PreflightDisallowedRedirect', { preflight: true, status: 301, redirectTarget: 'https://b.example/' })).toBe('Preflight response is not successful. Status code: 301');
  });
});

describe('every reason gets the same two companion lines', () => {
  const CODES: CorsError[] = [
    'MissingAllowOriginHeader', 'AllowOriginMismatch', 'InvalidAllowOriginValue', 'MultipleAllowOriginValues', 'WildcardOriginNotAllowed',
    'InvalidAllowCredentials', 'PreflightInvalidStatus', 'PreflightDisallowedRedirect', 'PreflightMissingAllowOriginHeader',
    'InvalidAllowMethodsPreflightResponse', 'InvalidAllowHeadersPreflightResponse', 'MethodDisallowedByPreflightResponse',
    'HeaderDisallowedByPreflightResponse', 'RedirectContainsCredentials', 'DisallowedByMode',
  ];
  it.each(CODES.map((c) => [c]))('%s (XMLHttpRequest)', (code) => {
    const out = lines(code, { resourceKind: 'XMLHttpRequest', failedParameter: 'p, q', method: 'PUT' });
    expect(out).toHaveLength(3);
    expect(out[1]).toEqual({ key: 'access-control-checks', text: `XMLHttpRequest cannot load ${URL1} due to access control checks.` });
    expect(out[2]?.text).toBe(`Failed to load resource: ${out[0]?.text}`);
    for (const l of out) expect(l.text).not.toMatch(/[\r\n]/);
  });

  it('the "cannot load" line names the failing (last) URL', () => {
    expect(lines('MissingAllowOriginHeader', { url: 'https://b.example/final', initialUrl: 'http://a.example/start' })[1]?.text).toBe(
      'Fetch API cannot load https://b.example/final due to access control checks.',
    );
  });

  it('a denied redirection on an XHR', () => {
    const out = lines('AllowOriginMismatch', { resourceKind: 'XMLHttpRequest', status: 301, redirectTarget: 'https://b.example/', failedParameter: 'x' });
    expect(out[0]?.text.startsWith('Cross-origin redirection to https://b.example/ denied by Cross-Origin Resource Sharing policy: Origin ')).toBe(true);
    expect(out[0]?.text.endsWith('Status code: 301')).toBe(true);
  });

  it('a trailing comma is "more than one origin" (WebKit looks for ",")', () => {
    expect(reasonOf('MultipleAllowOriginValues', { failedParameter: `${PAGE},` })).toBe('Access-Control-Allow-Origin cannot contain more than one origin.');
  });
});

describe('no Safari line', () => {
  it.each<[CorsError]>([['LocalNetworkAccessPermissionDenied'], ['InsecureLocalNetwork'], ['InvalidLocalNetworkAccess'], ['PreflightMissingAllowPrivateNetwork']])(
    '%s → no lines (Safari has no such CORS reason)',
    (code) => {
      expect(lines(code)).toEqual([]);
    },
  );
});

describe('inert text', () => {
  it('values are inserted verbatim', () => {
    expect(reasonOf('InvalidAllowMethodsPreflightResponse', { preflight: true, failedParameter: '<b>$1</b>' })).toBe('Header Access-Control-Allow-Methods has an invalid value: <b>$1</b>');
  });
});
