/**
 * src/core/messages/explain-console.ts — a pasted console line → reason, parameter, URL, origin, look-alike.
 * Facts: extension-capture.md Table A2 (Chromium 156 lines, exact) and Table F (Firefox ESR 153 lines);
 * browser-cors.md §4.1/§4.2 (Chrome template and bodies; the CorsDisabledScheme scheme list "depends on the build";
 * older builds appended " If an opaque response serves your needs, …"), §5 (Firefox keys, old wordings
 * "CORS preflight channel did not succeed" and "missing token ‘xyz’ in CORS header ‘Access-Control-Allow-Headers’
 * from CORS preflight channel", the Authorization-under-* warning), §6 (Safari lines; "[Error] " prefix),
 * §7 (look-alikes, each browser's wording: mixed content, CSP, ad blocker, CORP, ORB/CORB, network failures;
 * JavaScript only sees "TypeError: Failed to fetch" / "NetworkError when attempting to fetch resource." /
 * "Load failed"). Only texts marked verified or observed are used; unverified ones are not asserted.
 */
import { describe, expect, it } from 'vitest';
import { REASONS } from '../../../src/core/catalog/reasons.js';
import { chromeConsoleMessage } from '../../../src/core/messages/chrome.js';
import { explainConsoleMessage } from '../../../src/core/messages/explain-console.js';
import type { CorsError } from '../../../src/core/model.js';
import { API, PAGE } from '../../helpers/units-builders.js';

const A2 = (n: string, body: string) => `Access to fetch at '${API}/${n}' from origin '${PAGE}' has been blocked by CORS policy: ${body}`;
const PF = "Response to preflight request doesn't pass access control check: ";
const FF = (url: string, reason: string) => `Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at ${url}. (Reason: ${reason}`;

describe('Chrome: Table A2 lines (Chromium 156)', () => {
  it.each<[string, string, CorsError, string, boolean]>([
    ['c1', "No 'Access-Control-Allow-Origin' header is present on the requested resource.", 'MissingAllowOriginHeader', '', false],
    ['c2', "The 'Access-Control-Allow-Origin' header has a value 'http://evil.example' that is not equal to the supplied origin. Have the server send the header with a valid value.", 'AllowOriginMismatch', 'http://evil.example', false],
    ['c3', "The value of the 'Access-Control-Allow-Origin' header in the response must not be the wildcard '*' when the request's credentials mode is 'include'.", 'WildcardOriginNotAllowed', '', false],
    ['c4', 'Method PUT is not allowed by Access-Control-Allow-Methods in preflight response.', 'MethodDisallowedByPreflightResponse', 'PUT', true],
    ['c5', 'Request header field x-api-key is not allowed by Access-Control-Allow-Headers in preflight response.', 'HeaderDisallowedByPreflightResponse', 'x-api-key', true],
    ['c6', `${PF}Redirect is not allowed for a preflight request.`, 'PreflightDisallowedRedirect', '', true],
    ['c7', `${PF}It does not have HTTP ok status.`, 'PreflightInvalidStatus', '', true],
    ['c7b', `${PF}No 'Access-Control-Allow-Origin' header is present on the requested resource.`, 'PreflightMissingAllowOriginHeader', '', true],
    ['c9', "The 'Access-Control-Allow-Origin' header contains multiple values 'http://127.0.0.1:8001, http://127.0.0.1:8001', but only one is allowed. Have the server send the header with a valid value.", 'MultipleAllowOriginValues', 'http://127.0.0.1:8001, http://127.0.0.1:8001', false],
    ['c11', "No 'Access-Control-Allow-Origin' header is present on the requested resource.", 'MissingAllowOriginHeader', '', false],
    ['c12', `${PF}No 'Access-Control-Allow-Origin' header is present on the requested resource.`, 'PreflightMissingAllowOriginHeader', '', true],
    ['c13', "The value of the 'Access-Control-Allow-Credentials' header in the response is '' which must be 'true' when the request's credentials mode is 'include'.", 'InvalidAllowCredentials', '', false],
  ])('%s', (n, body, code, param, preflight) => {
    const e = explainConsoleMessage(A2(n, body));
    expect(e.browser).toBe('chrome');
    expect(e.corsError).toBe(code);
    expect(e.failedParameter).toBe(param);
    expect(e.url).toBe(`${API}/${n}`);
    expect(e.origin).toBe(PAGE);
    expect(e.resourceKind).toBe('fetch');
    expect(e.redirectedFrom).toBeNull();
    expect(e.preflight).toBe(preflight);
    expect(e.notCors).toBeNull();
    expect(e.title).toBe(REASONS[code].title);
    expect(e.explanation).toBe(REASONS[code].explanation);
    expect(e.fixSummary).toBe(REASONS[code].fixSummary);
  });
});

