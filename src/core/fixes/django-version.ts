import type { NetworkEntry } from '../model.js';
import { headerValues, splitList } from './facts.js';
import { DEFAULT_HEADERS, type CorsHeadersMajor } from './django-settings.js';

/**
 * Which django-cors-headers major version answered, from the bytes it writes:
 * 3.x sets `Access-Control-Allow-Origin` and `Vary: Origin` title-cased; 4.0.0 switched to lower-case names
 * and `vary: origin`, and dropped accept-encoding/dnt/origin from the default Allow-Headers.
 * (HTTP/2 lower-cases every header name, so lower-case names count only next to a title-cased one.)
 * https://github.com/adamchainz/django-cors-headers/blob/main/CHANGELOG.rst#400-2023-05-12
 */
export function detectCorsHeadersVersion(entries: readonly NetworkEntry[]): CorsHeadersMajor | null {
  let v3 = 0;
  let v4 = 0;
  for (const e of entries) {
    const names = e.responseHeaders.map((h) => h.name);
    const http1 = names.some((n) => n !== n.toLowerCase());
    if (names.includes('Access-Control-Allow-Origin')) v3 += 2;
    if (http1 && names.includes('access-control-allow-origin')) v4 += 2;
    const vary = headerValues(e.responseHeaders, 'vary').flatMap(splitList);
    if (vary.includes('Origin')) v3 += 1;
    if (vary.includes('origin')) v4 += 1;
    const acah = headerValues(e.responseHeaders, 'access-control-allow-headers').flatMap(splitList).map((h) => h.toLowerCase());
    if (acah.length > 0) {
      if (sameList(acah, DEFAULT_HEADERS['3'])) v3 += 3;
      if (sameList(acah, DEFAULT_HEADERS['4'])) v4 += 3;
    }
  }
  if (v3 === v4) return null;
  return v3 > v4 ? '3' : '4';
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
