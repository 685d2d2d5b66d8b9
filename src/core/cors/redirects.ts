import type { NetworkEntry } from '../model.js';

/**
 * Rebuilds redirect chains. DevTools writes one HAR entry per hop: a 3xx with `redirectURL`, then the
 * request to the new URL. The next hop is the nearest later entry for the resolved Location.
 * https://fetch.spec.whatwg.org/#http-redirect-fetch
 */

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

export function isRedirectStatus(status: number): boolean {
  return REDIRECT_STATUSES.has(status);
}

export function resolveLocation(location: string, base: string): string | null {
  try {
    return new URL(location, base).href;
  } catch {
    return null;
  }
}

/** Returns next-hop links: entry index → index of the entry that followed its redirect. */
export function linkRedirects(entries: readonly NetworkEntry[]): Map<number, number> {
  const byUrl = new Map<string, NetworkEntry[]>();
  for (const e of entries) {
    const list = byUrl.get(e.url);
    if (list) list.push(e);
    else byUrl.set(e.url, [e]);
  }
  const next = new Map<number, number>();
  const taken = new Set<number>();
  for (const e of entries) {
    if (!isRedirectStatus(e.status) || !e.redirectURL) continue;
    const target = resolveLocation(e.redirectURL, e.url);
    if (!target) continue;
    const list = byUrl.get(target) ?? byUrl.get(e.redirectURL);
    if (!list) continue;
    let best: NetworkEntry | undefined;
    for (const c of list) {
      if (c.index === e.index || taken.has(c.index)) continue;
      const dt = c.startedMs - e.startedMs;
      // The next hop starts after this one; with equal (or missing) times, capture order decides.
      if (Number.isFinite(dt) ? dt < -5 || (dt <= 0 && c.index < e.index) : c.index < e.index) continue;
      if (!best || (Number.isFinite(dt) ? dt < best.startedMs - e.startedMs || (dt === best.startedMs - e.startedMs && c.index < best.index) : c.index < best.index)) best = c;
    }
    if (best) {
      next.set(e.index, best.index);
      taken.add(best.index);
    }
  }
  return next;
}