describe('Chrome: how users paste lines', () => {
  const c1 = A2('c1', "No 'Access-Control-Allow-Origin' header is present on the requested resource.");

  it('with the source location in front ("(index):1 Access to fetch …")', () => {
    expect(explainConsoleMessage(`(index):1 ${c1}`).corsError).toBe('MissingAllowOriginHeader');
    expect(explainConsoleMessage(`127.0.0.1/:1 ${c1}`).url).toBe(`${API}/c1`);
  });

  it('with the companion line after it', () => {
    const e = explainConsoleMessage(`${c1}\nFailed to load resource: net::ERR_FAILED`);
    expect(e.corsError).toBe('MissingAllowOriginHeader');
    expect(e.notCors).toBeNull();
  });

  it('with the "GET … net::ERR_FAILED 200 (OK)" line after it, and CRLF line ends', () => {
    const e = explainConsoleMessage(`${A2('c2', "The 'Access-Control-Allow-Origin' header has a value 'http://evil.example' that is not equal to the supplied origin.")}\r\nGET ${API}/c2 net::ERR_FAILED 200 (OK)\r\n`);
    expect(e.corsError).toBe('AllowOriginMismatch');
    expect(e.failedParameter).toBe('http://evil.example');
  });

  it('surrounded by whitespace', () => {
    expect(explainConsoleMessage(`\n\t  ${c1}  \n`).corsError).toBe('MissingAllowOriginHeader');
  });

  it('from an older Chrome, with the opaque-response hint (2024 source)', () => {
    const e = explainConsoleMessage(`${c1} If an opaque response serves your needs, set the request's mode to 'no-cors' to fetch the resource with CORS disabled.`);
    expect(e.corsError).toBe('MissingAllowOriginHeader');
  });

  it('older Chrome mismatch hint ("…, or, if an opaque response serves your needs, …")', () => {
    const e = explainConsoleMessage(
      A2('c2', "The 'Access-Control-Allow-Origin' header has a value 'https://a.example/' that is not equal to the supplied origin. Have the server send the header with a valid value, or, if an opaque response serves your needs, set the request's mode to 'no-cors' to fetch the resource with CORS disabled."),
    );
    expect(e.corsError).toBe('AllowOriginMismatch');
    expect(e.failedParameter).toBe('https://a.example/');
  });

  it('XMLHttpRequest with the withCredentials hint', () => {
    const e = explainConsoleMessage(
      `Access to XMLHttpRequest at 'https://api.example/me' from origin 'https://app.example' has been blocked by CORS policy: The value of the 'Access-Control-Allow-Origin' header in the response must not be the wildcard '*' when the request's credentials mode is 'include'. The credentials mode of requests initiated by the XMLHttpRequest is controlled by the withCredentials attribute.`,
    );
    expect(e.corsError).toBe('WildcardOriginNotAllowed');
    expect(e.resourceKind).toBe('XMLHttpRequest');
    expect(e.origin).toBe('https://app.example');
  });

  it('a redirected request: last URL, first URL', () => {
    const e = explainConsoleMessage(
      `Access to fetch at 'https://api.example/items/' (redirected from 'http://api.example/items') from origin 'https://app.example' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.`,
    );
    expect(e.url).toBe('https://api.example/items/');
    expect(e.redirectedFrom).toBe('http://api.example/items');
    expect(e.corsError).toBe('MissingAllowOriginHeader');
  });

  it('origin null (opaque page)', () => {
    const e = explainConsoleMessage(`Access to fetch at 'http://localhost:8000/api' from origin 'null' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.`);
    expect(e.origin).toBe('null');
  });

  it('other resource kinds (script, font, CSS stylesheet)', () => {
    for (const kind of ['script', 'font', 'CSS stylesheet', 'image']) {
      const e = explainConsoleMessage(`Access to ${kind} at 'https://cdn.example/x' from origin 'https://app.example' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.`);
      expect(e.resourceKind).toBe(kind);
      expect(e.corsError).toBe('MissingAllowOriginHeader');
    }
  });

  it("a URL containing an apostrophe", () => {
    const e = explainConsoleMessage(`Access to fetch at 'https://api.example/it's' from origin 'https://app.example' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.`);
    expect(e.url).toBe("https://api.example/it's");
  });

  it('an unknown reason body is reported as Chrome, unrecognised', () => {
    const e = explainConsoleMessage(`Access to fetch at 'https://api.example/' from origin 'https://app.example' has been blocked by CORS policy: Something entirely new.`);
    expect(e.browser).toBe('chrome');
    expect(e.corsError).toBeNull();
    expect(e.explanation).toContain('Something entirely new.');
  });
});

