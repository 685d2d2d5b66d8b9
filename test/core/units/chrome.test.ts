/**
 * src/core/messages/chrome.ts — Chrome's console line for a CORS failure.
 * Facts: extension-capture.md Table A2 (Chromium 156, exact texts; the browser wins over the 2024 source):
 *   MissingAllowOriginHeader has nothing after the body (also with the preflight prefix, c7b/c12);
 *   AllowOriginMismatch and MultipleAllowOriginValues end with " Have the server send the header with a valid value.";
 *   WildcardOriginNotAllowed and InvalidAllowCredentials for fetch end right after the body.
 * browser-cors.md §4.1 (line template, "(redirected from …)" only when the URLs differ, origin = page origin,
 * preflight prefix for exactly 10 codes, XHR withCredentials hint) and §4.2 (body per code), CDP-only
 * NoCorsRedirectModeNotFollow text, removed PNA texts (note the two spaces), LNA texts, and
 * `ResourceTypeToString` names (fetch, XMLHttpRequest, script, image, font, CSS stylesheet, manifest,
 * link prefetch resource …). The CorsDisabledScheme scheme list depends on the build (not asserted).
 * The hint for InvalidAllowOriginValue is in the same family as mismatch/multiple in the 2024 source; Chromium 156
 * output for it and for the Preflight* variants was not observed, so only "body + optional hint" is asserted there.
 */
import { describe, expect, it } from 'vitest';
import { chromeBody, chromeConsoleMessage, hasPreflightPrefix, resourceKindFor, type ChromeMessageInput } from '../../../src/core/messages/chrome.js';
import type { CorsError } from '../../../src/core/model.js';
import { API, PAGE } from '../../helpers/units-builders.js';

const PREFIX = "Response to preflight request doesn't pass access control check: ";
const HINT = ' Have the server send the header with a valid value.';
const XHR_HINT = ' The credentials mode of requests initiated by the XMLHttpRequest is controlled by the withCredentials attribute.';
const head = (url: string, kind = 'fetch', origin = PAGE) => `Access to ${kind} at '${url}' from origin '${origin}' has been blocked by CORS policy: `;

const msg = (corsError: CorsError, failedParameter = '', o: Partial<ChromeMessageInput> = {}) =>
  chromeConsoleMessage({ corsError, failedParameter, resourceKind: 'fetch', url: `${API}/c`, origin: PAGE, ...o });

/** Every CDP CorsError the model knows. */
const ALL: CorsError[] = [
  'DisallowedByMode', 'InvalidResponse', 'WildcardOriginNotAllowed', 'MissingAllowOriginHeader', 'MultipleAllowOriginValues',
  'InvalidAllowOriginValue', 'AllowOriginMismatch', 'InvalidAllowCredentials', 'CorsDisabledScheme', 'PreflightInvalidStatus',
  'PreflightDisallowedRedirect', 'PreflightWildcardOriginNotAllowed', 'PreflightMissingAllowOriginHeader',
  'PreflightMultipleAllowOriginValues', 'PreflightInvalidAllowOriginValue', 'PreflightAllowOriginMismatch',
  'PreflightInvalidAllowCredentials', 'InvalidAllowMethodsPreflightResponse', 'InvalidAllowHeadersPreflightResponse',
  'MethodDisallowedByPreflightResponse', 'HeaderDisallowedByPreflightResponse', 'RedirectContainsCredentials',
  'InsecureLocalNetwork', 'InvalidLocalNetworkAccess', 'LocalNetworkAccessPermissionDenied', 'NoCorsRedirectModeNotFollow',
  'PreflightMissingAllowPrivateNetwork', 'PreflightInvalidAllowPrivateNetwork',
];
const PREFIXED: CorsError[] = [
  'PreflightWildcardOriginNotAllowed', 'PreflightMissingAllowOriginHeader', 'PreflightMultipleAllowOriginValues',
  'PreflightInvalidAllowOriginValue', 'PreflightAllowOriginMismatch', 'PreflightInvalidAllowCredentials',
  'PreflightInvalidStatus', 'PreflightDisallowedRedirect', 'PreflightMissingAllowPrivateNetwork', 'PreflightInvalidAllowPrivateNetwork',
];

