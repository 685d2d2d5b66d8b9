import type { Header } from '../model.js';
import { getCombined, parseTokenList } from '../http/headers.js';
import { isCorsSafelistedMethod } from '../http/methods.js';
import { corsCheck, PREFLIGHT_VARIANT, type CorsFailure } from './cors-check.js';

export interface PreflightCheckInput {
  /** Status of the OPTIONS response (0 when none arrived). */
  status: number;
  /** True when the preflight response was a redirect (3xx with a Location, or `net::ERR_INVALID_REDIRECT`). */
  redirected: boolean;
  responseHeaders: readonly Header[];
  origin: string;
  credentialsInclude: boolean;
  responseUrlIsHttp: boolean;
  /** The actual request's method, as sent (`Access-Control-Request-Method`). */
  method: string;
  /** Lower-cased CORS-unsafe, non-forbidden request-header names, in the order Chromium checks them. */
  unsafeHeaderNames: readonly string[];
  /** Whether the actual request carries `Authorization` (never covered by `*`). */
  hasAuthorization: boolean;
  /** Chrome's `CORSNonWildcardRequestHeadersSupport`; Firefox and Safari let `*` cover Authorization. */
  authorizationNeedsExplicitListing?: boolean;
}

export interface PreflightResult {
  methods: string[];
  headerNames: string[];
}

/**
 * Validates a CORS-preflight response, in Chromium's order (services/network/cors/preflight_controller.cc,
 * preflight_result.cc): redirect, CORS check, ok status, parse lists, method, headers.
 * https://fetch.spec.whatwg.org/#cors-preflight-fetch
 */
export function corsPreflightCheck(input: PreflightCheckInput): CorsFailure | null {
  // Chromium fetches the preflight with redirect mode "error": any redirect fails first, before ACAO.
  if (input.redirected) return { corsError: 'PreflightDisallowedRedirect', failedParameter: '' };
  // 7. If a CORS check for request and response returns success and response's status is an ok status …
  //    Chromium runs the CORS check first, so a 401 without ACAO reports the ACAO problem.
  const access = corsCheck(input);
  if (access) {
    return { corsError: PREFLIGHT_VARIANT[access.corsError] ?? access.corsError, failedParameter: access.failedParameter };
  }
  if (input.status < 200 || input.status > 299) return { corsError: 'PreflightInvalidStatus', failedParameter: '' };
  // 7.1 Let methods be the result of extracting header list values given `Access-Control-Allow-Methods`.
  const methods = parseTokenList(getCombined(input.responseHeaders, 'access-control-allow-methods'));
  if (methods === null) return { corsError: 'InvalidAllowMethodsPreflightResponse', failedParameter: '' };
  // 7.2 Let headerNames be the result of extracting header list values given `Access-Control-Allow-Headers`.
  const headerList = parseTokenList(getCombined(input.responseHeaders, 'access-control-allow-headers'));
  if (headerList === null) return { corsError: 'InvalidAllowHeadersPreflightResponse', failedParameter: '' };
  const headerNames = headerList.map((h) => h.toLowerCase());
  // 7.5 If request's method is not in methods, request's method is not a CORS-safelisted method, and
  //     request's credentials mode is "include" or methods does not contain `*`, then return a network error.
  //     (Methods compare byte-exact: `patch` is not `PATCH`.)
  const methodOk =
    methods.includes(input.method) ||
    isCorsSafelistedMethod(input.method) ||
    (!input.credentialsInclude && methods.includes('*'));
  if (!methodOk) return { corsError: 'MethodDisallowedByPreflightResponse', failedParameter: input.method };
  // 7.6 If one of request's header list's names is a CORS non-wildcard request-header name (Authorization)
  //     and is not a byte-case-insensitive match for an item in headerNames, then return a network error.
  //     Chromium only applies this when `*` would otherwise have covered it.
  const wildcard = !input.credentialsInclude && headerNames.includes('*');
  if (wildcard) {
    if ((input.authorizationNeedsExplicitListing ?? true) && input.hasAuthorization && !headerNames.includes('authorization')) {
      return { corsError: 'HeaderDisallowedByPreflightResponse', failedParameter: 'authorization' };
    }
    return null;
  }
  // 7.7 For each unsafeName in the CORS-unsafe request-header names … if unsafeName is not a
  //     byte-case-insensitive match for an item in headerNames … return a network error.
  for (const name of input.unsafeHeaderNames) {
    if (!headerNames.includes(name)) return { corsError: 'HeaderDisallowedByPreflightResponse', failedParameter: name };
  }
  return null;
}

/**
 * Max-Age as each engine caps it (Chromium 2 h, Firefox 24 h, WebKit 10 min); 5 s when absent or unparsable.
 * https://fetch.spec.whatwg.org/#http-access-control-max-age
 */
export function effectiveMaxAge(value: string | null, engine: 'chrome' | 'firefox' | 'safari'): number {
  const cap = engine === 'chrome' ? 7200 : engine === 'firefox' ? 86400 : 600;
  if (value === null) return 5;
  // Firefox does not cache at all when the value has anything but digits (nsCORSListenerProxy.cpp).
  if (engine === 'firefox' && !/^\d+$/.test(value.trim())) return 0;
  if (!/^-?\d+$/.test(value.trim())) return 5;
  const n = Number(value.trim());
  if (n <= 0) return 0;
  return Math.min(n, cap);
}
