import type { FailureDetail } from './failure.js';

/**
 * Firefox's console lines for a CORS failure (dom/locales/en-US/chrome/security/security.properties,
 * logged by netwerk/protocol/http/nsCORSListenerProxy.cpp). The quotes are U+2018/U+2019.
 * A preflight failure logs the preflight's reason, then "CORS request did not succeed" for the actual request.
 * https://developer.mozilla.org/docs/Web/HTTP/Guides/CORS/Errors
 */

const PREFIX = (url: string) => `Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at ${url}. `;

export interface FirefoxLine {
  key: string;
  text: string;
}

/** Firefox's key and text for the response check part of a failure. */
function accessLine(f: FailureDetail): FirefoxLine | null {
  const url = f.url;
  switch (f.corsError) {
    case 'MissingAllowOriginHeader':
    case 'PreflightMissingAllowOriginHeader':
      return { key: 'CORSMissingAllowOrigin2', text: `${PREFIX(url)}(Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: ${f.status}.` };
    case 'MultipleAllowOriginValues':
    case 'PreflightMultipleAllowOriginValues':
      // Firefox counts header lines; one line holding a list is just a value that does not match.
      if (f.allowOriginLines > 1) {
        return { key: 'CORSMultipleAllowOriginNotAllowed', text: `${PREFIX(url)}(Reason: Multiple CORS header ‘Access-Control-Allow-Origin’ not allowed).` };
      }
      return mismatch(f);
    case 'InvalidAllowOriginValue':
    case 'PreflightInvalidAllowOriginValue':
    case 'AllowOriginMismatch':
    case 'PreflightAllowOriginMismatch':
      return mismatch(f);
    case 'WildcardOriginNotAllowed':
    case 'PreflightWildcardOriginNotAllowed':
      return {
        key: 'CORSNotSupportingCredentials',
        text: `Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at ‘${url}’. (Reason: Credential is not supported if the CORS header ‘Access-Control-Allow-Origin’ is ‘*’).`,
      };
    case 'InvalidAllowCredentials':
    case 'PreflightInvalidAllowCredentials':
      return { key: 'CORSMissingAllowCredentials', text: `${PREFIX(url)}(Reason: expected ‘true’ in CORS header ‘Access-Control-Allow-Credentials’).` };
    default:
      return null;
  }
}

function mismatch(f: FailureDetail): FirefoxLine {
  return { key: 'CORSAllowOriginNotMatchingOrigin', text: `${PREFIX(f.url)}(Reason: CORS header ‘Access-Control-Allow-Origin’ does not match ‘${f.failedParameter}’).` };
}

const didNotSucceed = (url: string): FirefoxLine => ({
  key: 'CORSDidNotSucceed2',
  text: `${PREFIX(url)}(Reason: CORS request did not succeed). Status code: (null).`,
});

/** The lines Firefox prints, in order. Empty when Firefox has no CORS line for this failure. */
export function firefoxConsoleLines(f: FailureDetail): FirefoxLine[] {
  const url = f.url;
  const access = accessLine(f);
  if (access) return f.preflight ? [access, didNotSucceed(url)] : [access];
  switch (f.corsError) {
    case 'PreflightInvalidStatus':
      return [
        { key: 'CORSPreflightDidNotSucceed3', text: `${PREFIX(url)}(Reason: CORS preflight response did not succeed). Status code: ${f.status}.` },
        didNotSucceed(url),
      ];
    case 'PreflightDisallowedRedirect':
      return [
        { key: 'CORSExternalRedirectNotAllowed', text: `${PREFIX(url)}(Reason: CORS request external redirect not allowed).` },
        { key: 'CORSPreflightDidNotSucceed3', text: `${PREFIX(url)}(Reason: CORS preflight response did not succeed). Status code: ${f.status}.` },
        didNotSucceed(url),
      ];
    case 'InvalidAllowMethodsPreflightResponse':
      return [{ key: 'CORSInvalidAllowMethod', text: `${PREFIX(url)}(Reason: invalid token ‘${f.failedParameter}’ in CORS header ‘Access-Control-Allow-Methods’).` }, didNotSucceed(url)];
    case 'InvalidAllowHeadersPreflightResponse':
      return [{ key: 'CORSInvalidAllowHeader', text: `${PREFIX(url)}(Reason: invalid token ‘${f.failedParameter}’ in CORS header ‘Access-Control-Allow-Headers’).` }, didNotSucceed(url)];
    case 'MethodDisallowedByPreflightResponse':
      return [{ key: 'CORSMethodNotFound', text: `${PREFIX(url)}(Reason: Did not find method in CORS header ‘Access-Control-Allow-Methods’).` }, didNotSucceed(url)];
    case 'HeaderDisallowedByPreflightResponse':
      return [
        { key: 'CORSMissingAllowHeaderFromPreflight2', text: `${PREFIX(url)}(Reason: header ‘${f.failedParameter}’ is not allowed according to header ‘Access-Control-Allow-Headers’ from CORS preflight response).` },
        didNotSucceed(url),
      ];
    case 'RedirectContainsCredentials':
    case 'CorsDisabledScheme':
    case 'InvalidResponse':
      return [didNotSucceed(url)];
    default:
      return [];
  }
}

/** Firefox's warning (not a block) when `Access-Control-Allow-Headers: *` is relied on for Authorization. */
export function firefoxAuthorizationWildcardWarning(url: string): string {
  return `Cross-Origin Request Warning: The Same Origin Policy will disallow reading the remote resource at ${url} soon. (Reason: When the \`Access-Control-Allow-Headers\` is \`*\`, the \`Authorization\` header is not covered. To include the \`Authorization\` header, it must be explicitly listed in CORS header \`Access-Control-Allow-Headers\`).`;
}
