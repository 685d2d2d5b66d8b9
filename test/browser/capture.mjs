// Runs the CORS lab scenarios in real Chromium and records two views of the same requests:
//   * the HAR a DevTools extension gets (chrome.devtools.network.getHAR(), through the test
//     extension in ./har-extension), which is what CORS Lens analyses;
//   * the ORACLE: Chromium's own verdict, from a CDP session on the page (Network.loadingFailed
//     corsErrorStatus, errorText, blockedReason, preflight initiators, Log.entryAdded console lines).
// Recipe: /work/shared/reference/extension-capture.md, Part C. One browser launch for all scenarios.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { startLab } from '../../scripts/lab/server.mjs';
import { scenarios as allScenarios } from '../../scripts/lab/scenarios.mjs';
import { OracleRecorder } from './oracle.mjs';

const EXTENSION_DIR = fileURLToPath(new URL('./har-extension', import.meta.url));
const DEVTOOLS_URL = 'devtools://devtools/bundled/devtools_app.html';

/** Chromium launch flags every CORS Lens browser test uses (see the project brief). */
export const CHROMIUM_ARGS = Object.freeze([
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]);

/**
 * @typedef {import('./capture.d.mts').OracleRow} OracleRow
 * @typedef {import('./capture.d.mts').Capture} Capture
 * @typedef {import('./capture.d.mts').CaptureOptions} CaptureOptions
 */

/**
 * Launches Chromium once, opens DevTools with the HAR probe extension, runs every scenario on
 * the lab page and returns the extension's HAR plus the CDP oracle.
 * @param {CaptureOptions} [options]
 * @returns {Promise<Capture>}
 */
export async function captureChromiumLab(options = {}) {
  const {
    scenarioIds = allScenarios.map((s) => s.id),
    executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    log = () => {},
  } = options;
  const started = Date.now();
  const lab = await startLab();
  const userDataDir = await mkdtemp(join(tmpdir(), 'cors-lens-lab-'));
  /** @type {import('puppeteer-core').Browser | undefined} */
  let browser;
  try {
    browser = await puppeteer.launch({
      executablePath,
      headless: true,
      handleDevToolsAsPage: true,
      enableExtensions: true,
      defaultViewport: null,
      userDataDir,
      args: [
        ...CHROMIUM_ARGS,
        '--window-size=1400,1000',
        '--auto-open-devtools-for-tabs',
        `--load-extension=${EXTENSION_DIR}`,
        `--disable-extensions-except=${EXTENSION_DIR}`,
      ],
    });
    const browserVersion = await browser.version();

    // DevTools only records while it is open: wait for its window and for our devtools_page
    // frame BEFORE the lab page makes any request.
    const devtoolsTarget = await browser.waitForTarget((t) => t.url().startsWith(DEVTOOLS_URL), { timeout: 30_000 });
    const devtools = await devtoolsTarget.asPage();
    const harFrame = await devtools.waitForFrame((f) => f.url().startsWith('chrome-extension://') && f.url().endsWith('/devtools.html'), {
      timeout: 30_000,
    });
    await harFrame.waitForFunction(() => typeof (/** @type {any} */ (globalThis).corsLensLabGetHar) === 'function', { timeout: 30_000 });
    log(`devtools ready after ${Date.now() - started} ms`);

    const page = (await browser.pages()).find((p) => !p.url().startsWith('devtools://'));
    if (!page) throw new Error('no inspected tab found');
    const cdp = await page.createCDPSession();
    const recorder = new OracleRecorder(cdp, lab.pageOrigin);
    await recorder.start();

    await page.goto(lab.pageUrl, { waitUntil: 'load' });
    await page.waitForFunction(() => typeof (/** @type {any} */ (window).runScenario) === 'function');

    /** @type {Map<string, any>} */
    const jsResults = new Map();
    for (const id of scenarioIds) {
      recorder.current = id;
      const t0 = Date.now();
      const result = await page.evaluate((sid) => /** @type {any} */ (window).runScenario(sid), id);
      const t1 = Date.now();
      jsResults.set(id, result);
      recorder.jsResults.set(id, result);
      await recorder.settle(id);
      recorder.current = null;
      if (process.env.CORS_LENS_LAB_TIMING) log(`${id}: run ${t1 - t0} ms, settle ${Date.now() - t1} ms`);
    }
    await recorder.quiesce();
    log(`scenarios done after ${Date.now() - started} ms`);

    const rows = recorder.rows(scenarioIds, jsResults);
    const har = await readHar(harFrame, rows);
    attachHarIndexes(har, rows);
    log(`HAR read after ${Date.now() - started} ms (${har.log.entries.length} entries)`);

    return {
      chromium: browserVersion,
      puppeteer: await puppeteerVersion(),
      lab: {
        pageOrigin: lab.pageOrigin,
        apiOrigin: lab.apiOrigin,
        otherOrigin: lab.otherOrigin,
        closedOrigin: lab.closedOrigin,
        placeholders: lab.placeholders,
      },
      scenarioIds: [...scenarioIds],
      har,
      oracle: rows,
      wallMs: Date.now() - started,
    };
  } finally {
    await browser?.close().catch(() => {});
    await lab.close();
    await rm(userDataDir, { recursive: true, force: true }).catch(() => {});
  }
}

