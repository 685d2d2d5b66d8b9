import type { Header } from '../model.js';

/**
 * Header-list helpers. Names compare case-insensitively; values are kept as captured.
 * https://fetch.spec.whatwg.org/#concept-header-list
 */

/**
 * Lower-cased name → values, built once per header list: the engine asks the same lists many questions
 * (a 20 000-entry HAR is analyzed in a fraction of its JSON.parse time only this way).
 */
const INDEX = new WeakMap<readonly Header[], Map<string, string[]>>();
const NONE: readonly string[] = Object.freeze([]);

function index(headers: readonly Header[]): Map<string, string[]> {
  let m = INDEX.get(headers);
  if (!m) {
    m = new Map();
    for (const h of headers) {
      const n = h.name.toLowerCase();
      const list = m.get(n);
      if (list) list.push(h.value);
      else m.set(n, [h.value]);
    }
    INDEX.set(headers, m);
  }
  return m;
}

/** All values of `name`, in capture order. */
export function getAll(headers: readonly Header[], name: string): string[] {
  return [...(index(headers).get(name.toLowerCase()) ?? NONE)];
}

export function has(headers: readonly Header[], name: string): boolean {
  return index(headers).has(name.toLowerCase());
}

/** The set of lower-cased names in a header list. */
export function names(headers: readonly Header[]): ReadonlySet<string> {
  return new Set(index(headers).keys());
}

/**
 * "Get" a header the way Chromium's `HttpResponseHeaders::GetNormalizedHeader` does:
 * repeated lines are joined with ", ", leading/trailing whitespace removed. null when absent.
 * https://fetch.spec.whatwg.org/#concept-header-list-get
 */
export function getCombined(headers: readonly Header[], name: string): string | null {
  const values = index(headers).get(name.toLowerCase());
  if (!values) return null;
  return values.length === 1 ? trimHttpWhitespace(values[0] as string) : values.map((v) => trimHttpWhitespace(v)).join(', ');
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
