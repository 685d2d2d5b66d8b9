/**
 * src/core/messages/firefox.ts — Firefox's console lines for a CORS failure.
 * Facts: browser-cors.md §5 (keys and texts of security.properties; common prefix
 * "Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at {url}. ";
 * U+2018/U+2019 quotes; CORSNotSupportingCredentials wraps the URL as ‘{url}’; CORSMissingAllowOrigin2 prints the
 * HTTP status; CORSAllowOriginNotMatchingOrigin prints the ACAO value; the Authorization-under-* warning text),
 * §3 (Firefox counts ACAO header fields: two lines → CORSMultipleAllowOriginNotAllowed, one line holding a list →
 * not-matching; an unparseable ACAO → not-matching; no Local Network Access messages).
 * Real-browser: extension-capture.md Table F (Firefox ESR 153): c1, c2, c3, c9, c13 one line; for a preflight
 * failure the specific line, then "CORS request did not succeed). Status code: (null)." (c4, c5, c7, c7b, c12);
 * c6 (preflight 301): external redirect, preflight did not succeed 301, did not succeed (null).
 * Not asserted (unverified in the reference, §8): Firefox's lines for a redirect Location with userinfo and for a
 * non-HTTP scheme.
 */
import { describe, expect, it } from 'vitest';
import { firefoxAuthorizationWildcardWarning, firefoxConsoleLines } from '../../../src/core/messages/firefox.js';
import type { FailureDetail } from '../../../src/core/messages/failure.js';
import type { CorsError } from '../../../src/core/model.js';
import { API, PAGE } from '../../helpers/units-builders.js';

const P = (url: string) => `Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at ${url}. `;
const NOT_SUCCEED = (url: string) => ({ key: 'CORSDidNotSucceed2', text: `${P(url)}(Reason: CORS request did not succeed). Status code: (null).` });

function detail(corsError: CorsError, o: Partial<FailureDetail> = {}): FailureDetail {
  const url = o.url ?? `${API}/c`;
  return {
    corsError,
    failedParameter: '',
    preflight: corsError.startsWith('Preflight') || /PreflightResponse$/.test(corsError),
    url,
    initialUrl: url,
    status: 200,
    allowOriginLines: 1,
    method: 'GET',
    wireOrigin: PAGE,
    pageOrigin: PAGE,
    resourceKind: 'fetch',
    ...o,
  };
}
const lines = (corsError: CorsError, o: Partial<FailureDetail> = {}) => firefoxConsoleLines(detail(corsError, o));
const c = (n: string) => `${API}/${n}`;