describe('Chrome: other bodies', () => {
  it.each<[string, CorsError, string]>([
    ["The 'Access-Control-Allow-Origin' header contains the invalid value 'example.com'. Have the server send the header with a valid value.", 'InvalidAllowOriginValue', 'example.com'],
    ["The value of the 'Access-Control-Allow-Credentials' header in the response is 'TRUE' which must be 'true' when the request's credentials mode is 'include'.", 'InvalidAllowCredentials', 'TRUE'],
    ['Cannot parse Access-Control-Allow-Methods response header field in preflight response.', 'InvalidAllowMethodsPreflightResponse', ''],
    ['Cannot parse Access-Control-Allow-Headers response header field in preflight response.', 'InvalidAllowHeadersPreflightResponse', ''],
    ["Redirect location 'https://u:p@b.example/' contains a username and password, which is disallowed for cross-origin requests.", 'RedirectContainsCredentials', 'https://u:p@b.example/'],
    ['Cross origin requests are not allowed by request mode.', 'DisallowedByMode', ''],
    ['Method patch is not allowed by Access-Control-Allow-Methods in preflight response.', 'MethodDisallowedByPreflightResponse', 'patch'],
    ['Request header field authorization is not allowed by Access-Control-Allow-Headers in preflight response.', 'HeaderDisallowedByPreflightResponse', 'authorization'],
  ])('%s', (body, code, param) => {
    const e = explainConsoleMessage(A2('x', body));
    expect(e.corsError).toBe(code);
    expect(e.failedParameter).toBe(param);
  });

  it.each<[string, CorsError]>([
    [`${PF}The 'Access-Control-Allow-Origin' header has a value 'http://evil.example' that is not equal to the supplied origin.`, 'PreflightAllowOriginMismatch'],
    [`${PF}The 'Access-Control-Allow-Origin' header contains multiple values '*, *', but only one is allowed.`, 'PreflightMultipleAllowOriginValues'],
    [`${PF}The 'Access-Control-Allow-Origin' header contains the invalid value 'x'.`, 'PreflightInvalidAllowOriginValue'],
    [`${PF}The value of the 'Access-Control-Allow-Origin' header in the response must not be the wildcard '*' when the request's credentials mode is 'include'.`, 'PreflightWildcardOriginNotAllowed'],
    [`${PF}The value of the 'Access-Control-Allow-Credentials' header in the response is '' which must be 'true' when the request's credentials mode is 'include'.`, 'PreflightInvalidAllowCredentials'],
  ])('with the preflight prefix: %s', (body, code) => {
    const e = explainConsoleMessage(A2('x', body));
    expect(e.corsError).toBe(code);
    expect(e.preflight).toBe(true);
  });

  it('the same body without the prefix is the non-preflight code', () => {
    expect(explainConsoleMessage(A2('x', "The 'Access-Control-Allow-Origin' header contains the invalid value 'x'.")).corsError).toBe('InvalidAllowOriginValue');
  });

  it('CorsDisabledScheme with the scheme list of the example build in §4.2', () => {
    const e = explainConsoleMessage(
      "Access to fetch at 'file:///C:/data.json' from origin 'null' has been blocked by CORS policy: Cross origin requests are only supported for protocol schemes: http, data, isolated-app, chrome-extension, chrome, https, chrome-untrusted.",
    );
    expect(e.corsError).toBe('CorsDisabledScheme');
  });

  it('CorsDisabledScheme with another build\'s scheme list (the list depends on the build, §4.2)', () => {
    const e = explainConsoleMessage(
      "Access to XMLHttpRequest at 'file:///home/me/data.json' from origin 'null' has been blocked by CORS policy: Cross origin requests are only supported for protocol schemes: http, data, chrome, chrome-extension, https.",
    );
    expect(e.corsError).toBe('CorsDisabledScheme');
  });

  it('Local Network Access permission denied', () => {
    const e = explainConsoleMessage(A2('x', 'Permission was denied for this request to access the `loopback` address space.'));
    expect(e.corsError).toBe('LocalNetworkAccessPermissionDenied');
  });

  it('DisallowedByMode as Blink words it for fetch() (browser-cors.json: fetch_manager.cc)', () => {
    const e = explainConsoleMessage(
      `Fetch API cannot load https://api.example/x. Request mode is "same-origin" but the URL's origin is not same as the request origin https://app.example.`,
    );
    expect(e.browser).toBe('chrome');
    expect(e.corsError).toBe('DisallowedByMode');
    expect(e.url).toBe('https://api.example/x');
    expect(e.origin).toBe('https://app.example');
  });

  it('NoCorsRedirectModeNotFollow (Blink text)', () => {
    const e = explainConsoleMessage('Fetch API cannot load https://cdn.example/a.png. Request mode is "no-cors" but the redirect mode is not "follow".');
    expect(e.browser).toBe('chrome');
    expect(e.corsError).toBe('NoCorsRedirectModeNotFollow');
    expect(e.url).toBe('https://cdn.example/a.png');
  });
});

