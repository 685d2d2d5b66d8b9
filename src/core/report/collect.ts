/**
 * Gathers what a report holds: the exchange's HAR entries (preflight, request, redirect hops),
 * the page, the capture tool and browser, the fixes; then redacts all of it in two passes
 * (structured rules learn the secret values, then every string is swept for them and for
 * JWTs / secret query parameters). Every format renders from the result, so they all show
 * the same, already redacted, data.
 *
 * Pure: no browser globals, no Node APIs.
 */
import type { Exchange, Header, NetworkEntry } from '../model.js';
import {
  cloneJson,
  createRedactor,
  redactionEnabled,
  redactionOptions,
  type Redaction,
  type RedactionOptions,
} from './redact.js';
import type { CaptureInfo, HopRole, JsonObject, ReportFix, ReportHop, ReportInput } from './types.js';

/** Everything a format needs, redacted. */
export interface ReportData {
  /** Redacted copy of the exchange (URLs and messages scrubbed; CORS evidence verbatim). */
  exchange: Exchange;
  /** Hops in the order they happened in the exchange: preflight, request, redirect hops. */
  hops: ReportHop[];
  /** The same hops in HAR order (ascending original index): the mini-HAR's `log.entries`. */
  harOrder: ReportHop[];
  /** Redacted `log.pages` items referenced by the hops. */
  pages: JsonObject[];
  /** `log.creator` / `log.browser` of the source HAR (redacted copies), when present. */
  creator: JsonObject | null;
  browser: JsonObject | null;
  capture: CaptureInfo;
  fixes: ReportFix[];
  redaction: { options: RedactionOptions; enabled: boolean; redactions: Redaction[] };
}

/** Thrown when the input cannot produce a report (no entries for the exchange). One-line message. */
export class ReportInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReportInputError';
  }
}

function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

function num(v: unknown, fallback = 0): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : fallback;
}

function headerList(v: unknown): Header[] {
  if (!Array.isArray(v)) return [];
  return v
    .filter((h): h is JsonObject => isObject(h) && typeof h.name === 'string')
    .map((h) => ({ name: str(h.name), value: typeof h.value === 'string' ? h.value : String(h.value ?? '') }));
}

/** A HAR 1.2 entry rebuilt from a normalized entry (when the panel has no raw HAR at hand). */
export function harEntryFromNetworkEntry(e: NetworkEntry): JsonObject {
  const started = Number.isFinite(e.startedMs) ? new Date(e.startedMs).toISOString() : new Date(0).toISOString();
  const url = e.url;
  let queryString: Array<{ name: string; value: string }> = [];
  try {
    queryString = [...new URL(url).searchParams].map(([name, value]) => ({ name, value }));
  } catch {
    queryString = [];
  }
  const entry: JsonObject = {
    startedDateTime: started,
    time: Number.isFinite(e.durationMs) ? e.durationMs : 0,
    request: {
      method: e.method,
      url,
      httpVersion: '',
      headers: e.requestHeaders.map((h) => ({ name: h.name, value: h.value })),
      queryString,
      cookies: [],
      headersSize: -1,
      bodySize: -1,
    },
    response: {
      status: e.status,
      statusText: e.statusText,
      httpVersion: '',
      headers: e.responseHeaders.map((h) => ({ name: h.name, value: h.value })),
      cookies: [],
      content: { size: e.bodyText?.length ?? 0, mimeType: 'x-unknown', ...(e.bodyText !== undefined ? { text: e.bodyText } : {}) },
      redirectURL: e.redirectURL,
      headersSize: -1,
      bodySize: -1,
      ...(e.error !== undefined ? { _error: e.error } : {}),
    },
    cache: {},
    timings: { send: 0, wait: Number.isFinite(e.durationMs) ? e.durationMs : 0, receive: 0 },
  };
  if (e.resourceType !== undefined) entry._resourceType = e.resourceType;
  if (e.initiator !== undefined) entry._initiator = { ...e.initiator };
  return entry;
}

/** Reads `log.entries` of the input HAR, or rebuilds entries from `input.entries`. */
function sourceEntries(input: ReportInput): { byIndex: (i: number) => JsonObject | null; count: number; log: JsonObject | null } {
  const har = input.har;
  const log = isObject(har) && isObject(har.log) ? har.log : null;
  if (log && Array.isArray(log.entries)) {
    const list = log.entries;
    return { byIndex: (i) => (isObject(list[i]) ? (list[i] as JsonObject) : null), count: list.length, log };
  }
  const entries = input.entries ?? [];
  const map = new Map(entries.map((e) => [e.index, e]));
  return {
    byIndex: (i) => {
      const e = map.get(i);
      return e ? harEntryFromNetworkEntry(e) : null;
    },
    count: entries.length,
    log,
  };
}

