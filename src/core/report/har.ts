/**
 * Sanitized mini-HAR: a valid HAR 1.2 (http://www.softwareishard.com/blog/har-12-spec/) holding
 * only the exchange's entries (preflight, request, redirect hops), redacted, in their original
 * order. Chromium's own fields (`_resourceType`, `_initiator`, `response._error`, timings) are
 * kept, so CORS Lens and Chrome DevTools' HAR import read it like the original capture.
 *
 * Pure: no browser globals, no Node APIs.
 */
import type { ReportData } from './collect.js';
import type { JsonObject } from './types.js';

function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

type Check = 'string' | 'number' | 'array' | 'object';

function ok(v: unknown, type: Check): boolean {
  if (type === 'array') return Array.isArray(v);
  if (type === 'object') return isObject(v);
  if (type === 'number') return typeof v === 'number' && Number.isFinite(v);
  return typeof v === 'string';
}

/** Replaces a missing or mistyped required field by a neutral value (a present, valid one is never changed). */
function fix(obj: JsonObject, key: string, type: Check, fallback: unknown): void {
  if (ok(obj[key], type)) return;
  const v = obj[key];
  if (type === 'string' && typeof v === 'number') obj[key] = String(v);
  else if (type === 'number' && typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) obj[key] = Number(v);
  else obj[key] = fallback;
}

/** HAR headers/cookies/query lists: `name` and `value` must be strings; nameless items are dropped. */
function fixPairs(obj: JsonObject, key: string): void {
  fix(obj, key, 'array', []);
  obj[key] = (obj[key] as unknown[])
    .filter((h): h is JsonObject => isObject(h) && typeof h.name === 'string')
    .map((h) => (typeof h.value === 'string' ? h : { ...h, value: h.value === undefined || h.value === null ? '' : String(h.value) }));
}

/**
 * Makes an entry valid HAR 1.2 (http://www.softwareishard.com/blog/har-12-spec/): some tools
 * omit required fields or write numbers as strings. Valid fields are never changed.
 */
export function ensureHarEntryShape(entry: JsonObject): JsonObject {
  fix(entry, 'startedDateTime', 'string', new Date(0).toISOString());
  fix(entry, 'time', 'number', 0);
  fix(entry, 'cache', 'object', {});
  fix(entry, 'timings', 'object', {});
  const t = entry.timings as JsonObject;
  for (const k of ['send', 'wait', 'receive']) fix(t, k, 'number', 0);
  fix(entry, 'request', 'object', {});
  const req = entry.request as JsonObject;
  fix(req, 'method', 'string', 'GET');
  fix(req, 'url', 'string', '');
  fix(req, 'httpVersion', 'string', '');
  for (const k of ['cookies', 'headers', 'queryString']) fixPairs(req, k);
  fix(req, 'headersSize', 'number', -1);
  fix(req, 'bodySize', 'number', -1);
  fix(entry, 'response', 'object', {});
  const res = entry.response as JsonObject;
  fix(res, 'status', 'number', 0);
  fix(res, 'statusText', 'string', '');
  fix(res, 'httpVersion', 'string', '');
  for (const k of ['cookies', 'headers']) fixPairs(res, k);
  fix(res, 'content', 'object', {});
  const content = res.content as JsonObject;
  fix(content, 'size', 'number', 0);
  fix(content, 'mimeType', 'string', 'x-unknown');
  fix(res, 'redirectURL', 'string', '');
  fix(res, 'headersSize', 'number', -1);
  fix(res, 'bodySize', 'number', -1);
  return entry;
}

export interface MiniHarOptions {
  /** `log.creator.version` (the CORS Lens version). */
  toolVersion?: string;
}

/** The mini-HAR as an object. */
export function miniHar(data: ReportData, options: MiniHarOptions = {}): { log: JsonObject } {
  const pageIds = new Set(data.pages.map((p) => (typeof p.id === 'string' ? p.id : '')));
  const entries = data.harOrder.map((hop) => {
    const e = ensureHarEntryShape(JSON.parse(JSON.stringify(hop.entry)) as JsonObject);
    if (typeof e.pageref === 'string' && !pageIds.has(e.pageref)) delete e.pageref;
    return e;
  });
  const source = data.capture.creator ? `${data.capture.creator.name} ${data.capture.creator.version}`.trim() : 'an unknown tool';
  const ex = data.exchange;
  const redaction = data.redaction.enabled ? `redacted (${data.redaction.redactions.length} fields)` : 'NOT redacted';
  const log: JsonObject = {
    version: '1.2',
    creator: {
      name: 'CORS Lens',
      version: options.toolVersion ?? '0.1.0',
      comment: `Single-exchange export of a capture made with ${source}.`,
    },
  };
  if (data.browser) log.browser = data.browser;
  log.pages = data.pages;
  log.entries = entries;
  log.comment = `CORS Lens report: ${ex.method} ${ex.url}: ${ex.verdict}${ex.corsError ? ` (${ex.corsError})` : ''}; ${redaction}.`;
  return { log };
}

export function renderHar(data: ReportData, options: MiniHarOptions = {}): string {
  return `${JSON.stringify(miniHar(data, options), null, 2)}\n`;
}
