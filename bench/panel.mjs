#!/usr/bin/env node
// Panel benchmarks in real Chromium (Debian /usr/bin/chromium, headless, DevTools open, the built
// dist/chrome loaded). Prints one line per figure:
//   * ingest of 10 000 live requests: longest main-thread task of the panel's renderer (Chrome
//     tracing, RunTask events of the extension process' main thread) — limit 16 ms;
//   * DOM rows with 50 000 requests (a HAR imported through the panel's file input) — bounded;
//   * panel bundle size, gzip — initial load limit 60 KB (lazy chunks reported apart).
// Usage: node bench/panel.mjs   (needs `npm run build:ext` first; runs it when dist/chrome is missing)
import http from 'node:http';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import puppeteer from 'puppeteer-core';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'dist/chrome');
const LIMITS = { longestTaskMs: 16, initialGzipKB: 60, domRows: 200 };
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Page origin + API origin on loopback; the API blocks one request in three, preflights one in five. */
async function startServers() {
  const listen = (handler) =>
    new Promise((resolve) => {
      const server = http.createServer({ keepAliveTimeout: 5000 }, handler);
      server.listen(0, '127.0.0.1', () => resolve(server));
    });
  const page = await listen((req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html' });
    res.end('<!doctype html><title>bench</title><p>bench page</p>');
  });
  const pageOrigin = `http://127.0.0.1:${page.address().port}`;
  const api = await listen((req, res) => {
    const n = Number(new URL(req.url, 'http://x').pathname.split('/').pop());
    const allow = n % 3 !== 0 ? { 'Access-Control-Allow-Origin': pageOrigin } : {};
    if (req.method === 'OPTIONS') {
      res.writeHead(204, { ...allow, 'Access-Control-Allow-Methods': 'PUT', 'Access-Control-Allow-Headers': 'content-type' });
      return res.end();
    }
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'Content-Type': 'text/plain', 'Cache-Control': 'no-store', ...allow });
      res.end('ok');
    });
  });
  const apiOrigin = `http://localhost:${api.address().port}`;
  return {
    pageUrl: `${pageOrigin}/`,
    apiOrigin,
    close: () => Promise.all([page, api].map((s) => new Promise((r) => (s.closeAllConnections(), s.close(r))))),
  };
}

