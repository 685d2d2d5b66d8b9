/**
 * The real panel in real Chromium against Chrome itself: every CORS lab scenario runs in the
 * inspected tab while the CORS panel is open; for each request the panel's reason (CDP CorsError
 * name) and its Chrome console line must equal what Chrome reported over CDP for the same request
 * (Network.loadingFailed.corsErrorStatus, Log.entryAdded). Also: screenshots, keyboard navigation,
 * what-if, HAR import and the console-paste box, on the same browser launch.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame } from 'puppeteer-core';
import { startLab, type Lab } from '../../scripts/lab/server.mjs';
import { scenarios, scenarioIdOfUrl } from '../../scripts/lab/scenarios.mjs';
import { ARTIFACTS, launchWithPanel, ROOT, type PanelSession } from './harness.js';
import { ChromeOracle } from './oracle.js';
import { readDetail, selectRow, setFilter, showTab, visibleRows, waitForIdle } from './panel-driver.js';
import { KNOWN_GAPS } from './known-gaps.js';

let lab: Lab;
let session: PanelSession;
let frame: Frame;
let oracle: ChromeOracle;

const shot = async (name: string): Promise<string> => {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `panel-${name}.png`);
  await session.devtools.screenshot({ path });
  return path;
};

beforeAll(async () => {
  lab = await startLab();
  session = await launchWithPanel({ width: 1400, height: 900 });
  // Show the panel first: it then captures live, as a user would see it.
  frame = await session.showPanel();
  oracle = await ChromeOracle.attach(session.page);
  await session.page.goto(lab.pageUrl, { waitUntil: 'load' });
  await session.page.waitForFunction(() => typeof (window as unknown as { runScenario?: unknown }).runScenario === 'function');
  for (const s of scenarios) {
    await session.page.evaluate((id) => (window as unknown as { runScenario(id: string): Promise<unknown> }).runScenario(id), s.id);
  }
  await oracle.settle();
  await waitForIdle(frame);
});

afterAll(async () => {
  await oracle?.detach();
  await session?.close();
  await lab?.close();
});

interface Mismatch {
  scenario: string;
  call: number;
  field: 'rows' | 'corsError' | 'console' | 'detail';
  chrome: string | null;
  panel: string | null;
}

describe('panel vs Chrome (CDP oracle), every lab scenario', () => {
  it('shows, for every request, the reason and console line Chrome reported', async () => {
    const mismatches: Mismatch[] = [];
    let compared = 0;
    let blockedCompared = 0;
    for (const s of scenarios) {
      const chrome = oracle.requestsOf(s.id);
      await setFilter(frame, `/s/${s.id}`);
      const rows = (await visibleRows(frame)).filter((r) => scenarioIdOfUrl(r.url) === s.id);
      if (rows.length !== chrome.length) {
        mismatches.push({ scenario: s.id, call: -1, field: 'rows', chrome: String(chrome.length), panel: String(rows.length) });
        continue;
      }
      for (const [call, o] of chrome.entries()) {
        const row = rows[call]!;
        compared++;
        if (row.corsError !== (o.corsError ?? '')) {
          mismatches.push({ scenario: s.id, call, field: 'corsError', chrome: o.corsError, panel: row.corsError || null });
          continue;
        }
        if (!o.corsError) continue;
        blockedCompared++;
        await selectRow(frame, row.entry);
        const detail = await readDetail(frame);
        if (detail.corsError !== o.corsError) mismatches.push({ scenario: s.id, call, field: 'detail', chrome: o.corsError, panel: detail.corsError });
        if ((detail.chromeConsole[0] ?? null) !== o.consoleLine) {
          mismatches.push({ scenario: s.id, call, field: 'console', chrome: o.consoleLine, panel: detail.chromeConsole[0] ?? null });
        }
      }
    }
    await setFilter(frame, '');
    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(join(ARTIFACTS, 'panel-vs-chrome.json'), JSON.stringify({ compared, blockedCompared, mismatches }, null, 2));
    // Every difference must be a known, documented engine gap (test/e2e/known-gaps.ts); a fixed gap
    // fails this test until it is removed from the ledger.
    expect(mismatches.map(({ scenario, field }) => `${scenario}: ${field}`).sort()).toEqual(Object.keys(KNOWN_GAPS).sort());
    // The comparison covered the lab: ≥ 15 kinds of failure and successes.
    expect(compared).toBeGreaterThanOrEqual(scenarios.length - 5);
    expect(blockedCompared).toBeGreaterThanOrEqual(40);
  });
});

describe('panel UI on the lab capture', () => {
  it('lists every request with a verdict and folds preflights into their request', async () => {
    await setFilter(frame, '');
    await waitForIdle(frame);
    const listPath = await shot('list');
    expect(listPath).toContain('panel-list.png');
    const status = await frame.$eval('.statusbar', (el) => el.textContent ?? '');
    expect(status).toMatch(/\d+ requests · \d+ with CORS problems/);
    // Preflights are not rows of their own.
    await setFilter(frame, 'OPTIONS');
    expect((await visibleRows(frame)).filter((r) => r.text.startsWith('OPTIONS')).length).toBe(0);
    await setFilter(frame, '/s/method-put-not-listed');
    const [row] = await visibleRows(frame);
    expect(row?.text).toContain('+ preflight');
    // Virtualised: far fewer DOM rows than exchanges.
    await setFilter(frame, '');
    const domRows = await frame.$$eval('[role=option]', (els) => els.length);
    expect(domRows).toBeLessThan(90);
  });

  it('filters to CORS problems only', async () => {
    await frame.click('label.checkbox input[type=checkbox]');
    await waitForIdle(frame);
    const rows = await visibleRows(frame);
    expect(rows.length).toBeGreaterThan(10);
    expect(rows.every((r) => r.verdict !== 'allowed' && r.verdict !== 'same-origin')).toBe(true);
    await frame.click('label.checkbox input[type=checkbox]');
  });

  it('moves the selection with the keyboard and opens the detail with Enter', async () => {
    await setFilter(frame, '/s/acao-');
    const rows = await visibleRows(frame);
    await frame.focus('[role=listbox]');
    await session.devtools.keyboard.press('Home');
    await frame.waitForFunction((e) => document.querySelector(`[data-entry="${e}"]`)?.getAttribute('aria-selected') === 'true', {}, rows[0]!.entry);
    await session.devtools.keyboard.press('ArrowDown');
    await session.devtools.keyboard.press('ArrowDown');
    await frame.waitForFunction((e) => document.querySelector(`[data-entry="${e}"]`)?.getAttribute('aria-selected') === 'true', {}, rows[2]!.entry);
    await session.devtools.keyboard.press('End');
    await frame.waitForFunction((e) => document.querySelector(`[data-entry="${e}"]`)?.getAttribute('aria-selected') === 'true', {}, rows[rows.length - 1]!.entry);
    await session.devtools.keyboard.press('Enter');
    await frame.waitForFunction(() => document.activeElement?.classList.contains('detail-title'));
  });

  it('explains a failed preflight side by side, with the culprit header highlighted', async () => {
    await setFilter(frame, '/s/method-put-not-listed');
    const [row] = (await visibleRows(frame)).filter((r) => scenarioIdOfUrl(r.url) === 'method-put-not-listed');
    await selectRow(frame, row!.entry);
    await showTab(frame, 'explain');
    const detail = await readDetail(frame);
    expect(detail.corsError).toBe('MethodDisallowedByPreflightResponse');
    expect(detail.verdictSentence).toMatch(/^Blocked/);
    expect(detail.firefoxConsole.join('\n')).toContain('Access-Control-Allow-Methods');
    const culprit = await frame.$$eval('tr.culprit th', (els) => els.map((e) => e.textContent));
    expect(culprit.map((c) => c?.toLowerCase())).toContain('access-control-allow-methods');
    const why = await frame.$eval('#h-why', (el) => el.parentElement?.textContent ?? '');
    expect(why).toContain('PUT');
    await shot('detail');
    // The same view in the dark theme (DevTools passes its theme when the panel opens).
    await frame.evaluate(() => (document.documentElement.dataset.theme = 'dark'));
    await frame.waitForFunction(() => getComputedStyle(document.body).backgroundColor === 'rgb(32, 33, 36)');
    await new Promise((r) => setTimeout(r, 200));
    await shot('detail-dark');
    await frame.evaluate(() => (document.documentElement.dataset.theme = 'light'));
  });

  it('tells the exchange step by step in the Learn view', async () => {
    await showTab(frame, 'learn');
    const steps = await frame.$$eval('.step', (els) => els.map((e) => ({ state: e.getAttribute('data-state'), text: e.textContent ?? '' })));
    const failed = steps.filter((s) => s.state === 'fail');
    expect(failed[0]?.text).toContain('Access-Control-Allow-Methods');
    expect(steps.some((s) => s.text.includes('OPTIONS'))).toBe(true);
    expect(steps.at(-1)?.text).toContain('never sent');
    await shot('learn');
  });

  it('recomputes the verdict live in What if', async () => {
    await showTab(frame, 'whatif');
    const before = await frame.$eval('[data-testid=whatif-result]', (el) => el.getAttribute('data-cors-error'));
    expect(before).toBe('MethodDisallowedByPreflightResponse');
    const buttons = await frame.$$('.quick button');
    for (const b of buttons) {
      const label = await b.evaluate((el) => el.textContent ?? '');
      if (label.startsWith('Allow the method')) await b.click();
    }
    await frame.waitForFunction(() => document.querySelector('[data-testid=whatif-result]')?.getAttribute('data-verdict') === 'allowed');
    await shot('whatif');
    await showTab(frame, 'fix');
    await frame.waitForSelector('[data-testid=fix-panel]', { timeout: 20_000 });
    expect(await frame.$$eval('.server-tabs [role=tab]', (t) => t.length)).toBeGreaterThanOrEqual(5);
    await shot('fix');
    await showTab(frame, 'export');
    await frame.waitForFunction(() => ((document.querySelector('[data-testid=export-preview]') as HTMLTextAreaElement | null)?.value.length ?? 0) > 100, { timeout: 20_000 });
    await shot('export');
  });

  it('imports a HAR file and keeps the live capture when the file is bad', async () => {
    await showTab(frame, 'explain');
    await setFilter(frame, '');
    const liveCount = (await frame.$eval('.statusbar', (el) => el.textContent ?? '')).match(/(\d+) requests/)?.[1];
    const bad = join(ROOT, '.tmp', 'e2e-bad.har');
    mkdirSync(join(ROOT, '.tmp'), { recursive: true });
    writeFileSync(bad, '{"log": {"entries": 12}}');
    const input = await frame.$('input[type=file]');
    await input!.uploadFile(bad);
    await frame.waitForSelector('[data-testid=import-error]');
    const message = await frame.$eval('[data-testid=import-error]', (el) => el.textContent ?? '');
    expect(message).toMatch(/^Could not import e2e-bad\.har: /);
    expect(message.split('\n')).toHaveLength(1);
    expect((await frame.$eval('.statusbar', (el) => el.textContent ?? '')).match(/(\d+) requests/)?.[1]).toBe(liveCount);

    const good = join(ROOT, '..', 'shared', 'har-samples');
    const { readdirSync } = await import('node:fs');
    const sample = readdirSync(good).find((f) => f.endsWith('.har'));
    expect(sample).toBeDefined();
    await input!.uploadFile(join(good, sample!));
    await frame.waitForSelector('.file-chip');
    await waitForIdle(frame);
    expect(await frame.$eval('.file-chip', (el) => el.textContent ?? '')).toContain(sample!);
    await frame.click('.file-chip button');
    await frame.waitForFunction(() => !document.querySelector('.file-chip'));
    expect((await frame.$eval('.statusbar', (el) => el.textContent ?? '')).match(/(\d+) requests/)?.[1]).toBe(liveCount);
  });

  it('explains a pasted console error with no capture needed', async () => {
    const toggle = await frame.$$('.toolbar button');
    for (const b of toggle) if ((await b.evaluate((el) => el.textContent)) === 'Explain a console error') await b.click();
    await frame.waitForSelector('#paste-input');
    await frame.type('#paste-input', "Access to fetch at 'https://api.example.com/x' from origin 'https://app.example.com' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.");
    await frame.waitForSelector('[data-testid=paste-result]');
    expect(await frame.$eval('[data-testid=paste-result]', (el) => el.getAttribute('data-cors-error'))).toBe('MissingAllowOriginHeader');
    await shot('paste');
  });
});