describe('Chrome: every line the message builder writes reads back to its code and parameter', () => {
  const CODES: Array<[CorsError, string]> = [
    ['DisallowedByMode', ''], ['InvalidResponse', ''], ['WildcardOriginNotAllowed', ''], ['MissingAllowOriginHeader', ''],
    ['MultipleAllowOriginValues', 'https://a.example, https://b.example'], ['InvalidAllowOriginValue', 'a.example'],
    ['AllowOriginMismatch', 'https://a.example'], ['InvalidAllowCredentials', 'yes'], ['CorsDisabledScheme', ''],
    ['PreflightInvalidStatus', ''], ['PreflightDisallowedRedirect', ''], ['PreflightWildcardOriginNotAllowed', ''],
    ['PreflightMissingAllowOriginHeader', ''], ['PreflightMultipleAllowOriginValues', 'a, b'], ['PreflightInvalidAllowOriginValue', 'zz'],
    ['PreflightAllowOriginMismatch', 'null'], ['PreflightInvalidAllowCredentials', 'false'], ['InvalidAllowMethodsPreflightResponse', ''],
    ['InvalidAllowHeadersPreflightResponse', ''], ['MethodDisallowedByPreflightResponse', 'DELETE'], ['HeaderDisallowedByPreflightResponse', 'x-b'],
    ['RedirectContainsCredentials', 'https://u:p@x.example/'], ['NoCorsRedirectModeNotFollow', ''],
  ];
  it.each(CODES)('%s', (code, param) => {
    for (const resourceKind of ['fetch', 'XMLHttpRequest']) {
      const line = chromeConsoleMessage({ corsError: code, failedParameter: param, resourceKind, url: 'https://api.example/v1/x?y=1', origin: 'https://app.example' });
      const e = explainConsoleMessage(line);
      expect(e.corsError, line).toBe(code);
      expect(e.failedParameter ?? '', line).toBe(param);
    }
  });

  it.each<[CorsError]>([['InsecureLocalNetwork'], ['InvalidLocalNetworkAccess'], ['LocalNetworkAccessPermissionDenied'], ['PreflightMissingAllowPrivateNetwork'], ['PreflightInvalidAllowPrivateNetwork']])(
    '%s reads back to its code',
    (code) => {
      const line = chromeConsoleMessage({ corsError: code, failedParameter: 'false', resourceKind: 'fetch', url: 'http://192.168.1.5/x', origin: 'https://app.example', addressSpace: 'local' });
      expect(explainConsoleMessage(line).corsError).toBe(code);
    },
  );
});

