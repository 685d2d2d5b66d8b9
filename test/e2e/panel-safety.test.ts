/**
 * Safety of the real panel in real Chromium: hostile header values and URLs render as inert text
 * (no script runs), the extension makes no network request of its own (watched over CDP on every
 * target), its CSP refuses one, and axe-core finds no accessibility violation in any view.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import net from 'node:net';
import { createRequire } from 'node:module';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame } from 'puppeteer-core';
import { startLab, type Lab } from '../../scripts/lab/server.mjs';
import { ARTIFACTS, launchWithPanel, type PanelSession } from './harness.js';
import { watchExtensionTraffic, type TrafficWatch } from './traffic.js';
import { selectRow, setFilter, showTab, visibleRows, waitForIdle } from './panel-driver.js';

const PAYLOAD = `<img src=x onerror="window.__pwned='img'"><script>window.__pwned='script'</script>`;
const BIG = 'B'.repeat(100 * 1024);
const CONTROL = 'ctl\u0001\u001b[31m\u007fend';

/**
 * Loopback servers that answer with hostile header values. Raw sockets, so values reach the browser
 * exactly as written (Node's http module would refuse some of them).
 */
async function startHostile(): Promise<{ pageUrl: string; apiOrigin: string; hits: string[]; close(): Promise<void> }> {
  const hits: string[] = [];
  const servers: net.Server[] = [];
  let pageOrigin = '';
  let apiOrigin = '';
  const respond = (socket: net.Socket, status: string, headers: Array<[string, string]>, body: string) => {
    const head = [`HTTP/1.1 ${status}`, ...headers.map(([n, v]) => `${n}: ${v}`), `Content-Length: ${Buffer.byteLength(body)}`, 'Connection: close', '', ''].join('\r\n');
    socket.end(Buffer.concat([Buffer.from(head, 'latin1'), Buffer.from(body)]));
  };
  const handler = (socket: net.Socket) => {
    let data = '';
    socket.on('data', (chunk) => {
      data += chunk.toString('latin1');
      if (!data.includes('\r\n\r\n')) return;
      const [method, path] = data.split(' ');
      hits.push(`${method} ${path}`);
      if (path === '/') {
        const script = `window.hostile = async () => {
          const api = ${JSON.stringify(apiOrigin)};
          const payload = ${JSON.stringify(PAYLOAD)};
          await fetch(api + '/hostile?q=' + encodeURIComponent(payload) + '&raw=<b>x</b>', { headers: { 'X-Payload': payload, 'X-Control': ${JSON.stringify(CONTROL.replace(/[\u0001\u001b\u007f]/g, ''))} } }).catch(() => {});
          await fetch(api + '/big').catch(() => {});
          await fetch(api + '/redirect-js').catch(() => {});
          return true;
        };`;
        // "<" escaped so the payload's own </script> cannot end this script element.
        return respond(socket, '200 OK', [['Content-Type', 'text/html']], `<!doctype html><title>hostile</title><script>${script.replace(/</g, '\\u003c')}</script>`);
      }
      const cors: Array<[string, string]> = [['Access-Control-Allow-Origin', pageOrigin]];
      if (method === 'OPTIONS') {
        return respond(socket, '204 No Content', [...cors, ['Access-Control-Allow-Headers', 'x-payload, x-control'], ['X-Evil', PAYLOAD]], '');
      }
      if (path?.startsWith('/hostile')) {
        return respond(socket, '200 OK', [['Access-Control-Allow-Origin', `javascript:alert(1)//${PAYLOAD}`], ['X-Evil', PAYLOAD], ['X-Control', CONTROL]], 'x');
      }
      if (path === '/big') return respond(socket, '200 OK', [['X-Big', BIG]], 'x');
      if (path === '/redirect-js') return respond(socket, '302 Found', [...cors, ['Location', 'javascript:window.__pwned="location"']], '');
      respond(socket, '404 Not Found', [], '');
    });
    socket.on('error', () => {});
  };
  const listen = (host: string) =>
    new Promise<number>((resolve) => {
      const server = net.createServer(handler);
      servers.push(server);
      server.listen(0, host, () => resolve((server.address() as net.AddressInfo).port));
    });
  const pagePort = await listen('127.0.0.1');
  const apiPort = await listen('127.0.0.1');
  pageOrigin = `http://127.0.0.1:${pagePort}`;
  apiOrigin = `http://localhost:${apiPort}`;
  return {
    pageUrl: `${pageOrigin}/`,
    apiOrigin,
    hits,
    close: () => Promise.all(servers.map((s) => new Promise<void>((r) => s.close(() => r())))).then(() => {}),
  };
}

let session: PanelSession;
let frame: Frame;
let watch: TrafficWatch;
let hostile: Awaited<ReturnType<typeof startHostile>>;
let lab: Lab;

