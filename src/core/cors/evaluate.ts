import type { CorsError, NetworkEntry } from '../model.js';
import { getAll, getCombined } from '../http/headers.js';
import { isHttpScheme, parseUrl, serializeOrigin } from '../http/origin.js';
import { corsCheck } from './cors-check.js';
import { corsPreflightCheck } from './preflight-check.js';
import { preflightReasons, unsafeHeaderNames } from './preflight-needed.js';
import { isRedirectStatus, resolveLocation } from './redirects.js';

/**
 * Runs the browser's decision over one captured request chain under one assumption about the credentials
 * mode, the way a given engine does it. The steps follow Fetch's main fetch → HTTP fetch → HTTP-redirect fetch
 * (https://fetch.spec.whatwg.org/#main-fetch) with Chromium's check order; Firefox and Safari differ only in
 * the places listed in `EngineRules`.
 */

export interface EngineRules {
  engine: 'chrome' | 'firefox' | 'safari';
  /** The Fetch standard blocks `Authorization` under `Access-Control-Allow-Headers: *`; Chrome 156 and Safari allow it, Firefox warns. */
  authorizationNeedsExplicitListing: boolean;
  /** WebKit checks the preflight status before Access-Control-Allow-Origin. */
  statusBeforeOrigin: boolean;
  /**
   * Which disallowed header is named first: Chromium walks the request's headers in the order the page
   * set them (measured); Firefox walks the sorted Access-Control-Request-Headers list (measured on ESR 153).
   */
  headerOrder: 'as-set' | 'sorted';
}

export const RULES: Record<'chrome' | 'firefox' | 'safari', EngineRules> = {
  // Measured on Chromium 156 (test/browser, scenario header-authorization-wildcard): Authorization is
  // covered by `Access-Control-Allow-Headers: *` without credentials, although the Fetch standard says
  // it never is. Firefox lets it through with a deprecation warning; Safari lets it through.
  chrome: { engine: 'chrome', authorizationNeedsExplicitListing: false, statusBeforeOrigin: false, headerOrder: 'as-set' },
  firefox: { engine: 'firefox', authorizationNeedsExplicitListing: false, statusBeforeOrigin: false, headerOrder: 'sorted' },
  safari: { engine: 'safari', authorizationNeedsExplicitListing: false, statusBeforeOrigin: true, headerOrder: 'as-set' },
};

export interface Chain {
  hops: NetworkEntry[];
  /** Paired preflight per hop (same index as `hops`). */
  preflights: Array<NetworkEntry | undefined>;
  /** Requesting page origin (serialized). */
  pageOrigin: string;
}

export type Outcome = OutcomeKind & {
  /** Whether any step's result depended on the credentials mode (else both modes give this outcome). */
  credentialsSensitive?: boolean;
  /** Whether a step where engines differ was reached (Authorization under `*`, a non-2xx preflight). */
  engineSensitive?: boolean;
};

type OutcomeKind =
  | { kind: 'pass'; sameOrigin: boolean; usedAuthorizationWildcard: boolean }
  | {
      kind: 'fail';
      corsError: CorsError;
      failedParameter: string;
      hop: number;
      preflight: boolean;
      wireOrigin: string;
      /** For a failing redirect response: where it pointed. */
      redirectTarget?: string;
    }
  /** The capture lacks what the decision needs (`missing` says what). */
  | { kind: 'indeterminate'; hop: number; missing: string }
  /** No HTTP response for this hop and nothing CORS-related failed before it. */
  | { kind: 'no-response'; hop: number; preflightPassed: boolean };

export function hasResponse(e: NetworkEntry): boolean {
  return e.status > 0 || e.responseHeaders.length > 0;
}

function preflightRedirected(pf: NetworkEntry): boolean {
  return isRedirectStatus(pf.status) || pf.error === 'net::ERR_INVALID_REDIRECT';
}

function accessControlOrigin(origin: string, hopUrl: string, pageOrigin: string): string {
  return origin || serializeOrigin(hopUrl) || pageOrigin;
}

/**
 * Whether the credentials mode can change the result of checking these response headers: only `*`
 * (origin, methods, headers) and an exact origin (then Access-Control-Allow-Credentials is read) do.
 */
