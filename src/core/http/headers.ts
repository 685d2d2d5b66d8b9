import type { Header } from '../model.js';

/**
 * Header-list helpers. Names compare case-insensitively; values are kept as captured.
 * https://fetch.spec.whatwg.org/#concept-header-list
 */

/**
 * Names compare case-insensitively. Header lists are short (10–30 lines), so a scan that compares
 * lengths first beats building an index per list — and allocates nothing, which is what keeps a
 * 20 000-entry HAR fast (bench/run.mjs).
 */
function sameName(name: string, lowerName: string): boolean {
  return name.length === lowerName.length && (name === lowerName || name.toLowerCase() === lowerName);
}

/** All values of `name`, in capture order. */
export function getAll(headers: readonly Header[], name: string): string[] {
  const n = name.toLowerCase();
  const out: string[] = [];
  for (const h of headers) if (sameName(h.name, n)) out.push(h.value);
  return out;
}

export function has(headers: readonly Header[], name: string): boolean {
  const n = name.toLowerCase();
  for (const h of headers) if (sameName(h.name, n)) return true;
  return false;
}

/** The set of lower-cased names in a header list. */
export function names(headers: readonly Header[]): ReadonlySet<string> {
  return new Set(headers.map((h) => h.name.toLowerCase()));
}

/**
 * "Get" a header the way Chromium's `HttpResponseHeaders::GetNormalizedHeader` does:
 * repeated lines are joined with ", ", leading/trailing whitespace removed. null when absent.
 * https://fetch.spec.whatwg.org/#concept-header-list-get
 */
export function getCombined(headers: readonly Header[], name: string): string | null {
  const n = name.toLowerCase();
  let out: string | null = null;
  for (const h of headers) {
    if (!sameName(h.name, n)) continue;
    const v = trimHttpWhitespace(h.value);
    out = out === null ? v : `${out}, ${v}`;
  }
  return out;
}

/** HTTP whitespace: SP, HTAB, CR, LF. https://fetch.spec.whatwg.org/#http-whitespace */
export function trimHttpWhitespace(s: string): string {
  const a = s.charCodeAt(0);
  const b = s.charCodeAt(s.length - 1);
  const ws = (c: number) => c === 32 || c === 9 || c === 13 || c === 10;
  if (!ws(a) && !ws(b)) return s;
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
