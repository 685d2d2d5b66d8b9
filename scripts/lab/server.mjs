// The CORS lab: three loopback HTTP servers that reproduce every scenario of scenarios.mjs.
//
//   page  origin http://127.0.0.1:<pagePort>  the lab page (one button per scenario)
//   api   origin http://localhost:<apiPort>   answers each scenario path with the scenario's headers
//   other origin http://127.0.0.1:<otherPort> a third origin, target of cross-origin redirects
//
// All three servers answer the `/s/<id>` scenario paths (which origin is asked depends on the
// scenario's URLs). Header lines are written raw (`res.writeHead(status, [name, value, …])`) so
// duplicates, order and casing reach the browser exactly as the scenario lists them.
// Used by `npm start`, the differential browser test and the panel's end-to-end tests.

import http from 'node:http';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { scenarios, groups } from './scenarios.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));

/**
 * @typedef {object} LabRequestRecord
 * @property {'page'|'api'|'other'} server which server received it
 * @property {string} method
 * @property {string} path
 * @property {string[]} rawHeaders name, value, name, value … as received
 */

/**
 * @typedef {object} Lab
 * @property {string} pageUrl URL of the lab page
 * @property {string} pageOrigin
 * @property {string} apiOrigin
 * @property {string} otherOrigin
 * @property {string} closedOrigin an origin on a port where nothing listens
 * @property {Record<string, string>} placeholders values of {page}, {api}, … for this run
 * @property {LabRequestRecord[]} requests every request received, in order
 * @property {(text: string) => string} fill replaces the placeholders in a scenario string
 * @property {() => Promise<void>} close stops every server
 */

/**
 * Starts the lab servers on loopback. Ports default to 0 (a free port each).
 * @param {{ pagePort?: number, apiPort?: number, otherPort?: number }} [options]
 * @returns {Promise<Lab>}
 */
export async function startLab({ pagePort = 0, apiPort = 0, otherPort = 0 } = {}) {
  /** @type {LabRequestRecord[]} */
  const requests = [];
  /** @type {http.Server[]} */
  const servers = [];
  /** @type {Record<string, string>} */
  const placeholders = {};
  const fill = (/** @type {string} */ text) => fillPlaceholders(text, placeholders);

  try {
    const page = await listen(createHandler('page', requests, fill), pagePort, ['127.0.0.1']);
    servers.push(...page.servers);
    // "localhost" resolves to both ::1 and 127.0.0.1 in Chromium; answer on both.
    const api = await listen(createHandler('api', requests, fill), apiPort, ['127.0.0.1', '::1']);
    servers.push(...api.servers);
    const other = await listen(createHandler('other', requests, fill), otherPort, ['127.0.0.1']);
    servers.push(...other.servers);
    // Picked last, so it can never be one of the ports above.
    const closedPort = await findClosedPort([page.port, api.port, other.port]);

    Object.assign(placeholders, {
      page: `http://127.0.0.1:${page.port}`,
      api: `http://localhost:${api.port}`,
      other: `http://127.0.0.1:${other.port}`,
      closed: `http://127.0.0.1:${closedPort}`,
      pagePort: String(page.port),
      apiPort: String(api.port),
      otherPort: String(other.port),
      closedPort: String(closedPort),
    });
  } catch (error) {
    await closeAll(servers);
    throw error;
  }

  return {
    pageUrl: `${placeholders.page}/`,
    pageOrigin: /** @type {string} */ (placeholders.page),
    apiOrigin: /** @type {string} */ (placeholders.api),
    otherOrigin: /** @type {string} */ (placeholders.other),
    closedOrigin: /** @type {string} */ (placeholders.closed),
    placeholders: { ...placeholders },
    requests,
    fill,
    close: () => closeAll(servers),
  };
}

/**
 * Replaces `{page}`, `{api}`, `{other}`, `{closed}` and the `{…Port}` placeholders.
 * @param {string} text
 * @param {Record<string, string>} values
 */
export function fillPlaceholders(text, values) {
  return text.replace(/\{(page|api|other|closed|pagePort|apiPort|otherPort|closedPort)\}/g, (whole, name) => values[name] ?? whole);
}

/** Route table: path → route, built once. */
const routes = new Map(scenarios.flatMap((s) => Object.entries(s.routes)));

/**
 * @param {'page'|'api'|'other'} server
 * @param {LabRequestRecord[]} requests
 * @param {(text: string) => string} fill
 * @returns {http.RequestListener}
 */
function createHandler(server, requests, fill) {
  return (req, res) => {
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', 'http://lab.invalid');
    requests.push({ server, method, path: url.pathname, rawHeaders: [...req.rawHeaders] });
    // Drain any request body before answering, so keep-alive connections stay usable.
    req.resume();
    req.on('end', () => {
      answer(server, method, url.pathname, fill, res).catch((error) => {
        if (!res.headersSent) res.writeHead(500, ['Content-Type', 'text/plain']);
        res.end(String(error));
      });
    });
  };
}