function credentialsMatter(headers: NetworkEntry['responseHeaders'], origin: string, preflight: boolean): boolean {
  const acao = getCombined(headers, 'access-control-allow-origin');
  if (acao === '*' || acao === origin) return true;
  if (!preflight) return false;
  return listsWildcard(headers, 'access-control-allow-methods') || listsWildcard(headers, 'access-control-allow-headers');
}

/** Whether a `#token` list header holds the item `*`. */
function listsWildcard(headers: NetworkEntry['responseHeaders'], name: string): boolean {
  return /(^|,)\s*\*\s*(,|$)/.test(getCombined(headers, name) ?? '');
}

export function evaluateChain(chain: Chain, credentialsInclude: boolean, rules: EngineRules): Outcome {
  let credentialsSensitive = false;
  let engineSensitive = false;
  const o: Outcome = evaluate(chain, credentialsInclude, rules, (c, e) => {
    credentialsSensitive ||= c;
    engineSensitive ||= e;
  });
  o.credentialsSensitive = credentialsSensitive;
  o.engineSensitive = engineSensitive;
  return o;
}

function evaluate(chain: Chain, credentialsInclude: boolean, rules: EngineRules, mark: (credentials: boolean, engine: boolean) => void): OutcomeKind {
  const { hops, preflights, pageOrigin } = chain;
  let wireOrigin = pageOrigin;
  let corsTainting = false;
  let usedAuthorizationWildcard = false;
  for (let i = 0; i < hops.length; i++) {
    const hop = hops[i] as NetworkEntry;
    const hopOrigin = serializeOrigin(hop.url);
    // Main fetch step 12: response tainting stays "cors" once the request has left the page's origin.
    if (!corsTainting && hopOrigin !== pageOrigin) corsTainting = true;
    const isLast = i === hops.length - 1;
    if (!corsTainting) {
      if (isRedirectStatus(hop.status) && !isLast) continue;
      return { kind: 'pass', sameOrigin: true, usedAuthorizationWildcard };
    }
    // Scheme fetch: CORS only works over HTTP(S) (Chromium kCorsDisabledScheme).
    if (!isHttpScheme(hop.url) && !hop.url.startsWith('data:')) {
      return { kind: 'fail', corsError: 'CorsDisabledScheme', failedParameter: '', hop: i, preflight: false, wireOrigin };
    }
    // HTTP fetch step 4.1: CORS-preflight fetch.
    const pf = preflights[i];
    if (pf) {
      if (!hasResponse(pf) && !preflightRedirected(pf)) {
        return { kind: 'indeterminate', hop: i, missing: 'the preflight response (the OPTIONS request got no response)' };
      }
      const asSet = unsafeHeaderNames(hop, pf);
      const unsafe = rules.headerOrder === 'sorted' ? [...asSet].sort() : asSet;
      const acrm = getCombined(pf.requestHeaders, 'access-control-request-method') ?? hop.method;
      const pfOrigin = accessControlOrigin(getCombined(pf.requestHeaders, 'origin') ?? '', hop.url, wireOrigin);
      const common = {
        status: pf.status,
        redirected: preflightRedirected(pf),
        responseHeaders: pf.responseHeaders,
        origin: pfOrigin,
        credentialsInclude,
        responseUrlIsHttp: isHttpScheme(pf.url),
        method: acrm,
        unsafeHeaderNames: unsafe,
        hasAuthorization: unsafe.includes('authorization'),
      };
      mark(credentialsMatter(pf.responseHeaders, pfOrigin, true), (pf.status < 200 || pf.status > 299) || unsafe.length > 1 || (common.hasAuthorization && listsWildcard(pf.responseHeaders, 'access-control-allow-headers')));
      // WebKit rejects a non-2xx preflight before looking at its headers.
      if (rules.statusBeforeOrigin && (pf.status < 200 || pf.status > 299)) {
        return { kind: 'fail', corsError: 'PreflightInvalidStatus', failedParameter: '', hop: i, preflight: true, wireOrigin: pfOrigin };
      }
      const failure = corsPreflightCheck({ ...common, authorizationNeedsExplicitListing: rules.authorizationNeedsExplicitListing });
      if (failure) return { kind: 'fail', ...failure, hop: i, preflight: true, wireOrigin: pfOrigin };
      const privateNetwork = privateNetworkCheck(pf);
      if (privateNetwork) return { kind: 'fail', ...privateNetwork, hop: i, preflight: true, wireOrigin: pfOrigin };
      if (!rules.authorizationNeedsExplicitListing && common.hasAuthorization) {
        const strict = corsPreflightCheck({ ...common, authorizationNeedsExplicitListing: true });
        if (strict) usedAuthorizationWildcard = true;
      }
    } else if (preflightReasons(hop).length > 0 && !hasResponse(hop)) {
      return {
        kind: 'indeterminate',
        hop: i,
        missing: 'the preflight (this request needed one, but no OPTIONS request for it is in the capture: it was answered from the preflight cache or sent before DevTools opened)',
      };
    }
    if (!hasResponse(hop)) return { kind: 'no-response', hop: i, preflightPassed: pf !== undefined };
    // HTTP fetch step 4.4 / 5: CORS check on the response (redirect responses included; not on 304).
    const origin = accessControlOrigin(getCombined(hop.requestHeaders, 'origin') ?? '', hop.url, wireOrigin);
    if (hop.status !== 304) {
      mark(credentialsMatter(hop.responseHeaders, origin, false), false);
      const failure = corsCheck({ responseHeaders: hop.responseHeaders, origin, credentialsInclude, responseUrlIsHttp: isHttpScheme(hop.url) });
      if (failure) {
        const location = isRedirectStatus(hop.status) ? resolveLocation(hop.redirectURL, hop.url) ?? undefined : undefined;
        return { kind: 'fail', ...failure, hop: i, preflight: false, wireOrigin: origin, ...(location ? { redirectTarget: location } : {}) };
      }
    }
    if (isRedirectStatus(hop.status) && hop.redirectURL) {
      const location = resolveLocation(hop.redirectURL, hop.url);
      if (location) {
        // HTTP-redirect fetch step 8: a Location with credentials fails a CORS request.
        const loc = parseUrl(location);
        if (loc && (loc.username || loc.password)) {
          // Chromium leaves failedParameter empty here (measured), so its console line reads "Redirect location ''".
          return { kind: 'fail', corsError: 'RedirectContainsCredentials', failedParameter: '', hop: i, preflight: false, wireOrigin: origin, redirectTarget: location };
        }
        // HTTP-redirect fetch step 13: the origin becomes "null" after a hop between two foreign origins.
        const nextOrigin = serializeOrigin(location);
        if (hopOrigin !== nextOrigin && pageOrigin !== hopOrigin) wireOrigin = 'null';
      }
      if (!isLast) continue;
    }
    return { kind: 'pass', sameOrigin: false, usedAuthorizationWildcard };
  }
  return { kind: 'pass', sameOrigin: false, usedAuthorizationWildcard };
}

/**
 * Private Network Access preflight headers (Chromium before Local Network Access, still in old captures):
 * a preflight that asked `Access-Control-Request-Private-Network: true` needs `…-Allow-Private-Network: true`.
 * https://wicg.github.io/private-network-access/#cors-preflight
 */
function privateNetworkCheck(pf: NetworkEntry): { corsError: CorsError; failedParameter: string } | null {
  if (getCombined(pf.requestHeaders, 'access-control-request-private-network') !== 'true') return null;
  const allow = getCombined(pf.responseHeaders, 'access-control-allow-private-network');
  if (allow === null) return { corsError: 'PreflightMissingAllowPrivateNetwork', failedParameter: '' };
  if (allow !== 'true') return { corsError: 'PreflightInvalidAllowPrivateNetwork', failedParameter: allow };
  return null;
}

/** Number of separate Access-Control-Allow-Origin lines in a response (Firefox reports >1 differently). */
export function allowOriginLineCount(e: NetworkEntry): number {
  return getAll(e.responseHeaders, 'access-control-allow-origin').length;
}

