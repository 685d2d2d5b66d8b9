/**
 * The mini-HAR is a real HAR: valid HAR 1.2, Chromium's fields preserved, and re-analysed by
 * the engine to the same verdict. Checked on every exchange of every real capture in
 * ../shared/har-samples (a differential test against the original analysis).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeHar, normalizeHar, parseHarText } from '../../src/core/index.js';
import type { Exchange } from '../../src/core/model.js';
import { collectReport, renderReport, renderReportData, REPORT_FORMATS } from '../../src/core/report/index.js';
import { miniHar } from '../../src/core/report/har.js';
import { firstBlocked } from './extract.js';
import { secretCorpus } from './secret-corpus.js';

const SAMPLES = new URL('../../../shared/har-samples/', import.meta.url);

type J = Record<string, unknown>;
const isObj = (v: unknown): v is J => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The HAR 1.2 required fields (http://www.softwareishard.com/blog/har-12-spec/), as a list of problems. */
export function har12Problems(doc: unknown): string[] {
  const p: string[] = [];
  const need = (o: unknown, key: string, type: 'string' | 'number' | 'object' | 'array', where: string): void => {
    const v = isObj(o) ? o[key] : undefined;
    const ok = type === 'array' ? Array.isArray(v) : type === 'object' ? isObj(v) : typeof v === type;
    if (!ok) p.push(`${where}.${key} must be ${type}`);
  };
  if (!isObj(doc) || !isObj(doc.log)) return ['log must be an object'];
  const log = doc.log;
  if (log.version !== '1.2') p.push('log.version must be "1.2"');
  need(log, 'creator', 'object', 'log');
  need(log.creator, 'name', 'string', 'log.creator');
  need(log.creator, 'version', 'string', 'log.creator');
  need(log, 'entries', 'array', 'log');
  const pageIds = new Set<string>();
  if (log.pages !== undefined) {
    need(log, 'pages', 'array', 'log');
    for (const [i, pg] of ((log.pages as unknown[]) ?? []).entries()) {
      for (const k of ['startedDateTime', 'id', 'title'] as const) need(pg, k, 'string', `log.pages[${i}]`);
      need(pg, 'pageTimings', 'object', `log.pages[${i}]`);
      if (isObj(pg) && typeof pg.id === 'string') pageIds.add(pg.id);
    }
  }
  for (const [i, e] of ((log.entries as unknown[]) ?? []).entries()) {
    const w = `log.entries[${i}]`;
    need(e, 'startedDateTime', 'string', w);
    if (isObj(e) && typeof e.startedDateTime === 'string' && Number.isNaN(Date.parse(e.startedDateTime))) p.push(`${w}.startedDateTime is not a date`);
    need(e, 'time', 'number', w);
    need(e, 'request', 'object', w);
    need(e, 'response', 'object', w);
    need(e, 'cache', 'object', w);
    need(e, 'timings', 'object', w);
    if (!isObj(e)) continue;
    if (e.pageref !== undefined && !pageIds.has(e.pageref as string)) p.push(`${w}.pageref names no page`);
    for (const k of ['send', 'wait', 'receive'] as const) need(e.timings, k, 'number', `${w}.timings`);
    const rq = e.request;
    for (const k of ['method', 'url', 'httpVersion'] as const) need(rq, k, 'string', `${w}.request`);
    for (const k of ['cookies', 'headers', 'queryString'] as const) need(rq, k, 'array', `${w}.request`);
    for (const k of ['headersSize', 'bodySize'] as const) need(rq, k, 'number', `${w}.request`);
    const rs = e.response;
    need(rs, 'status', 'number', `${w}.response`);
    for (const k of ['statusText', 'httpVersion', 'redirectURL'] as const) need(rs, k, 'string', `${w}.response`);
    for (const k of ['cookies', 'headers'] as const) need(rs, k, 'array', `${w}.response`);
    for (const k of ['headersSize', 'bodySize'] as const) need(rs, k, 'number', `${w}.response`);
    need(rs, 'content', 'object', `${w}.response`);
    if (isObj(rs)) {
      need(rs.content, 'size', 'number', `${w}.response.content`);
      need(rs.content, 'mimeType', 'string', `${w}.response.content`);
    }
    for (const side of ['request', 'response'] as const) {
      const hs = isObj(e[side]) ? (e[side] as J).headers : [];
      for (const [k, h] of (Array.isArray(hs) ? hs : []).entries()) {
        need(h, 'name', 'string', `${w}.${side}.headers[${k}]`);
        need(h, 'value', 'string', `${w}.${side}.headers[${k}]`);
      }
    }
  }
  return p;
}