async function launch() {
  const userDataDir = mkdtempSync(join(tmpdir(), 'cors-lens-bench-'));
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    handleDevToolsAsPage: true,
    enableExtensions: true,
    defaultViewport: null,
    userDataDir,
    protocolTimeout: 300_000,
    args: [...ARGS, '--window-size=1400,900', '--auto-open-devtools-for-tabs', `--load-extension=${dist}`, `--disable-extensions-except=${dist}`],
  });
  const dtTarget = await browser.waitForTarget((t) => t.url().startsWith('devtools://devtools/bundled/devtools_app.html'), { timeout: 30_000 });
  const devtools = await dtTarget.asPage();
  await devtools.waitForFrame((f) => f.url().endsWith('/src/devtools/devtools.html'), { timeout: 30_000 });
  const tabId = await devtools
    .waitForFunction(
      `import('./ui/legacy/legacy.js').then((UI) => UI.InspectorView.InspectorView.instance().tabbedPane.tabIds().find((id) => id.startsWith('chrome-extension://')) || false)`,
      { polling: 200, timeout: 30_000 },
    )
    .then((h) => h.jsonValue());
  await devtools.evaluate(`import('./ui/legacy/legacy.js').then(async (UI) => {
    UI.DockController.DockController.instance().setDockSide('undocked');
    await UI.InspectorView.InspectorView.instance().showPanel(${JSON.stringify(tabId)});
  })`);
  const panel = await devtools.waitForFrame((f) => f.url().endsWith('/src/panel/panel.html'), { timeout: 30_000 });
  await panel.waitForSelector('.app');
  const page = (await browser.pages()).find((p) => !p.url().startsWith('devtools://'));
  return {
    browser,
    devtools,
    panel,
    page,
    close: async () => {
      await browser.close().catch(() => {});
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

async function statusCount(panel) {
  const text = await panel.$eval('.statusbar', (el) => el.textContent ?? '').catch(() => '');
  const m = /(?:(\d+) of )?(\d+) requests/.exec(text.replace(/,/g, ''));
  return { total: m ? Number(m[2]) : 0, analysing: text.includes('analysing'), text };
}

async function waitForCount(panel, count, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let last;
  let lastLog = Date.now();
  while (Date.now() < deadline) {
    last = await statusCount(panel);
    if (process.env.BENCH_VERBOSE && Date.now() - lastLog > 5000) {
      lastLog = Date.now();
      console.error(`  … ${last.text}`);
    }
    if (last.total >= count && !last.analysing) return last;
    await sleep(200);
  }
  throw new Error(`panel reached ${last?.total} of ${count} requests: ${last?.text}`);
}

/**
 * Chrome trace of the whole browser while `fn` runs. The trace is read as a stream and only the
 * events needed are kept (a full trace of 10 000 requests is larger than a JS string may be).
 */
async function traced(browser, fn) {
  const session = await browser.target().createCDPSession();
  // Few categories: a full devtools.timeline trace of 10 000 requests overflows the trace buffer.
  const categories = ['toplevel', '__metadata', 'blink.user_timing'];
  await session.send('Tracing.start', { traceConfig: { includedCategories: categories, recordMode: 'recordAsMuchAsPossible' }, transferMode: 'ReturnAsStream' });
  const timing = await fn();
  const complete = new Promise((resolve) => session.once('Tracing.tracingComplete', resolve));
  await session.send('Tracing.end');
  const { stream } = await complete;
  const kept = [];
  const keep = (line) => {
    let text = line.trim();
    if (text.startsWith('{"traceEvents":[')) text = text.slice('{"traceEvents":['.length);
    if (text.startsWith('[')) text = text.slice(1);
    if (text.endsWith(',')) text = text.slice(0, -1);
    if (!text.startsWith('{') || !text.endsWith('}')) return;
    const wanted = /"name":"(RunTask|ThreadControllerImpl::RunTask|thread_name|cors-lens-bench-panel)"/.test(text);
    // With BENCH_VERBOSE, also every slice longer than 1 ms, to explain long tasks.
    const long = process.env.BENCH_VERBOSE && /"ph":"X"/.test(text) && Number(/"dur":(\d+)/.exec(text)?.[1] ?? 0) > 1000;
    if (!wanted && !long) return;
    try {
      kept.push(JSON.parse(text));
    } catch {
      // a line that is not one event (trailer): skip
    }
  };
  let rest = '';
  for (;;) {
    const chunk = await session.send('IO.read', { handle: stream, size: 1 << 20 });
    rest += chunk.base64Encoded ? Buffer.from(chunk.data, 'base64').toString('utf8') : chunk.data;

    const lines = rest.split('\n');
    rest = lines.pop() ?? '';
    lines.forEach(keep);
    if (chunk.eof) break;
  }
  keep(rest);
  await session.send('IO.close', { handle: stream });
  await session.detach();
  return { events: kept, timing };
}

/** The mark the panel frame writes into the trace (performance.mark) to name its process and thread. */
const MARK = 'cors-lens-bench-panel';

/** RunTask durations (ms) on the main thread that runs the panel (found through MARK). */
function panelTasks(events) {
  const mark = events.find((e) => e.name === MARK);
  if (!mark) throw new Error('the panel mark is not in the trace');
  const onPanelThread = (e) => e.pid === mark.pid && e.tid === mark.tid && e.ph === 'X';
  const runTasks = events.filter((e) => onPanelThread(e) && e.name === 'RunTask');
  const chosen = runTasks.length ? runTasks : events.filter((e) => onPanelThread(e) && e.name === 'ThreadControllerImpl::RunTask');
  if (process.env.BENCH_VERBOSE) {
    for (const t of [...chosen].sort((a, b) => b.dur - a.dur).slice(0, 6)) {
      const inside = events.filter((e) => onPanelThread(e) && e !== t && e.ts >= t.ts && e.ts + e.dur <= t.ts + t.dur);
      console.error(`long task ${(t.dur / 1000).toFixed(1)} ms (thread ${((t.tdur ?? NaN) / 1000).toFixed(1)} ms):`, inside.map((e) => `${e.name}${e.args?.data?.functionName ? `(${e.args.data.functionName} ${e.args.data.url ?? ''}:${e.args.data.lineNumber ?? ''})` : ''} ${(e.dur / 1000).toFixed(1)}/${((e.tdur ?? NaN) / 1000).toFixed(1)}`).join(', '));
    }
  }
  return chosen.map((e) => ({ wall: e.dur / 1000, cpu: (e.tdur ?? e.dur) / 1000 }));
}

async function ingest10k(session, servers) {
  const { page, panel, browser } = session;
  await page.goto(servers.pageUrl, { waitUntil: 'load' });
  await waitForCount(panel, 1, 30_000);
  const before = (await statusCount(panel)).total;
  const n = Number(process.env.BENCH_REQUESTS ?? 10_000);
  const { events, timing } = await traced(browser, async () => {
    await panel.evaluate((m) => performance.mark(m), MARK);
    const t0 = Date.now();
    await page.evaluate(
      async (api, count) => {
        let next = 0;
        const worker = async () => {
          while (next < count) {
            const i = next++;
            const init = i % 5 === 0 ? { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: '{}' } : {};
            await fetch(`${api}/r/${i}`, init).then((r) => r.text()).catch(() => '');
          }
        };
        await Promise.all(Array.from({ length: 24 }, worker));
      },
      servers.apiOrigin,
      n,
    );
    const fired = Date.now() - t0;
    if (process.env.BENCH_VERBOSE) console.error(`page fired ${n} requests in ${fired} ms; panel at ${(await statusCount(panel)).text}`);
    await waitForCount(panel, before + n, 240_000);
    await panel.evaluate((m) => performance.mark(m), MARK);
    return { fired, elapsed: Date.now() - t0 };
  });
  const tasks = panelTasks(events);
  const cpu = tasks.map((t) => t.cpu).sort((a, b) => a - b);
  const wall = tasks.map((t) => t.wall).sort((a, b) => a - b);
  return {
    longestCpu: cpu.at(-1) ?? 0,
    longestWall: wall.at(-1) ?? 0,
    p99Wall: wall[Math.floor(wall.length * 0.99)] ?? 0,
    over16Cpu: cpu.filter((t) => t > 16).length,
    over16Wall: wall.filter((t) => t > 16).length,
    count: tasks.length,
    ...timing,
  };
}

function syntheticHar(n) {
  const start = Date.UTC(2026, 0, 1);
  const entries = [];
  for (let i = 0; i < n; i++) {
    const blocked = i % 3 === 0;
    entries.push({
      startedDateTime: new Date(start + i * 2).toISOString(),
      time: 3,
      _resourceType: 'fetch',
      request: { method: 'GET', url: `http://localhost:9/r/${i}`, httpVersion: 'HTTP/1.1', headers: [{ name: 'Origin', value: 'http://127.0.0.1:8' }], queryString: [], cookies: [], headersSize: -1, bodySize: 0 },
      response: {
        status: 200,
        statusText: 'OK',
        httpVersion: 'HTTP/1.1',
        headers: blocked ? [] : [{ name: 'Access-Control-Allow-Origin', value: 'http://127.0.0.1:8' }],
        cookies: [],
        content: { size: 2, mimeType: 'text/plain' },
        redirectURL: '',
        headersSize: -1,
        bodySize: 2,
        ...(blocked ? { _error: 'net::ERR_FAILED' } : {}),
      },
      cache: {},
      timings: { send: 0, wait: 3, receive: 0 },
    });
  }
  return { log: { version: '1.2', creator: { name: 'WebInspector', version: '537.36' }, pages: [], entries } };
}

async function rows50k(session) {
  const { panel } = session;
  const dir = mkdtempSync(join(tmpdir(), 'cors-lens-bench-har-'));
  try {
    const file = join(dir, 'fifty-thousand.har');
    writeFileSync(file, JSON.stringify(syntheticHar(50_000)));
    const t0 = Date.now();
    const input = await panel.$('input[type=file]');
    await input.uploadFile(file);
    await panel.waitForSelector('.file-chip', { timeout: 60_000 });
    await waitForCount(panel, 50_000, 300_000);
    const ms = Date.now() - t0;
    const counts = [await panel.$$eval('[role=option]', (e) => e.length)];
    for (const where of [0.5, 1]) {
      await panel.$eval('[role=listbox]', (el, f) => el.scrollTo(0, el.scrollHeight * f), where);
      await sleep(150);
      counts.push(await panel.$$eval('[role=option]', (e) => e.length));
    }
    const heapMB = await panel.evaluate(() => (performance.memory ? performance.memory.usedJSHeapSize / 1048576 : NaN));
    return { maxRows: Math.max(...counts), ms, heapMB };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function bundleSizes() {
  const html = readFileSync(join(dist, 'src/panel/panel.html'), 'utf8');
  const initial = [...html.matchAll(/(?:src|href)="\/([^"]+\.(?:js|css))"/g)].map((m) => m[1]);
  const gz = (file) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length / 1024;
  const all = readdirSync(join(dist, 'assets')).filter((f) => /\.(js|css)$/.test(f)).map((f) => `assets/${f}`);
  const initialKB = initial.reduce((n, f) => n + gz(f), 0);
  const totalKB = all.filter((f) => !f.includes('devtools.html')).reduce((n, f) => n + gz(f), 0);
  return { initialKB, totalKB, initialFiles: initial.length };
}

export async function runPanelBench({ print = console.log } = {}) {
  if (!existsSync(join(dist, 'manifest.json'))) execFileSync('npm', ['run', 'build:ext'], { cwd: root, stdio: 'inherit' });
  const results = [];
  const report = (name, value, unit, limit, ok) => {
    results.push({ name, value, unit, limit, ok });
    print(`${name}: ${typeof value === 'number' ? Number(value.toFixed(1)) : value} ${unit}${limit !== undefined ? ` (limit ${limit} ${unit}: ${ok ? 'ok' : 'OVER'})` : ''}`);
  };
  const size = bundleSizes();
  report('panel bundle, initial load (gzip)', size.initialKB, 'KB', LIMITS.initialGzipKB, size.initialKB <= LIMITS.initialGzipKB);
  report('panel bundle, with lazy Fix/Export chunks (gzip)', size.totalKB, 'KB');

  const servers = await startServers();
  const session = await launch();
  try {
    const live = await ingest10k(session, servers);
    report('ingest 10 000 live requests: longest panel task, main-thread CPU time', live.longestCpu, 'ms', LIMITS.longestTaskMs, live.longestCpu <= LIMITS.longestTaskMs);
    report('ingest 10 000 live requests: tasks over 16 ms CPU', live.over16Cpu, `of ${live.count} tasks`);
    report('ingest 10 000 live requests: longest panel task, wall clock (includes time the OS gave other processes)', live.longestWall, 'ms');
    report('ingest 10 000 live requests: p99 task, wall clock', live.p99Wall, 'ms');
    report('ingest 10 000 live requests: tasks over 16 ms wall clock', live.over16Wall, `of ${live.count} tasks`);
    report('ingest 10 000 live requests: page done after', live.fired / 1000, 's');
    report('ingest 10 000 live requests: panel done after', live.elapsed / 1000, 's');
    const big = await rows50k(session);
    report('50 000 requests: DOM rows (top, middle, bottom)', big.maxRows, 'rows', LIMITS.domRows, big.maxRows <= LIMITS.domRows);
    report('50 000 requests: HAR import until analysed', big.ms / 1000, 's');
    report('50 000 requests: panel JS heap', big.heapMB, 'MB');
  } finally {
    await session.close();
    await servers.close();
  }
  return results;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const results = await runPanelBench();
  if (results.some((r) => r.ok === false)) process.exitCode = 1;
}
