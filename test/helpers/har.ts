/**
 * Readable HAR builders for tests: `e('GET http://api.test/x', { req: [...], status: 200, res: [...] })`.
 * Header lists are [name, value] pairs so duplicates and casing stay as written.
 */
export type Pairs = Array<[string, string]>;

export interface EntrySpec {
  req?: Pairs;
  status?: number;
  res?: Pairs;
  error?: string;
  type?: string;
  initiator?: Record<string, unknown>;
  /** ms offset from the HAR's base time. */
  t?: number;
  redirectURL?: string;
  body?: string;
  page?: string;
}

const BASE = Date.parse('2026-11-21T10:00:00.000Z');

export function e(line: string, spec: EntrySpec = {}): Record<string, unknown> {
  const [method, url] = line.split(' ') as [string, string];
  const res: Record<string, unknown> = {
    status: spec.status ?? 200,
    statusText: spec.status === 0 ? '' : 'OK',
    httpVersion: 'HTTP/1.1',
    headers: (spec.res ?? []).map(([name, value]) => ({ name, value })),
    content: spec.body !== undefined ? { size: spec.body.length, mimeType: 'text/html', text: spec.body } : { size: 0, mimeType: '' },
    redirectURL: spec.redirectURL ?? '',
    headersSize: -1,
    bodySize: -1,
  };
  if (spec.error !== undefined) res._error = spec.error;
  const entry: Record<string, unknown> = {
    startedDateTime: new Date(BASE + (spec.t ?? 0)).toISOString(),
    time: 5,
    request: {
      method, url, httpVersion: 'HTTP/1.1', cookies: [], queryString: [], headersSize: -1, bodySize: 0,
      headers: (spec.req ?? []).map(([name, value]) => ({ name, value })),
    },
    response: res,
    cache: {},
    timings: { send: 0, wait: 1, receive: 1 },
  };
  if (spec.type) entry._resourceType = spec.type;
  if (spec.initiator) entry._initiator = spec.initiator;
  if (spec.page) entry.pageref = spec.page;
  return entry;
}

/** A Chromium DevTools HAR (creator WebInspector, underscore fields kept). */
export function chromeHar(entries: Array<Record<string, unknown>>, pages: Array<{ id: string; title: string }> = []): Record<string, unknown> {
  // DevTools writes `_error` on every entry, null when the request did not fail.
  for (const en of entries) {
    const res = en?.response as Record<string, unknown> | undefined;
    if (res && typeof res === 'object' && !('_error' in res)) res._error = null;
  }
  return { log: { version: '1.2', creator: { name: 'WebInspector', version: '537.36' }, pages, entries } };
}

/** A Firefox DevTools HAR: no underscore fields at all. */
export function firefoxHar(entries: Array<Record<string, unknown>>): Record<string, unknown> {
  return { log: { version: '1.2', creator: { name: 'Firefox', version: '153.0' }, browser: { name: 'Firefox', version: '153.0' }, entries: entries.map(stripUnderscore) } };
}

export function stripUnderscore<T>(v: T): T {
  if (Array.isArray(v)) return v.map(stripUnderscore) as T;
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, val] of Object.entries(v)) if (!k.startsWith('_')) out[k] = stripUnderscore(val);
    return out as T;
  }
  return v;
}

export const PAGE = 'http://127.0.0.1:8001';
export const API = 'http://localhost:8002';
