#!/usr/bin/env node
// `npm start`: the CORS lab on loopback plus Debian Chromium with the built extension (dist/chrome)
// loaded, DevTools open on the lab page and the CORS panel shown. Runs until Ctrl-C.
//
//   npm start                 needs a display ($DISPLAY or $WAYLAND_DISPLAY)
//   npm start -- --headless   no display needed: runs every lab scenario in headless Chromium,
//                             saves a screenshot of the panel to artifacts/start-panel.png, exits
//
// With no display and no --headless it prints what to do and exits 0.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { startLab } from './lab/server.mjs';
import { scenarios } from './lab/scenarios.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const extension = join(root, 'dist/chrome');
const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const headless = process.argv.includes('--headless');
const hasDisplay = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);

function explainNoDisplay() {
  console.log(`CORS Lens: no display found ($DISPLAY and $WAYLAND_DISPLAY are empty), so Chromium cannot be shown.

Choose one:
  * on a desktop:        npm start
  * in a virtual display: xvfb-run -a npm start      (Debian package xvfb)
  * without any display:  npm start -- --headless    (runs every lab scenario, saves artifacts/start-panel.png)
  * by hand, in a Chromium-based browser (Chrome, Edge) on a machine with a screen:
      1. chrome://extensions → Developer mode → "Load unpacked" → ${extension}
      2. npm run lab, open the lab URL it prints (or any site), press F12, choose the "CORS" tab.
`);
}

async function showPanel(browser) {
  const target = await browser.waitForTarget((t) => t.url().startsWith('devtools://devtools/bundled/devtools_app.html'), { timeout: 30_000 });
  const devtools = await target.asPage();
  await devtools.waitForFrame((f) => f.url().endsWith('/src/devtools/devtools.html'), { timeout: 30_000 });
  // DevTools' own modules: find our panel's tab and show it (best effort; the tab is there anyway).
  await devtools
    .evaluate(`import('./ui/legacy/legacy.js').then(async (UI) => {
      for (let i = 0; i < 100; i++) {
        const id = UI.InspectorView.InspectorView.instance().tabbedPane.tabIds().find((t) => t.startsWith('chrome-extension://'));
        if (id) return UI.InspectorView.InspectorView.instance().showPanel(id);
        await new Promise((r) => setTimeout(r, 100));
      }
    })`)
    .catch(() => {});
  return devtools;
}

async function main() {
  if (!existsSync(join(extension, 'manifest.json'))) {
    console.error(`${extension} is missing: run npm run build:ext (npm start does it for you).`);
    process.exitCode = 1;
    return;
  }
  if (!hasDisplay && !headless) {
    explainNoDisplay();
    return;
  }
  if (!existsSync(chromium)) {
    console.error(`Chromium not found at ${chromium} (apt-get install chromium, or set CHROMIUM_PATH).`);
    process.exitCode = 1;
    return;
  }

  const lab = await startLab();
  const profile = mkdtempSync(join(tmpdir(), 'cors-lens-start-'));
  let browser;
  const stop = async () => {
    await browser?.close().catch(() => {});
    await lab.close().catch(() => {});
    rmSync(profile, { recursive: true, force: true });
  };
  try {
    browser = await puppeteer.launch({
      executablePath: chromium,
      headless,
      handleDevToolsAsPage: true,
      enableExtensions: true,
      defaultViewport: null,
      userDataDir: profile,
      args: [
        '--no-first-run',
        '--disable-sync',
        '--disable-component-update',
        '--disable-background-networking',
        ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
        '--window-size=1500,950',
        '--auto-open-devtools-for-tabs',
        `--load-extension=${extension}`,
        `--disable-extensions-except=${extension}`,
      ],
    });
    const devtools = await showPanel(browser);
    const page = (await browser.pages()).find((p) => !p.url().startsWith('devtools://'));
    await page.goto(lab.pageUrl, { waitUntil: 'load' });
    console.log(`CORS lab:   ${lab.pageUrl}  (API ${lab.apiOrigin}, ${scenarios.length} scenarios)`);
    console.log(`Extension:  ${extension}`);

    if (headless) {
      await devtools.evaluate(`import('./ui/legacy/legacy.js').then((UI) => UI.DockController.DockController.instance().setDockSide('undocked'))`).catch(() => {});
      for (const s of scenarios) await page.evaluate((id) => window.runScenario(id), s.id);
      const panel = await devtools.waitForFrame((f) => f.url().endsWith('/src/panel/panel.html'), { timeout: 30_000 });
      await panel.waitForSelector('[role=option]', { timeout: 30_000 });
      await new Promise((r) => setTimeout(r, 1500));
      mkdirSync(join(root, 'artifacts'), { recursive: true });
      const shot = join(root, 'artifacts/start-panel.png');
      await devtools.screenshot({ path: shot });
      console.log(`Ran every scenario headless; the panel is in ${shot}`);
      await stop();
      return;
    }

    console.log('Click the buttons on the lab page, then look at the CORS tab in DevTools. Ctrl-C to stop.');
    await new Promise((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
      browser.once('disconnected', resolve);
    });
  } finally {
    await stop();
  }
}

await main();
