import type { NetworkEntry } from '../model.js';
import { getCombined } from '../http/headers.js';
import { parseUrl, serializeOrigin } from '../http/origin.js';

/**
 * What the capture tells about the requesting page and the request's mode. Each answer says where it
 * came from, so the UI can show its evidence.
 */

/**
 * The requesting page's origin. The `Origin` header is the browser's own statement; a request blocked by
 * its preflight has only provisional headers (no Origin), so the paired preflight's Origin, the page URL,
 * the Referer and the initiating script follow.
 */
export function requestingOrigin(first: NetworkEntry, preflight?: NetworkEntry): { origin: string | null; evidence: string } {
  const own = getCombined(first.requestHeaders, 'origin');
  if (own) return { origin: own, evidence: 'Origin request header' };
  const pfOrigin = preflight ? getCombined(preflight.requestHeaders, 'origin') : null;
  if (pfOrigin) return { origin: pfOrigin, evidence: "the preflight's Origin header" };
  if (first.pageUrl) {
    // A file:// or sandboxed page has an opaque origin, which Chromium prints as 'null'.
    const o = serializeOrigin(first.pageUrl);
    if (o) return { origin: o, evidence: 'page URL' };
  }
  const referer = getCombined(first.requestHeaders, 'referer');
  if (referer) {
    const o = serializeOrigin(referer);
    if (o && o !== 'null') return { origin: o, evidence: 'Referer request header' };
  }
  if (first.initiator?.url) {
    const o = serializeOrigin(first.initiator.url);
    if (o && o !== 'null') return { origin: o, evidence: 'initiator URL' };
  }
  return { origin: null, evidence: 'none in the capture' };
}

export type RequestMode = 'cors' | 'no-cors' | 'navigate' | 'same-origin' | 'websocket' | 'unknown';

const NO_CORS_TYPES = new Set(['image', 'script', 'stylesheet', 'media', 'texttrack', 'ping', 'other', 'prefetch', 'manifest', 'csp-violation-report', 'signed-exchange']);

/** https://fetch.spec.whatwg.org/#concept-request-mode, read from `Sec-Fetch-Mode`, the resource type and the Origin header. */
export function requestMode(first: NetworkEntry, hasPreflight: boolean): RequestMode {
  if (hasPreflight) return 'cors';
  const sfm = getCombined(first.requestHeaders, 'sec-fetch-mode');
  if (sfm === 'cors' || sfm === 'no-cors' || sfm === 'navigate' || sfm === 'same-origin' || sfm === 'websocket') return sfm;
  const hasOrigin = getCombined(first.requestHeaders, 'origin') !== null;
  const t = first.resourceType;
  if (t === 'document') return 'navigate';
  if (t === 'websocket') return 'websocket';
  if (t === 'xhr' || t === 'font' || t === 'eventsource') return 'cors';
  if (t === 'fetch') {
    // Same-origin requests carry no Origin on GET/HEAD either; their mode is still cors.
    const page = first.pageUrl ?? getCombined(first.requestHeaders, 'referer');
    if (page && serializeOrigin(page) === serializeOrigin(first.url)) return 'cors';
    // fetch({mode:'no-cors'}) sends no Origin on GET/HEAD; a request cut off by its preflight has only
    // provisional headers (no Origin either) and status 0.
    if (!hasOrigin && first.status > 0 && (first.method === 'GET' || first.method === 'HEAD')) return 'no-cors';
    return 'cors';
  }
  if (t && NO_CORS_TYPES.has(t)) return hasOrigin ? 'cors' : 'no-cors';
  if (hasOrigin) return 'cors';
  return 'unknown';
}

/** Local Network Access address spaces. https://wicg.github.io/local-network-access/#ip-address-space-section */
export type AddressSpace = 'loopback' | 'local' | 'public' | 'unknown';

export function addressSpaceOf(hostOrIp: string): AddressSpace {
  const h = hostOrIp.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h.endsWith('.localhost') || h === '::1' || /^127\./.test(h)) return 'loopback';
  if (/^10\./.test(h) || /^192\.168\./.test(h) || /^172\.(1[6-9]|2\d|3[01])\./.test(h) || /^169\.254\./.test(h) || /^f[cd][0-9a-f]{2}:/.test(h) || /^fe[89ab][0-9a-f]:/.test(h)) return 'local';
  if (/^\d+\.\d+\.\d+\.\d+$/.test(h) || h.includes(':')) return 'public';
  return 'unknown';
}

export function targetAddressSpace(e: NetworkEntry): AddressSpace {
  if (e.serverIp) return addressSpaceOf(e.serverIp);
  const u = parseUrl(e.url);
  return u ? addressSpaceOf(u.host) : 'unknown';
}
