import type { CorsError, Header } from '../model.js';
import { getCombined } from '../http/headers.js';
import { isValidUrl } from '../http/origin.js';

/** A failed check, shaped like CDP's `Network.CorsErrorStatus`. */
export interface CorsFailure {
  corsError: CorsError;
  /** Exactly what Chrome puts in `failedParameter` ('' when it puts nothing). */
  failedParameter: string;
}

export interface CorsCheckInput {
  responseHeaders: readonly Header[];
  /** The request's serialized origin as sent on the wire (`null` string when tainted or opaque). */
  origin: string;
  credentialsInclude: boolean;
  /** Chromium only rejects `*` + credentials for http(s) responses. */
  responseUrlIsHttp: boolean;
}

/**
 * CORS check, in the order Chromium's `network::cors::CheckAccess` runs it
 * (services/network/public/cpp/cors/cors.cc), which refines the spec's steps into distinct errors.
 * https://fetch.spec.whatwg.org/#concept-cors-check
 */
export function corsCheck(input: CorsCheckInput): CorsFailure | null {
  // 1. Let origin be the result of getting `Access-Control-Allow-Origin` from response's header list
  //    (repeated lines are combined with ", ", which is why two lines read as "multiple values").
  const allowOrigin = getCombined(input.responseHeaders, 'access-control-allow-origin');
  // 2. If origin is null, then return failure.
  if (allowOrigin === null) return { corsError: 'MissingAllowOriginHeader', failedParameter: '' };
  // 3. If request's credentials mode is not "include" and origin is `*`, then return success.
  if (allowOrigin === '*') {
    if (!input.credentialsInclude || !input.responseUrlIsHttp) return null;
    return { corsError: 'WildcardOriginNotAllowed', failedParameter: '' };
  }
  // 4. If the byte-serialization of request's origin is not origin, then return failure.
  //    Chromium names the failure by the shape of the value.
  if (allowOrigin !== input.origin) {
    if (/[ ,]/.test(allowOrigin)) return { corsError: 'MultipleAllowOriginValues', failedParameter: allowOrigin };
    // "null" is checked before URL validity because it never parses as a URL.
    if (allowOrigin === 'null') return { corsError: 'AllowOriginMismatch', failedParameter: allowOrigin };
    if (!isValidUrl(allowOrigin)) return { corsError: 'InvalidAllowOriginValue', failedParameter: allowOrigin };
    return { corsError: 'AllowOriginMismatch', failedParameter: allowOrigin };
  }
  // 5. If request's credentials mode is not "include", then return success.
  if (!input.credentialsInclude) return null;
  // 6. Let credentials be the result of getting `Access-Control-Allow-Credentials`.
  const allowCredentials = getCombined(input.responseHeaders, 'access-control-allow-credentials');
  // 7. If credentials is `true`, then return success. 8. Return failure.
  if (allowCredentials === 'true') return null;
  return { corsError: 'InvalidAllowCredentials', failedParameter: allowCredentials ?? '' };
}

/** The preflight variant of each CheckAccess error (preflight_controller.cc maps them 1:1). */
export const PREFLIGHT_VARIANT: Partial<Record<CorsError, CorsError>> = {
  WildcardOriginNotAllowed: 'PreflightWildcardOriginNotAllowed',
  MissingAllowOriginHeader: 'PreflightMissingAllowOriginHeader',
  MultipleAllowOriginValues: 'PreflightMultipleAllowOriginValues',
  InvalidAllowOriginValue: 'PreflightInvalidAllowOriginValue',
  AllowOriginMismatch: 'PreflightAllowOriginMismatch',
  InvalidAllowCredentials: 'PreflightInvalidAllowCredentials',
};