describe('Firefox: Table F lines (ESR 153) and §5 texts', () => {
  const u = (n: string) => `${API}/${n}`;
  it.each<[string, string, CorsError | null, string | null, boolean | null]>([
    ['c1', 'CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 200.', 'MissingAllowOriginHeader', null, null],
    ['c2', 'CORS header ‘Access-Control-Allow-Origin’ does not match ‘http://evil.example’).', 'AllowOriginMismatch', 'http://evil.example', null],
    ['c4', 'Did not find method in CORS header ‘Access-Control-Allow-Methods’).', 'MethodDisallowedByPreflightResponse', null, true],
    ['c5', 'header ‘x-api-key’ is not allowed according to header ‘Access-Control-Allow-Headers’ from CORS preflight response).', 'HeaderDisallowedByPreflightResponse', 'x-api-key', true],
    ['c6', 'CORS request external redirect not allowed).', 'PreflightDisallowedRedirect', null, true],
    ['c6b', 'CORS preflight response did not succeed). Status code: 301.', 'PreflightInvalidStatus', null, true],
    ['c9', 'Multiple CORS header ‘Access-Control-Allow-Origin’ not allowed).', 'MultipleAllowOriginValues', null, null],
    ['c13', 'expected ‘true’ in CORS header ‘Access-Control-Allow-Credentials’).', 'InvalidAllowCredentials', null, null],
    ['m', 'invalid token ‘PUT POST’ in CORS header ‘Access-Control-Allow-Methods’).', 'InvalidAllowMethodsPreflightResponse', 'PUT POST', true],
    ['h', 'invalid token ‘x:y’ in CORS header ‘Access-Control-Allow-Headers’).', 'InvalidAllowHeadersPreflightResponse', 'x:y', true],
    ['old1', 'CORS preflight channel did not succeed).', 'PreflightInvalidStatus', null, true],
    ['old2', 'missing token ‘xyz’ in CORS header ‘Access-Control-Allow-Headers’ from CORS preflight channel).', 'HeaderDisallowedByPreflightResponse', 'xyz', true],
    ['old3', 'CORS header ‘Access-Control-Allow-Origin’ missing).', 'MissingAllowOriginHeader', null, null],
    ['np', 'CORS request not http).', 'CorsDisabledScheme', null, null],
  ])('%s', (n, reason, code, param, preflight) => {
    const e = explainConsoleMessage(FF(u(n), reason));
    expect(e.browser).toBe('firefox');
    expect(e.url).toBe(u(n));
    expect(e.corsError).toBe(code);
    if (param !== null) expect(e.failedParameter).toBe(param);
    if (preflight !== null) expect(e.preflight).toBe(true);
  });

  it('c3: the credentials line wraps the URL in ‘ ’ — the URL comes out without them', () => {
    const e = explainConsoleMessage(
      `Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at ‘${u('c3')}’. (Reason: Credential is not supported if the CORS header ‘Access-Control-Allow-Origin’ is ‘*’).`,
    );
    expect(e.corsError).toBe('WildcardOriginNotAllowed');
    expect(e.url).toBe(u('c3'));
  });

  it('one Firefox text stands for several Chrome reasons: candidates are listed', () => {
    expect(explainConsoleMessage(FF(u('c1'), 'CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 204.')).candidates).toContain('PreflightMissingAllowOriginHeader');
    const mismatch = explainConsoleMessage(FF(u('c2'), 'CORS header ‘Access-Control-Allow-Origin’ does not match ‘example.com’).')).candidates;
    expect(mismatch).toEqual(expect.arrayContaining(['InvalidAllowOriginValue', 'MultipleAllowOriginValues', 'PreflightAllowOriginMismatch']));
  });

  it('"does not match" also stands for the preflight variants of an unparseable ACAO and a one-line list (§3)', () => {
    const mismatch = explainConsoleMessage(FF(u('c2'), 'CORS header ‘Access-Control-Allow-Origin’ does not match ‘a, b’).')).candidates;
    expect(mismatch).toEqual(expect.arrayContaining(['PreflightInvalidAllowOriginValue', 'PreflightMultipleAllowOriginValues']));
  });

  it('retyped with ASCII quotes still reads', () => {
    const e = explainConsoleMessage(FF(u('c2'), "CORS header 'Access-Control-Allow-Origin' does not match 'http://evil.example')."));
    expect(e.corsError).toBe('AllowOriginMismatch');
    expect(e.failedParameter).toBe('http://evil.example');
  });

  it('"CORS request did not succeed" is not a header reason: it points at a network failure or the line above', () => {
    const e = explainConsoleMessage(FF(u('c10'), 'CORS request did not succeed). Status code: (null).'));
    expect(e.browser).toBe('firefox');
    expect(e.corsError).toBeNull();
    expect(e.notCors?.kind).toBe('connection-failed');
  });

  it('an unknown Firefox reason is reported as Firefox, unrecognised', () => {
    const e = explainConsoleMessage(FF(u('x'), 'Something new).'));
    expect(e.browser).toBe('firefox');
    expect(e.corsError).toBeNull();
    expect(e.explanation).toContain('Something new');
  });

  it('the Authorization-under-* deprecation warning is recognised as Firefox and about Authorization', () => {
    const e = explainConsoleMessage(
      `Cross-Origin Request Warning: The Same Origin Policy will disallow reading the remote resource at ${u('w')} soon. (Reason: When the \`Access-Control-Allow-Headers\` is \`*\`, the \`Authorization\` header is not covered. To include the \`Authorization\` header, it must be explicitly listed in CORS header \`Access-Control-Allow-Headers\`).`,
    );
    expect(e.browser).toBe('firefox');
    expect(`${e.title} ${e.explanation}`).toMatch(/Authorization/);
    expect(e.url).toBe(u('w'));
    // A warning: Firefox did not block, so it names no blocking reason of its own; Chrome's is a candidate.
    expect(e.candidates).toContain('HeaderDisallowedByPreflightResponse');
  });
});

