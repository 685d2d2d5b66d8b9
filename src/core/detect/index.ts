import type { NetworkEntry } from '../model.js';
import type { FixServer } from '../fixes/types.js';
import { urlOrigin } from '../fixes/facts.js';
import { FINGERPRINTS } from './fingerprints.js';

/**
 * Which server (framework, proxy, CDN) answered, from response fingerprints, as an ordered list with the
 * evidence for each. The fix tabs open on the first one.
 */
export interface DetectedServer {
  server: FixServer;
  score: number;
  confidence: 'high' | 'medium' | 'low';
  /** One sentence per distinct fingerprint that matched. */
  evidence: string[];
  /** `proxy` for layers that sit in front of an app (nginx, Apache, Caddy, CDNs). */
  layer: 'app' | 'proxy';
}

/**
 * Scores each flavour over the responses of one server (`target` origin, or every entry): each distinct
 * fingerprint counts once, so a hundred identical responses do not outweigh two different clues.
 */
export function detectServers(entries: readonly NetworkEntry[], target?: string | null): DetectedServer[] {
  const scoped = target ? entries.filter((e) => urlOrigin(e.url) === target) : entries;
  const found = new Map<FixServer, { score: number; evidence: Set<string>; layer: 'app' | 'proxy' }>();
  for (const fp of FINGERPRINTS) {
    let evidence: string | null = null;
    for (const e of scoped) {
      evidence = fp.test(e);
      if (evidence !== null) break;
    }
    if (evidence === null) continue;
    const cur = found.get(fp.server) ?? { score: 0, evidence: new Set<string>(), layer: fp.layer ?? 'app' };
    cur.score += fp.weight;
    cur.evidence.add(evidence);
    found.set(fp.server, cur);
  }
  return [...found.entries()]
    .map(([server, v]) => ({
      server,
      score: v.score,
      confidence: v.score >= 6 ? ('high' as const) : v.score >= 3 ? ('medium' as const) : ('low' as const),
      evidence: [...v.evidence],
      layer: v.layer,
    }))
    .sort((a, b) => b.score - a.score || (a.layer === b.layer ? 0 : a.layer === 'app' ? -1 : 1));
}
