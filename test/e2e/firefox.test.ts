/**
 * The Firefox build in real Firefox ESR (Debian firefox-esr), loaded as a temporary add-on: the
 * toolbox's CORS panel captures the CORS lab (including requests whose preflight failed, which
 * Firefox reports only through getHAR, never onRequestFinished), and for each scenario the
 * Firefox console lines the panel shows must equal the lines Firefox itself printed (WebDriver
 * BiDi log.entryAdded). How the toolbox is reached: test/e2e/firefox-harness.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startLab, type Lab } from '../../scripts/lab/server.mjs';
import { scenarios, scenarioIdOfUrl } from '../../scripts/lab/scenarios.mjs';
import { ARTIFACTS } from './harness.js';
import { launchFirefoxWithPanel, type FirefoxSession } from './firefox-harness.js';
import { FIREFOX_KNOWN_GAPS } from './known-gaps.js';

let lab: Lab;
let ff: FirefoxSession;

interface PanelScenario {
  id: string;
  rows: Array<{ text: string; verdict: string; corsError: string; firefox: string[] }>;
}

/** Firefox's CORS console line names the URL: "… remote resource at <url>. (Reason: …)". */
const FIREFOX_URL = /remote resource at ‘?(\S+?)’?\. \(Reason:/;

beforeAll(async () => {
  lab = await startLab();
  ff = await launchFirefoxWithPanel();
  await ff.page.goto(lab.pageUrl);
  // Warm-up: Firefox DevTools sometimes records the first requests after a navigation
  // incompletely; let that hit a request nobody compares.
  await ff.page.evaluate(() => fetch('/favicon.ico').then((r) => r.status));
  await new Promise((r) => setTimeout(r, 1000));
  for (const s of scenarios) await ff.page.evaluate((id) => (window as unknown as { runScenario(id: string): Promise<unknown> }).runScenario(id), s.id);
  // Wait until the panel has merged Firefox's getHAR polls and finished analysing.
  let last = '';
  for (let i = 0; i < 60; i++) {
    await new Promise((r) => setTimeout(r, 1000));
    const status = await ff.inPanel<string>(`async (w) => w.document.querySelector('.statusbar')?.textContent ?? ''`);
    if (status === last && !status.includes('analysing')) break;
    last = status;
  }
});

afterAll(async () => {
  await ff?.close();
  await lab?.close();
});

/** Reads every scenario's rows and, for each row, the Firefox lines of its detail, in one frame script. */
async function readPanel(ids: string[]): Promise<PanelScenario[]> {
  return ff.inPanel<PanelScenario[]>(`async (w) => {
    const doc = w.document;
    const sleep = (ms) => new Promise((r) => w.setTimeout(r, ms));
    const input = doc.querySelector('input[type=search]');
    const out = [];
    for (const id of ${JSON.stringify(ids)}) {
      input.value = '/s/' + id;
      input.dispatchEvent(new w.Event('input', { bubbles: true }));
      const urlOf = (r) => r.querySelector('.cell.url')?.getAttribute('title') ?? '';
      // Wait until the list has rendered this filter (a background toolbox window throttles timers).
      for (let i = 0; i < 200 && doc.querySelector('[role=listbox]')?.dataset.query !== '/s/' + id; i++) await sleep(50);
      const rows = [...doc.querySelectorAll('[role=option]')].filter((r) => new RegExp('^/s/' + id + '($|/)').test(new URL(urlOf(r)).pathname));
      const read = [];
      for (const row of rows) {
        row.dispatchEvent(new w.MouseEvent('mousedown', { bubbles: true, cancelable: true }));
        const entry = row.getAttribute('data-entry');
        for (let i = 0; i < 200 && doc.querySelector('.detail')?.dataset.entry !== entry; i++) await sleep(50);
        read.push({
          text: row.textContent,
          verdict: row.getAttribute('data-verdict'),
          corsError: row.getAttribute('data-cors-error'),
          firefox: [...doc.querySelectorAll('[data-testid=console-firefox]')].map((e) => e.textContent),
        });
      }
      out.push({ id, rows: read });
    }
    input.value = '';
    input.dispatchEvent(new w.Event('input', { bubbles: true }));
    return out;
  }`);
}

/** A scenario whose one request needs no preflight and is not redirected (by its definition). */
function isSimple(s: (typeof scenarios)[number]): boolean {
  const routes = Object.values(s.routes);
  const method = (s.request.method ?? 'GET').toUpperCase();
  const redirects = routes.some((r) => (r.response?.status ?? 200) >= 300 && (r.response?.status ?? 200) < 400);
  return routes.length === 1 && !redirects && !routes.some((r) => r.options) && !s.request.uploadListener && !s.request.headers?.length && ['GET', 'HEAD', 'POST'].includes(method);
}

/** What Firefox DevTools itself recorded (its getHAR, read in the panel). */
async function recorded(): Promise<Array<{ method: string; url: string; status: number }>> {
  return ff.inPanel<Array<{ method: string; url: string; status: number }>>(`async (w) => {
    const har = await w.wrappedJSObject.browser.devtools.network.getHAR();
    return [...har.entries].map((e) => ({ method: e.request.method, url: e.request.url, status: e.response.status }));
  }`);
}

/** Reads until every scenario has a row: requests Firefox reports only through getHAR reach the panel at its next poll. */
async function readEventually(ids: string[]): Promise<PanelScenario[]> {
  let read = await readPanel(ids);
  for (let attempt = 0; attempt < 8 && read.some((s) => s.rows.length === 0); attempt++) {
    await new Promise((r) => setTimeout(r, 4000));
    read = await readPanel(ids);
  }
  return read;
}

describe('Firefox ESR: the devtools panel over the CORS lab', () => {
  it('lists every request Firefox DevTools recorded (its own getHAR is the reference)', async () => {
    // Requests, not preflights: an OPTIONS alone (Firefox lost the request itself) is no exchange.
    const requests = (await recorded()).filter((r) => r.method !== 'OPTIONS');
    const ids = [...new Set(requests.map((r) => scenarioIdOfUrl(r.url)).filter((id): id is string => id !== null))];
    // Firefox DevTools does not record every request of a fast automated run (60–95 % measured).
    expect(ids.length).toBeGreaterThan(scenarios.length / 2);
    const read = await readEventually(ids);
    expect(read.filter((s) => s.rows.length === 0).map((s) => s.id)).toEqual([]);
  });

  it('folds failed preflights into their requests (Firefox reports those requests only through getHAR)', async () => {
    const har = await recorded();
    const candidates = ['preflight-acao-missing', 'method-put-not-listed', 'header-not-listed', 'preflight-status-401', 'preflight-redirect-301', 'preflight-acao-mismatch', 'method-delete-no-acam'];
    // Only where Firefox recorded both the OPTIONS and the request.
    const complete = candidates.filter((id) => ['OPTIONS', 'other'].every((m) => har.some((e) => scenarioIdOfUrl(e.url) === id && (m === 'OPTIONS') === (e.method === 'OPTIONS'))));
    expect(complete.length).toBeGreaterThanOrEqual(4);
    for (const s of await readEventually(complete)) {
      expect(s.rows, s.id).toHaveLength(1);
      expect(s.rows[0]!.text, s.id).toContain('+ preflight');
      expect(s.rows[0]!.verdict, s.id).toBe('blocked');
    }
  });

  it("shows, for each simple request, the console lines Firefox itself printed", async () => {
    const printed = new Map<string, string[]>();
    for (const line of ff.consoleLines) {
      const url = FIREFOX_URL.exec(line)?.[1];
      const id = url ? scenarioIdOfUrl(url) : null;
      if (!id) continue;
      printed.set(id, [...(printed.get(id) ?? []), line]);
    }
    const panel = await readPanel(scenarios.map((s) => s.id));
    writeFileSync(join(ARTIFACTS, 'firefox-panel-read.json'), JSON.stringify(panel, null, 1));
    const mismatches: Record<string, { firefox: string[]; panel: string[] }> = {};
    let compared = 0;
    // Compared: requests without preflight or redirect, which Firefox records whole through
    // onRequestFinished. What Firefox records of a failed preflight varies from run to run (its
    // OPTIONS entry is sometimes missing or saved with status 0), so those are checked for their
    // verdict above, not for wording.
    // ... and only where Firefox recorded the request whole: a response status, unless the
    // scenario is meant to get none (connection refused).
    const har = await recorded();
    const whole = (id: string) => {
      const mine = har.filter((e) => scenarioIdOfUrl(e.url) === id);
      return mine.length > 0 && mine.every((e) => e.status > 0 || e.url.startsWith(lab.closedOrigin));
    };
    const simple = new Set(scenarios.filter(isSimple).map((s) => s.id));
    const captured = panel.filter((s) => s.rows.length > 0 && simple.has(s.id) && whole(s.id));
    for (const s of captured) {
      const firefox = [...new Set(printed.get(s.id) ?? [])].sort();
      const shown = [...new Set(s.rows.flatMap((r) => r.firefox))].sort();
      compared++;
      if (JSON.stringify(firefox) !== JSON.stringify(shown)) mismatches[s.id] = { firefox, panel: shown };
    }
    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(join(ARTIFACTS, 'firefox-panel-vs-console.json'), JSON.stringify({ compared, mismatches }, null, 2));
    expect(compared).toBeGreaterThan(30);
    expect(printed.size).toBeGreaterThan(40);
    const expected = Object.keys(FIREFOX_KNOWN_GAPS).filter((id) => captured.some((s) => s.id === id));
    expect(Object.keys(mismatches).sort()).toEqual(expected.sort());
  });
});
