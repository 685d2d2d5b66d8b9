/**
 * Readable builders for the engine's unit tests (test/core/units/**).
 *
 *   hdrs(['Access-Control-Allow-Origin', '*'], ['Vary', 'Origin'])
 *   entry('PUT http://api.test/x', { index: 1, at: 1000, req: [['X-Api-Key', 'k']], status: 0 })
 *
 * Page and API origins follow the real-browser probe (/work/shared/reference/extension-capture.md §1):
 * page http://127.0.0.1:8001, API http://localhost:8002.
 */
import type { CaptureSource, Header, NetworkEntry } from '../../src/core/model.js';

export type H = [string, string];

export const PAGE = 'http://127.0.0.1:8001';
export const API = 'http://localhost:8002';

/** Header lines in order, duplicates and casing kept. */
export function hdrs(...pairs: H[]): Header[] {
  return pairs.map(([name, value]) => ({ name, value }));
}

export interface EntryOpts {
  index?: number;
  /** startedMs (epoch ms); NaN when omitted. */
  at?: number;
  req?: H[];
  res?: H[];
  status?: number;
  statusText?: string;
  redirectURL?: string;
  durationMs?: number;
  resourceType?: string;
  initiator?: NetworkEntry['initiator'];
  error?: string;
  pageUrl?: string;
  serverIp?: string;
  bodyText?: string;
  source?: CaptureSource;
}

/** A NetworkEntry from "METHOD URL" and options. */
export function entry(line: string, o: EntryOpts = {}): NetworkEntry {
  const space = line.indexOf(' ');
  const method = line.slice(0, space);
  const url = line.slice(space + 1);
  const e: NetworkEntry = {
    index: o.index ?? 0,
    method,
    url,
    requestHeaders: hdrs(...(o.req ?? [])),
    status: o.status ?? 0,
    statusText: o.statusText ?? '',
    responseHeaders: hdrs(...(o.res ?? [])),
    redirectURL: o.redirectURL ?? '',
    startedMs: o.at ?? NaN,
    durationMs: o.durationMs ?? NaN,
    source: o.source ?? 'chrome',
  };
  if (o.resourceType !== undefined) e.resourceType = o.resourceType;
  if (o.initiator !== undefined) e.initiator = o.initiator;
  if (o.error !== undefined) e.error = o.error;
  if (o.pageUrl !== undefined) e.pageUrl = o.pageUrl;
  if (o.serverIp !== undefined) e.serverIp = o.serverIp;
  if (o.bodyText !== undefined) e.bodyText = o.bodyText;
  return e;
}

/** Entries with their `index` set to their position. */
export function indexed(...list: NetworkEntry[]): NetworkEntry[] {
  return list.map((e, i) => ({ ...e, index: i }));
}

/** A preflight as Chromium 156 records it (extension-capture.md Table B: `_resourceType: preflight`, `_initiator.type: preflight`). */
export function preflight(url: string, o: EntryOpts & { acrm?: string; acrh?: string; origin?: string } = {}): NetworkEntry {
  const req: H[] = [['Accept', '*/*']];
  if (o.acrm !== undefined) req.push(['Access-Control-Request-Method', o.acrm]);
  if (o.acrh !== undefined) req.push(['Access-Control-Request-Headers', o.acrh]);
  req.push(['Origin', o.origin ?? PAGE]);
  return entry(`OPTIONS ${url}`, {
    resourceType: 'preflight',
    initiator: { type: 'preflight', url },
    status: 204,
    ...o,
    req: [...req, ...(o.req ?? [])],
  });
}

/** A string of `n` copies of `ch`. */
export const rep = (ch: string, n: number): string => ch.repeat(n);

// ---------------------------------------------------------------------------------------------------------
// Raw HAR builders (for har/normalize.ts): plain JSON objects exactly as producers write them.

export type Json = Record<string, unknown>;

export function rawHeaders(...pairs: H[]): Json[] {
  return pairs.map(([name, value]) => ({ name, value }));
}

export function rawEntry(line: string, extra: Json = {}): Json {
  const space = line.indexOf(' ');
  const { request, response, ...rest } = extra as { request?: Json; response?: Json };
  return {
    startedDateTime: '2026-11-21T10:00:00.000Z',
    time: 12.5,
    request: { method: line.slice(0, space), url: line.slice(space + 1), httpVersion: 'HTTP/1.1', headers: [], ...(request ?? {}) },
    response: response === undefined ? { status: 200, statusText: 'OK', headers: [], content: { size: 0, mimeType: '' }, redirectURL: '' } : response,
    ...rest,
  };
}

export function rawHar(entries: unknown[], log: Json = {}): Json {
  return { log: { version: '1.2', creator: { name: 'WebInspector', version: '537.36' }, pages: [], entries, ...log } };
}
