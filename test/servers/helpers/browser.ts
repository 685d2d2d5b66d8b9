import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { CdpHarRecorder, type CorsOracle } from './cdp-har.js';

/**
 * One headless Chromium per test file, one page origin (a loopback server with `window.run(spec)`),
 * and a CDP recorder that yields both the HAR an extension would see and Chrome's own verdict.
 */

/** What `window.run` does: one fetch, like an app would. */
export interface RequestSpec {
  url: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  credentials?: RequestCredentials;
  /** Response header JavaScript tries to read (needs Access-Control-Expose-Headers). */
  readHeader?: string;
  /** Send the csrftoken cookie value as X-CSRFToken (what a Django SPA does). */
  csrfFromCookie?: boolean;
}

export interface RunResult {
  ok: boolean;
  status?: number;
  body?: string;
  header?: string | null;
  error?: string;
}

export interface Capture {
  results: RunResult[];
  oracle: CorsOracle[];
  har: object;
}

const PAGE = `<!doctype html><meta charset="utf-8"><title>CORS Lens test page</title>
<script>
window.run = async (spec) => {
  const headers = { ...(spec.headers || {}) };
  if (spec.csrfFromCookie) {
    const m = document.cookie.match(/(?:^|; )csrftoken=([^;]*)/);
    if (m) headers['X-CSRFToken'] = decodeURIComponent(m[1]);
  }
  try {
    const r = await fetch(spec.url, { method: spec.method || 'GET', headers, body: spec.body, credentials: spec.credentials || 'same-origin' });
    const body = await r.text();
    return { ok: true, status: r.status, body: body.slice(0, 20000), header: spec.readHeader ? r.headers.get(spec.readHeader) : undefined };
  } catch (e) {
    return { ok: false, error: String(e) };
  }
};
</script><body>CORS Lens test page</body>`;

export class BrowserHarness {
  private browser!: Browser;
  private page!: Page;
  private recorder!: CdpHarRecorder;
  private pageServer!: http.Server;
  private profile = '';
  origin = '';

  async start(): Promise<void> {
    this.pageServer = http.createServer((req, res) => {
      if (req.url === '/favicon.ico') {
        res.writeHead(204).end();
        return;
      }
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(PAGE);
    });
    await new Promise<void>((r) => this.pageServer.listen(0, '127.0.0.1', r));
    this.origin = `http://127.0.0.1:${(this.pageServer.address() as AddressInfo).port}`;
    this.profile = mkdtempSync(path.join(tmpdir(), 'cors-lens-fixes-chromium-'));
    this.browser = await puppeteer.launch({
      executablePath: '/usr/bin/chromium',
      headless: true,
      userDataDir: this.profile,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    this.page = await this.browser.newPage();
    const cdp = await this.page.createCDPSession();
    this.recorder = new CdpHarRecorder(cdp);
    await this.recorder.start();
    await this.page.goto(`${this.origin}/`, { waitUntil: 'load' });
  }

  /** Run the requests in order from the page, return what the page saw, Chrome's verdicts and the HAR. */
  async capture(specs: RequestSpec[]): Promise<Capture> {
    this.recorder.reset();
    const results: RunResult[] = [];
    for (const spec of specs) results.push(await this.page.evaluate((s) => (window as unknown as { run: (s: RequestSpec) => Promise<RunResult> }).run(s), spec));
    await this.recorder.settle();
    return { results, oracle: this.recorder.oracle(), har: this.recorder.har(`${this.origin}/`) };
  }

  async stop(): Promise<void> {
    await this.browser?.close().catch(() => undefined);
    await new Promise<void>((r) => (this.pageServer ? this.pageServer.close(() => r()) : r()));
    if (this.profile) rmSync(this.profile, { recursive: true, force: true });
  }
}