beforeAll(async () => {
  hostile = await startHostile();
  lab = await startLab();
  session = await launchWithPanel({ width: 1400, height: 900 });
  frame = await session.showPanel();
  // Watch every extension target (devtools_page, panel). The Fix and Export views load their code
  // on first use, after this point: those loads are the watcher's positive control.
  watch = await watchExtensionTraffic(session.browser, session.extensionId);
  await frame.evaluate(() => {
    const w = window as unknown as { __violations: string[] };
    w.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
});

/** Opens the hostile page (a navigation: the list starts over) and lets it make its requests. */
async function loadHostile(): Promise<void> {
  await frame.evaluate(() => ((window as unknown as { __violations: string[] }).__violations = []));
  await session.page.goto(hostile.pageUrl, { waitUntil: 'load' });
  await session.page.evaluate(() => (window as unknown as { hostile(): Promise<boolean> }).hostile());
  await waitForIdle(frame);
}

afterAll(async () => {
  await watch?.stop();
  await session?.close();
  await hostile?.close();
  await lab?.close();
});

async function scriptRan(f: Frame): Promise<unknown> {
  return f.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned ?? null);
}

describe("the extension's own network traffic", () => {
  it('is zero requests, while the watcher does see the extension documents load', async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    // Exercise the panel over the lab: live capture, fixes, export (copy and save).
    await session.page.goto(lab.pageUrl, { waitUntil: 'load' });
    for (const id of ['acao-missing', 'method-put-not-listed', 'success-credentialed-get']) {
      await session.page.evaluate((s) => (window as unknown as { runScenario(id: string): Promise<unknown> }).runScenario(s), id);
    }
    await waitForIdle(frame);
    await setFilter(frame, '/s/acao-missing');
    const [row] = await visibleRows(frame);
    await selectRow(frame, row!.entry);
    await showTab(frame, 'fix');
    await frame.waitForSelector('[data-testid=fix-panel]', { timeout: 20_000 });
    await showTab(frame, 'export');
    await frame.waitForSelector('[data-testid=export-preview]', { timeout: 20_000 });
    const buttons = await frame.$$('.export-actions button');
    for (const b of buttons) await b.click();
    await new Promise((r) => setTimeout(r, 500));

    const mine = watch.requests;
    writeFileSync(join(ARTIFACTS, 'extension-traffic.json'), JSON.stringify({ targets: watch.targets(), requests: mine }, null, 2));
    expect(watch.targets().some((t) => t.endsWith('/src/panel/panel.html'))).toBe(true);
    expect(watch.targets().some((t) => t.endsWith('/src/devtools/devtools.html'))).toBe(true);
    // Positive control: the lazily loaded Fix/Export code was seen loading.
    expect(mine.filter((r) => /\/assets\/(FixView|ExportView|fixes)-[\w-]+\.js$/.test(r.url)).length).toBeGreaterThanOrEqual(2);
    // Nothing else: no http(s), ws or data fetch from any extension document.
    const outside = mine.filter((r) => !r.url.startsWith(`chrome-extension://${session.extensionId}/`) && !r.url.startsWith('blob:'));
    expect(outside).toEqual([]);
    // And no lab server saw a request from an extension origin.
    const fromExtension = lab.requests.filter((r) => r.rawHeaders.some((h) => h.startsWith('chrome-extension://')));
    expect(fromExtension).toEqual([]);
  });

  it("the extension CSP refuses a request even if code tried one", async () => {
    const before = hostile.hits.length;
    const outcome = await frame.evaluate(async (url) => {
      try {
        await fetch(url);
        return 'fetched';
      } catch (e) {
        return String(e);
      }
    }, `${hostile.apiOrigin}/canary`);
    expect(outcome).toMatch(/TypeError/);
    await new Promise((r) => setTimeout(r, 300));
    expect(hostile.hits.slice(before)).toEqual([]);
    const violations = await frame.evaluate(() => (window as unknown as { __violations: string[] }).__violations);
    expect(violations.some((v) => v.startsWith('connect-src'))).toBe(true);
  });
});