async function puppeteerVersion() {
  const { createRequire } = await import('node:module');
  const require = createRequire(import.meta.url);
  return /** @type {{ version: string }} */ (require('puppeteer-core/package.json')).version;
}

// -------------------------------------------------------------------------------------------
// The extension's HAR
// -------------------------------------------------------------------------------------------

/** @param {number} ms */
function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Reads getHAR() through the test extension until every request the oracle saw is in it
 * (DevTools may still be processing the last events).
 * @param {import('puppeteer-core').Frame} harFrame
 * @param {OracleRow[]} rows
 */
async function readHar(harFrame, rows) {
  const deadline = Date.now() + 15_000;
  /** @type {any} */
  let har;
  for (;;) {
    har = await harFrame.evaluate(() => /** @type {any} */ (globalThis).corsLensLabGetHar());
    if (missingFromHar(har, rows).length === 0 || Date.now() > deadline) break;
    await sleep(200);
  }
  const missing = missingFromHar(har, rows);
  if (missing.length) throw new Error(`the extension's HAR lacks ${missing.length} request(s) the browser made: ${missing.slice(0, 5).join('; ')}`);
  // getHAR() returns the log object itself in Chromium; wrap it like a saved .har file.
  return har && har.log ? har : { log: har };
}

/** @param {any} har @param {OracleRow[]} rows */
function missingFromHar(har, rows) {
  const entries = /** @type {any[]} */ ((har && har.log ? har.log.entries : har?.entries) ?? []);
  const count = new Map();
  for (const e of entries) {
    const key = `${e.request.method} ${e.request.url}`;
    count.set(key, (count.get(key) ?? 0) + 1);
  }
  const need = new Map();
  for (const row of rows) {
    for (const h of row.hops) need.set(`${h.method} ${h.url}`, (need.get(`${h.method} ${h.url}`) ?? 0) + 1);
    for (const p of row.preflights) need.set(`OPTIONS ${p.url}`, (need.get(`OPTIONS ${p.url}`) ?? 0) + 1);
  }
  return [...need].filter(([key, n]) => (count.get(key) ?? 0) < n).map(([key]) => key);
}

/**
 * Fills `harIndex`, `harHopIndexes` and each preflight's `harIndex`: hops are matched by method
 * and URL in start order; preflights by `_initiator.requestId` (the CDP id of the actual request).
 * @param {any} har @param {OracleRow[]} rows
 */
function attachHarIndexes(har, rows) {
  /** @type {any[]} */
  const entries = har.log.entries;
  const indexed = entries.map((e, index) => ({ e, index }));
  const isPreflightEntry = (/** @type {any} */ e) => e._initiator?.type === 'preflight';
  /** @type {Map<string, number[]>} */
  const pool = new Map();
  for (const { e, index } of [...indexed].sort((a, b) => Date.parse(a.e.startedDateTime) - Date.parse(b.e.startedDateTime) || a.index - b.index)) {
    if (isPreflightEntry(e)) continue;
    const key = `${e.request.method} ${e.request.url}`;
    pool.set(key, [...(pool.get(key) ?? []), index]);
  }
  for (const row of [...rows].filter((r) => r.cdpRequestId).sort((a, b) => a.call - b.call)) {
    row.harHopIndexes = row.hops.map((h) => pool.get(`${h.method} ${h.url}`)?.shift() ?? -1);
    row.harIndex = row.harHopIndexes[0] ?? null;
    if (row.harIndex === -1) row.harIndex = null;
    const mine = indexed.filter(({ e }) => isPreflightEntry(e) && e._initiator?.requestId === row.cdpRequestId);
    for (const p of row.preflights) {
      const match = mine.find(({ e }) => e.request.url === p.url);
      if (match) {
        p.harIndex = match.index;
        mine.splice(mine.indexOf(match), 1);
      }
    }
  }
}

/**
 * The oracle with run-specific values (ports, CDP ids, HAR positions, timings) replaced, so two
 * runs can be compared for equality.
 * @param {OracleRow[]} rows
 * @param {Record<string, string>} placeholders
 */
export function normalizeOracle(rows, placeholders) {
  const replacements = ['page', 'api', 'other', 'closed', 'pagePort', 'apiPort', 'otherPort', 'closedPort']
    .map((k) => [placeholders[k] ?? '', `{${k}}`])
    .filter(([v]) => v)
    .sort((a, b) => (b[0] ?? '').length - (a[0] ?? '').length);
  const scrub = (/** @type {unknown} */ value) =>
    JSON.parse(
      JSON.stringify(value, (key, v) => {
        if (['cdpRequestId', 'harIndex', 'harHopIndexes'].includes(key)) return undefined;
        if (typeof v !== 'string') return v;
        let out = v;
        for (const [from, to] of replacements) out = out.split(/** @type {string} */ (from)).join(/** @type {string} */ (to));
        return out;
      }),
    );
  return rows.map((r) => scrub(r));
}
