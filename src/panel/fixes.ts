/**
 * Server fixes for an exchange, from `src/core/fixes` (suggestFixes, most likely server first) and
 * the server detection of `src/core/detect` (shown as evidence on the detected tab).
 */
import type { Exchange } from '../core/model.js';
import { suggestFixes, type Fix } from '../core/fixes/index.js';
import { detectServers } from '../core/detect/index.js';
import type { PanelStore } from './store.js';

export interface ServerFixes {
  server: string;
  fixes: Fix[];
}

export interface FixesForExchange {
  /** Every fix, in the engine's order (the detected server first). */
  fixes: Fix[];
  /** Fixes grouped by server, same order. */
  servers: ServerFixes[];
  detected: { server: string; evidence: string[]; confidence: string } | null;
}

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

export function fixesFor(x: Exchange, store: PanelStore): FixesForExchange {
  const entries = store.allEntries();
  const actual = store.entry(x.entry);
  const preflight = x.preflightEntry === null ? undefined : store.entry(x.preflightEntry);
  let fixes: Fix[] = [];
  try {
    fixes = suggestFixes(x, { entries: [...entries], ...(actual ? { actual } : {}), ...(preflight ? { preflight } : {}) });
  } catch {
    fixes = [];
  }
  const servers: ServerFixes[] = [];
  for (const fix of fixes) {
    const group = servers.find((s) => s.server === fix.server);
    if (group) group.fixes.push(fix);
    else servers.push({ server: fix.server, fixes: [fix] });
  }
  let detected: FixesForExchange['detected'] = null;
  try {
    const best = detectServers(entries, originOf(x.finalUrl))[0];
    if (best && best.confidence !== 'low') detected = { server: best.server, evidence: best.evidence, confidence: best.confidence };
  } catch {
    detected = null;
  }
  return { fixes, servers, detected };
}