describe('hostile input in the real panel', () => {
  it('renders HTML/script in URLs and header values as text, in every view', async () => {
    await loadHostile();
    await setFilter(frame, '/hostile');
    const [row] = await visibleRows(frame);
    expect(row).toBeDefined();
    expect(row!.url).toContain('/hostile?q=');
    await selectRow(frame, row!.entry);
    for (const tab of ['explain', 'learn', 'whatif', 'fix', 'export'] as const) {
      await showTab(frame, tab);
      await new Promise((r) => setTimeout(r, 300));
      const dom = await frame.evaluate(() => ({
        imgs: document.querySelectorAll('img, iframe, object, embed').length,
        inlineScripts: [...document.querySelectorAll('script')].filter((s) => !s.src).length,
        badLinks: [...document.querySelectorAll('a')].map((a) => a.getAttribute('href') ?? '').filter((h) => !h.startsWith('https://developer.mozilla.org/')),
        handlers: [...document.querySelectorAll('*')].filter((el) => [...el.attributes].some((a) => a.name.startsWith('on'))).length,
        text: document.body.innerText + [...document.querySelectorAll('textarea, input')].map((el) => (el as HTMLInputElement).value).join('\n'),
      }));
      expect(dom.imgs, tab).toBe(0);
      expect(dom.inlineScripts, tab).toBe(0);
      expect(dom.badLinks, tab).toEqual([]);
      expect(dom.handlers, tab).toBe(0);
      expect(await scriptRan(frame), tab).toBeNull();
      if (tab === 'explain') {
        expect(dom.text).toContain(`javascript:alert(1)//${PAYLOAD}`);
        expect(dom.text).toContain(PAYLOAD);
      }
    }
    expect(await frame.evaluate(() => (window as unknown as { __violations: string[] }).__violations)).toEqual([]);
  });

  it('shows a 100 KB header value and control characters without breaking the panel', async () => {
    await setFilter(frame, '/big');
    const [row] = await visibleRows(frame);
    await selectRow(frame, row!.entry);
    await showTab(frame, 'explain');
    const found = await frame.evaluate((n) => [...document.querySelectorAll('.headers td')].some((td) => (td.textContent ?? '').length >= n), 100 * 1024);
    expect(found).toBe(true);
    await setFilter(frame, '/hostile');
    const [hostileRow] = await visibleRows(frame);
    await selectRow(frame, hostileRow!.entry);
    const cells = await frame.$$eval('.headers td', (tds) => tds.map((td) => td.textContent ?? ''));
    expect(cells.some((c) => c.includes('ctl') && c.includes('end'))).toBe(true);
    // Still responsive: the list answers the keyboard.
    await setFilter(frame, '');
    await frame.focus('[role=listbox]');
    await session.devtools.keyboard.press('End');
    await frame.waitForFunction(() => document.querySelector('[role=option][aria-selected=true]') !== null);
  });

  it('a javascript: redirect target is shown, never followed or linked', async () => {
    await setFilter(frame, '/redirect-js');
    const [row] = await visibleRows(frame);
    await selectRow(frame, row!.entry);
    const text = await frame.$eval('.detail', (el) => (el as HTMLElement).innerText);
    expect(text).toContain('javascript:window.__pwned="location"');
    expect(await frame.$$eval('a[href^="javascript"]', (a) => a.length)).toBe(0);
    expect(await scriptRan(frame)).toBeNull();
  });
});

describe('accessibility (axe-core in the real panel)', () => {
  const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

  async function axe(f: Frame): Promise<Array<{ id: string; nodes: string[] }>> {
    await f.evaluate(axeSource);
    return f.evaluate(async () => {
      const result = await (window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: Array<{ id: string; nodes: Array<{ target: string[] }> }> }> } }).axe.run(document, {
        resultTypes: ['violations'],
      });
      return result.violations.map((v) => ({ id: v.id, nodes: v.nodes.map((n) => n.target.join(' ')) }));
    });
  }

  it('reports no violation in any view, in the light and the dark theme', async () => {
    await session.page.goto(lab.pageUrl, { waitUntil: 'load' });
    for (const id of ['method-put-not-listed', 'acao-missing', 'success-simple-get']) {
      await session.page.evaluate((s) => (window as unknown as { runScenario(id: string): Promise<unknown> }).runScenario(s), id);
    }
    await waitForIdle(frame);
    await setFilter(frame, '/s/method-put-not-listed');
    const [row] = await visibleRows(frame);
    await selectRow(frame, row!.entry);
    const found: Record<string, unknown> = {};
    for (const theme of ['light', 'dark']) {
      await frame.evaluate((t) => (document.documentElement.dataset.theme = t), theme);
      for (const tab of ['explain', 'learn', 'fix', 'whatif', 'export'] as const) {
        await showTab(frame, tab);
        await new Promise((r) => setTimeout(r, 300));
        const v = await axe(frame);
        if (v.length) found[`${theme}/${tab}`] = v;
      }
    }
    // The console-paste box and the empty state.
    const toggle = (await frame.$$('.toolbar button')).at(-1)!;
    await toggle.click();
    await frame.waitForSelector('#paste-input');
    await frame.type('#paste-input', "Access to fetch at 'https://a.test/' from origin 'https://b.test' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.");
    await frame.waitForSelector('[data-testid=paste-result]');
    const paste = await axe(frame);
    if (paste.length) found['dark/paste'] = paste;
    await frame.evaluate(() => (document.documentElement.dataset.theme = 'light'));
    writeFileSync(join(ARTIFACTS, 'axe.json'), JSON.stringify(found, null, 2));
    expect(found).toEqual({});
  });
});
