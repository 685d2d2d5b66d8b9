// The CORS lab itself: the scenario table is well-formed, and the servers send exactly the
// header lines a scenario lists (duplicates, order, casing), on the origins it promises.

import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { groups, scenarioById, scenarioIdOfUrl, scenarios } from '../../scripts/lab/scenarios.mjs';
import { fillPlaceholders, startLab, type Lab } from '../../scripts/lab/server.mjs';

/** A raw HTTP exchange with a lab server (node:http keeps rawHeaders as sent). */
function rawRequest(url: string, method = 'GET', headers: Record<string, string> = {}, host?: string) {
  return new Promise<{ status: number; rawHeaders: string[]; body: string }>((resolve, reject) => {
    const u = new URL(url);
    const req = http.request({ host: host ?? u.hostname, port: u.port, path: u.pathname, method, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, rawHeaders: res.rawHeaders, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Header lines as [name, value] pairs, in order. */
const pairs = (raw: string[]): [string, string][] => raw.flatMap((v, i) => (i % 2 === 0 ? [[v, raw[i + 1] ?? ''] as [string, string]] : []));

describe('the scenario table', () => {
  it('has at least 70 scenarios with unique kebab-case ids', () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(70);
    const ids = scenarios.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it.each(scenarios.map((s) => [s.id, s] as const))('%s is complete and lives under /s/<id>', (id, s) => {
    expect(s.title.length).toBeGreaterThan(3);
    expect(s.description).toMatch(/[.?]$/);
    expect(s.expect.length).toBeGreaterThan(2);
    expect(groups.map((g) => g.id)).toContain(s.group);
    expect(['fetch', 'xhr', 'img', 'script']).toContain(s.request.kind);
    // Every request and every route of a scenario is under its own path, so a URL names its scenario.
    const url = fillPlaceholders(s.request.url, { page: 'http://127.0.0.1:1', api: 'http://localhost:2', other: 'http://127.0.0.1:3', closed: 'http://127.0.0.1:4', closedPort: '4' });
    expect(scenarioIdOfUrl(url)).toBe(id);
    for (const path of Object.keys(s.routes)) expect(path === `/s/${id}` || path.startsWith(`/s/${id}/`)).toBe(true);
  });

  it('finds scenarios by id and by URL, and rejects unknown ones', () => {
    expect(scenarioById('acao-missing').group).toBe('allow-origin');
    expect(() => scenarioById('no-such-scenario')).toThrow(/unknown lab scenario/);
    expect(scenarioIdOfUrl('http://localhost:9/s/acao-missing/2?x=1')).toBe('acao-missing');
    expect(scenarioIdOfUrl('http://localhost:9/lab.css')).toBeNull();
    expect(scenarioIdOfUrl('not a url')).toBeNull();
  });

  it('uses both request kinds, every group, and method case as written', () => {
    const kinds = new Set(scenarios.map((s) => s.request.kind));
    expect([...kinds].sort()).toEqual(['fetch', 'img', 'script', 'xhr']);
    expect(new Set(scenarios.map((s) => s.group))).toEqual(new Set(groups.map((g) => g.id)));
    expect(scenarios.some((s) => s.request.method === 'patch')).toBe(true);
    expect(scenarios.filter((s) => s.request.kind === 'xhr').length).toBeGreaterThanOrEqual(10);
  });
});

describe('the lab servers', () => {
  let lab: Lab;
  beforeAll(async () => {
    lab = await startLab();
  });
  afterAll(async () => {
    await lab?.close();
  });

  it('serve three distinct loopback origins and fill placeholders with them', () => {
    expect(lab.pageOrigin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(lab.apiOrigin).toMatch(/^http:\/\/localhost:\d+$/);
    expect(lab.otherOrigin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(new Set([lab.pageOrigin, lab.otherOrigin, lab.closedOrigin]).size).toBe(3);
    expect(lab.pageUrl).toBe(`${lab.pageOrigin}/`);
    expect(lab.fill('{page}|{api}|{other}|{pagePort}|{unknown}')).toBe(
      `${lab.pageOrigin}|${lab.apiOrigin}|${lab.otherOrigin}|${lab.placeholders.pagePort}|{unknown}`,
    );
  });

  it('send repeated header lines as separate lines, in order and with their casing', async () => {
    const res = await rawRequest(`${lab.apiOrigin}/s/acao-multiple-lines-different`, 'GET', {}, '127.0.0.1');
    const acao = pairs(res.rawHeaders).filter(([n]) => n.toLowerCase() === 'access-control-allow-origin');
    expect(acao).toEqual([
      ['Access-Control-Allow-Origin', lab.pageOrigin],
      ['Access-Control-Allow-Origin', 'http://evil.example'],
    ]);
  });

  it('answer the API origin on IPv4 and IPv6 loopback alike', async () => {
    const v4 = await rawRequest(`${lab.apiOrigin}/s/success-simple-get`, 'GET', {}, '127.0.0.1');
    const v6 = await rawRequest(`${lab.apiOrigin}/s/success-simple-get`, 'GET', {}, '::1');
    expect(v4.status).toBe(200);
    expect(v6.status).toBe(200);
    expect(pairs(v6.rawHeaders)).toContainEqual(['Access-Control-Allow-Origin', lab.pageOrigin]);
  });

  it('answer the preflight and the actual request of a path differently', async () => {
    const options = await rawRequest(`${lab.apiOrigin}/s/preflight-status-401`, 'OPTIONS', {}, '127.0.0.1');
    const put = await rawRequest(`${lab.apiOrigin}/s/preflight-status-401`, 'PUT', {}, '127.0.0.1');
    expect(options.status).toBe(401);
    expect(pairs(options.rawHeaders)).toContainEqual(['Access-Control-Allow-Methods', 'PUT']);
    expect(put.status).toBe(200);
    // A scenario without a preflight answer gets a bare 204 without CORS headers.
    const bare = await rawRequest(`${lab.apiOrigin}/s/acao-missing`, 'OPTIONS', {}, '127.0.0.1');
    expect(bare.status).toBe(204);
    expect(pairs(bare.rawHeaders).map(([n]) => n.toLowerCase())).not.toContain('access-control-allow-origin');
  });

  it('redirect across origins with filled Location headers', async () => {
    const res = await rawRequest(`${lab.apiOrigin}/s/redirect-cross-to-cross-null-ok`, 'GET', {}, '127.0.0.1');
    expect(res.status).toBe(302);
    expect(pairs(res.rawHeaders)).toContainEqual(['Location', `${lab.otherOrigin}/s/redirect-cross-to-cross-null-ok/2`]);
    const next = await rawRequest(`${lab.otherOrigin}/s/redirect-cross-to-cross-null-ok/2`);
    expect(pairs(next.rawHeaders)).toContainEqual(['Access-Control-Allow-Origin', 'null']);
  });

  it('record what they received and answer unknown paths with 404', async () => {
    const before = lab.requests.length;
    const res = await rawRequest(`${lab.pageOrigin}/s/does-not-exist`, 'GET', { 'X-Probe': 'p1' });
    expect(res.status).toBe(404);
    const seen = lab.requests.slice(before);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ server: 'page', method: 'GET', path: '/s/does-not-exist' });
    expect(seen[0]?.rawHeaders).toContain('X-Probe');
  });

  it('serve a lab page with a heading, one labelled button per scenario and the request table', async () => {
    const res = await rawRequest(lab.pageUrl);
    expect(res.status).toBe(200);
    expect(res.body).toContain('<h1>CORS Lens lab</h1>');
    expect(res.body).toContain('<html lang="en">');
    const buttons = [...res.body.matchAll(/<button type="button" data-scenario="([^"]+)" aria-describedby="desc-\1">([^<]+)<\/button>/g)];
    expect(buttons.map((m) => m[1])).toEqual(scenarios.map((s) => s.id));
    const json = /<script type="application\/json" id="lab-scenarios">([\s\S]*?)<\/script>/.exec(res.body)?.[1] ?? '[]';
    const table = JSON.parse(json) as { id: string; request: { url: string } }[];
    expect(table.find((s) => s.id === 'acao-missing')?.request.url).toBe(`${lab.apiOrigin}/s/acao-missing`);
    // Titles are rendered as text, never as markup.
    expect(res.body).toContain('>&lt;img crossorigin&gt; without Allow-Origin</button>');
    expect(res.body).not.toContain('<img crossorigin>');
    const client = await rawRequest(`${lab.pageOrigin}/lab-client.js`);
    expect(client.body).toContain('window.runScenario');
  });

  it('serve the CSP frame and the sandboxed frame with their policies', async () => {
    const csp = await rawRequest(`${lab.pageOrigin}/frame/csp`);
    expect(pairs(csp.rawHeaders)).toContainEqual(['Content-Security-Policy', "connect-src 'self'"]);
    const sandbox = await rawRequest(`${lab.pageOrigin}/frame/sandbox`);
    expect(pairs(sandbox.rawHeaders)).toContainEqual(['Content-Security-Policy', 'sandbox allow-scripts']);
    expect(sandbox.body).toContain("parent.postMessage({ token, result }, '*')");
  });

  it('refuse a port that is already taken, with the system error', async () => {
    await expect(startLab({ pagePort: Number(lab.placeholders.pagePort) })).rejects.toThrow(/EADDRINUSE/);
    // The lab that holds the port is untouched.
    expect((await rawRequest(`${lab.apiOrigin}/s/success-simple-get`, 'GET', {}, '127.0.0.1')).status).toBe(200);
  });

  it('free their ports on close', async () => {
    const other = await startLab();
    const port = Number(other.placeholders.pagePort);
    await other.close();
    const again = await startLab({ pagePort: port });
    expect(again.pageOrigin).toBe(`http://127.0.0.1:${port}`);
    await again.close();
  });
});
