/**
 * Readable builders for report tests: HAR entries in the shapes Chromium 156 writes
 * (/work/shared/reference/extension-capture.md, Table B), and a corpus of HARs with a unique
 * secret marker planted in every place a secret can hide.
 */
import type { Exchange, Header } from '../../src/core/model.js';

export type H = [string, string];
export type Json = Record<string, unknown>;

export const PAGE = 'http://127.0.0.1:8001';
export const API = 'http://localhost:8002';

const headers = (list: H[]): Header[] => list.map(([name, value]) => ({ name, value }));

export interface EntrySpec {
  method?: string;
  url: string;
  req?: H[];
  status?: number;
  statusText?: string;
  res?: H[];
  error?: string | null;
  resourceType?: string;
  initiator?: Json;
  redirectURL?: string;
  postData?: { mimeType: string; text: string };
  responseText?: string;
  startedMs?: number;
  pageref?: string;
  reqCookies?: Array<{ name: string; value: string }>;
  resCookies?: Array<{ name: string; value: string }>;
  httpVersion?: string;
}

/** One HAR 1.2 entry with Chromium's underscore fields. */
export function entry(s: EntrySpec): Json {
  const url = new URL(s.url);
  const e: Json = {
    _initiator: s.initiator ?? { type: 'script', stack: { callFrames: [{ functionName: 'run', scriptId: '7', url: `${PAGE}/app.js`, lineNumber: 10, columnNumber: 2 }] } },
    _priority: 'High',
    _resourceType: s.resourceType ?? 'fetch',
    cache: {},
    request: {
      method: s.method ?? 'GET',
      url: s.url,
      httpVersion: s.httpVersion ?? 'HTTP/1.1',
      headers: headers(s.req ?? []),
      queryString: [...url.searchParams].map(([name, value]) => ({ name, value })),
      cookies: s.reqCookies ?? [],
      headersSize: -1,
      bodySize: s.postData ? s.postData.text.length : 0,
      ...(s.postData ? { postData: s.postData } : {}),
    },
    response: {
      status: s.status ?? 200,
      statusText: s.statusText ?? (s.status === 0 ? '' : 'OK'),
      httpVersion: s.status === 0 ? '' : 'HTTP/1.1',
      headers: headers(s.res ?? []),
      cookies: s.resCookies ?? [],
      content: { size: s.responseText?.length ?? 0, mimeType: 'application/json', ...(s.responseText !== undefined ? { text: s.responseText } : {}) },
      redirectURL: s.redirectURL ?? '',
      headersSize: -1,
      bodySize: -1,
      _transferSize: 0,
      _error: s.error ?? null,
      _fetchedViaServiceWorker: false,
    },
    serverIPAddress: '127.0.0.1',
    startedDateTime: new Date(s.startedMs ?? Date.UTC(2026, 10, 21, 12, 0, 0)).toISOString(),
    time: 3.5,
    timings: { blocked: 1, dns: -1, ssl: -1, connect: -1, send: 0.1, wait: 2, receive: 0.4, _blocked_queueing: 0.2 },
  };
  if (s.pageref) e.pageref = s.pageref;
  return e;
}

export function preflightInitiator(url: string): Json {
  return { type: 'preflight', url, requestId: '16783.7' };
}

export interface HarSpec {
  entries: Json[];
  pages?: Json[];
  creator?: { name: string; version: string };
  browser?: { name: string; version: string };
}

export function har(s: HarSpec): Json {
  const log: Json = { version: '1.2', creator: s.creator ?? { name: 'WebInspector', version: '537.36' } };
  if (s.browser) log.browser = s.browser;
  log.pages = s.pages ?? [];
  log.entries = s.entries;
  return { log };
}

export function page(id: string, title: string): Json {
  return { startedDateTime: new Date(Date.UTC(2026, 10, 21, 11, 59, 0)).toISOString(), id, title, pageTimings: { onContentLoad: 10, onLoad: 20 } };
}

// ---------------------------------------------------------------------------------------------
// Chromium 156 shapes (Table B). Each returns the entries; `extra` adds request/response headers.