describe('Table F: Firefox ESR 153 console lines, exact', () => {
  it('c1: ACAO missing, status 200', () => {
    expect(lines('MissingAllowOriginHeader', { url: c('c1'), status: 200, allowOriginLines: 0 })).toEqual([
      { key: 'CORSMissingAllowOrigin2', text: `${P(c('c1'))}(Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 200.` },
    ]);
  });

  it('c2: does not match, with the ACAO value', () => {
    expect(lines('AllowOriginMismatch', { url: c('c2'), failedParameter: 'http://evil.example' })).toEqual([
      { key: 'CORSAllowOriginNotMatchingOrigin', text: `${P(c('c2'))}(Reason: CORS header ‘Access-Control-Allow-Origin’ does not match ‘http://evil.example’).` },
    ]);
  });

  it('c3: credentials with ACAO * (URL wrapped in ‘ ’)', () => {
    expect(lines('WildcardOriginNotAllowed', { url: c('c3') })).toEqual([
      {
        key: 'CORSNotSupportingCredentials',
        text: `Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at ‘${c('c3')}’. (Reason: Credential is not supported if the CORS header ‘Access-Control-Allow-Origin’ is ‘*’).`,
      },
    ]);
  });

  it('c4: method not found, then did not succeed', () => {
    expect(lines('MethodDisallowedByPreflightResponse', { url: c('c4'), failedParameter: 'PUT', method: 'PUT', status: 204 })).toEqual([
      { key: 'CORSMethodNotFound', text: `${P(c('c4'))}(Reason: Did not find method in CORS header ‘Access-Control-Allow-Methods’).` },
      NOT_SUCCEED(c('c4')),
    ]);
  });

  it('c5: header not allowed (lower-case name), then did not succeed', () => {
    expect(lines('HeaderDisallowedByPreflightResponse', { url: c('c5'), failedParameter: 'x-api-key', headerAsSent: 'X-Api-Key', status: 204 })).toEqual([
      {
        key: 'CORSMissingAllowHeaderFromPreflight2',
        text: `${P(c('c5'))}(Reason: header ‘x-api-key’ is not allowed according to header ‘Access-Control-Allow-Headers’ from CORS preflight response).`,
      },
      NOT_SUCCEED(c('c5')),
    ]);
  });

  it('c6: preflight 301 → external redirect, preflight did not succeed (301), did not succeed', () => {
    expect(lines('PreflightDisallowedRedirect', { url: c('c6'), status: 301 })).toEqual([
      { key: 'CORSExternalRedirectNotAllowed', text: `${P(c('c6'))}(Reason: CORS request external redirect not allowed).` },
      { key: 'CORSPreflightDidNotSucceed3', text: `${P(c('c6'))}(Reason: CORS preflight response did not succeed). Status code: 301.` },
      NOT_SUCCEED(c('c6')),
    ]);
  });

  it('c7: preflight 401 with ACAO → preflight did not succeed (401), did not succeed', () => {
    expect(lines('PreflightInvalidStatus', { url: c('c7'), status: 401 })).toEqual([
      { key: 'CORSPreflightDidNotSucceed3', text: `${P(c('c7'))}(Reason: CORS preflight response did not succeed). Status code: 401.` },
      NOT_SUCCEED(c('c7')),
    ]);
  });

  it('c7b: preflight 401 without ACAO → ACAO missing with status 401, did not succeed', () => {
    expect(lines('PreflightMissingAllowOriginHeader', { url: c('c7b'), status: 401, allowOriginLines: 0 })).toEqual([
      { key: 'CORSMissingAllowOrigin2', text: `${P(c('c7b'))}(Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 401.` },
      NOT_SUCCEED(c('c7b')),
    ]);
  });

  it('c9: two ACAO lines → multiple not allowed', () => {
    expect(lines('MultipleAllowOriginValues', { url: c('c9'), failedParameter: `${PAGE}, ${PAGE}`, allowOriginLines: 2 })).toEqual([
      { key: 'CORSMultipleAllowOriginNotAllowed', text: `${P(c('c9'))}(Reason: Multiple CORS header ‘Access-Control-Allow-Origin’ not allowed).` },
    ]);
  });

  it('c11: actual response without ACAO after a good preflight: status 200, one line', () => {
    expect(lines('MissingAllowOriginHeader', { url: c('c11'), status: 200, allowOriginLines: 0, method: 'PUT' })).toEqual([
      { key: 'CORSMissingAllowOrigin2', text: `${P(c('c11'))}(Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 200.` },
    ]);
  });

  it('c12: preflight 204 without ACAO → missing with status 204, did not succeed', () => {
    expect(lines('PreflightMissingAllowOriginHeader', { url: c('c12'), status: 204, allowOriginLines: 0 })).toEqual([
      { key: 'CORSMissingAllowOrigin2', text: `${P(c('c12'))}(Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 204.` },
      NOT_SUCCEED(c('c12')),
    ]);
  });

  it('c13: credentials without ACAC true', () => {
    expect(lines('InvalidAllowCredentials', { url: c('c13') })).toEqual([
      { key: 'CORSMissingAllowCredentials', text: `${P(c('c13'))}(Reason: expected ‘true’ in CORS header ‘Access-Control-Allow-Credentials’).` },
    ]);
  });
});

describe('§3: where Firefox names things differently from Chrome', () => {
  it('one ACAO line holding a list is "does not match" that value', () => {
    expect(lines('MultipleAllowOriginValues', { failedParameter: 'https://a.example, https://b.example', allowOriginLines: 1 })).toEqual([
      {
        key: 'CORSAllowOriginNotMatchingOrigin',
        text: `${P(`${API}/c`)}(Reason: CORS header ‘Access-Control-Allow-Origin’ does not match ‘https://a.example, https://b.example’).`,
      },
    ]);
  });

  it('an unparseable ACAO (Chrome InvalidAllowOriginValue) is "does not match"', () => {
    expect(lines('InvalidAllowOriginValue', { failedParameter: 'example.com' })).toEqual([
      { key: 'CORSAllowOriginNotMatchingOrigin', text: `${P(`${API}/c`)}(Reason: CORS header ‘Access-Control-Allow-Origin’ does not match ‘example.com’).` },
    ]);
  });

  it('three ACAO lines → multiple not allowed', () => {
    expect(lines('MultipleAllowOriginValues', { failedParameter: 'a, b, c', allowOriginLines: 3 })[0]?.key).toBe('CORSMultipleAllowOriginNotAllowed');
  });

  it('a preflight that failed with a network error (Chrome InvalidResponse) → only "CORS request did not succeed"', () => {
    expect(lines('InvalidResponse', { status: 0 })).toEqual([NOT_SUCCEED(`${API}/c`)]);
  });

  it('no line for Local Network Access errors (Firefox has none)', () => {
    expect(lines('LocalNetworkAccessPermissionDenied')).toEqual([]);
    expect(lines('InsecureLocalNetwork')).toEqual([]);
    expect(lines('InvalidLocalNetworkAccess')).toEqual([]);
  });
});

