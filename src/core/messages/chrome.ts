import type { CorsError } from '../model.js';

/**
 * Chrome's console line for a CORS failure, as `cors_error_string.cc` builds it and as Chromium 156
 * prints it (checked against `Log.entryAdded` in the differential tests):
 *   Access to {kind} at '{url}' [(redirected from '{first}') ]from origin '{origin}' has been blocked by CORS policy: [Response to preflight request doesn't pass access control check: ]{body}{hint}
 * https://source.chromium.org/chromium/chromium/src/+/main:third_party/blink/renderer/platform/loader/cors/cors_error_string.cc
 */

export interface ChromeMessageInput {
  corsError: CorsError;
  failedParameter: string;
  /** `fetch`, `XMLHttpRequest`, `script`, … */
  resourceKind: string;
  /** The URL whose response failed (last in the redirect chain). */
  url: string;
  /** The first URL, when the request was redirected. */
  initialUrl?: string;
  /** The requesting document's origin (Chrome prints it even when the wire Origin was `null`). */
  origin: string;
  /** For Local Network Access errors: `loopback`, `local`, `public`, `unknown`. */
  addressSpace?: string;
}

/** Codes whose message starts with "Response to preflight request doesn't pass access control check: ". */
const PREFLIGHT_PREFIXED = new Set<CorsError>([
  'PreflightWildcardOriginNotAllowed', 'PreflightMissingAllowOriginHeader', 'PreflightMultipleAllowOriginValues',
  'PreflightInvalidAllowOriginValue', 'PreflightAllowOriginMismatch', 'PreflightInvalidAllowCredentials',
  'PreflightInvalidStatus', 'PreflightDisallowedRedirect', 'PreflightMissingAllowPrivateNetwork',
  'PreflightInvalidAllowPrivateNetwork',
]);

export function hasPreflightPrefix(code: CorsError): boolean {
  return PREFLIGHT_PREFIXED.has(code);
}

/** The message body for a code; `{p}` is the failed parameter. */
export function chromeBody(code: CorsError, p: string, addressSpace = 'unknown'): string {
  switch (code) {
    case 'DisallowedByMode':
      return 'Cross origin requests are not allowed by request mode.';
    case 'InvalidResponse':
      return 'The response is invalid.';
    case 'WildcardOriginNotAllowed':
    case 'PreflightWildcardOriginNotAllowed':
      return "The value of the 'Access-Control-Allow-Origin' header in the response must not be the wildcard '*' when the request's credentials mode is 'include'.";
    case 'MissingAllowOriginHeader':
    case 'PreflightMissingAllowOriginHeader':
      return "No 'Access-Control-Allow-Origin' header is present on the requested resource.";
    case 'MultipleAllowOriginValues':
    case 'PreflightMultipleAllowOriginValues':
      return `The 'Access-Control-Allow-Origin' header contains multiple values '${p}', but only one is allowed.`;
    case 'InvalidAllowOriginValue':
    case 'PreflightInvalidAllowOriginValue':
      return `The 'Access-Control-Allow-Origin' header contains the invalid value '${p}'.`;
    case 'AllowOriginMismatch':
    case 'PreflightAllowOriginMismatch':
      return `The 'Access-Control-Allow-Origin' header has a value '${p}' that is not equal to the supplied origin.`;
    case 'InvalidAllowCredentials':
    case 'PreflightInvalidAllowCredentials':
      return `The value of the 'Access-Control-Allow-Credentials' header in the response is '${p}' which must be 'true' when the request's credentials mode is 'include'.`;
    case 'CorsDisabledScheme':
      return 'Cross origin requests are only supported for protocol schemes: chrome, chrome-experimental-site-token-provider, chrome-extension, chrome-untrusted, data, http, https, isolated-app.';
    case 'PreflightInvalidStatus':
      return 'It does not have HTTP ok status.';
    case 'PreflightDisallowedRedirect':
      return 'Redirect is not allowed for a preflight request.';
    case 'InvalidAllowMethodsPreflightResponse':
      return 'Cannot parse Access-Control-Allow-Methods response header field in preflight response.';
    case 'InvalidAllowHeadersPreflightResponse':
      return 'Cannot parse Access-Control-Allow-Headers response header field in preflight response.';
    case 'MethodDisallowedByPreflightResponse':
      return `Method ${p} is not allowed by Access-Control-Allow-Methods in preflight response.`;
    case 'HeaderDisallowedByPreflightResponse':
      return `Request header field ${p} is not allowed by Access-Control-Allow-Headers in preflight response.`;
    case 'RedirectContainsCredentials':
      return `Redirect location '${p}' contains a username and password, which is disallowed for cross-origin requests.`;
    case 'InsecureLocalNetwork':
      return `The request client is not a secure context and the resource is in more-private address space \`${addressSpace}\`.`;
    case 'InvalidLocalNetworkAccess':
      return `Request had a target IP address space of \`${p || addressSpace}\` yet the resource is in address space \`${addressSpace}\`.`;
    case 'LocalNetworkAccessPermissionDenied':
      return `Permission was denied for this request to access the \`${addressSpace}\` address space.`;
    case 'NoCorsRedirectModeNotFollow':
      return 'Request mode is "no-cors" but the redirect mode is not "follow".';
    case 'PreflightMissingAllowPrivateNetwork':
      return `No 'Access-Control-Allow-Private-Network' header was present in the preflight response for this private network request targeting the \`${addressSpace}\` address space.`;
    case 'PreflightInvalidAllowPrivateNetwork':
      return `The 'Access-Control-Allow-Private-Network' header in the preflight response for this private network request targeting the \`${addressSpace}\` address space had a value of '${p}',  not 'true'.`;
  }
}