/**
 * @param {'page'|'api'|'other'} server
 * @param {string} method
 * @param {string} pathname
 * @param {(text: string) => string} fill
 * @param {http.ServerResponse} res
 */
async function answer(server, method, pathname, fill, res) {
  res.sendDate = false;
  if (server === 'page') {
    const asset = await pageAsset(pathname, fill);
    if (asset) return send(res, method, asset);
  }
  const route = routes.get(pathname);
  if (!route) return send(res, method, { status: 404, headers: [['Content-Type', 'text/plain']], body: 'no such lab path' });
  // A scenario without an `options` answer gets a bare 204 to its preflight (no CORS headers).
  const chosen = method === 'OPTIONS' ? route.options ?? { status: 204, headers: [] } : route.response ?? { status: 404, headers: [], body: 'no answer for this method' };
  return send(res, method, {
    status: chosen.status,
    headers: chosen.headers.map(([name, value]) => /** @type {[string, string]} */ ([name, fill(value)])),
    body: chosen.body === undefined ? '' : fill(chosen.body),
  });
}

/**
 * Writes a reply with exactly the given header lines (plus Content-Type when absent,
 * Content-Length and Cache-Control: no-store so repeated calls never come from the HTTP cache).
 * @param {http.ServerResponse} res
 * @param {string} method
 * @param {{ status: number, headers: [string, string][], body?: string }} reply
 */
function send(res, method, reply) {
  const body = Buffer.from(reply.body ?? '', 'utf8');
  const lines = [...reply.headers];
  const has = (/** @type {string} */ name) => lines.some(([n]) => n.toLowerCase() === name);
  if (!has('content-type') && body.length > 0) lines.push(['Content-Type', 'text/plain; charset=utf-8']);
  if (!has('cache-control')) lines.push(['Cache-Control', 'no-store']);
  const noBody = method === 'HEAD' || reply.status === 204 || reply.status === 304;
  // 204/304 carry no Content-Length; HEAD announces the length of the body it omits.
  if (reply.status !== 204 && reply.status !== 304) lines.push(['Content-Length', String(body.length)]);
  res.writeHead(reply.status, lines.flat());
  res.end(noBody ? undefined : body);
}

/**
 * Files the page server serves besides the scenario paths.
 * @param {string} pathname
 * @param {(text: string) => string} fill
 */
async function pageAsset(pathname, fill) {
  switch (pathname) {
    case '/':
    case '/index.html':
      return { status: 200, headers: html(), body: renderLabPage(fill) };
    case '/lab-client.js':
      return { status: 200, headers: [['Content-Type', 'text/javascript; charset=utf-8']], body: await readFile(`${here}lab-client.js`, 'utf8') };
    case '/lab.css':
      return { status: 200, headers: [['Content-Type', 'text/css; charset=utf-8']], body: await readFile(`${here}lab.css`, 'utf8') };
    case '/frame/csp':
      // The page of this frame restricts fetch/XHR to its own origin, so any request to the
      // API is refused by the browser before it is sent.
      return {
        status: 200,
        headers: [...html(), ['Content-Security-Policy', "connect-src 'self'"]],
        body: '<!doctype html><html lang="en"><title>CSP frame</title><p>This frame only allows requests to its own origin (connect-src \'self\').</p></html>',
      };
    case '/frame/sandbox':
      // Sandboxed by its own CSP header (scripts allowed, no allow-same-origin): its origin is
      // opaque, so its requests carry `Origin: null`. It runs requests posted by the lab page.
      return {
        status: 200,
        headers: [...html(), ['Content-Security-Policy', 'sandbox allow-scripts']],
        body: `<!doctype html><html lang="en"><title>Sandboxed frame</title><p>This frame has an opaque origin (null).</p><script>${SANDBOX_RUNNER}</script></html>`,
      };
    case '/favicon.ico':
      return { status: 204, headers: [] };
    default:
      return null;
  }
}

/** Script of the sandboxed frame: runs the fetch the parent posts and posts the outcome back. */
const SANDBOX_RUNNER = `
addEventListener('message', async (event) => {
  const { token, req } = event.data || {};
  if (!token) return;
  const init = {};
  for (const key of ['method', 'body', 'credentials', 'mode', 'redirect']) if (req[key] !== undefined) init[key] = req[key];
  if (req.headers && req.headers.length) init.headers = req.headers;
  let result;
  try {
    const res = await fetch(req.url, init);
    await res.text().catch(() => '');
    result = { ok: res.ok, status: res.status, error: null, type: res.type };
  } catch (error) {
    result = { ok: false, status: 0, error: String(error), type: null };
  }
  parent.postMessage({ token, result }, '*');
});`;