describe('preflight variants: the access line, then CORSDidNotSucceed2', () => {
  it.each<[CorsError, Partial<FailureDetail>, string]>([
    ['PreflightAllowOriginMismatch', { failedParameter: 'http://evil.example' }, 'CORSAllowOriginNotMatchingOrigin'],
    ['PreflightInvalidAllowOriginValue', { failedParameter: 'example.com' }, 'CORSAllowOriginNotMatchingOrigin'],
    ['PreflightMultipleAllowOriginValues', { failedParameter: 'a, b', allowOriginLines: 2 }, 'CORSMultipleAllowOriginNotAllowed'],
    ['PreflightMultipleAllowOriginValues', { failedParameter: 'a, b', allowOriginLines: 1 }, 'CORSAllowOriginNotMatchingOrigin'],
    ['PreflightWildcardOriginNotAllowed', {}, 'CORSNotSupportingCredentials'],
    ['PreflightInvalidAllowCredentials', {}, 'CORSMissingAllowCredentials'],
    ['PreflightMissingAllowOriginHeader', { status: 500, allowOriginLines: 0 }, 'CORSMissingAllowOrigin2'],
  ])('%s → %s + did not succeed', (code, o, key) => {
    const out = lines(code, { ...o, preflight: true });
    expect(out.map((l) => l.key)).toEqual([key, 'CORSDidNotSucceed2']);
    expect(out[1]).toEqual(NOT_SUCCEED(`${API}/c`));
  });

  it('a preflight ACAO-missing line shows the preflight status', () => {
    expect(lines('PreflightMissingAllowOriginHeader', { status: 404, allowOriginLines: 0 })[0]?.text).toMatch(/Status code: 404\.$/);
  });
});

describe('parse errors: the invalid token', () => {
  it('ACAM', () => {
    expect(lines('InvalidAllowMethodsPreflightResponse', { failedParameter: 'PUT POST' })).toEqual([
      { key: 'CORSInvalidAllowMethod', text: `${P(`${API}/c`)}(Reason: invalid token ‘PUT POST’ in CORS header ‘Access-Control-Allow-Methods’).` },
      NOT_SUCCEED(`${API}/c`),
    ]);
  });
  it('ACAH', () => {
    expect(lines('InvalidAllowHeadersPreflightResponse', { failedParameter: 'x:y' })).toEqual([
      { key: 'CORSInvalidAllowHeader', text: `${P(`${API}/c`)}(Reason: invalid token ‘x:y’ in CORS header ‘Access-Control-Allow-Headers’).` },
      NOT_SUCCEED(`${API}/c`),
    ]);
  });
});

describe('wording details', () => {
  it('uses U+2018/U+2019 quotes, never ASCII quotes around header names', () => {
    for (const code of ['MissingAllowOriginHeader', 'AllowOriginMismatch', 'InvalidAllowCredentials', 'PreflightInvalidStatus', 'HeaderDisallowedByPreflightResponse'] as CorsError[]) {
      for (const l of lines(code, { failedParameter: 'x' })) {
        expect(l.text).not.toMatch(/'Access-Control/);
      }
    }
    expect(lines('MissingAllowOriginHeader')[0]?.text).toContain('‘Access-Control-Allow-Origin’');
  });

  it('the URL is the failing URL as given (last hop)', () => {
    expect(lines('MissingAllowOriginHeader', { url: 'https://b.example/final', initialUrl: 'http://a.example/start' })[0]?.text).toContain(
      'remote resource at https://b.example/final. ',
    );
  });

  it('the status of the failing response is printed for the missing-ACAO line', () => {
    expect(lines('MissingAllowOriginHeader', { status: 502, allowOriginLines: 0 })[0]?.text).toMatch(/Status code: 502\.$/);
  });

  it('header values are inserted verbatim (inert text)', () => {
    expect(lines('AllowOriginMismatch', { failedParameter: '<script>$&</script>' })[0]?.text).toContain('does not match ‘<script>$&</script>’).');
  });

  it('every line is one line', () => {
    for (const code of ['MissingAllowOriginHeader', 'PreflightDisallowedRedirect', 'HeaderDisallowedByPreflightResponse'] as CorsError[]) {
      for (const l of lines(code, { failedParameter: 'p' })) expect(l.text).not.toMatch(/[\r\n]/);
    }
  });
});

describe('firefoxAuthorizationWildcardWarning (§5)', () => {
  it('exact text', () => {
    expect(firefoxAuthorizationWildcardWarning(`${API}/api`)).toBe(
      `Cross-Origin Request Warning: The Same Origin Policy will disallow reading the remote resource at ${API}/api soon. (Reason: When the \`Access-Control-Allow-Headers\` is \`*\`, the \`Authorization\` header is not covered. To include the \`Authorization\` header, it must be explicitly listed in CORS header \`Access-Control-Allow-Headers\`).`,
    );
  });
  it('is a warning, not a "Blocked" line', () => {
    expect(firefoxAuthorizationWildcardWarning('https://x.example/')).not.toContain('Blocked');
  });
});