const T0 = Date.UTC(2026, 10, 21, 12, 0, 0);

export interface ShapeOptions {
  url?: string;
  /** Extra request headers on the page's request (and, where the browser would, on nothing else). */
  reqExtra?: H[];
  /** Extra response headers on every response. */
  resExtra?: H[];
  /** Extra request headers on the preflight (the browser sends no credentials there; tests may still plant). */
  preflightReqExtra?: H[];
  method?: string;
  acrh?: string;
  pageref?: string;
  decorate?: (e: EntrySpec, role: 'preflight' | 'request' | 'redirect') => EntrySpec;
}

const id = (e: EntrySpec): EntrySpec => e;

/** c1/c2/c3/c9/c13: a simple request answered 200 with full headers, then blocked (`_error: net::ERR_FAILED`). */
export function simpleBlocked(acao: H[], o: ShapeOptions = {}): Json[] {
  const d = o.decorate ?? id;
  const url = o.url ?? `${API}/c1`;
  return [entry(d({ method: o.method ?? 'GET', url, req: [['Origin', PAGE], ...(o.reqExtra ?? [])], status: 200, res: [['Content-Type', 'application/json'], ...acao, ...(o.resExtra ?? [])], error: 'net::ERR_FAILED', startedMs: T0, pageref: o.pageref }, 'request'))];
}

/**
 * c4/c5/c7/c7b/c12: OPTIONS entry (`_resourceType: preflight`) plus the actual request with
 * status 0, no response headers and only the provisional request headers (no `Origin`).
 */
export function preflightFailed(preflightStatus: number, preflightRes: H[], o: ShapeOptions = {}): Json[] {
  const d = o.decorate ?? id;
  const url = o.url ?? `${API}/c4`;
  const method = o.method ?? 'PUT';
  const actual = entry(d({ method, url, req: [['Content-Type', 'application/json'], ...(o.reqExtra ?? [])], status: 0, res: [], error: 'net::ERR_FAILED', startedMs: T0, pageref: o.pageref }, 'request'));
  const pre = entry(d({
    method: 'OPTIONS', url, resourceType: 'preflight', initiator: preflightInitiator(url),
    req: [['Origin', PAGE], ['Access-Control-Request-Method', method], ...(o.acrh ? [['Access-Control-Request-Headers', o.acrh] as H] : []), ...(o.preflightReqExtra ?? [])],
    status: preflightStatus, statusText: preflightStatus === 204 ? 'No Content' : preflightStatus === 401 ? 'Unauthorized' : 'OK',
    res: [...preflightRes, ...(o.resExtra ?? [])], startedMs: T0 + 3, pageref: o.pageref,
  }, 'preflight'));
  return [actual, pre];
}

/** c11: the preflight passes, the actual response (200, full headers) lacks ACAO. */
export function actualBlockedAfterPreflight(preflightRes: H[], actualRes: H[], o: ShapeOptions = {}): Json[] {
  const d = o.decorate ?? id;
  const url = o.url ?? `${API}/c11`;
  const method = o.method ?? 'PUT';
  const pre = entry(d({
    method: 'OPTIONS', url, resourceType: 'preflight', initiator: preflightInitiator(url),
    req: [['Origin', PAGE], ['Access-Control-Request-Method', method], ...(o.acrh ? [['Access-Control-Request-Headers', o.acrh] as H] : []), ...(o.preflightReqExtra ?? [])],
    status: 204, statusText: 'No Content', res: [...preflightRes, ...(o.resExtra ?? [])], startedMs: T0 + 3, pageref: o.pageref,
  }, 'preflight'));
  const actual = entry(d({ method, url, req: [['Origin', PAGE], ['Content-Type', 'application/json'], ...(o.reqExtra ?? [])], status: 200, res: [...actualRes, ...(o.resExtra ?? [])], error: 'net::ERR_FAILED', startedMs: T0, pageref: o.pageref }, 'request'));
  return [pre, actual];
}

