/**
 * The data model shared by every part of CORS Lens (engine, CLI, panel, fixes, reports).
 * Pure types: no browser globals, no Node APIs.
 */

/** One header line exactly as captured: original casing, duplicates kept, in order. */
export interface Header {
  name: string;
  value: string;
}

/** Which tool wrote the HAR; decides which signals can be trusted. */
export type CaptureSource = 'chrome' | 'firefox' | 'safari' | 'other';

/** A HAR entry reduced to what CORS needs. Built once at the edge (`src/core/har/normalize.ts`). */
export interface NetworkEntry {
  /** Index in `log.entries` of the HAR this came from. */
  index: number;
  method: string;
  url: string;
  requestHeaders: Header[];
  /** 0 when no response was received (blocked before the response, failed preflight, network error). */
  status: number;
  statusText: string;
  responseHeaders: Header[];
  /** Location of a 3xx, from `response.redirectURL` or the `Location` header. */
  redirectURL: string;
  /** `startedDateTime` in epoch milliseconds (NaN when unreadable). */
  startedMs: number;
  /** Total time in ms (`entry.time`), NaN when unknown. */
  durationMs: number;
  /** Chromium `_resourceType` (`fetch`, `xhr`, `preflight`, `document`, `script`, …). */
  resourceType?: string;
  /** Chromium `_initiator`. For preflights `type` is `preflight` and `requestId` names the actual request. */
  initiator?: { type?: string; url?: string; requestId?: string };
  /** Chromium `response._error` (`net::ERR_FAILED`, `net::ERR_CONNECTION_REFUSED`, …). */
  error?: string;
  /** URL of the page (HAR `pages[].title` when it is a URL), when known. */
  pageUrl?: string;
  /** `serverIPAddress` when recorded (used for Local Network Access address spaces). */
  serverIp?: string;
  /** Response body text when the HAR carries it (used for not-CORS hints, never exported by default). */
  bodyText?: string;
  source: CaptureSource;
}

/** Chrome's CDP `Network.CorsError` names (devtools-protocol, 2026). */
export type CorsError =
  | 'DisallowedByMode'
  | 'InvalidResponse'
  | 'WildcardOriginNotAllowed'
  | 'MissingAllowOriginHeader'
  | 'MultipleAllowOriginValues'
  | 'InvalidAllowOriginValue'
  | 'AllowOriginMismatch'
  | 'InvalidAllowCredentials'
  | 'CorsDisabledScheme'
  | 'PreflightInvalidStatus'
  | 'PreflightDisallowedRedirect'
  | 'PreflightWildcardOriginNotAllowed'
  | 'PreflightMissingAllowOriginHeader'
  | 'PreflightMultipleAllowOriginValues'
  | 'PreflightInvalidAllowOriginValue'
  | 'PreflightAllowOriginMismatch'
  | 'PreflightInvalidAllowCredentials'
  | 'InvalidAllowMethodsPreflightResponse'
  | 'InvalidAllowHeadersPreflightResponse'
  | 'MethodDisallowedByPreflightResponse'
  | 'HeaderDisallowedByPreflightResponse'
  | 'RedirectContainsCredentials'
  | 'InsecureLocalNetwork'
  | 'InvalidLocalNetworkAccess'
  | 'LocalNetworkAccessPermissionDenied'
  | 'NoCorsRedirectModeNotFollow'
  // Removed from the current enum but still seen in captures from older Chrome builds.
  | 'PreflightMissingAllowPrivateNetwork'
  | 'PreflightInvalidAllowPrivateNetwork';

export type Verdict = 'allowed' | 'blocked' | 'network-error' | 'same-origin' | 'unknown';

/** Credentials mode of the request as far as the capture shows it. */
export type CredentialsMode = 'include' | 'omit' | 'unknown';

export type BrowserName = 'chrome' | 'firefox' | 'safari';

/** Why the browser sent (or would send) a preflight. One item per cause. */
export type PreflightReason =
  | { kind: 'method'; method: string; note?: string }
  | { kind: 'header'; name: string; value: string; why: 'not-safelisted' | 'value-too-long' | 'unsafe-byte' | 'content-type' | 'range' | 'total-over-1024' | 'language-chars' };

