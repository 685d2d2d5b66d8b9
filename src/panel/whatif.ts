/**
 * "What if": the user edits the captured request or response and the engine recomputes the verdict.
 * A draft is built from a captured exchange, edited in the UI, and turned back into NetworkEntries
 * that the real engine analyses. The captured `_error` is dropped (it describes the original
 * headers, not the edited ones), so the verdict comes from the CORS rules alone.
 */
import type { Exchange, Header, NetworkEntry, CaptureSource, Verdict, CorsError, BrowserName, BrowserVerdict } from '../core/model.js';
import { analyzeEntries } from '../core/index.js';

export interface DraftResponse {
  status: number;
  headers: Header[];
}

export interface WhatIfDraft {
  /** The page origin (what the browser sends as Origin). */
  origin: string;
  method: string;
  url: string;
  /** Headers the page script set (Origin, Cookie and preflight headers are derived). */
  requestHeaders: Header[];
  credentials: 'include' | 'omit';
  /** The answer to the preflight, used when one is needed. */
  preflightResponse: DraftResponse;
  /** The answer to the request itself. */
  response: DraftResponse;
  /** True when the capture had no response for the request (the preflight failed): it is assumed. */
  responseAssumed: boolean;
  source: CaptureSource;
  resourceType: string | undefined;
}

export interface WhatIfResult {
  verdict: Verdict;
  corsError: CorsError | null;
  failedParameter: string | null;
  consoleMessage: string | null;
  preflightNeeded: boolean;
  browsers: Record<BrowserName, BrowserVerdict>;
  exchange: Exchange;
}

/**
 * Request headers the browser sets itself (never the page script): the draft derives or drops them,
 * so the editor shows what the page actually chose to send.
 */
const DERIVED = new Set([
  'origin', 'cookie', 'host', 'access-control-request-method', 'access-control-request-headers', 'content-length', 'connection',
  'referer', 'user-agent', 'accept-encoding', 'priority', 'dnt', 'pragma', 'cache-control', 'upgrade-insecure-requests',
]);

function browserSet(name: string): boolean {
  const n = name.toLowerCase();
  return DERIVED.has(n) || n.startsWith(':') || n.startsWith('sec-') || n.startsWith('proxy-');
}

const CORS_RESPONSE = /^(access-control-allow-origin|access-control-allow-credentials|vary)$/i;

export function draftFrom(x: Exchange, actual: NetworkEntry | undefined, preflight: NetworkEntry | undefined, last: NetworkEntry | undefined): WhatIfDraft {
  const response = last ?? actual;
  const hasResponse = response !== undefined && response.status > 0;
  const preflightResponse: DraftResponse = preflight
    ? { status: preflight.status, headers: preflight.responseHeaders.map((h) => ({ ...h })) }
    : { status: 204, headers: [] };
  return {
    origin: x.origin ?? 'null',
    method: x.method,
    url: x.url,
    requestHeaders: (actual?.requestHeaders ?? []).filter((h) => !browserSet(h.name)).map((h) => ({ ...h })),
    credentials: x.credentials.mode === 'include' ? 'include' : 'omit',
    preflightResponse,
    response: hasResponse
      ? { status: response.status, headers: response.responseHeaders.map((h) => ({ ...h })) }
      : { status: 200, headers: preflightResponse.headers.filter((h) => CORS_RESPONSE.test(h.name)).map((h) => ({ ...h })) },
    responseAssumed: !hasResponse,
    source: actual?.source ?? 'other',
    resourceType: actual?.resourceType,
  };
}

/** The Access-Control-Request-Headers value: lower-case names, sorted, comma-joined, as Chromium sends it. */
function announcedHeaders(names: readonly string[]): string {
  return [...new Set(names.map((n) => n.toLowerCase()))].sort().join(',');
}

/**
 * `withPreflight`: the header names the preflight announces (null: no preflight).
 * `answered`: whether the request got its response; the browser only sends the request once its
 * preflight passed, so the preflight is first judged with no response to the request.
 */
function entriesFor(d: WhatIfDraft, withPreflight: string[] | null, answered = true): NetworkEntry[] {
  const started = Date.UTC(2026, 0, 1);
  const requestHeaders: Header[] = [...d.requestHeaders.map((h) => ({ ...h })), { name: 'Origin', value: d.origin }];
  // The engine reads credentials mode "include" from a Cookie header on a cross-origin request.
  if (d.credentials === 'include') requestHeaders.push({ name: 'Cookie', value: 'what-if=1' });
  const pageUrl = d.origin === 'null' ? undefined : `${d.origin}/`;
  const actual: NetworkEntry = {
    index: 0,
    method: d.method,
    url: d.url,
    requestHeaders,
    status: answered ? d.response.status : 0,
    statusText: '',
    responseHeaders: answered ? d.response.headers.map((h) => ({ ...h })) : [],
    redirectURL: '',
    startedMs: started,
    durationMs: 10,
    source: d.source,
    ...(d.resourceType ? { resourceType: d.resourceType } : {}),
    ...(pageUrl ? { pageUrl } : {}),
  };
  if (!withPreflight) return [actual];
  const acrh = announcedHeaders(withPreflight);
  const preflight: NetworkEntry = {
    index: 1,
    method: 'OPTIONS',
    url: d.url,
    requestHeaders: [
      { name: 'Origin', value: d.origin },
      { name: 'Access-Control-Request-Method', value: d.method },
      ...(acrh ? [{ name: 'Access-Control-Request-Headers', value: acrh }] : []),
    ],
    status: d.preflightResponse.status,
    statusText: '',
    responseHeaders: d.preflightResponse.headers.map((h) => ({ ...h })),
    redirectURL: '',
    startedMs: started + 2,
    durationMs: 5,
    source: d.source,
    resourceType: 'preflight',
    initiator: { type: 'preflight' },
    ...(pageUrl ? { pageUrl } : {}),
  };
  return [actual, preflight];
}

/** Recompute the verdict of an edited draft with the real engine. */
export function evaluateDraft(d: WhatIfDraft): WhatIfResult {
  const options = { source: d.source, errorAware: false };
  // First without a preflight: the engine says whether one is needed and for which headers.
  let x = analyzeEntries(entriesFor(d, null), options).exchanges[0];
  if (x && x.preflight.needed) {
    const headerNames = x.preflight.reasons.flatMap((r) => (r.kind === 'header' ? [r.name] : []));
    const exchangeOf = (entries: NetworkEntry[]) => analyzeEntries(entries, options).exchanges.find((e) => e.entry === 0);
    // Does the preflight pass? Judged with the request unanswered, as the browser would have it.
    const preflightOnly = exchangeOf(entriesFor(d, headerNames, false));
    x = preflightOnly?.verdict === 'blocked' ? preflightOnly : (exchangeOf(entriesFor(d, headerNames)) ?? x);
  }
  if (!x) throw new Error('the engine returned no exchange for the draft');
  // Without a Cookie header the engine tries both credentials modes; the user chose one.
  let { verdict, corsError, failedParameter } = x;
  if (verdict === 'unknown' && x.alternatives.length > 0) {
    const wanted = x.alternatives.find((a) => a.assumption.startsWith('credentials: "include"') === (d.credentials === 'include'));
    if (wanted) ({ verdict, corsError, failedParameter } = wanted);
  }
  return { verdict, corsError, failedParameter, consoleMessage: x.consoleMessage, preflightNeeded: x.preflight.needed, browsers: x.browsers, exchange: x };
}