/** @returns {[string, string][]} */
function html() {
  return [['Content-Type', 'text/html; charset=utf-8']];
}

/** @param {string} text */
function escapeHtml(text) {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

/**
 * The lab page: a short introduction, then one section per group with one button per scenario.
 * The scenario requests (placeholders filled) are embedded as JSON for lab-client.js.
 * @param {(text: string) => string} fill
 */
export function renderLabPage(fill) {
  const clientScenarios = scenarios.map((s) => ({
    id: s.id,
    request: {
      ...s.request,
      url: fill(s.request.url),
      headers: (s.request.headers ?? []).map(([n, v]) => [n, fill(v)]),
    },
  }));
  const sections = groups
    .map((g) => {
      const items = scenarios.filter((s) => s.group === g.id);
      if (items.length === 0) return '';
      const rows = items
        .map(
          (s) => `<li class="scenario" id="scenario-${s.id}">
  <button type="button" data-scenario="${s.id}" aria-describedby="desc-${s.id}">${escapeHtml(s.title)}</button>
  <p id="desc-${s.id}">${escapeHtml(s.description)} <span class="expect">Expected: ${escapeHtml(s.expect)}.</span></p>
  <output data-result-for="${s.id}" aria-live="polite"></output>
</li>`,
        )
        .join('\n');
      return `<section aria-labelledby="group-${g.id}"><h2 id="group-${g.id}">${escapeHtml(g.title)}</h2>\n<ul>\n${rows}\n</ul></section>`;
    })
    .join('\n');
  const json = JSON.stringify(clientScenarios).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>CORS Lens lab</title>
<link rel="stylesheet" href="/lab.css">
</head>
<body>
<main>
<h1>CORS Lens lab</h1>
<p>This page runs on <code>${escapeHtml(fill('{page}'))}</code>. Each button sends one request to another origin
(<code>${escapeHtml(fill('{api}'))}</code>, or <code>${escapeHtml(fill('{other}'))}</code> for redirects) that answers
with exactly the CORS headers described next to it. Open DevTools (F12) and the CORS Lens panel, click a button,
and compare the panel's explanation with the red line in the Console.</p>
<p><button type="button" id="run-all">Run every scenario</button> <output id="run-all-status" aria-live="polite"></output></p>
${sections}
</main>
<script type="application/json" id="lab-scenarios">${json}</script>
<script src="/lab-client.js"></script>
</body>
</html>
`;
}

/**
 * Listens on one port on every host. The first host picks the port (0 = any free one), the
 * others reuse it. With an automatic port, a port already taken on a later host is retried with
 * a new one; a host the machine lacks (no IPv6 loopback) is skipped.
 * @param {http.RequestListener} handler
 * @param {number} port
 * @param {string[]} hosts
 * @returns {Promise<{ port: number, servers: http.Server[] }>}
 */
async function listen(handler, port, hosts) {
  for (let attempt = 1; ; attempt += 1) {
    /** @type {http.Server[]} */
    const servers = [];
    let chosen = port;
    try {
      for (const host of hosts) {
        const server = http.createServer({ keepAliveTimeout: 2_000 }, handler);
        try {
          await listenOne(server, chosen, host);
        } catch (error) {
          const code = /** @type {NodeJS.ErrnoException} */ (error).code;
          if (servers.length > 0 && (code === 'EADDRNOTAVAIL' || code === 'EAFNOSUPPORT')) continue;
          throw error;
        }
        servers.push(server);
        const address = server.address();
        if (address && typeof address === 'object') chosen = address.port;
      }
      return { port: chosen, servers };
    } catch (error) {
      await closeAll(servers);
      const code = /** @type {NodeJS.ErrnoException} */ (error).code;
      if (port !== 0 || code !== 'EADDRINUSE' || attempt >= 5) throw error;
    }
  }
}

/** @param {http.Server} server @param {number} port @param {string} host */
function listenOne(server, port, host) {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(undefined);
    });
  });
}

/**
 * A loopback port where nothing listens (for connection-refused): free a moment ago, closed now,
 * and not one of the lab's own ports.
 * @param {number[]} taken
 */
async function findClosedPort(taken) {
  for (;;) {
    const server = http.createServer();
    await listenOne(server, 0, '127.0.0.1');
    const address = server.address();
    const port = address && typeof address === 'object' ? address.port : 0;
    await closeAll([server]);
    if (!taken.includes(port)) return port;
  }
}

/** @param {http.Server[]} servers */
async function closeAll(servers) {
  await Promise.all(
    servers.map(
      (server) =>
        new Promise((resolve) => {
          server.close(() => resolve(undefined));
          server.closeAllConnections();
        }),
    ),
  );
}
