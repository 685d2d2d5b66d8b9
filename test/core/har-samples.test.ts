import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeHar, HarInputError } from '../../src/core/index.js';

/**
 * Every real HAR in ../shared/har-samples (Chrome, Firefox, Safari, Edge, IE, Playwright, chrome-har,
 * WebPageTest, Charles, Fiddler, mitmproxy …) loads and analyzes; the broken ones give one clear line.
 */
const DIR = join(__dirname, '../../../shared/har-samples');
const files = readdirSync(DIR).filter((f) => /\.harp?$/.test(f)).sort();
const BROKEN = new Set(['broken-fragment-websocket.har', 'broken-truncated-json.har']);

describe('real HAR samples', () => {
  it('are all here', () => expect(files.length).toBe(60));

  it.each(files.filter((f) => !BROKEN.has(f)))('%s analyzes', (f) => {
    const a = analyzeHar(readFileSync(join(DIR, f), 'utf8'));
    const raw = readFileSync(join(DIR, f), 'utf8').replace(/^\uFEFF/, '').replace(/^onInputData\(|\);?\s*$/g, '');
    const entries = (JSON.parse(raw) as { log: { entries: unknown[] } }).log.entries;
    // One exchange per entry that is not a preflight (entries without a request URL become warnings).
    expect(a.exchanges.length + a.preflightEntries.length + a.warnings.filter((w) => /skipped/.test(w)).length).toBe(entries.length);
    for (const ex of a.exchanges) {
      expect(['allowed', 'blocked', 'network-error', 'same-origin', 'unknown']).toContain(ex.verdict);
      if (ex.verdict === 'blocked') expect(ex.corsError).not.toBeNull();
      if (ex.verdict === 'unknown') expect(ex.missing.length + ex.alternatives.length).toBeGreaterThan(0);
    }
  });

  it.each([...BROKEN])('%s is refused with one line', (f) => {
    let err: unknown;
    try {
      analyzeHar(readFileSync(join(DIR, f), 'utf8'));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(HarInputError);
    expect((err as Error).message).toMatch(/^not valid JSON \(.+\)$/);
    expect((err as Error).message).not.toContain('\n');
  });

  it('the MCP capture: preflights answered 404/405 without CORS headers are PreflightMissingAllowOriginHeader', () => {
    const a = analyzeHar(readFileSync(join(DIR, 'chrome143-devtools-localhost-mcp-cors-fail.har'), 'utf8'));
    const pf = a.exchanges.filter((x) => x.preflightEntry !== null && x.url.startsWith('https://'));
    expect(pf.length).toBe(3);
    for (const x of pf) {
      expect(x.corsError).toBe('PreflightMissingAllowOriginHeader');
      expect(x.notCors.map((n) => n.kind)).toContain('preflight-not-found');
    }
  });

  it('the Taiga capture: ACAO * with ACAC true passes for credential-less requests', () => {
    const a = analyzeHar(readFileSync(join(DIR, 'chrome143-devtools-localhost-taiga-preflights.har'), 'utf8'));
    expect(a.preflightEntries.length).toBe(8);
    expect(a.exchanges.filter((x) => x.preflightEntry !== null).length).toBe(8);
    expect(a.exchanges.every((x) => x.verdict === 'allowed')).toBe(true);
  });
});
