import type { Header, PreflightReason } from '../model.js';

/**
 * CORS-safelisted request headers and the names that force a preflight.
 * https://fetch.spec.whatwg.org/#cors-safelisted-request-header
 */

/** Bytes of a value as UTF-8 (header values on the wire are bytes; 128/1024 limits count bytes). */
export function byteLength(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) n += 1;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 2; // a surrogate pair: 2 UTF-16 units, 4 bytes
      i++;
    } else n += 2;
  }
  return n;
}

/**
 * https://fetch.spec.whatwg.org/#cors-unsafe-request-header-byte
 * A byte below 0x20 other than HTAB, or one of " ( ) : < > ? @ [ \ ] { }, or DEL.
 */
export function isCorsUnsafeRequestHeaderByte(code: number): boolean {
  if (code < 0x20 && code !== 0x09) return true;
  return code === 0x7f || '"():<>?@[\\]{}'.includes(String.fromCharCode(code));
}

function hasUnsafeByte(value: string): boolean {
  for (let i = 0; i < value.length; i++) if (isCorsUnsafeRequestHeaderByte(value.charCodeAt(i))) return true;
  return false;
}

/** https://fetch.spec.whatwg.org/#cors-safelisted-request-header — language headers: 0-9 A-Z a-z space * , - . ; = */
function isLanguageValue(value: string): boolean {
  return /^[0-9A-Za-z *,\-.;=]*$/.test(value);
}

const SAFELISTED_CONTENT_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];

/**
 * The essence of a MIME type, parsed strictly (https://mimesniff.spec.whatwg.org/#parse-a-mime-type),
 * or null when it does not parse. Only type/subtype matter for the safelist.
 */
