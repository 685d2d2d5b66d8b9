/**
 * Real-browser harness for the panel's end-to-end tests: Debian Chromium, headless (new), with the
 * built extension (dist/chrome) loaded and DevTools opened for the first tab; the test drives the
 * DevTools window as a page and the panel as an out-of-process frame of it.
 * Recipe measured in the extension-capture reference, Part C. One launch per test file.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type Frame, type Page } from 'puppeteer-core';
import { CHROMIUM_ARGS } from '../browser/capture.mjs';

export const ROOT = resolve(import.meta.dirname, '../..');
export const CHROME_DIST = join(ROOT, 'dist/chrome');
export const FIREFOX_DIST = join(ROOT, 'dist/firefox');
export const ARTIFACTS = join(ROOT, 'artifacts');
const DEVTOOLS_URL = 'devtools://devtools/bundled/devtools_app.html';

/** The launch flags every Chromium of the test suite uses (one list, in test/browser/capture.mjs). */
export { CHROMIUM_ARGS };

export interface PanelSession {
  browser: Browser;
  /** The DevTools window (a page thanks to handleDevToolsAsPage). */
  devtools: Page;
  /** The inspected tab. */
  page: Page;
  extensionId: string;
  /** Shows the CORS panel (first call loads it) and returns its frame. */
  showPanel(): Promise<Frame>;
  close(): Promise<void>;
}

export function assertBuilt(): void {
  if (!existsSync(join(CHROME_DIST, 'manifest.json'))) throw new Error(`${CHROME_DIST} is missing: run npm run build:ext first`);
}

export async function launchWithPanel(options: { width?: number; height?: number } = {}): Promise<PanelSession> {
  assertBuilt();
  const userDataDir = await mkdtemp(join(tmpdir(), 'cors-lens-e2e-'));
  let browser: Browser | undefined;
  try {
    browser = await puppeteer.launch({
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      headless: true,
      handleDevToolsAsPage: true,
      enableExtensions: true,
      defaultViewport: null,
      userDataDir,
      args: [
        ...CHROMIUM_ARGS,
        `--window-size=${options.width ?? 1400},${options.height ?? 900}`,
        '--auto-open-devtools-for-tabs',
        `--load-extension=${CHROME_DIST}`,
        `--disable-extensions-except=${CHROME_DIST}`,
      ],
    });
    const b = browser;
    const dtTarget = await b.waitForTarget((t) => t.url().startsWith(DEVTOOLS_URL), { timeout: 30_000 });
    const devtools = (await dtTarget.asPage()) as Page;
    const devtoolsFrame = await devtools.waitForFrame((f) => f.url().startsWith('chrome-extension://') && f.url().endsWith('/src/devtools/devtools.html'), { timeout: 30_000 });
    const extensionId = new URL(devtoolsFrame.url()).host;
    // DevTools' own modules (internal API, see the Part C recipe). Passed as strings: the test
    // runner rewrites dynamic import() in functions, which must reach DevTools untouched.
    const panelTabId = (await devtools
      .waitForFunction(
        `import('./ui/legacy/legacy.js').then((UI) => UI.InspectorView.InspectorView.instance().tabbedPane.tabIds().find((id) => id.startsWith('chrome-extension://')) || false)`,
        { polling: 200, timeout: 30_000 },
      )
      .then((h) => h.jsonValue())) as string;
    const pages = await b.pages();
    const page = pages.find((p) => !p.url().startsWith('devtools://'));
    if (!page) throw new Error('no inspected tab');
    let undocked = false;
    return {
      browser: b,
      devtools,
      page,
      extensionId,
      async showPanel() {
        await devtools.evaluate(`import('./ui/legacy/legacy.js').then(async (UI) => {
          if (${JSON.stringify(!undocked)}) UI.DockController.DockController.instance().setDockSide('undocked');
          await UI.InspectorView.InspectorView.instance().showPanel(${JSON.stringify(panelTabId)});
        })`);
        undocked = true;
        const frame = await devtools.waitForFrame((f) => f.url().startsWith(`chrome-extension://${extensionId}/`) && f.url().endsWith('/src/panel/panel.html'), { timeout: 30_000 });
        await frame.waitForSelector('.app', { timeout: 30_000 });
        return frame;
      },
      async close() {
        await b.close().catch(() => {});
        await rm(userDataDir, { recursive: true, force: true }).catch(() => {});
      },
    };
  } catch (error) {
    await browser?.close().catch(() => {});
    await rm(userDataDir, { recursive: true, force: true }).catch(() => {});
    throw error;
  }
}