/** Hint sentences Chromium 156 appends after the body. */
function chromeHint(code: CorsError, resourceKind: string): string {
  switch (code) {
    case 'MultipleAllowOriginValues':
    case 'PreflightMultipleAllowOriginValues':
    case 'InvalidAllowOriginValue':
    case 'PreflightInvalidAllowOriginValue':
    case 'AllowOriginMismatch':
    case 'PreflightAllowOriginMismatch':
      // Chromium 156 prints this sentence for fetch() only (measured: XHR and <img> get none).
      return resourceKind === 'fetch' ? ' Have the server send the header with a valid value.' : '';
    case 'WildcardOriginNotAllowed':
    case 'PreflightWildcardOriginNotAllowed':
    case 'InvalidAllowCredentials':
    case 'PreflightInvalidAllowCredentials':
      return resourceKind === 'XMLHttpRequest'
        ? ' The credentials mode of requests initiated by the XMLHttpRequest is controlled by the withCredentials attribute.'
        : '';
    default:
      return '';
  }
}

export function chromeConsoleMessage(m: ChromeMessageInput): string {
  if (m.corsError === 'NoCorsRedirectModeNotFollow') {
    return `Fetch API cannot load ${m.url}. ${chromeBody(m.corsError, m.failedParameter)}`;
  }
  const redirected = m.initialUrl && m.initialUrl !== m.url ? `(redirected from '${m.initialUrl}') ` : '';
  const prefix = hasPreflightPrefix(m.corsError) ? "Response to preflight request doesn't pass access control check: " : '';
  return (
    `Access to ${m.resourceKind} at '${m.url}' ${redirected}from origin '${m.origin}' has been blocked by CORS policy: ` +
    prefix + chromeBody(m.corsError, m.failedParameter, m.addressSpace) + chromeHint(m.corsError, m.resourceKind)
  );
}

/**
 * `ResourceTypeToString` as Chrome prints it in the console (lower-cased when its second letter is).
 * Keys are Chromium's HAR `_resourceType` values.
 */
const KIND: Record<string, string> = {
  fetch: 'fetch', xhr: 'XMLHttpRequest', script: 'script', stylesheet: 'CSS stylesheet', image: 'image',
  font: 'font', media: 'video', manifest: 'manifest', texttrack: 'text track', eventsource: 'EventSource',
  document: 'document', other: 'resource', websocket: 'WebSocket', prefetch: 'link prefetch resource',
};

export function resourceKindFor(resourceType: string | undefined): string {
  return (resourceType && KIND[resourceType]) || 'fetch';
}
