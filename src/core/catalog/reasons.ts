import type { CorsError } from '../model.js';

/**
 * One entry per Chrome CDP `Network.CorsError`: a title, the plain explanation, and where to read more.
 * Server-specific fixes live in src/core/fixes (one file per server flavour).
 * https://chromedevtools.github.io/devtools-protocol/tot/Network/#type-CorsError
 */
export interface ReasonInfo {
  title: string;
  /** What happened and why the browser refuses, in plain words. */
  explanation: string;
  /** The one thing to change, independent of the server software. */
  fixSummary: string;
  mdn: string;
  /** Firefox's console key for the same failure, when it has one. */
  firefoxKey: string | null;
  /** Whether Safari prints a specific reason line for it. */
  safari: boolean;
  /** Whether the engine can derive it from a HAR capture (otherwise only from a pasted console message). */
  fromCapture: boolean;
}

const MDN = 'https://developer.mozilla.org/docs/Web/HTTP/Guides/CORS/Errors/';

export const REASONS: Record<CorsError, ReasonInfo> = {
  DisallowedByMode: {
    title: 'Cross-origin request in same-origin mode',
    explanation: 'The page asked for mode "same-origin", which forbids cross-origin URLs; the browser refuses before sending anything.',
    fixSummary: "Drop mode: 'same-origin' from the fetch() call (or call a same-origin URL). No server change can fix this.",
    mdn: 'https://developer.mozilla.org/docs/Web/API/Request/mode', firefoxKey: null, safari: true, fromCapture: true,
  },
  InvalidResponse: {
    title: 'Invalid response',
    explanation: 'Chrome could not use the response at all (DevTools uses this when a preflight fails with a network error).',
    fixSummary: 'Look at the preflight request in the Network panel: it failed before any CORS check (connection, TLS or proxy error).',
    mdn: `${MDN}CORSDidNotSucceed`, firefoxKey: 'CORSDidNotSucceed2', safari: false, fromCapture: false,
  },
  WildcardOriginNotAllowed: {
    title: "Wildcard '*' with credentials",
    explanation: "The request was sent with credentials (cookies or HTTP auth: credentials 'include' / withCredentials), and the response said Access-Control-Allow-Origin: *. With credentials the browser requires the exact origin, never '*'.",
    fixSummary: 'Send the requesting origin itself (from an allow-list) in Access-Control-Allow-Origin, plus Access-Control-Allow-Credentials: true and Vary: Origin.',
    mdn: `${MDN}CORSNotSupportingCredentials`, firefoxKey: 'CORSNotSupportingCredentials', safari: true, fromCapture: true,
  },
  MissingAllowOriginHeader: {
    title: 'No Access-Control-Allow-Origin header',
    explanation: 'The response came back without Access-Control-Allow-Origin, so the browser does not let the page read it. The server may have answered normally (even 200) — CORS is enforced by the browser after the response arrives. Error pages (4xx/5xx from a proxy or framework) often lack the header too.',
    fixSummary: "Make the server add Access-Control-Allow-Origin: <the page's origin> (or * for a public, credential-less API) to this response, including error responses.",
    mdn: `${MDN}CORSMissingAllowOrigin`, firefoxKey: 'CORSMissingAllowOrigin2', safari: true, fromCapture: true,
  },
  MultipleAllowOriginValues: {
    title: 'Access-Control-Allow-Origin has several values',
    explanation: 'Access-Control-Allow-Origin must hold exactly one origin. Either two layers (a proxy and the app) each added the header, or the server put a list in it. Browsers do not pick one for you.',
    fixSummary: 'Add the header in one layer only, and send the single matching origin (pick it from your allow-list per request).',
    mdn: `${MDN}CORSMultipleAllowOriginNotAllowed`, firefoxKey: 'CORSMultipleAllowOriginNotAllowed', safari: true, fromCapture: true,
  },
  InvalidAllowOriginValue: {
    title: 'Access-Control-Allow-Origin is not a valid origin',
    explanation: 'The value is not an origin at all (for example a bare host name without scheme, or a pattern like *.example.com). Only *, null or a full scheme://host[:port] is accepted.',
    fixSummary: "Send the full origin, scheme included, e.g. https://app.example.com — patterns are not supported; match them on the server and echo the origin.",
    mdn: `${MDN}CORSAllowOriginNotMatchingOrigin`, firefoxKey: 'CORSAllowOriginNotMatchingOrigin', safari: true, fromCapture: true,
  },
  AllowOriginMismatch: {
    title: 'Access-Control-Allow-Origin does not match the origin',
    explanation: "The server allowed a different origin than the page's. The comparison is exact: scheme, host and port must match, and a trailing slash or a different port (localhost:3000 vs localhost:5173) is a different origin.",
    fixSummary: "Allow the page's exact origin (as the browser sent it in the Origin request header).",
    mdn: `${MDN}CORSAllowOriginNotMatchingOrigin`, firefoxKey: 'CORSAllowOriginNotMatchingOrigin', safari: true, fromCapture: true,
  },
  InvalidAllowCredentials: {
    title: 'Credentials not allowed',
    explanation: "The request carried credentials (cookies, HTTP auth), so the response must also say Access-Control-Allow-Credentials: true — exactly 'true', lower case.",
    fixSummary: 'Add Access-Control-Allow-Credentials: true (and keep the exact origin in Access-Control-Allow-Origin), or stop sending credentials if the API does not need them.',
    mdn: `${MDN}CORSMissingAllowCredentials`, firefoxKey: 'CORSMissingAllowCredentials', safari: true, fromCapture: true,
  },
  CorsDisabledScheme: {
    title: 'CORS request to a non-HTTP scheme',
    explanation: 'CORS requests only work over http and https. A file:// page, or a request to another scheme, cannot be allowed by any header.',
    fixSummary: 'Serve the page and the API over http(s) (e.g. a local dev server instead of opening the file directly).',
    mdn: `${MDN}CORSRequestNotHttp`, firefoxKey: 'CORSRequestNotHttp', safari: false, fromCapture: true,
  },
  PreflightInvalidStatus: {
    title: 'Preflight did not get a 2xx',
    explanation: 'The OPTIONS preflight was answered with a non-2xx status. Usually an auth layer (401/403), a router without an OPTIONS route (404/405) or a crash (5xx) answered before the CORS layer. Browsers never send cookies or Authorization with the preflight.',
    fixSummary: 'Let OPTIONS requests reach the CORS layer before authentication and routing, and answer them with 200/204.',
    mdn: `${MDN}CORSPreflightDidNotSucceed`, firefoxKey: 'CORSPreflightDidNotSucceed3', safari: true, fromCapture: true,
  },
  PreflightDisallowedRedirect: {
    title: 'Preflight was redirected',
    explanation: 'The OPTIONS preflight got a redirect (3xx). Browsers never follow redirects for preflights. Typical causes: a trailing-slash redirect (APPEND_SLASH), http → https, or a login redirect.',
    fixSummary: 'Call the final URL directly (https, trailing slash) and make the CORS layer answer OPTIONS before anything that redirects.',
    mdn: `${MDN}CORSExternalRedirectNotAllowed`, firefoxKey: 'CORSExternalRedirectNotAllowed', safari: true, fromCapture: true,
  },
  PreflightWildcardOriginNotAllowed: {
    title: "Preflight: wildcard '*' with credentials",
    explanation: "The preflight response said Access-Control-Allow-Origin: * but the actual request will carry credentials, which needs the exact origin.",
    fixSummary: 'Answer the preflight with the exact origin and Access-Control-Allow-Credentials: true.',
    mdn: `${MDN}CORSNotSupportingCredentials`, firefoxKey: 'CORSNotSupportingCredentials', safari: true, fromCapture: true,
  },
  PreflightMissingAllowOriginHeader: {
    title: 'Preflight: no Access-Control-Allow-Origin',
    explanation: 'The OPTIONS preflight response has no Access-Control-Allow-Origin. Chrome checks this before the status, so a 401/404 preflight without CORS headers is reported this way.',
    fixSummary: 'Make the CORS layer answer OPTIONS preflights (with Access-Control-Allow-Origin) before authentication, routing and redirects.',
    mdn: `${MDN}CORSMissingAllowOrigin`, firefoxKey: 'CORSMissingAllowOrigin2', safari: true, fromCapture: true,
  },
  PreflightMultipleAllowOriginValues: {
    title: 'Preflight: several Access-Control-Allow-Origin values',
    explanation: 'The preflight response carries more than one origin (two layers added the header, or a list).',
    fixSummary: 'Add Access-Control-Allow-Origin in one layer only, with one origin.',
    mdn: `${MDN}CORSMultipleAllowOriginNotAllowed`, firefoxKey: 'CORSMultipleAllowOriginNotAllowed', safari: true, fromCapture: true,
  },
  PreflightInvalidAllowOriginValue: {
    title: 'Preflight: invalid Access-Control-Allow-Origin',
    explanation: 'The preflight response holds something that is not an origin in Access-Control-Allow-Origin.',
    fixSummary: 'Send a full origin (scheme://host[:port]) or *.',
    mdn: `${MDN}CORSAllowOriginNotMatchingOrigin`, firefoxKey: 'CORSAllowOriginNotMatchingOrigin', safari: true, fromCapture: true,
  },
  PreflightAllowOriginMismatch: {
    title: 'Preflight: Access-Control-Allow-Origin does not match',
    explanation: "The preflight response allowed a different origin than the page's (exact comparison of scheme, host and port).",
    fixSummary: "Allow the page's exact origin.",
    mdn: `${MDN}CORSAllowOriginNotMatchingOrigin`, firefoxKey: 'CORSAllowOriginNotMatchingOrigin', safari: true, fromCapture: true,
  },
  PreflightInvalidAllowCredentials: {
    title: 'Preflight: credentials not allowed',
    explanation: "The actual request will carry credentials, so the preflight response must also say Access-Control-Allow-Credentials: true.",
    fixSummary: 'Add Access-Control-Allow-Credentials: true to preflight responses too.',
    mdn: `${MDN}CORSMissingAllowCredentials`, firefoxKey: 'CORSMissingAllowCredentials', safari: true, fromCapture: true,
  },
  InvalidAllowMethodsPreflightResponse: {
    title: 'Access-Control-Allow-Methods cannot be parsed',
    explanation: 'Access-Control-Allow-Methods must be a comma-separated list of method tokens; the value contains something else (spaces inside an item, quotes, a stray character).',
    fixSummary: 'Send a plain comma-separated list, e.g. Access-Control-Allow-Methods: GET, POST, PUT, DELETE.',
    mdn: `${MDN}CORSInvalidAllowMethod`, firefoxKey: 'CORSInvalidAllowMethod', safari: true, fromCapture: true,
  },
  InvalidAllowHeadersPreflightResponse: {
    title: 'Access-Control-Allow-Headers cannot be parsed',
    explanation: 'Access-Control-Allow-Headers must be a comma-separated list of header names; the value contains something else.',
    fixSummary: 'Send a plain comma-separated list, e.g. Access-Control-Allow-Headers: content-type, authorization.',
    mdn: `${MDN}CORSInvalidAllowHeader`, firefoxKey: 'CORSInvalidAllowHeader', safari: true, fromCapture: true,
  },
  MethodDisallowedByPreflightResponse: {
    title: 'Method not allowed by the preflight',
    explanation: "The request's method is not in Access-Control-Allow-Methods. The comparison is case-sensitive: fetch() sends 'patch' as written (only DELETE, GET, HEAD, OPTIONS, POST, PUT are upper-cased). '*' only counts without credentials.",
    fixSummary: 'Add the method, exactly as sent, to Access-Control-Allow-Methods.',
    mdn: `${MDN}CORSMethodNotFound`, firefoxKey: 'CORSMethodNotFound', safari: true, fromCapture: true,
  },
  HeaderDisallowedByPreflightResponse: {
    title: 'Request header not allowed by the preflight',
    explanation: "The page sent a header that is not CORS-safelisted, and the preflight response's Access-Control-Allow-Headers does not list it (names compare case-insensitively). With credentials, '*' covers nothing. The Fetch standard says '*' never covers Authorization; Chrome 156 and Safari let it pass, Firefox warns — list it explicitly.",
    fixSummary: 'Add the header name to Access-Control-Allow-Headers (list authorization explicitly rather than relying on *).',
    mdn: `${MDN}CORSMissingAllowHeaderFromPreflight`, firefoxKey: 'CORSMissingAllowHeaderFromPreflight2', safari: true, fromCapture: true,
  },
  RedirectContainsCredentials: {
    title: 'Redirect to a URL with a user name or password',
    explanation: 'A cross-origin request was redirected to a URL holding user:password@. Browsers refuse to follow it.',
    fixSummary: 'Redirect to a URL without credentials (authenticate with a header instead), or call the final URL directly.',
    mdn: 'https://fetch.spec.whatwg.org/#http-redirect-fetch', firefoxKey: null, safari: true, fromCapture: true,
  },
  InsecureLocalNetwork: {
    title: 'Insecure page calling a more private network',
    explanation: 'A page that is not a secure context (plain http on a public address) tried to reach a more private address space (local network or loopback). Chrome requires a secure context for that.',
    fixSummary: 'Serve the page over https (a secure context) — no response header can allow it.',
    mdn: 'https://developer.chrome.com/blog/local-network-access', firefoxKey: null, safari: false, fromCapture: false,
  },
  InvalidLocalNetworkAccess: {
    title: 'Target address space mismatch',
    explanation: "The request declared a target address space (fetch's targetAddressSpace) that does not match where the server actually is.",
    fixSummary: "Fix or remove targetAddressSpace in the fetch() call so it matches the server's address space.",
    mdn: 'https://developer.chrome.com/blog/local-network-access', firefoxKey: null, safari: false, fromCapture: false,
  },
  LocalNetworkAccessPermissionDenied: {
    title: 'Local Network Access permission denied',
    explanation: "A page on a more public network asked for a local or loopback address, and Chrome's Local Network Access permission was denied (or could not be asked).",
    fixSummary: 'Grant the site the Local Network Access permission, or serve page and API from the same address space; no CORS header fixes this.',
    mdn: 'https://developer.chrome.com/blog/local-network-access', firefoxKey: null, safari: false, fromCapture: true,
  },
  NoCorsRedirectModeNotFollow: {
    title: 'no-cors request with redirect mode other than follow',
    explanation: "A no-cors request must follow redirects; redirect: 'manual' or 'error' is refused before sending.",
    fixSummary: "Use redirect: 'follow' with mode: 'no-cors', or use mode 'cors'.",
    mdn: 'https://developer.mozilla.org/docs/Web/API/Request/redirect', firefoxKey: null, safari: false, fromCapture: false,
  },
  PreflightMissingAllowPrivateNetwork: {
    title: 'Preflight: no Access-Control-Allow-Private-Network (older Chrome)',
    explanation: 'Older Chrome versions (Private Network Access) asked the server to opt in with Access-Control-Allow-Private-Network: true when a public page called a private address.',
    fixSummary: 'Answer preflights carrying Access-Control-Request-Private-Network: true with Access-Control-Allow-Private-Network: true (django-cors-headers 4: CORS_ALLOW_PRIVATE_NETWORK = True).',
    mdn: 'https://developer.chrome.com/blog/private-network-access-preflight', firefoxKey: null, safari: false, fromCapture: true,
  },
  PreflightInvalidAllowPrivateNetwork: {
    title: "Preflight: Access-Control-Allow-Private-Network is not 'true' (older Chrome)",
    explanation: "The preflight answered Access-Control-Allow-Private-Network with a value other than 'true'.",
    fixSummary: 'Send Access-Control-Allow-Private-Network: true exactly.',
    mdn: 'https://developer.chrome.com/blog/private-network-access-preflight', firefoxKey: null, safari: false, fromCapture: true,
  },
};

export const CORS_ERRORS = Object.keys(REASONS) as CorsError[];
