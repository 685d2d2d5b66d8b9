import { analyzeHar, normalizeHar } from '../../../src/core/index.js';
import type { Exchange, NetworkEntry } from '../../../src/core/model.js';
import { suggestFixes } from '../../../src/core/fixes/index.js';
import type { Fix, FixServer } from '../../../src/core/fixes/types.js';
import type { Capture, RequestSpec } from './browser.js';
import type { OptionChange } from '../../../src/core/fixes/types.js';

/** The engine's view of one captured request, and the fixes it suggests (the CLI's path: HAR in, fixes out). */
export interface Diagnosed {
  exchange: Exchange;
  entries: NetworkEntry[];
  fixes: Fix[];
}

export function diagnoseCapture(cap: Capture, url: string, method: string): Diagnosed {
  const analysis = analyzeHar(cap.har);
  const entries = normalizeHar(cap.har).entries;
  const matches = analysis.exchanges.filter((e) => e.url === url && e.method.toUpperCase() === method.toUpperCase());
  const exchange = matches[matches.length - 1];
  if (!exchange) throw new Error(`engine found no exchange for ${method} ${url}: ${analysis.exchanges.map((e) => `${e.method} ${e.url}`).join('; ')}`);
  const byIndex = (i: number | null) => (i === null ? undefined : entries.find((e) => e.index === i));
  const fixes = suggestFixes(exchange, { preflight: byIndex(exchange.preflightEntry), actual: byIndex(exchange.entry), entries });
  return { exchange, entries, fixes };
}

export function fixFor(d: Diagnosed, server: FixServer): Fix {
  const fix = d.fixes.find((f) => f.server === server);
  if (!fix) throw new Error(`no ${server} fix among ${d.fixes.map((f) => f.server).join(', ')}`);
  return fix;
}

/** Chrome's verdict (CDP) for the request to `url`; the last one when it was sent several times. */
export function oracleFor(cap: Capture, url: string) {
  const hits = cap.oracle.filter((o) => o.url === url || o.url.startsWith(url));
  return hits[hits.length - 1];
}

/** A line of the success table printed at the end of each loop. */
export interface LoopRecord {
  scenario: string;
  before: string;
  engine: string;
  fix: string;
  after: string;
  holes: number;
  ok: boolean;
  /** Capture → fix → retry rounds it took (1 = the first suggested fix was enough). */
  rounds: number;
}

export function printTable(title: string, rows: LoopRecord[]): void {
  const ok = rows.filter((r) => r.ok).length;
  const firstRound = rows.filter((r) => r.ok && r.rounds === 1).length;
  const pct = (n: number) => ((100 * n) / Math.max(rows.length, 1)).toFixed(1);
  const lines = rows.map((r) => `${r.ok ? 'PASS' : 'FAIL'}  ${r.scenario.padEnd(72)} ${r.before.padEnd(36)} → ${r.after.padEnd(12)} rounds=${r.rounds} holes=${r.holes}`);
  console.log(
    `\n${title}\n  fix-success rate ${ok}/${rows.length} = ${pct(ok)} % (first suggested fix alone: ${firstRound}/${rows.length} = ${pct(firstRound)} %)\n${lines.join('\n')}\n`,
  );
}

/** Apply a fix's client-side changes (`context: 'client'`) to the request the page makes. */
export function clientSpecs(specs: RequestSpec[], changes: readonly unknown[]): RequestSpec[] {
  const client = (changes as OptionChange[]).filter((c) => c.context === 'client');
  return specs.map((spec, i) => {
    if (i !== specs.length - 1) return spec;
    let out = { ...spec };
    for (const c of client) {
      if (c.option === 'fetch.method') out = { ...out, method: String(c.value) };
      else throw new Error(`unknown client change ${c.option}`);
    }
    return out;
  });
}
