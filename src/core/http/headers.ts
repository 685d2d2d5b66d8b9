import type { Header } from '../model.js';

/**
 * Header-list helpers. Names compare case-insensitively; values are kept as captured.
 * https://fetch.spec.whatwg.org/#concept-header-list
 */

const lower = (s: string): string => s.toLowerCase();

/** All values of `name`, in capture order. */
export function getAll(headers: readonly Header[], name: string): string[] {
  const n = lower(name);
  const out: string[] = [];
  for (const h of headers) if (lower(h.name) === n) out.push(h.value);
  return out;
}

export function has(headers: readonly Header[], name: string): boolean {
  const n = lower(name);
  return headers.some((h) => lower(h.name) === n);
}

/**
 * "Get" a header the way Chromium's `HttpResponseHeaders::GetNormalizedHeader` does:
 * repeated lines are joined with ", ", leading/trailing whitespace removed. null when absent.
 * https://fetch.spec.whatwg.org/#concept-header-list-get
 */
export function getCombined(headers: readonly Header[], name: string): string | null {
  const values = getAll(headers, name);
  if (values.length === 0) return null;
  return values.map((v) => trimHttpWhitespace(v)).join(', ');
}

/** HTTP whitespace: SP, HTAB, CR, LF. https://fetch.spec.whatwg.org/#http-whitespace */
export function trimHttpWhitespace(s: string): string {
  return s.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '');
}

/** token = 1*tchar (RFC 9110 §5.6.2). */
export function isToken(s: string): boolean {
  return /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(s);
}

/**
 * Split a `#token` list on commas, trimming whitespace and skipping empty items, like
 * Chromium's `net::HttpUtil::ValuesIterator`. Returns null when an item is not a token
 * (the preflight then fails to parse).
 * https://fetch.spec.whatwg.org/#concept-header-extract-mime-type (list parsing: "extracting header list values")
 */
export function parseTokenList(value: string | null): string[] | null {
  if (value === null) return [];
  const out: string[] = [];
  for (const raw of value.split(',')) {
    const item = trimHttpWhitespace(raw);
    if (item === '') continue;
    if (!isToken(item)) return null;
    out.push(item);
  }
  return out;
}