describe('Safari (§6)', () => {
  it.each<[string, CorsError, string | null, boolean | null]>([
    [`[Error] Origin ${PAGE} is not allowed by Access-Control-Allow-Origin. Status code: 200`, 'AllowOriginMismatch', null, null],
    [`Origin ${PAGE} is not allowed by Access-Control-Allow-Origin.`, 'AllowOriginMismatch', null, null], // before ~2020: no status part
    ['[Error] Cannot use wildcard in Access-Control-Allow-Origin when credentials flag is true.', 'WildcardOriginNotAllowed', null, null],
    ['[Error] Access-Control-Allow-Origin cannot contain more than one origin.', 'MultipleAllowOriginValues', null, null],
    ['[Error] Credentials flag is true, but Access-Control-Allow-Credentials is not "true".', 'InvalidAllowCredentials', null, null],
    ['[Error] Preflight response is not successful. Status code: 401', 'PreflightInvalidStatus', null, true],
    ['[Error] Header Access-Control-Allow-Methods has an invalid value: PUT POST', 'InvalidAllowMethodsPreflightResponse', 'PUT POST', true],
    ['[Error] Header Access-Control-Allow-Headers has an invalid value: x y', 'InvalidAllowHeadersPreflightResponse', 'x y', true],
    ['[Error] Method PATCH is not allowed by Access-Control-Allow-Methods.', 'MethodDisallowedByPreflightResponse', 'PATCH', true],
    ['[Error] Request header field X-Api-Key is not allowed by Access-Control-Allow-Headers.', 'HeaderDisallowedByPreflightResponse', 'x-api-key', true],
    ['[Error] Cross-origin redirection to https://u:p@b.example/ denied by Cross-Origin Resource Sharing policy: redirection URL https://u:p@b.example/ has credentials', 'RedirectContainsCredentials', 'https://u:p@b.example/', null],
    [`[Error] Unsafe attempt to load URL https://other.example/x from origin ${PAGE}. Domains, protocols and ports must match.`, 'DisallowedByMode', null, null],
    [`[Error] Failed to load resource: Origin ${PAGE} is not allowed by Access-Control-Allow-Origin. Status code: 200`, 'AllowOriginMismatch', null, null],
    [`[Error] Cross-origin redirection to https://b.example/ denied by Cross-Origin Resource Sharing policy: Origin ${PAGE} is not allowed by Access-Control-Allow-Origin. Status code: 302`, 'AllowOriginMismatch', null, null],
  ])('%s', (line, code, param, preflight) => {
    const e = explainConsoleMessage(line);
    expect(e.browser).toBe('safari');
    expect(e.corsError).toBe(code);
    if (param !== null) expect(e.failedParameter).toBe(param);
    if (preflight !== null) expect(e.preflight).toBe(preflight);
  });

  it('"Origin X is not allowed" gives the origin and lists the other reasons it can stand for', () => {
    const e = explainConsoleMessage(`[Error] Origin ${PAGE} is not allowed by Access-Control-Allow-Origin. Status code: 200`);
    expect(e.origin).toBe(PAGE);
    expect(e.candidates).toEqual(expect.arrayContaining(['MissingAllowOriginHeader', 'InvalidAllowOriginValue', 'PreflightMissingAllowOriginHeader', 'PreflightAllowOriginMismatch']));
  });

  it('"Origin X is not allowed" also stands for an unparseable ACAO on the preflight (§3: WebKit has no separate text)', () => {
    const e = explainConsoleMessage(`[Error] Origin ${PAGE} is not allowed by Access-Control-Allow-Origin. Status code: 204`);
    expect(e.candidates).toContain('PreflightInvalidAllowOriginValue');
  });

  it('"Preflight response is not successful" also stands for a redirect and for a non-2xx preflight without a good ACAO (WebKit checks status first, §3)', () => {
    const e = explainConsoleMessage('[Error] Preflight response is not successful. Status code: 401');
    expect(e.candidates).toContain('PreflightDisallowedRedirect');
    expect(e.candidates).toEqual(expect.arrayContaining(['PreflightMissingAllowOriginHeader', 'PreflightAllowOriginMismatch']));
  });

  it.each([
    [`[Error] Fetch API cannot load ${API}/c1 due to access control checks.`],
    [`[Error] XMLHttpRequest cannot load ${API}/c1 due to access control checks.`],
    [`[Error] Cannot load ${API}/c1 due to access control checks.`],
  ])('the "cannot load … due to access control checks" line alone: Safari, URL, no reason (%s)', (line) => {
    const e = explainConsoleMessage(line);
    expect(e.browser).toBe('safari');
    expect(e.url).toBe(`${API}/c1`);
    expect(e.corsError).toBeNull();
  });

  it('"[Warning]" prefix is stripped too', () => {
    expect(explainConsoleMessage('[Warning] Access-Control-Allow-Origin cannot contain more than one origin.').corsError).toBe('MultipleAllowOriginValues');
  });
});