/**
 * The indices of the exchange's entries with their role: the preflight, then the request hops
 * in capture order (the first is the page's request, the others followed a redirect).
 */
function exchangeChain(ex: Exchange, byIndex: (i: number) => JsonObject | null, count: number): Array<{ index: number; role: HopRole }> {
  const requestHops = new Set<number>();
  const add = (i: number | null | undefined): void => {
    if (i !== null && i !== undefined && i !== ex.preflightEntry && byIndex(i)) requestHops.add(i);
  };
  add(ex.entry);
  for (const hop of ex.redirects) add(hop.entry);
  // The hop that answered the last redirect is not listed in `redirects`: find it by URL, after the chain.
  const sorted = (): number[] => [...requestHops].sort((a, b) => a - b);
  const lastIndex = sorted().at(-1) ?? -1;
  const last = lastIndex >= 0 ? byIndex(lastIndex) : null;
  const lastUrl = last && isObject(last.request) ? str(last.request.url) : '';
  if (ex.redirects.length > 0 && ex.finalUrl && ex.finalUrl !== lastUrl) {
    for (let i = lastIndex + 1; i < count; i++) {
      const e = byIndex(i);
      if (!e || requestHops.has(i) || !isObject(e.request)) continue;
      if (str(e.request.url) === ex.finalUrl && str(e.request.method).toUpperCase() !== 'OPTIONS') {
        requestHops.add(i);
        break;
      }
    }
  }
  const chain: Array<{ index: number; role: HopRole }> = [];
  if (ex.preflightEntry !== null && byIndex(ex.preflightEntry)) chain.push({ index: ex.preflightEntry, role: 'preflight' });
  sorted().forEach((index, k) => chain.push({ index, role: k === 0 ? 'request' : 'redirect' }));
  return chain;
}

function hopFromEntry(entry: JsonObject, index: number, role: HopRole): ReportHop {
  const req = isObject(entry.request) ? entry.request : {};
  const res = isObject(entry.response) ? entry.response : {};
  const pd = isObject(req.postData) ? req.postData : null;
  const bodyText = pd && typeof pd.text === 'string' ? pd.text : null;
  const hasParams = pd !== null && Array.isArray(pd.params) && pd.params.length > 0;
  const error = typeof res._error === 'string' && res._error !== '' ? res._error : null;
  return {
    role,
    harIndex: index,
    entry,
    method: str(req.method).toUpperCase() || 'GET',
    url: str(req.url),
    status: num(res.status),
    statusText: str(res.statusText),
    error,
    redirectURL: str(res.redirectURL),
    resourceType: typeof entry._resourceType === 'string' ? entry._resourceType : null,
    requestHeaders: headerList(req.headers),
    responseHeaders: headerList(res.headers),
    hasRequestBody: (bodyText !== null && bodyText !== '') || hasParams,
    requestBody: bodyText !== null && bodyText !== '' ? bodyText : null,
    requestBodyMimeType: pd && typeof pd.mimeType === 'string' && pd.mimeType !== '' ? pd.mimeType : null,
  };
}

