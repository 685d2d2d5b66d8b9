import { normalizeHar, type NetworkEntry } from '../core/index.js';
import { suggestFixes } from '../core/fixes/index.js';
import type { ExchangeExtras } from './analyze.js';

/** How many neighbouring entries of the same server each fix may look at (fingerprints, sibling responses). */
const NEIGHBOURS = 24;

/**
 * Adds `fixes` to each blocked exchange in `analyze --json`: one fix per server flavour, the detected
 * server first (src/core/fixes). The capture is normalized once; each exchange is shown the entries of
 * its own server near it, so a 20 000-entry HAR stays linear.
 */
function makeFixExtras(): ExchangeExtras {
  let cache: { har: unknown; byIndex: Map<number, NetworkEntry>; byOrigin: Map<string, NetworkEntry[]> } | null = null;
  return (ex, _analysis, har) => {
    if (!cache || cache.har !== har) {
      const entries = normalizeHar(typeof har === 'string' ? JSON.parse(har) : har).entries;
      const byOrigin = new Map<string, NetworkEntry[]>();
      for (const e of entries) {
        const o = originOf(e.url);
        const list = byOrigin.get(o);
        if (list) list.push(e);
        else byOrigin.set(o, [e]);
      }
      cache = { har, byIndex: new Map(entries.map((e) => [e.index, e])), byOrigin };
    }
    const actual = cache.byIndex.get(ex.entry);
    const preflight = ex.preflightEntry === null ? undefined : cache.byIndex.get(ex.preflightEntry);
    const own = [ex.entry, ex.preflightEntry, ...ex.redirects.map((r) => r.entry)].flatMap((i) => {
      const e = i === null ? undefined : cache?.byIndex.get(i);
      return e ? [e] : [];
    });
    const sameServer = cache.byOrigin.get(originOf(ex.finalUrl)) ?? [];
    const at = lowerBound(sameServer, ex.entry);
    const near = sameServer.slice(Math.max(0, at - NEIGHBOURS / 2), at + NEIGHBOURS / 2);
    const entries = [...new Set([...own, ...near])].sort((a, b) => a.index - b.index);
    return { fixes: suggestFixes(ex, { entries, ...(actual ? { actual } : {}), ...(preflight ? { preflight } : {}) }) };
  };
}

function originOf(url: string): string {
  const m = /^([a-z][a-z0-9+.-]*:\/\/[^/?#]*)/i.exec(url);
  return (m?.[1] ?? url).toLowerCase();
}

function lowerBound(list: readonly NetworkEntry[], index: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((list[mid] as NetworkEntry).index < index) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export const fixExtras: ExchangeExtras | undefined = makeFixExtras();