describe('Table A2: Chromium 156 console lines, exact (page http://127.0.0.1:8001, API http://localhost:8002)', () => {
  const c = (n: string) => `${API}/${n}`;
  it.each<[string, CorsError, string, string]>([
    ['c1', 'MissingAllowOriginHeader', '', "No 'Access-Control-Allow-Origin' header is present on the requested resource."],
    ['c2', 'AllowOriginMismatch', 'http://evil.example', "The 'Access-Control-Allow-Origin' header has a value 'http://evil.example' that is not equal to the supplied origin. Have the server send the header with a valid value."],
    ['c3', 'WildcardOriginNotAllowed', '', "The value of the 'Access-Control-Allow-Origin' header in the response must not be the wildcard '*' when the request's credentials mode is 'include'."],
    ['c4', 'MethodDisallowedByPreflightResponse', 'PUT', 'Method PUT is not allowed by Access-Control-Allow-Methods in preflight response.'],
    ['c5', 'HeaderDisallowedByPreflightResponse', 'x-api-key', 'Request header field x-api-key is not allowed by Access-Control-Allow-Headers in preflight response.'],
    ['c6', 'PreflightDisallowedRedirect', '', "Response to preflight request doesn't pass access control check: Redirect is not allowed for a preflight request."],
    ['c7', 'PreflightInvalidStatus', '', "Response to preflight request doesn't pass access control check: It does not have HTTP ok status."],
    ['c7b', 'PreflightMissingAllowOriginHeader', '', "Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource."],
    ['c9', 'MultipleAllowOriginValues', `${PAGE}, ${PAGE}`, "The 'Access-Control-Allow-Origin' header contains multiple values 'http://127.0.0.1:8001, http://127.0.0.1:8001', but only one is allowed. Have the server send the header with a valid value."],
    ['c11', 'MissingAllowOriginHeader', '', "No 'Access-Control-Allow-Origin' header is present on the requested resource."],
    ['c12', 'PreflightMissingAllowOriginHeader', '', "Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource."],
    ['c13', 'InvalidAllowCredentials', '', "The value of the 'Access-Control-Allow-Credentials' header in the response is '' which must be 'true' when the request's credentials mode is 'include'."],
  ])('%s %s', (name, code, param, tail) => {
    expect(chromeConsoleMessage({ corsError: code, failedParameter: param, resourceKind: 'fetch', url: c(name), origin: PAGE })).toBe(head(c(name)) + tail);
  });
});

describe('hasPreflightPrefix: exactly the 10 codes of §4.1', () => {
  it.each(ALL.map((code) => [code, PREFIXED.includes(code)] as const))('%s → %s', (code, expected) => {
    expect(hasPreflightPrefix(code)).toBe(expected);
  });

  it('the line carries the prefix exactly when hasPreflightPrefix says so', () => {
    for (const code of ALL) {
      if (code === 'NoCorsRedirectModeNotFollow') continue;
      expect(msg(code, 'p').includes(PREFIX), code).toBe(PREFIXED.includes(code));
    }
  });

  it('method/header-disallowed and ACAM/ACAH parse errors have no prefix', () => {
    for (const code of ['MethodDisallowedByPreflightResponse', 'HeaderDisallowedByPreflightResponse', 'InvalidAllowMethodsPreflightResponse', 'InvalidAllowHeadersPreflightResponse'] as CorsError[]) {
      expect(msg(code, 'X')).not.toContain('Response to preflight request');
    }
  });
});

