import type { CaptureSource, Header, NetworkEntry } from '../model.js';
import { getCombined } from '../http/headers.js';

/**
 * The edge between the outside world (HAR files from Chrome, Firefox, Safari, Playwright, proxies, …)
 * and the engine. Everything below works on `NetworkEntry`; everything odd about a producer ends here.
 * HAR 1.2: http://www.softwareishard.com/blog/har-12-spec/
 */

/** Unusable input. `message` is one line that names the problem. */
export class HarInputError extends Error {
  override name = 'HarInputError';
}

export interface NormalizedHar {
  source: CaptureSource;
  /** True when the producer records failures (`response._error`), so a missing error means "no error". */
  errorAware: boolean;
  entries: NetworkEntry[];
  /** Entries that could not be read, with why. The rest is still analyzed. */
  warnings: string[];
  creator: string;
  browser: string;
}

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown, d = ''): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : d);
const num = (v: unknown, d = NaN): number => (typeof v === 'number' && Number.isFinite(v) ? v : typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : d);

/**
 * Parse HAR text: tolerates a UTF-8 BOM and the `.harp` JSONP wrapper (`onInputData({...})`).
 * Throws HarInputError with a one-line message otherwise.
 */
export function parseHarText(text: string): unknown {
  let t = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const trimmed = t.trim();
  if (trimmed === '') throw new HarInputError('the file is empty');
  const jsonp = /^[A-Za-z_$][\w$]*\s*\(([\s\S]*)\)\s*;?\s*$/.exec(trimmed);
  if (jsonp && trimmed[0] !== '{') t = jsonp[1] ?? '';
  try {
    return JSON.parse(t);
  } catch (e) {
    const msg = e instanceof Error ? e.message.split('\n')[0] : String(e);
    throw new HarInputError(`not valid JSON (${msg})`);
  }
}

function readHeaders(v: unknown): Header[] {
  if (!Array.isArray(v)) return [];
  // Well-formed lists (the usual case) are used as they are: no copy of every header of every entry.
  let wellFormed = true;
  for (const h of v) {
    if (!isObj(h) || typeof h.name !== 'string' || typeof h.value !== 'string') {
      wellFormed = false;
      break;
    }
  }
  if (wellFormed) return v as Header[];
  const out: Header[] = [];
  for (const h of v) {
    // Some recorders (Polly.JS) write repeated values as a JSON array.
    if (isObj(h) && typeof h.name === 'string') out.push({ name: h.name, value: Array.isArray(h.value) ? h.value.map((v) => str(v)).join(', ') : str(h.value) });
  }
  return out;
}

function detectSource(log: Json, entries: unknown[]): CaptureSource {
  const creator = str(isObj(log.creator) ? log.creator.name : log.creator).toLowerCase();
  const browser = str(isObj(log.browser) ? log.browser.name : '').toLowerCase();
  const sample = entries.slice(0, 50).filter(isObj);
  if (creator.includes('webkit') || browser.includes('safari')) return 'safari';
  if (creator === 'firefox' || (creator.includes('firebug') && !browser) || browser.includes('firefox')) return 'firefox';
  if (creator === 'webinspector' || sample.some((e) => '_resourceType' in e || '_initiator' in e)) return 'chrome';
  return 'other';
}

/** Normalize a parsed HAR object. Throws HarInputError when it is not a HAR at all. */
export function normalizeHar(input: unknown): NormalizedHar {
  if (!isObj(input)) throw new HarInputError('not a HAR file (the top level is not a JSON object)');
  const log = input.log;
  if (!isObj(log)) throw new HarInputError('not a HAR file (no "log" object)');
  const rawEntries = log.entries;
  if (!Array.isArray(rawEntries)) throw new HarInputError('not a HAR file ("log.entries" is not a list)');

  const source = detectSource(log, rawEntries);
  const pages = new Map<string, string>();
  if (Array.isArray(log.pages)) {
    for (const p of log.pages) {
      if (isObj(p) && typeof p.id === 'string') {
        const title = str(p.title);
        if (/^[a-z][a-z0-9+.-]*:\/\//i.test(title)) pages.set(p.id, title);
      }
    }
  }
  const creatorName = str(isObj(log.creator) ? log.creator.name : log.creator);
  // Chromium DevTools writes `_error` on every entry (null when fine); a HAR without the key at all
  // (Firefox, Safari, proxies, or a Chromium HAR whose underscore fields were stripped) cannot say "no error".
  let errorAware = false;
  const warnings: string[] = [];
  const entries: NetworkEntry[] = [];

  for (let index = 0; index < rawEntries.length; index++) {
    const e = rawEntries[index];
    if (!isObj(e) || !isObj(e.request)) {
      warnings.push(`entry ${index}: skipped (no request object)`);
      continue;
    }
    const req = e.request;
    const url = str(req.url);
    if (url === '') {
      warnings.push(`entry ${index}: skipped (no request URL)`);
      continue;
    }
    const res = isObj(e.response) ? e.response : {};
    if ('_error' in res) errorAware = true;
    const responseHeaders = readHeaders(res.headers);
    const location = getCombined(responseHeaders, 'location') ?? '';
    const initiator = isObj(e._initiator) ? e._initiator : undefined;
    const content = isObj(res.content) ? res.content : {};
    const entry: NetworkEntry = {
      index,
      method: str(req.method, 'GET'),
      url,
      requestHeaders: readHeaders(req.headers),
      status: num(res.status, 0),
      statusText: str(res.statusText),
      responseHeaders,
      redirectURL: str(res.redirectURL) || location,
      startedMs: Date.parse(str(e.startedDateTime)),
      durationMs: num(e.time),
      source,
    };
    if (typeof e._resourceType === 'string') entry.resourceType = e._resourceType;
    if (initiator) {
      entry.initiator = {};
      if (typeof initiator.type === 'string') entry.initiator.type = initiator.type;
      if (typeof initiator.url === 'string') entry.initiator.url = initiator.url;
      if (typeof initiator.requestId === 'string') entry.initiator.requestId = initiator.requestId;
      const stackUrl = firstStackUrl(initiator.stack);
      if (!entry.initiator.url && stackUrl) entry.initiator.url = stackUrl;
    }
    if (typeof res._error === 'string' && res._error !== '') entry.error = res._error;
    const ip = str(e.serverIPAddress).replace(/^\[|\]$/g, '');
    if (ip) entry.serverIp = ip;
    const page = typeof e.pageref === 'string' ? pages.get(e.pageref) : undefined;
    if (page) entry.pageUrl = page;
    if (typeof content.text === 'string' && content.encoding !== 'base64' && content.text.length <= 65536) {
      entry.bodyText = content.text;
    }
    entries.push(entry);
  }
  return {
    source,
    errorAware,
    entries,
    warnings,
    creator: `${creatorName} ${str(isObj(log.creator) ? log.creator.version : '')}`.trim(),
    browser: `${str(isObj(log.browser) ? log.browser.name : '')} ${str(isObj(log.browser) ? log.browser.version : '')}`.trim(),
  };
}

/** The first script URL in a Chromium initiator stack (`{callFrames:[{url}], parent:{…}}`). */
export function firstStackUrl(stack: unknown): string | undefined {
  let s: unknown = stack;
  for (let depth = 0; isObj(s) && depth < 20; depth++) {
    if (Array.isArray(s.callFrames)) {
      for (const f of s.callFrames) if (isObj(f) && typeof f.url === 'string' && f.url) return f.url;
    }
    s = s.parent;
  }
  return undefined;
}
