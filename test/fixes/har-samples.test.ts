import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeHar, HarInputError, normalizeHar, parseHarText } from '../../src/core/index.js';
import { diagnose, suggestFixes } from '../../src/core/fixes/index.js';
import { FIX_SERVERS } from '../../src/core/fixes/types.js';
import { lintFix, lintObservedPolicy } from '../../src/core/lint/index.js';
import { isBlocking } from '../../src/core/lint/types.js';
import { detectServers } from '../../src/core/detect/index.js';

/**
 * Robustness on the 60 real captures in shared/har-samples: for every blocked exchange the engine finds,
 * every flavour produces a fix with code, no fix fails the lint, nothing throws; detection and the
 * observed-policy lint run over every capture.
 */
const DIR = new URL('../../../shared/har-samples/', import.meta.url);
const files = readdirSync(DIR).filter((f) => /\.har[p]?$/.test(f));

describe('fixes on real captures (shared/har-samples)', () => {
  let blockedTotal = 0;
  it.each(files)('%s', (file) => {
    const text = readFileSync(new URL(file, DIR), 'utf8');
    let analysis;
    try {
      analysis = analyzeHar(text);
    } catch (e) {
      expect(e).toBeInstanceOf(HarInputError);
      return;
    }
    const entries = normalizeHar(parseHarText(text)).entries;
    expect(() => lintObservedPolicy(entries)).not.toThrow();
    expect(() => detectServers(entries)).not.toThrow();
    for (const ex of analysis.exchanges.filter((x) => x.verdict === 'blocked')) {
      blockedTotal++;
      const byIndex = (i: number | null) => (i === null ? undefined : entries.find((e) => e.index === i));
      const ctx = { preflight: byIndex(ex.preflightEntry), actual: byIndex(ex.entry), entries };
      const fixes = suggestFixes(ex, ctx);
      expect(new Set(fixes.map((f) => f.server))).toEqual(new Set(FIX_SERVERS));
      const d = diagnose(ex, ctx);
      for (const fix of fixes) {
        expect(fix.code.trim(), `${file} #${ex.entry} ${fix.server}`).not.toBe('');
        expect(lintFix(fix, d).filter(isBlocking), `${file} #${ex.entry} ${fix.server}`).toEqual([]);
      }
    }
  });
  it('found blocked exchanges to fix', () => {
    expect(blockedTotal).toBeGreaterThan(0);
    console.log(`blocked exchanges fixed across the samples: ${blockedTotal}`);
  });
});