describe('chromeBody (§4.2)', () => {
  it.each<[CorsError, string, string]>([
    ['DisallowedByMode', '', 'Cross origin requests are not allowed by request mode.'],
    ['InvalidResponse', '', 'The response is invalid.'],
    ['WildcardOriginNotAllowed', '', "The value of the 'Access-Control-Allow-Origin' header in the response must not be the wildcard '*' when the request's credentials mode is 'include'."],
    ['PreflightWildcardOriginNotAllowed', '', "The value of the 'Access-Control-Allow-Origin' header in the response must not be the wildcard '*' when the request's credentials mode is 'include'."],
    ['MissingAllowOriginHeader', '', "No 'Access-Control-Allow-Origin' header is present on the requested resource."],
    ['PreflightMissingAllowOriginHeader', '', "No 'Access-Control-Allow-Origin' header is present on the requested resource."],
    ['MultipleAllowOriginValues', 'a, b', "The 'Access-Control-Allow-Origin' header contains multiple values 'a, b', but only one is allowed."],
    ['PreflightMultipleAllowOriginValues', 'a, b', "The 'Access-Control-Allow-Origin' header contains multiple values 'a, b', but only one is allowed."],
    ['InvalidAllowOriginValue', 'example.com', "The 'Access-Control-Allow-Origin' header contains the invalid value 'example.com'."],
    ['PreflightInvalidAllowOriginValue', 'example.com', "The 'Access-Control-Allow-Origin' header contains the invalid value 'example.com'."],
    ['AllowOriginMismatch', 'http://evil.example', "The 'Access-Control-Allow-Origin' header has a value 'http://evil.example' that is not equal to the supplied origin."],
    ['PreflightAllowOriginMismatch', 'null', "The 'Access-Control-Allow-Origin' header has a value 'null' that is not equal to the supplied origin."],
    ['InvalidAllowCredentials', 'TRUE', "The value of the 'Access-Control-Allow-Credentials' header in the response is 'TRUE' which must be 'true' when the request's credentials mode is 'include'."],
    ['PreflightInvalidAllowCredentials', '', "The value of the 'Access-Control-Allow-Credentials' header in the response is '' which must be 'true' when the request's credentials mode is 'include'."],
    ['PreflightInvalidStatus', '', 'It does not have HTTP ok status.'],
    ['PreflightDisallowedRedirect', '', 'Redirect is not allowed for a preflight request.'],
    ['InvalidAllowMethodsPreflightResponse', '', 'Cannot parse Access-Control-Allow-Methods response header field in preflight response.'],
    ['InvalidAllowHeadersPreflightResponse', '', 'Cannot parse Access-Control-Allow-Headers response header field in preflight response.'],
    ['MethodDisallowedByPreflightResponse', 'patch', 'Method patch is not allowed by Access-Control-Allow-Methods in preflight response.'],
    ['HeaderDisallowedByPreflightResponse', 'authorization', 'Request header field authorization is not allowed by Access-Control-Allow-Headers in preflight response.'],
    ['RedirectContainsCredentials', 'https://u:p@b.example/', "Redirect location 'https://u:p@b.example/' contains a username and password, which is disallowed for cross-origin requests."],
  ])('%s(%j)', (code, p, expected) => {
    expect(chromeBody(code, p)).toBe(expected);
  });

  it('CorsDisabledScheme names the supported schemes (the list depends on the build)', () => {
    const b = chromeBody('CorsDisabledScheme', '');
    expect(b.startsWith('Cross origin requests are only supported for protocol schemes: ')).toBe(true);
    expect(b).toMatch(/\bhttp\b/);
    expect(b).toMatch(/\bhttps\b/);
    expect(b.endsWith('.')).toBe(true);
  });

  it.each([['loopback'], ['local'], ['unknown']])('LocalNetworkAccessPermissionDenied for `%s`', (space) => {
    expect(chromeBody('LocalNetworkAccessPermissionDenied', '', space)).toBe(`Permission was denied for this request to access the \`${space}\` address space.`);
  });

  it('InsecureLocalNetwork names the more-private address space', () => {
    expect(chromeBody('InsecureLocalNetwork', '', 'local')).toBe('The request client is not a secure context and the resource is in more-private address space `local`.');
  });

  it('InvalidLocalNetworkAccess: target and resource address spaces', () => {
    expect(chromeBody('InvalidLocalNetworkAccess', 'public', 'local')).toBe('Request had a target IP address space of `public` yet the resource is in address space `local`.');
  });

  it('removed PNA texts (older captures), including the two spaces before "not \'true\'"', () => {
    expect(chromeBody('PreflightMissingAllowPrivateNetwork', '', 'local')).toBe(
      "No 'Access-Control-Allow-Private-Network' header was present in the preflight response for this private network request targeting the `local` address space.",
    );
    expect(chromeBody('PreflightInvalidAllowPrivateNetwork', 'false', 'local')).toBe(
      "The 'Access-Control-Allow-Private-Network' header in the preflight response for this private network request targeting the `local` address space had a value of 'false',  not 'true'.",
    );
  });

  it('NoCorsRedirectModeNotFollow body', () => {
    expect(chromeBody('NoCorsRedirectModeNotFollow', '')).toBe('Request mode is "no-cors" but the redirect mode is not "follow".');
  });

  it('every CorsError has a non-empty body', () => {
    for (const code of ALL) expect(chromeBody(code, 'p', 'local').length, code).toBeGreaterThan(10);
  });

  it('header values render as inert text: the parameter is inserted verbatim, nothing is interpreted', () => {
    expect(chromeBody('AllowOriginMismatch', "<img src=x onerror=alert(1)> ' $& $1")).toBe(
      "The 'Access-Control-Allow-Origin' header has a value '<img src=x onerror=alert(1)> ' $& $1' that is not equal to the supplied origin.",
    );
  });
});

