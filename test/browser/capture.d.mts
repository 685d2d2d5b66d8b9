// Types of capture.mjs: the real-Chromium capture (extension HAR + CDP oracle).
import type { Har } from 'har-format';

export type OracleVerdict = 'allowed' | 'blocked' | 'network-error' | 'same-origin';

export interface OracleConsoleLine {
  /** Log.entryAdded source: javascript (the CORS line), network ("Failed to load resource"), security (CSP) … */
  source: string;
  level: string;
  category: string | null;
  text: string;
}

export interface OraclePreflight {
  cdpRequestId: string;
  url: string;
  status: number;
  errorText: string | null;
  /** Index in `har.log.entries` of this OPTIONS entry (matched through `_initiator.requestId`). */
  harIndex: number | null;
}

/** Chromium's own verdict for one page-level request of a scenario. */
export interface OracleRow {
  scenarioId: string;
  /** 0 for the first call of the scenario, 1 for the second (repeated scenarios) … */
  call: number;
  /** CDP requestId of the page's request; null when Blink refused it before the network. */
  cdpRequestId: string | null;
  method: string | null;
  /** First URL. */
  url: string | null;
  /** Last URL after redirects. */
  finalUrl: string | null;
  hops: { url: string; method: string; status: number; location: string | null }[];
  /** CDP resource type (Fetch, XHR, Image, Script). */
  resourceType: string | null;
  /** Status of the last hop (0 when no response came back). */
  status: number;
  /** blocked ⇔ corsError; network-error for other failures; same-origin when every hop is same-origin. */
  verdict: OracleVerdict;
  errorText: string | null;
  blockedReason: string | null;
  canceled: boolean;
  corsError: string | null;
  /** CDP failedParameter exactly as Chrome sends it ("" when the error has none); null without a CORS error. */
  failedParameter: string | null;
  /** The console line Chrome printed for the CORS failure (source javascript, category cors), or null. */
  corsConsoleMessage: string | null;
  /** Every console line about this request (CORS line first), text only. */
  consoleMessages: string[];
  console: OracleConsoleLine[];
  /** Audits CORS issues about this request. */
  issues: { code: string; corsError: string | null; isWarning: boolean }[];
  /** True when the page got an opaque (no-cors) or opaqueredirect response. */
  opaque: boolean;
  preflights: OraclePreflight[];
  /** Index in `har.log.entries` of the first hop; null when the HAR has no entry for it. */
  harIndex: number | null;
  /** HAR index per hop (-1 when missing). */
  harHopIndexes: number[];
  /** What the page's script saw. */
  js: { ok: boolean; status: number; error: string | null; type: string | null } | null;
}

export interface CaptureOptions {
  /** Scenario ids to run, in order (default: every scenario). */
  scenarioIds?: string[];
  executablePath?: string;
  log?: (line: string) => void;
}

export interface Capture {
  /** `Chrome/156.0.8078.79` (from the browser). */
  chromium: string;
  puppeteer: string;
  lab: { pageOrigin: string; apiOrigin: string; otherOrigin: string; closedOrigin: string; placeholders: Record<string, string> };
  scenarioIds: string[];
  /** What chrome.devtools.network.getHAR() returned, wrapped as `{ log }`. */
  har: Har;
  oracle: OracleRow[];
  wallMs: number;
}

export const CHROMIUM_ARGS: readonly string[];
export function captureChromiumLab(options?: CaptureOptions): Promise<Capture>;
/** The oracle with ports, CDP ids and HAR positions replaced, for run-to-run comparison. */
export function normalizeOracle(rows: OracleRow[], placeholders: Record<string, string>): unknown[];
