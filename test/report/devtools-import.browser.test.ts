/**
 * The mini-HAR loads into Chrome DevTools: real Chromium 156, its own HAR importer
 * (devtools://devtools/bundled/models/har/har.js, the code behind "Import HAR file"), and the
 * requests it builds are compared field by field with the mini-HAR's entries.
 * One browser launch for every case.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeHar } from '../../src/core/index.js';
import { renderReport } from '../../src/core/report/index.js';
import { firstBlocked } from './extract.js';
import { secretCorpus } from './secret-corpus.js';

type J = Record<string, unknown>;

interface Imported {
  url: string;
  method: string;
  status: number;
  type: string;
  initiator: string | null;
  requestHeaders: Array<{ name: string; value: string }>;
  responseHeaders: Array<{ name: string; value: string }>;
}

let browser: Browser | undefined;
let devtools: Page | undefined;
let profile = '';

beforeAll(async () => {
  profile = mkdtempSync(join(tmpdir(), 'cors-lens-devtools-'));
  browser = await puppeteer.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    handleDevToolsAsPage: true,
    userDataDir: profile,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--auto-open-devtools-for-tabs'],
  });
  const target = await browser.waitForTarget((t) => t.url().startsWith('devtools://devtools/bundled/'), { timeout: 60_000 });
  devtools = await target.asPage();
  await devtools.waitForFunction(() => document.readyState === 'complete', { timeout: 60_000 });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
}, 60_000);

/**
 * DevTools' own HAR import (HARRoot parses, Importer builds NetworkRequests). Kept as source text:
 * it runs inside the DevTools page, and the test runner must not rewrite its dynamic import.
 */
const IMPORT_HAR = `async (json) => {
  const HAR = await import('./models/har/har.js');
  const log = new HAR.HARFormat.HARRoot(json).log;
  return HAR.Importer.Importer.requestsFromHARLog(log).map((r) => ({
    url: r.url(),
    method: r.requestMethod,
    status: r.statusCode,
    type: r.resourceType().name(),
    initiator: r.initiator()?.type ?? null,
    requestHeaders: r.requestHeaders().map((h) => ({ name: h.name, value: h.value })),
    responseHeaders: r.responseHeaders.map((h) => ({ name: h.name, value: h.value })),
  }));
}`;

async function importInDevTools(har: unknown): Promise<Imported[]> {
  return (await devtools!.evaluate(`(${IMPORT_HAR})(${JSON.stringify(har)})`)) as Imported[];
}

function cases(): Array<[string, J, object]> {
  const real = readFileSync(new URL('../../../shared/har-samples/chrome143-devtools-localhost-mcp-cors-fail.har', import.meta.url), 'utf8');
  const realHar = JSON.parse(real) as J;
  const out: Array<[string, J, object]> = analyzeHar(real).exchanges
    .filter((x) => x.verdict === 'blocked' && x.redirectOf === null)
    .map((x) => [`chrome143 capture, entry ${x.entry}`, realHar, x]);
  for (const c of secretCorpus().filter((_c, i) => i % 3 === 0)) out.push([c.name, c.har, firstBlocked(analyzeHar(c.har))!]);
  return out;
}

describe('Chrome DevTools imports the mini-HAR', () => {
  it.each(cases())('%s', async (_name, har, exchange) => {
    const mini = JSON.parse(renderReport({ exchange: exchange as never, har }, { format: 'har' }).text) as { log: { entries: J[] } };
    const imported = await importInDevTools(mini);
    expect(imported).toHaveLength(mini.log.entries.length);
    // DevTools lists requests by start time; match them to entries by method and URL.
    imported.forEach((r) => {
      const e = mini.log.entries.find((x) => (x.request as J).method === r.method && (x.request as J).url === r.url)!;
      expect(e).toBeDefined();
      const req = e.request as J;
      const res = e.response as J;
      expect(r.url).toBe(req.url);
      expect(r.method).toBe(req.method);
      expect(r.status).toBe(res.status);
      expect(r.type).toBe(e._resourceType);
      expect(r.initiator).toBe((e._initiator as J | undefined)?.type ?? null);
      expect(r.requestHeaders).toEqual(req.headers);
      expect(r.responseHeaders).toEqual(res.headers);
    });
    expect(JSON.stringify(imported)).not.toContain('SECRET-');
  }, 30_000);
});