/** Parses a User-Agent string into a browser name and version (the most specific token wins). */
export function browserFromUserAgent(ua: string): { name: string; version: string } | null {
  const tests: Array<[RegExp, string]> = [
    [/\bEdg(?:e|A|iOS)?\/([\d.]+)/, 'Edge'],
    [/\bOPR\/([\d.]+)/, 'Opera'],
    [/\bFirefox\/([\d.]+)/, 'Firefox'],
    [/\b(?:Headless)?Chrome\/([\d.]+)/, 'Chrome'],
    [/\bVersion\/([\d.]+).*Safari\//, 'Safari'],
  ];
  for (const [re, name] of tests) {
    const m = re.exec(ua);
    if (m && m[1]) return { name, version: m[1] };
  }
  return null;
}

const CREATOR_BROWSERS = /^(firefox|chrome|chromium|edge|safari|webkit|opera|brave)/i;

/** Browser and capture tool, from `log.browser`, then `log.creator`, then the request's User-Agent. */
export function captureInfo(log: JsonObject | null, hops: ReportHop[]): CaptureInfo {
  const creator = log && isObject(log.creator) && str(log.creator.name) !== ''
    ? { name: str(log.creator.name), version: str(log.creator.version) }
    : null;
  let browser: CaptureInfo['browser'] = null;
  if (log && isObject(log.browser) && str(log.browser.name) !== '') {
    browser = { name: str(log.browser.name), version: str(log.browser.version), from: 'har-browser' };
  } else if (creator && CREATOR_BROWSERS.test(creator.name)) {
    browser = { ...creator, from: 'har-creator' };
  } else {
    for (const hop of hops) {
      const ua = hop.requestHeaders.find((h) => h.name.toLowerCase() === 'user-agent');
      const parsed = ua ? browserFromUserAgent(ua.value) : null;
      if (parsed) {
        browser = { ...parsed, from: 'user-agent' };
        break;
      }
    }
  }
  return { creator, browser };
}

/**
 * Keys of the exchange that hold identifiers or the page origin, never scrubbed. (`failedParameter`
 * is scrubbed like any text: for RedirectContainsCredentials it is the URL with `user:password@`.)
 */
const EXCHANGE_KEEP = new Set(['origin', 'corsError', 'verdict', 'reason', 'resourceKind', 'kind', 'why', 'mode', 'status']);

/**
 * Builds the redacted report data of one exchange.
 * Throws `ReportInputError` when none of the exchange's entries can be found in the input.
 */
export function collectReport(input: ReportInput, options?: Partial<RedactionOptions> | null): ReportData {
  const opts = redactionOptions(options);
  const redactor = createRedactor(opts);
  const src = sourceEntries(input);
  const chain = exchangeChain(input.exchange, src.byIndex, src.count);
  if (chain.length === 0) {
    throw new ReportInputError(`entry ${input.exchange.entry} of the exchange is not in the input`);
  }

  // HAR order decides the mini-HAR index, which names the redaction paths.
  const harIndexes = chain.map((c) => c.index).sort((a, b) => a - b);
  const position = new Map(harIndexes.map((idx, k) => [idx, k]));
  const labels: Record<HopRole, string> = { preflight: 'preflight', request: 'actual request', redirect: 'redirect hop' };

  const copies = chain.map((c) => ({ ...c, entry: cloneJson(src.byIndex(c.index)!) }));
  // Pass 1: structured rules (they learn the secret values).
  for (const c of copies) redactor.entry(c.entry, `log.entries[${position.get(c.index)}]`, labels[c.role]);

  // Pages referenced by the hops.
  const pageIds = new Set(copies.map((c) => str(c.entry.pageref)).filter((p) => p !== ''));
  const pages = (src.log && Array.isArray(src.log.pages) ? src.log.pages : [])
    .filter((p): p is JsonObject => isObject(p) && pageIds.has(str(p.id)))
    .map((p) => cloneJson(p));

  const exchange = cloneJson(input.exchange);
  exchange.preflight.reasons.forEach((r, i) => {
    if (r.kind === 'header') {
      r.value = redactor.header(r.name, r.value, `exchange.preflight.reasons[${i}].value`, `header ${r.name} (why a preflight was sent)`);
    }
  });
  const fixes = (input.fixes ?? []).map((f) => ({ server: f.server, code: f.code, warnings: [...f.warnings] }));
  const creator = src.log && isObject(src.log.creator) ? cloneJson(src.log.creator) : null;
  const browser = src.log && isObject(src.log.browser) ? cloneJson(src.log.browser) : null;

  // Pass 2: sweep every string for JWTs, secret query parameters, URL credentials and known secrets.
  for (const c of copies) redactor.sweep(c.entry, `log.entries[${position.get(c.index)}]`, labels[c.role]);
  pages.forEach((p, k) => redactor.sweep(p, `log.pages[${k}]`, 'page'));
  redactor.sweep(exchange, 'exchange', 'analysis', EXCHANGE_KEEP);
  fixes.forEach((f, k) => redactor.sweep(f, `fixes[${k}]`, 'suggested fix', new Set(['server'])));
  if (creator) redactor.sweep(creator, 'log.creator', 'capture tool');
  if (browser) redactor.sweep(browser, 'log.browser', 'browser');

  const hops = copies.map((c) => hopFromEntry(c.entry, c.index, c.role));
  const harOrder = [...hops].sort((a, b) => a.harIndex - b.harIndex);
  return {
    exchange,
    hops,
    harOrder,
    pages,
    creator,
    browser,
    capture: captureInfo(src.log, hops),
    fixes,
    redaction: { options: opts, enabled: redactionEnabled(opts), redactions: redactor.redactions },
  };
}
