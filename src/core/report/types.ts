/**
 * Types of the request report (Markdown, Jira, JSON, mini-HAR).
 * Pure types: no browser globals, no Node APIs.
 */
import type { Exchange, Header, NetworkEntry } from '../model.js';

/** A JSON object as read from a HAR file: every field is untrusted. */
export type JsonObject = { [key: string]: unknown };

/** A suggested server change, as produced by `src/core/fixes/` (only these fields are read). */
export interface ReportFix {
  /** Server or library the fix is for (`django-cors-headers`, `nginx`, `express`, …). */
  server: string;
  /** The setting or configuration to paste. */
  code: string;
  /** Security or compatibility caveats shown next to the snippet. */
  warnings: string[];
}

/** The HAR the exchange came from: only `log.entries`, `log.pages`, `log.creator`, `log.browser` are read. */
export interface HarLike {
  log: JsonObject;
}

export interface ReportInput {
  /** The exchange to report (from `analyzeHar(...).exchanges`). */
  exchange: Exchange;
  /**
   * The HAR the analysis ran on. Its `log.entries[exchange.entry]` etc. are copied (redacted)
   * into the report, so `_initiator`, `_resourceType`, `_error` and timings survive.
   */
  har?: HarLike | JsonObject;
  /**
   * Fallback when no HAR object is at hand (the panel may hold only normalized entries):
   * entries are matched by their `index`.
   */
  entries?: NetworkEntry[];
  /** Suggested fixes to render, in order (optional). */
  fixes?: ReportFix[];
}

/** Where a hop sits in the exchange. */
export type HopRole = 'preflight' | 'request' | 'redirect';

/** One HAR entry of the exchange, after redaction. */
export interface ReportHop {
  role: HopRole;
  /** Index of the entry in the original HAR's `log.entries`. */
  harIndex: number;
  /** The redacted HAR entry, as it goes into the mini-HAR. */
  entry: JsonObject;
  method: string;
  url: string;
  status: number;
  statusText: string;
  /** Chromium `response._error`, or null. */
  error: string | null;
  redirectURL: string;
  resourceType: string | null;
  requestHeaders: Header[];
  responseHeaders: Header[];
  /** True when the request carried a body (it may have been dropped by redaction). */
  hasRequestBody: boolean;
  /** Request body text, when present and not redacted. */
  requestBody: string | null;
  requestBodyMimeType: string | null;
}

/** Which tool captured the HAR and in which browser. */
export interface CaptureInfo {
  creator: { name: string; version: string } | null;
  browser: { name: string; version: string; from: 'har-browser' | 'har-creator' | 'user-agent' } | null;
}