/** Where the preflight of an exchange is (or why it is absent). */
export type PreflightStatus =
  | 'not-needed'
  | 'captured'
  /** Needed but no OPTIONS entry is in the capture: served from the preflight cache, or captured before DevTools opened. */
  | 'cached-or-not-captured';

/** A browser-specific outcome (Chrome is the reference; Firefox/Safari differ in a few documented places). */
export interface BrowserVerdict {
  verdict: Verdict;
  /** Chrome: CDP CorsError. Firefox: its reason key (e.g. `CORSMissingAllowOrigin2`). Safari: a short id. */
  reason: string | null;
  /** Console lines as that browser prints them, in order. Empty when nothing is printed. */
  console: string[];
  /** Warnings that do not block (e.g. Firefox's Authorization-covered-by-wildcard deprecation). */
  warnings: string[];
}

/** A look-alike: the request failed, or the server answered with an error, for a reason that is not a CORS header. */
export interface NotCorsFinding {
  kind:
    | 'connection-failed'
    | 'blocked-by-client'
    | 'mixed-content'
    | 'csp'
    | 'corp'
    | 'orb'
    | 'preflight-auth'        // 401/403 answered to OPTIONS: an auth layer runs before the CORS layer
    | 'preflight-not-found'   // 404/405 to OPTIONS: no route or the method is refused
    | 'server-error'          // 5xx page without CORS headers (crash, proxy 502/504)
    | 'proxy-error-page'
    | 'redirect'              // APPEND_SLASH, http→https, login redirect
    | 'http-error'            // allowed by CORS but the status is an error (4xx/5xx)
    | 'csrf';                 // Django CSRF 403 after CORS passed
  summary: string;
}

export interface RedirectHop {
  entry: number;
  url: string;
  status: number;
  location: string;
}

/** One logical request: the page's request, its preflight (if any) and its redirect hops. */
export interface Exchange {
  /** Index in `log.entries` of the page's request (the first hop when redirected). */
  entry: number;
  /** Index of the OPTIONS preflight paired with it, or null. */
  preflightEntry: number | null;
  /** For a later hop of a redirect chain: the entry index of the chain's first request (whose exchange tells the story). */
  redirectOf: number | null;
  method: string;
  /** URL of the first hop. */
  url: string;
  /** Final URL after redirects (equal to `url` when not redirected). */
  finalUrl: string;
  /** Serialized origin of the requesting page (`null` string for opaque origins), or null when unknown. */
  origin: string | null;
  verdict: Verdict;
  corsError: CorsError | null;
  failedParameter: string | null;
  /** The exact console line Chrome prints for this failure, or null. */
  consoleMessage: string | null;
  /** `fetch`, `XMLHttpRequest`, `script`, … as Chrome names it in the console. */
  resourceKind: string;
  credentials: { mode: CredentialsMode; evidence: string };
  preflight: { needed: boolean; status: PreflightStatus; reasons: PreflightReason[] };
  redirects: RedirectHop[];
  /** Per-browser outcomes; `disagree` is true when they do not all agree. */
  browsers: Record<BrowserName, BrowserVerdict>;
  disagree: boolean;
  /** When verdict is `unknown`: what the capture lacks. */
  missing: string[];
  /** When the verdict depends on something the capture lacks, the outcome under each alternative. */
  alternatives: Array<{ assumption: string; verdict: Verdict; corsError: CorsError | null; failedParameter: string | null }>;
  /** Look-alikes and real underlying problems (401 preflight, 502 page, redirect …). */
  notCors: NotCorsFinding[];
  /** Notes the UI and reports show as-is (assumptions, cache hints, opaque responses). */
  notes: string[];
  /** True for an opaque (no-cors) response: allowed, but unreadable by script. */
  opaque: boolean;
}

export interface Analysis {
  source: CaptureSource;
  entryCount: number;
  exchanges: Exchange[];
  /** Indices of entries recognised as preflights (paired or not). */
  preflightEntries: number[];
  /** Non-fatal problems with the input (skipped entries and why). */
  warnings: string[];
}
