/**
 * Turning what DevTools hands us into what the store keeps: a slim copy of each HAR entry (what the
 * engine and the reports read; no bodies of responses, no initiator stacks) and a key to recognise
 * the same request when it arrives twice (once from onRequestFinished, once from a getHAR poll).
 */
import type { Entry, Page } from 'har-format';
import { firstStackUrl } from '../core/har/normalize.js';

export type RawEntry = Entry & Record<string, unknown>;

/** Request bodies longer than this are dropped from the copy (memory; reports redact them anyway). */
const MAX_POST_TEXT = 16 * 1024;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Same request, seen twice: started at the same instant with the same method and URL. */
export function entryKey(entry: unknown): string {
  if (!isObj(entry)) return '';
  const request = isObj(entry.request) ? entry.request : {};
  return `${String(entry.startedDateTime ?? '')}|${String(request.method ?? '')}|${String(request.url ?? '')}`;
}

/** True when the entry can be analysed at all (the engine skips entries without a request URL). */
export function isUsableEntry(entry: unknown): entry is RawEntry {
  return isObj(entry) && isObj(entry.request) && typeof entry.request.url === 'string' && entry.request.url !== '';
}

/**
 * How much a copy of a request knows: Firefox's getHAR lists requests still in flight (status 0,
 * no headers); the finished copy replaces it.
 */
export function completeness(entry: RawEntry): number {
  const response: Obj = isObj(entry.response) ? entry.response : {};
  const headers = Array.isArray(response.headers) ? response.headers.length : 0;
  const status = typeof response.status === 'number' && response.status > 0 ? 1000 : 0;
  const error = typeof response._error === 'string' && response._error ? 500 : 0;
  return status + error + headers;
}


function copyHeaders(value: unknown): Array<{ name: string; value: string }> {
  if (!Array.isArray(value)) return [];
  return value.filter(isObj).map((h) => ({ name: String(h.name ?? ''), value: String(h.value ?? '') }));
}

/**
 * A copy of the entry without what the panel never reads (response bodies, initiator stacks).
 * `pageref`, when given, replaces the entry's own.
 */
export function slimEntry(entry: RawEntry, pageref?: string): RawEntry {
  const e = entry as Obj;
  const request = isObj(e.request) ? e.request : {};
  const response = isObj(e.response) ? e.response : {};
  const content = isObj(response.content) ? response.content : {};
  const out: Obj = {
    startedDateTime: e.startedDateTime,
    time: e.time,
    request: {
      method: request.method,
      url: request.url,
      httpVersion: request.httpVersion ?? '',
      headers: copyHeaders(request.headers),
      queryString: [],
      cookies: [],
      headersSize: request.headersSize ?? -1,
      bodySize: request.bodySize ?? -1,
    },
    response: {
      status: response.status,
      statusText: response.statusText ?? '',
      httpVersion: response.httpVersion ?? '',
      headers: copyHeaders(response.headers),
      cookies: [],
      content: { size: content.size ?? 0, mimeType: content.mimeType ?? '' },
      redirectURL: response.redirectURL ?? '',
      headersSize: response.headersSize ?? -1,
      bodySize: response.bodySize ?? -1,
    },
    cache: {},
    timings: isObj(e.timings) ? { ...e.timings } : { send: 0, wait: 0, receive: 0 },
  };
  const postData = isObj(request.postData) ? request.postData : null;
  if (postData) {
    const text = typeof postData.text === 'string' && postData.text.length <= MAX_POST_TEXT ? postData.text : undefined;
    (out.request as Obj).postData = text === undefined ? { mimeType: postData.mimeType ?? '' } : { mimeType: postData.mimeType ?? '', text };
  }
  if (typeof response._error === 'string') (out.response as Obj)._error = response._error;
  for (const key of ['_resourceType', '_priority', 'serverIPAddress', 'connection'] as const) {
    if (e[key] !== undefined) out[key] = e[key];
  }
  if (isObj(e._initiator)) {
    const initiator: Obj = {};
    for (const key of ['type', 'url', 'requestId', 'lineNumber'] as const) {
      if (e._initiator[key] !== undefined) initiator[key] = e._initiator[key];
    }
    const stackUrl = firstStackUrl(e._initiator.stack);
    if (initiator.url === undefined && stackUrl) initiator.url = stackUrl;
    out._initiator = initiator;
  }
  // The caller decides which page the entry belongs to (its own pageref or the current page).
  const ref = pageref ?? (typeof e.pageref === 'string' ? e.pageref : undefined);
  if (ref) out.pageref = ref;
  return out as RawEntry;
}

/** The `creator` a browser writes into its HAR, so the engine recognises live captures like saved ones. */
export function creatorFor(browser: 'chrome' | 'firefox' | 'safari' | 'other'): { name: string; version: string } {
  if (browser === 'chrome') return { name: 'WebInspector', version: '537.36' };
  if (browser === 'firefox') return { name: 'Firefox', version: '' };
  if (browser === 'safari') return { name: 'WebKit Web Inspector', version: '' };
  return { name: 'CORS Lens', version: '' };
}

/** A page record whose title is the URL, which is how the engine learns the requesting page. */
export function pageFor(id: string, url: string): Page {
  return { id, title: url, startedDateTime: new Date(0).toISOString(), pageTimings: {} };
}