/** A URL parser percent-encodes the brackets of a `[REDACTED]` mask in userinfo; compare without that. */
const unbracket = (s: string | null): string | null => (s === null ? null : s.replace(/%5B/gi, '[').replace(/%5D/gi, ']'));

/** The mini-HAR's exchange that corresponds to the original `ex`. */
function roundTrip(ex: Exchange, har: Record<string, unknown>): { again: Exchange | undefined; mini: { log: J }; reported: Exchange } {
  const data = collectReport({ exchange: ex, har });
  const mini = JSON.parse(renderReportData(data, 'har')) as { log: J };
  const k = data.harOrder.findIndex((h) => h.harIndex === ex.entry);
  return { again: analyzeHar(mini).exchanges.find((x) => x.entry === k), mini, reported: data.exchange };
}

const readable = readdirSync(SAMPLES)
  .filter((f) => /\.harp?$/.test(f))
  .flatMap((f) => {
    const text = readFileSync(new URL(f, SAMPLES), 'utf8');
    try {
      return [{ file: f, har: parseHarText(text) as Record<string, unknown>, analysis: analyzeHar(text) }];
    } catch {
      return []; // the broken samples are the engine's concern; a report needs an analysis
    }
  });

describe('round trip on every real capture', () => {
  it('reads most of the real samples', () => {
    expect(readable.length).toBeGreaterThan(50);
  });

  it.each(readable.map((r) => [r.file, r] as const))('%s: every exchange keeps verdict, corsError and failedParameter', (_f, r) => {
    const diffs: string[] = [];
    const problems = new Set<string>();
    for (const ex of r.analysis.exchanges) {
      if (ex.redirectOf !== null) continue; // reported with its chain
      const { again, mini, reported } = roundTrip(ex, r.har);
      for (const pr of har12Problems(mini)) problems.add(pr);
      // failedParameter as the report shows it (redacted when it held a secret).
      const before = [ex.verdict, ex.corsError, reported.failedParameter];
      const after = again ? [again.verdict, again.corsError, unbracket(again.failedParameter)] : ['missing'];
      if (JSON.stringify(before) !== JSON.stringify(after)) diffs.push(`entry ${ex.entry}: ${before.join('/')} -> ${after.join('/')}`);
    }
    expect(diffs).toEqual([]);
    expect([...problems]).toEqual([]);
  }, 60_000); // the 1050-entry capture re-analyses 1050 mini-HARs; the machine is shared
});

describe('the mini-HAR of a real CORS failure (Chrome 143 DevTools export)', () => {
  const real = readable.find((r) => r.file === 'chrome143-devtools-localhost-mcp-cors-fail.har')!;
  const blocked = real.analysis.exchanges.filter((x) => x.verdict === 'blocked' && x.redirectOf === null);
  const entries = (real.har as { log: { entries: J[] } }).log.entries;

  it('has blocked exchanges to report', () => {
    expect(blocked.length).toBeGreaterThan(2);
  });

  it.each(blocked.map((x) => [x.entry, x] as const))('entry %i: holds only the exchange, in capture order, Chromium fields kept', (_i, ex) => {
    const { again, mini } = roundTrip(ex, real.har);
    const want = [ex.preflightEntry, ex.entry, ...ex.redirects.map((r) => r.entry)].filter((i): i is number => i !== null);
    const list = mini.log.entries as J[];
    expect(list).toHaveLength(new Set(want).size);
    const originals = [...new Set(want)].sort((a, b) => a - b).map((i) => entries[i]!);
    list.forEach((e, k) => {
      const o = originals[k]!;
      expect(e._resourceType).toBe(o._resourceType);
      expect(e._initiator).toEqual(o._initiator);
      expect((e.response as J)._error).toEqual((o.response as J)._error);
      expect(e.startedDateTime).toBe(o.startedDateTime);
      expect(e.timings).toEqual(o.timings);
    });
    expect(mini.log.creator).toMatchObject({ name: 'CORS Lens' });
    expect(again).toMatchObject({ verdict: ex.verdict, corsError: ex.corsError });
  });
});