export function mimeEssence(value: string): string | null {
  const v = value.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '');
  const semi = v.indexOf(';');
  const typeSub = (semi === -1 ? v : v.slice(0, semi)).replace(/[ \t\r\n]+$/, '');
  const m = /^([!#$%&'*+\-.^_`|~0-9A-Za-z]+)\/([!#$%&'*+\-.^_`|~0-9A-Za-z]+)$/.exec(typeSub);
  if (!m) return null;
  return `${m[1]}/${m[2]}`.toLowerCase();
}

/** https://fetch.spec.whatwg.org/#simple-range-header-value — only `bytes=N-` and `bytes=N-M` (no suffix ranges). */
function isSimpleRangeHeaderValue(value: string): boolean {
  const m = /^bytes=(\d*)-(\d*)$/.exec(value);
  if (!m) return false;
  const [, start = '', end = ''] = m;
  if (start === '') return false;
  return end === '' || compareDecimal(start, end) <= 0;
}

/** Compares two decimal digit strings exactly, whatever their size (Number loses precision past 2^53). */
function compareDecimal(a: string, b: string): number {
  const x = a.replace(/^0+(?=\d)/, '');
  const y = b.replace(/^0+(?=\d)/, '');
  if (x.length !== y.length) return x.length - y.length;
  return x < y ? -1 : x > y ? 1 : 0;
}

export type SafelistFailure = Extract<PreflightReason, { kind: 'header' }>['why'];

/**
 * Is (name, value) a CORS-safelisted request-header? Returns null when safelisted, otherwise why not.
 * https://fetch.spec.whatwg.org/#cors-safelisted-request-header
 */
export function corsSafelistFailure(name: string, value: string): SafelistFailure | null {
  // 1. If value's length is greater than 128, then return false.
  if (byteLength(value) > 128) return 'value-too-long';
  // 2. Byte-lowercase name and switch on the result.
  switch (name.toLowerCase()) {
    case 'accept':
      return hasUnsafeByte(value) ? 'unsafe-byte' : null;
    case 'accept-language':
    case 'content-language':
      return isLanguageValue(value) ? null : 'language-chars';
    case 'content-type': {
      if (hasUnsafeByte(value)) return 'unsafe-byte';
      const essence = mimeEssence(value);
      return essence !== null && SAFELISTED_CONTENT_TYPES.includes(essence) ? null : 'content-type';
    }
    case 'range':
      return isSimpleRangeHeaderValue(value) ? null : 'range';
    default:
      return 'not-safelisted';
  }
}

/**
 * Forbidden request-header names: only the browser sets them, so they never cause a preflight.
 * https://fetch.spec.whatwg.org/#forbidden-request-header
 */
const FORBIDDEN = new Set([
  'accept-charset', 'accept-encoding', 'access-control-request-headers', 'access-control-request-method',
  'access-control-request-private-network', 'connection', 'content-length', 'cookie', 'cookie2', 'date', 'dnt',
  'expect', 'host', 'keep-alive', 'origin', 'referer', 'set-cookie', 'te', 'trailer', 'transfer-encoding',
  'upgrade', 'via',
]);

export function isForbiddenRequestHeaderName(name: string): boolean {
  const n = name.toLowerCase();
  return FORBIDDEN.has(n) || n.startsWith('proxy-') || n.startsWith('sec-');
}

/**
 * Headers that the browser itself adds below the fetch layer and that therefore never took part in the
 * page's CORS computation, though they show up in a captured request: Chromium's extra safelist
 * (client hints, `save-data`, `intervention` …, services/network/public/cpp/cors/cors.cc), the
 * `User-Agent` it copies, `Priority` (RFC 9218, added by the network stack), HTTP/2 pseudo-headers.
 */
const BROWSER_ADDED = new Set([
  'user-agent', 'priority', 'intervention', 'device-memory', 'dpr', 'width', 'viewport-width', 'rtt', 'downlink',
  'ect', 'save-data', 'upgrade-insecure-requests', 'x-client-data', 'purpose',
]);

export function isBrowserAddedHeader(name: string): boolean {
  const n = name.toLowerCase();
  return BROWSER_ADDED.has(n) || n.startsWith(':');
}

/**
 * Headers in a capture that the page (not the browser) set. DevTools' "Disable cache" makes the network
 * stack add `Cache-Control: no-cache` + `Pragma: no-cache`; that pair is dropped, a lone one is the page's.
 */
export function pageSetHeaders(headers: readonly Header[]): Header[] {
  let pragma = false;
  let cacheControl = false;
  const out: Header[] = [];
  for (const h of headers) {
    const n = h.name.toLowerCase();
    if (n === 'pragma' && h.value === 'no-cache') pragma = true;
    else if (n === 'cache-control' && h.value === 'no-cache') cacheControl = true;
    if (!isForbiddenRequestHeaderName(n) && !isBrowserAddedHeader(n)) out.push(h);
  }
  if (!(pragma && cacheControl)) return out;
  return out.filter((h) => {
    const n = h.name.toLowerCase();
    return n !== 'pragma' && n !== 'cache-control';
  });
}

/**
 * https://fetch.spec.whatwg.org/#cors-unsafe-request-header-names
 * Returns each unsafe header with why, names lower-cased, de-duplicated and sorted (the exact
 * `Access-Control-Request-Headers` value when joined with ",").
 */
export function corsUnsafeRequestHeaderNames(headers: readonly Header[]): Array<{ name: string; value: string; why: SafelistFailure }> {
  // 1. Let unsafeNames be a new list. 2. Let potentiallyUnsafeNames be a new list. 3. Let safelistValueSize be 0.
  //    (Lists stay tiny, so plain arrays; nothing is allocated for a request without unsafe headers.)
  let unsafe: Array<{ name: string; value: string; why: SafelistFailure }> | null = null;
  let safelistValueSize = 0;
  const add = (name: string, value: string, why: SafelistFailure) => {
    if (!unsafe) unsafe = [];
    if (!unsafe.some((u) => u.name === name)) unsafe.push({ name, value, why });
  };
  // 4. For each header of headers:
  for (const h of headers) {
    const why = corsSafelistFailure(h.name, h.value);
    // 4.1 If header is not a CORS-safelisted request-header, then append header's name to unsafeNames.
    // 4.2 Otherwise, append header's name to potentiallyUnsafeNames and increase safelistValueSize.
    if (why !== null) add(h.name.toLowerCase(), h.value, why);
    else safelistValueSize += byteLength(h.value);
  }
  // 5. If safelistValueSize is greater than 1024, then for each name of potentiallyUnsafeNames, append name to unsafeNames.
  if (safelistValueSize > 1024) {
    for (const h of headers) if (corsSafelistFailure(h.name, h.value) === null) add(h.name.toLowerCase(), h.value, 'total-over-1024');
  }
  // 6. Return the result of convert header names to a sorted-lowercase set with unsafeNames.
  const out: Array<{ name: string; value: string; why: SafelistFailure }> = unsafe ?? [];
  return out.length > 1 ? out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)) : out;
}
