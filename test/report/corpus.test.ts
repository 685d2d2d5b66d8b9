/**
 * The redaction proof: 39 generated HARs, each with a unique marker in every place a secret can
 * hide. For every format, no marker survives and every CORS header survives verbatim; the
 * mini-HAR re-analyses to the same verdict.
 */
import { describe, expect, it } from 'vitest';
import { analyzeHar } from '../../src/core/index.js';
import { collectReport } from '../../src/core/report/collect.js';
import { NO_REDACTION, renderReport, REPORT_FORMATS } from '../../src/core/report/index.js';
import type { Json } from './builders.js';
import { firstBlocked, jiraHeaderLines, markdownHeaderRows } from './extract.js';
import { corsHeadersOf, MARKER_PREFIX, secretCorpus, SHAPE_COUNT } from './secret-corpus.js';

const corpus = secretCorpus();

describe('secret corpus', () => {
  it('has at least 30 HARs, each planting dozens of unique markers', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(30);
    expect(corpus.length).toBe(SHAPE_COUNT * 3);
    for (const c of corpus) {
      expect(c.markers.length).toBeGreaterThanOrEqual(25);
      const text = JSON.stringify(c.har);
      for (const m of c.markers) expect(text, `${c.name}: ${m} planted`).toContain(m);
    }
  });
});

describe.each(corpus)('$name', (c) => {
  const analysis = analyzeHar(c.har);
  const ex = firstBlocked(analysis);
  const entries = (c.har.log as { entries: Json[] }).entries;

  it('is analysed as a blocked exchange', () => {
    expect(ex, JSON.stringify(analysis.exchanges.map((x) => [x.entry, x.verdict]))).toBeDefined();
  });
  if (!ex) return;
  const input = { exchange: ex, har: c.har };
  const data = collectReport(input);
  const originals = data.hops.map((h) => ({ hop: h, original: entries[h.harIndex]! }));
  const cors = originals.map(({ hop, original }) => ({ hop, headers: corsHeadersOf([original]) }));

  it('reports the exchange only, and it carries CORS headers to check', () => {
    expect(data.hops.length).toBeGreaterThan(0);
    expect(data.hops.every((h) => h.harIndex !== 0)).toBe(true); // the decoy document is entry 0
    expect(cors.flatMap((x) => x.headers).length).toBeGreaterThan(0);
  });

  it.each(REPORT_FORMATS)('%s: no marker survives', (format) => {
    const text = renderReport(input, { format }).text;
    const leaked = c.markers.filter((m) => text.includes(m));
    expect(leaked).toEqual([]);
    expect(text).not.toContain(MARKER_PREFIX);
  });

  it('without redaction the mini-HAR carries every marker of the exchange (the check above can fail)', () => {
    const text = renderReport(input, { format: 'har', redaction: NO_REDACTION }).text;
    const missing = c.markers.filter((m) => !m.includes('-decoy') && !text.includes(m));
    expect(missing).toEqual([]);
    expect(c.markers.filter((m) => m.includes('-decoy') && text.includes(m))).toEqual([]);
  });

  it('json: every CORS header of every hop, name and exact value', () => {
    const report = JSON.parse(renderReport(input, { format: 'json' }).text) as { hops: Array<{ entryIndex: number; request: { headers: Json[] }; response: { headers: Json[] } }> };
    for (const { hop, headers } of cors) {
      const got = report.hops.find((h) => h.entryIndex === hop.harIndex)!;
      const all = [...got.request.headers, ...got.response.headers];
      for (const h of headers) expect(all).toContainEqual(h);
    }
  });

  it('har: every CORS header of every hop, name and exact value', () => {
    const mini = JSON.parse(renderReport(input, { format: 'har' }).text) as { log: { entries: Json[] } };
    for (const { hop, headers } of cors) {
      const k = data.harOrder.indexOf(hop);
      expect(corsHeadersOf([mini.log.entries[k]!])).toEqual(headers);
    }
  });

  it('md: every CORS header in a header table, name and exact value', () => {
    const rows = markdownHeaderRows(renderReport(input, { format: 'md' }).text);
    for (const h of cors.flatMap((x) => x.headers)) expect(rows).toContainEqual(h);
  });

  it('jira: every CORS header in a {noformat} block, name and exact value', () => {
    const lines = jiraHeaderLines(renderReport(input, { format: 'jira' }).text);
    for (const h of cors.flatMap((x) => x.headers)) expect(lines).toContain(`${h.name}: ${h.value}`);
  });

  it('round trip: the mini-HAR re-analyses to the same verdict and CORS error', () => {
    const mini = renderReport(input, { format: 'har' }).text;
    const again = analyzeHar(mini);
    const k = data.harOrder.findIndex((h) => h.harIndex === ex.entry);
    const same = again.exchanges.find((x) => x.entry === k)!;
    expect(same).toBeDefined();
    expect([same.verdict, same.corsError, same.failedParameter]).toEqual([ex.verdict, ex.corsError, ex.failedParameter]);
  });
});