describe('look-alikes (§7): not a CORS header problem', () => {
  it.each<[string, string]>([
    ["Mixed Content: The page at 'https://app.example/' was loaded over HTTPS, but requested an insecure resource 'http://api.example/x'. This request has been blocked; the content must be served over HTTPS.", 'mixed-content'],
    ['Blocked loading mixed active content “http://api.example/x”', 'mixed-content'],
    ['[blocked] The page at https://app.example/ requested insecure content from http://api.example/x. This content was blocked and must be served over HTTPS.', 'mixed-content'],
    [`Refused to connect to 'https://api.example/x' because it violates the following Content Security Policy directive: "connect-src 'self'".`, 'csp'],
    [`Refused to connect to 'https://api.example/x' because it violates the following Content Security Policy directive: "default-src 'self'". Note that 'connect-src' was not explicitly set, so 'default-src' is used as a fallback.`, 'csp'],
    [`Connecting to 'https://api.example/x' violates the following Content Security Policy directive: "connect-src 'self'". The action has been blocked.`, 'csp'],
    [`Refused to connect to 'https://api.example/x' because it violates the document's Content Security Policy.`, 'csp'],
    ['Content-Security-Policy: The page’s settings blocked the loading of a resource (connect-src) at https://api.example/x because it violates the following directive: “connect-src \'self\'”', 'csp'],
    ['Refused to connect to https://api.example/x because it does not appear in the connect-src directive of the Content Security Policy.', 'csp'],
    ['GET https://ads.example/x.js net::ERR_BLOCKED_BY_CLIENT', 'blocked-by-client'],
    ['GET https://cdn.example/x net::ERR_BLOCKED_BY_RESPONSE.NotSameOrigin 200 (OK)', 'corp'],
    ['The resource at “https://cdn.example/x” was blocked due to its Cross-Origin-Resource-Policy header (or lack thereof). See https://developer.mozilla.org/docs/Web/HTTP/Cross-Origin_Resource_Policy_(CORP)#', 'corp'],
    ["[Error] Cancelled load to https://cdn.example/x because it violates the resource's Cross-Origin-Resource-Policy response header.", 'corp'],
    ['GET https://cdn.example/data.json net::ERR_BLOCKED_BY_ORB 200 (OK)', 'orb'],
    ['The resource at “https://cdn.example/data.json” was blocked by OpaqueResponseBlocking. Reason: “after sniff: CT blocklisted”.', 'orb'],
    ['Cross-Origin Read Blocking (CORB) blocked cross-origin response https://cdn.example/data.json with MIME type application/json. See https://www.chromestatus.com/feature/5629709824032768 for more details.', 'orb'],
    [`GET ${API.replace('8002', '8009')}/c10 net::ERR_CONNECTION_REFUSED`, 'connection-failed'],
    ['Failed to load resource: net::ERR_CONNECTION_REFUSED', 'connection-failed'],
    ['GET https://nope.invalid/ net::ERR_NAME_NOT_RESOLVED', 'connection-failed'],
    ['GET https://self-signed.example/ net::ERR_CERT_AUTHORITY_INVALID', 'connection-failed'],
    ['[Error] Failed to load resource: Could not connect to the server.', 'connection-failed'],
    ['[Error] Failed to load resource: A server with the specified hostname could not be found.', 'connection-failed'],
    ['[Error] Failed to load resource: The certificate for this server is invalid.', 'connection-failed'],
  ])('%s → %s', (line, kind) => {
    const e = explainConsoleMessage(line);
    expect(e.corsError).toBeNull();
    expect(e.notCors?.kind).toBe(kind);
  });

  it('"GET … net::ERR_FAILED 200 (OK)" alone is the CORS companion line, not a look-alike', () => {
    const e = explainConsoleMessage(`GET ${API}/c1 net::ERR_FAILED 200 (OK)`);
    expect(e.notCors).toBeNull();
    expect(e.corsError).toBeNull();
  });

  it('"Failed to load resource: net::ERR_FAILED" alone is the CORS companion line, not a look-alike', () => {
    const e = explainConsoleMessage('Failed to load resource: net::ERR_FAILED');
    expect(e.notCors).toBeNull();
    expect(e.corsError).toBeNull();
  });

  it.each([['TypeError: Failed to fetch'], ['TypeError: NetworkError when attempting to fetch resource.'], ['TypeError: Load failed'], ['Uncaught (in promise) TypeError: Failed to fetch']])(
    'the generic JavaScript error %j names no reason',
    (line) => {
      const e = explainConsoleMessage(line);
      expect(e.corsError).toBeNull();
      expect(e.notCors).toBeNull();
      expect(e.explanation).toMatch(/TypeError/);
    },
  );
});

describe('not a console line at all', () => {
  it.each([[''], ['   '], ['hello world'], ['{"log":{}}'], ['Access to fetch'], ['\u0000\u0001']])('%j → not recognised, no crash', (text) => {
    const e = explainConsoleMessage(text);
    expect(e.browser).toBeNull();
    expect(e.corsError).toBeNull();
    expect(e.notCors).toBeNull();
    expect(e.title.length).toBeGreaterThan(0);
    expect(e.fixSummary.length).toBeGreaterThan(0);
  });

  it('a very long paste is handled', () => {
    const long = `${'x'.repeat(200_000)} ${A2('c1', "No 'Access-Control-Allow-Origin' header is present on the requested resource.")}`;
    expect(explainConsoleMessage(long).corsError).toBe('MissingAllowOriginHeader');
  });
});