describe('chromeConsoleMessage — the line around the body', () => {
  it('(redirected from …) appears when the first URL differs; the URL shown is the last one', () => {
    expect(msg('MissingAllowOriginHeader', '', { url: 'https://b.example/final', initialUrl: 'http://a.example/start' })).toBe(
      "Access to fetch at 'https://b.example/final' (redirected from 'http://a.example/start') from origin 'http://127.0.0.1:8001' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.",
    );
  });

  it('no (redirected from …) when the first URL equals the last', () => {
    expect(msg('MissingAllowOriginHeader', '', { url: `${API}/c1`, initialUrl: `${API}/c1` })).not.toContain('redirected from');
  });

  it('no (redirected from …) without a first URL', () => {
    expect(msg('MissingAllowOriginHeader')).not.toContain('redirected from');
  });

  it('prints the page origin, also "null" for an opaque page', () => {
    expect(msg('AllowOriginMismatch', 'http://a.example', { origin: 'null' })).toContain("from origin 'null' has been blocked");
  });

  it('resource kind is printed as given', () => {
    expect(msg('MissingAllowOriginHeader', '', { resourceKind: 'XMLHttpRequest' }).startsWith("Access to XMLHttpRequest at '")).toBe(true);
    expect(msg('MissingAllowOriginHeader', '', { resourceKind: 'script' }).startsWith("Access to script at '")).toBe(true);
    expect(msg('MissingAllowOriginHeader', '', { resourceKind: 'CSS stylesheet' }).startsWith("Access to CSS stylesheet at '")).toBe(true);
  });

  it('Chrome 156 adds nothing after MissingAllowOriginHeader (fetch, XHR, preflight)', () => {
    const body = "No 'Access-Control-Allow-Origin' header is present on the requested resource.";
    expect(msg('MissingAllowOriginHeader').endsWith(body)).toBe(true);
    expect(msg('MissingAllowOriginHeader', '', { resourceKind: 'XMLHttpRequest' }).endsWith(body)).toBe(true);
    expect(msg('PreflightMissingAllowOriginHeader').endsWith(body)).toBe(true);
  });

  it('Chrome 156 appends the valid-value hint to AllowOriginMismatch and MultipleAllowOriginValues (fetch)', () => {
    expect(msg('AllowOriginMismatch', 'http://e.example').endsWith(`supplied origin.${HINT}`)).toBe(true);
    expect(msg('MultipleAllowOriginValues', 'a, b').endsWith(`only one is allowed.${HINT}`)).toBe(true);
  });

  it('the valid-value hint is fetch-only (2024 source: fetch only; Chromium 156 measured: XHR and images get none)', () => {
    expect(msg('AllowOriginMismatch', 'http://e.example', { resourceKind: 'XMLHttpRequest' }).endsWith('that is not equal to the supplied origin.')).toBe(true);
    expect(msg('MultipleAllowOriginValues', 'a, b', { resourceKind: 'image' }).endsWith('but only one is allowed.')).toBe(true);
  });

  it('InvalidAllowOriginValue (fetch) gets the same hint as its family', () => {
    expect(msg('InvalidAllowOriginValue', 'example.com')).toBe(head(`${API}/c`) + `The 'Access-Control-Allow-Origin' header contains the invalid value 'example.com'.${HINT}`);
  });

  it.each<[CorsError, string]>([
    ['PreflightAllowOriginMismatch', "The 'Access-Control-Allow-Origin' header has a value 'http://e.example' that is not equal to the supplied origin."],
    ['PreflightMultipleAllowOriginValues', "The 'Access-Control-Allow-Origin' header contains multiple values 'http://e.example', but only one is allowed."],
    ['PreflightInvalidAllowOriginValue', "The 'Access-Control-Allow-Origin' header contains the invalid value 'http://e.example'."],
  ])('%s: prefix + body, optionally followed by the hint', (code, body) => {
    const m = msg(code, 'http://e.example');
    expect(m.startsWith(head(`${API}/c`) + PREFIX + body)).toBe(true);
    expect(['', HINT]).toContain(m.slice((head(`${API}/c`) + PREFIX + body).length));
  });

  it('fetch + wildcard/credentials: nothing after the body (Table A2 c3, c13)', () => {
    expect(msg('WildcardOriginNotAllowed').endsWith("credentials mode is 'include'.")).toBe(true);
    expect(msg('InvalidAllowCredentials', 'false').endsWith("credentials mode is 'include'.")).toBe(true);
  });

  it('XHR + wildcard or invalid ACAC: the withCredentials hint (§4.1)', () => {
    expect(msg('WildcardOriginNotAllowed', '', { resourceKind: 'XMLHttpRequest' }).endsWith(`credentials mode is 'include'.${XHR_HINT}`)).toBe(true);
    expect(msg('InvalidAllowCredentials', '', { resourceKind: 'XMLHttpRequest' }).endsWith(`credentials mode is 'include'.${XHR_HINT}`)).toBe(true);
  });

  it('no hint sentence from the 2024 source about opaque responses or no-cors mode', () => {
    for (const code of ALL) expect(msg(code, 'p')).not.toMatch(/opaque response|no-cors' to fetch/);
  });

  it('no stray double spaces, except the PNA text that has them', () => {
    for (const code of ALL) {
      if (code === 'PreflightInvalidAllowPrivateNetwork') continue;
      expect(msg(code, 'p', { addressSpace: 'local' }), code).not.toMatch(/ {2}/);
    }
  });

  it('every line except NoCorsRedirectModeNotFollow uses the "Access to … has been blocked by CORS policy: " frame', () => {
    for (const code of ALL) {
      if (code === 'NoCorsRedirectModeNotFollow') continue;
      expect(msg(code, 'p').startsWith(head(`${API}/c`)), code).toBe(true);
    }
  });

  it('NoCorsRedirectModeNotFollow uses the Blink "Fetch API cannot load" text', () => {
    expect(msg('NoCorsRedirectModeNotFollow', '', { url: 'https://cdn.example/a.png' })).toBe(
      'Fetch API cannot load https://cdn.example/a.png. Request mode is "no-cors" but the redirect mode is not "follow".',
    );
  });

  it('LNA lines use the address space given', () => {
    expect(msg('LocalNetworkAccessPermissionDenied', '', { addressSpace: 'loopback' })).toBe(
      head(`${API}/c`) + 'Permission was denied for this request to access the `loopback` address space.',
    );
  });

  it('the message is a single line', () => {
    for (const code of ALL) expect(msg(code, 'p')).not.toMatch(/[\r\n]/);
  });
});

describe('resourceKindFor (HAR _resourceType → ResourceTypeToString)', () => {
  it.each([
    ['fetch', 'fetch'],
    ['xhr', 'XMLHttpRequest'],
    ['script', 'script'],
    ['stylesheet', 'CSS stylesheet'],
    ['image', 'image'],
    ['font', 'font'],
    ['manifest', 'manifest'],
    ['prefetch', 'link prefetch resource'],
  ])('%s → %s', (t, kind) => {
    expect(resourceKindFor(t)).toBe(kind);
  });

  it('no resource type (Firefox, proxies) → fetch, the usual CORS caller', () => {
    expect(resourceKindFor(undefined)).toBe('fetch');
  });

  it('an unknown type still gives a printable kind', () => {
    expect(resourceKindFor('something-new').length).toBeGreaterThan(0);
  });
});
