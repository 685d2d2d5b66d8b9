/**
 * Real Firefox ESR harness: the dist/firefox build installed as a temporary add-on (puppeteer-core
 * over WebDriver BiDi), the toolbox opened (--devtools), and the CORS panel selected and read.
 *
 * The toolbox is browser UI, which WebDriver BiDi content contexts cannot reach. With
 * --remote-allow-system-access, BiDi can evaluate in the browser window's chrome context; from
 * there the devtools loader gives the toolbox (to select the Network panel, which makes Firefox
 * start recording, and our panel), and a frame script loaded into the panel's <browser> (it lives
 * in the extension process) reads and drives the panel's DOM.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { FIREFOX_DIST } from './harness.js';

export const FIREFOX = process.env.FIREFOX_PATH || '/usr/bin/firefox-esr';

interface BidiConnection {
  send(method: string, params: object): Promise<{ result: any }>;
  on(event: string, handler: (params: any) => void): void;
}

export interface FirefoxSession {
  browser: Browser;
  page: Page;
  addonId: string;
  /** Runs `fn` (serialised) in the panel's window; its JSON-able result comes back. */
  inPanel<T>(fn: string): Promise<T>;
  /** Console lines Firefox printed (BiDi log.entryAdded), in order. */
  consoleLines: string[];
  /** Shows a toolbox tool: 'netmonitor', or 'cors' for the CORS panel. */
  selectTool(tool: 'netmonitor' | 'cors'): Promise<void>;
  close(): Promise<void>;
}

export function firefoxAvailable(): boolean {
  return existsSync(FIREFOX);
}

export async function launchFirefoxWithPanel(): Promise<FirefoxSession> {
  if (!existsSync(join(FIREFOX_DIST, 'manifest.json'))) throw new Error(`${FIREFOX_DIST} is missing: run npm run build:ext first`);
  const userDataDir = await mkdtemp(join(tmpdir(), 'cors-lens-ff-'));
  let browser: Browser | undefined;
  try {
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: FIREFOX,
      headless: true,
      userDataDir,
      args: ['--devtools', '--remote-allow-system-access'],
      // The toolbox in its own window; no first-run or update noise.
      extraPrefsFirefox: { 'devtools.toolbox.host': 'window', 'app.update.enabled': false, 'browser.shell.checkDefaultBrowser': false },
    });
    const b = browser;
    const connection = (b as unknown as { connection: BidiConnection }).connection;
    const consoleLines: string[] = [];
    connection.on('log.entryAdded', (entry: { text?: string }) => {
      if (typeof entry.text === 'string') consoleLines.push(entry.text);
    });
    await connection.send('session.subscribe', { events: ['log.entryAdded'] });
    const addonId = await b.installExtension(FIREFOX_DIST);

    const tree = await connection.send('browsingContext.getTree', { 'moz:scope': 'chrome' });
    const chrome = (tree.result.contexts as Array<{ url: string; context: string }>).find((c) => c.url === 'chrome://browser/content/browser.xhtml');
    if (!chrome) throw new Error('no Firefox browser window');
    const evaluate = async <T>(expression: string): Promise<T> => {
      const r = await connection.send('script.evaluate', { expression, target: { context: chrome.context }, awaitPromise: true, resultOwnership: 'none' });
      if (r.result.type === 'exception') throw new Error(`chrome evaluate: ${r.result.exceptionDetails?.text}`);
      return JSON.parse(r.result.result.value as string) as T;
    };
    // Network panel first (Firefox records only once it was shown), then ours.
    await evaluate<string>(`(async () => {
      const { require } = ChromeUtils.importESModule("resource://devtools/shared/loader/Loader.sys.mjs");
      const { gDevTools } = require("devtools/client/framework/devtools");
      let toolbox = null;
      for (let i = 0; i < 100 && !toolbox; i++) {
        toolbox = await gDevTools.getToolboxForTab(gBrowser.selectedTab);
        if (!toolbox) await new Promise((r) => setTimeout(r, 100));
      }
      if (!toolbox) throw new Error('no toolbox');
      await toolbox.selectTool('netmonitor');
      let tool = null;
      for (let i = 0; i < 100 && !tool; i++) {
        tool = toolbox.getAdditionalTools().find((t) => t.label === 'CORS');
        if (!tool) await new Promise((r) => setTimeout(r, 100));
      }
      if (!tool) throw new Error('the CORS panel was not registered');
      await toolbox.selectTool(tool.id);
      let browser = null;
      for (let i = 0; i < 100 && !browser; i++) {
        browser = toolbox.doc.getElementById('toolbox-panel-iframe-' + tool.id)?.contentDocument?.querySelector('browser');
        if (!browser) await new Promise((r) => setTimeout(r, 100));
      }
      if (!browser) throw new Error('no panel browser');
      globalThis.__corsLensPanelBrowser = browser;
      globalThis.__corsLensToolbox = toolbox;
      globalThis.__corsLensToolId = tool.id;
      return JSON.stringify(tool.id);
    })()`);

    let calls = 0;
    const inPanel = async <T>(fn: string): Promise<T> => {
      const id = `cors-lens-e2e-${++calls}`;
      // The frame script evaluates fn(content) in the panel's process and posts the result back.
      const script = `(async () => { let result; try { result = { ok: await (${fn})(content) }; } catch (e) { result = { error: String(e) }; } sendAsyncMessage(${JSON.stringify(id)}, JSON.stringify(result)); })();`;
      const out = await evaluate<{ ok?: T; error?: string }>(`new Promise((resolve) => {
        const mm = globalThis.__corsLensPanelBrowser.messageManager;
        const listener = (msg) => { mm.removeMessageListener(${JSON.stringify(id)}, listener); resolve(msg.data); };
        mm.addMessageListener(${JSON.stringify(id)}, listener);
        mm.loadFrameScript('data:,' + encodeURIComponent(${JSON.stringify(script)}), false);
      })`);
      if (out.error !== undefined) throw new Error(`in panel: ${out.error}`);
      return out.ok as T;
    };
    const page = (await b.pages())[0];
    if (!page) throw new Error('no Firefox tab');
    return {
      browser: b,
      page,
      addonId,
      inPanel,
      consoleLines,
      async selectTool(tool) {
        await evaluate<null>(`globalThis.__corsLensToolbox.selectTool(${tool === 'cors' ? 'globalThis.__corsLensToolId' : "'netmonitor'"}).then(() => 'null')`);
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