describe('panel path: normalized entries instead of a HAR object', () => {
  it.each(secretCorpus().filter((_c, i) => i % 4 === 0).map((c) => [c.name, c] as const))('%s', (_n, c) => {
    const ex = firstBlocked(analyzeHar(c.har))!;
    const data = collectReport({ exchange: ex, entries: normalizeHar(c.har).entries });
    const mini = miniHar(data);
    expect(har12Problems(mini)).toEqual([]);
    expect(JSON.stringify(mini)).not.toContain('SECRET-');
    const k = data.harOrder.findIndex((h) => h.harIndex === ex.entry);
    const again = analyzeHar(mini).exchanges.find((x) => x.entry === k)!;
    expect([again.verdict, again.corsError]).toEqual([ex.verdict, ex.corsError]);
  });
});

describe('HAR 1.2 checker', () => {
  it('finds missing required fields', () => {
    expect(har12Problems({ log: { version: '1.1', creator: {}, entries: [{ request: {}, response: { content: {} }, pageref: 'nope' }] } })).toEqual(expect.arrayContaining([
      'log.version must be "1.2"',
      'log.creator.name must be string',
      'log.entries[0].startedDateTime must be string',
      'log.entries[0].pageref names no page',
      'log.entries[0].request.method must be string',
      'log.entries[0].response.content.size must be number',
    ]));
  });
});

describe('real Chromium 156 lab capture (test/fixtures/captured/chromium-lab.json)', () => {
  const lab = JSON.parse(readFileSync(new URL('../fixtures/captured/chromium-lab.json', import.meta.url), 'utf8')) as {
    har: Record<string, unknown>;
    oracle: Array<{ method: string; url: string; corsError: string | null; call: number }>;
  };
  const analysis = analyzeHar(lab.har);
  const chains = analysis.exchanges.filter((x) => x.redirectOf === null);

  it('masks the user:password@ of a redirect (RedirectContainsCredentials) in every format, and still round-trips', () => {
    const ex = chains.find((x) => x.corsError === 'RedirectContainsCredentials')!;
    const original = JSON.stringify((lab.har.log as { entries: unknown[] }).entries[ex.entry]);
    const userinfo = /\/\/([^/@\s"]+:[^/@\s"]+)@/.exec(original)![1]!;
    for (const format of REPORT_FORMATS) {
      const text = renderReport({ exchange: ex, har: lab.har }, { format }).text;
      expect(text, format).not.toContain(`${userinfo}@`);
      expect(text, format).toContain('[REDACTED]@');
    }
    expect(roundTrip(ex, lab.har).again?.corsError).toBe('RedirectContainsCredentials');
  });

  it('every exchange round-trips through its mini-HAR', () => {
    const diffs: string[] = [];
    for (const ex of chains) {
      const { again, mini, reported } = roundTrip(ex, lab.har);
      expect(har12Problems(mini)).toEqual([]);
      if (!again || again.verdict !== ex.verdict || again.corsError !== ex.corsError || unbracket(again.failedParameter) !== reported.failedParameter) {
        diffs.push(`entry ${ex.entry} ${ex.url}: ${ex.verdict}/${ex.corsError} -> ${again?.verdict}/${again?.corsError}`);
      }
    }
    expect(chains.length).toBeGreaterThan(50);
    expect(diffs).toEqual([]);
  });

  it('the mini-HAR agrees with Chromium\'s own CORS error wherever the full capture does', () => {
    let agreeFull = 0;
    let agreeMini = 0;
    for (const o of lab.oracle.filter((x) => x.corsError)) {
      const matches = chains.filter((x) => x.url === o.url && x.method === o.method);
      const ex = matches[o.call] ?? matches[0];
      if (!ex || ex.corsError !== o.corsError) continue;
      agreeFull++;
      if (roundTrip(ex, lab.har).again?.corsError === o.corsError) agreeMini++;
    }
    expect(agreeFull).toBeGreaterThan(40);
    expect(agreeMini).toBe(agreeFull);
  });
});