/** A simple GET redirected (302) to another URL whose response lacks ACAO. */
export function redirectedThenBlocked(location: string, o: ShapeOptions = {}): Json[] {
  const d = o.decorate ?? id;
  const url = o.url ?? `${API}/start`;
  const first = entry(d({ method: 'GET', url, req: [['Origin', PAGE], ...(o.reqExtra ?? [])], status: 302, statusText: 'Found', res: [['Location', location], ['Access-Control-Allow-Origin', PAGE], ['Access-Control-Allow-Credentials', 'true'], ['Vary', 'Origin'], ...(o.resExtra ?? [])], redirectURL: location, startedMs: T0, pageref: o.pageref }, 'request'));
  // A redirect to another origin taints the request's origin: the next hop sends `Origin: null` (fetch §4.4 step 4.13).
  const second = entry(d({ method: 'GET', url: location, req: [['Origin', 'null'], ...(o.reqExtra ?? [])], status: 200, res: [['Content-Type', 'application/json'], ...(o.resExtra ?? [])], error: 'net::ERR_FAILED', startedMs: T0 + 5, pageref: o.pageref }, 'redirect'));
  return [first, second];
}

/** c6: the preflight is answered with a redirect (`_error: net::ERR_INVALID_REDIRECT`). */
export function preflightRedirected(location: string, o: ShapeOptions = {}): Json[] {
  const d = o.decorate ?? id;
  const url = o.url ?? `${API}/c6`;
  const method = o.method ?? 'PUT';
  const actual = entry(d({ method, url, req: [['Content-Type', 'application/json'], ...(o.reqExtra ?? [])], status: 0, res: [], error: 'net::ERR_FAILED', startedMs: T0, pageref: o.pageref }, 'request'));
  const pre = entry(d({
    method: 'OPTIONS', url, resourceType: 'preflight', initiator: preflightInitiator(url),
    req: [['Origin', PAGE], ['Access-Control-Request-Method', method], ...(o.acrh ? [['Access-Control-Request-Headers', o.acrh] as H] : []), ...(o.preflightReqExtra ?? [])],
    status: 301, statusText: 'Moved Permanently', res: [['Location', location], ['Access-Control-Allow-Origin', PAGE], ...(o.resExtra ?? [])], redirectURL: location,
    error: 'net::ERR_INVALID_REDIRECT', startedMs: T0 + 3, pageref: o.pageref,
  }, 'preflight'));
  return [actual, pre];
}

// ---------------------------------------------------------------------------------------------
// Exchanges for unit tests of the formats (no engine needed).

export function exchange(over: Partial<Exchange> = {}): Exchange {
  const base: Exchange = {
    entry: 0,
    preflightEntry: null,
    redirectOf: null,
    method: 'GET',
    url: `${API}/c1`,
    finalUrl: `${API}/c1`,
    origin: PAGE,
    verdict: 'blocked',
    corsError: 'MissingAllowOriginHeader',
    failedParameter: '',
    consoleMessage: `Access to fetch at '${API}/c1' from origin '${PAGE}' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.`,
    resourceKind: 'fetch',
    credentials: { mode: 'omit', evidence: 'no Cookie or Authorization header' },
    preflight: { needed: false, status: 'not-needed', reasons: [] },
    redirects: [],
    browsers: {
      chrome: { verdict: 'blocked', reason: 'MissingAllowOriginHeader', console: [`Access to fetch at '${API}/c1' from origin '${PAGE}' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.`], warnings: [] },
      firefox: { verdict: 'blocked', reason: 'CORSMissingAllowOrigin', console: [`Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at ${API}/c1. (Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 200.`], warnings: [] },
      safari: { verdict: 'blocked', reason: 'missing-allow-origin', console: ['Origin http://127.0.0.1:8001 is not allowed by Access-Control-Allow-Origin. Status code: 200'], warnings: [] },
    },
    disagree: false,
    missing: [],
    alternatives: [],
    notCors: [],
    notes: [],
    opaque: false,
  };
  return { ...base, ...over };
}
