import type { CorsError } from '../model.js';

/**
 * One CORS failure described neutrally, so each browser's wording can be rendered from it.
 * The vocabulary is Chrome's CorsError; the extra fields carry what Firefox and Safari print instead.
 */
export interface FailureDetail {
  corsError: CorsError;
  failedParameter: string;
  /** True when the failure is in the preflight response. */
  preflight: boolean;
  /** URL of the response that failed (last hop for redirects). */
  url: string;
  /** First URL of the chain. */
  initialUrl: string;
  /** HTTP status of the failing response (0 when none). */
  status: number;
  /** Number of separate `Access-Control-Allow-Origin` header lines in the failing response. */
  allowOriginLines: number;
  /** The request method as sent. */
  method: string;
  /** The failing header name as the page wrote it (Safari prints it that way), when a header failed. */
  headerAsSent?: string;
  /** Origin as sent on the wire (`null` when tainted). */
  wireOrigin: string;
  /** The requesting page's origin. */
  pageOrigin: string;
  resourceKind: string;
  /** Location of a redirect that failed (Safari names it). */
  redirectTarget?: string;
}
