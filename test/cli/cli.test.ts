import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { chromeHar, e } from '../helpers/har.js';

/** The built CLI, run as a user runs it: `node bin/cors-lens.js …`. */
const ROOT = join(__dirname, '../..');
const SAMPLES = join(ROOT, '../shared/har-samples');
const tmp = mkdtempSync(join(tmpdir(), 'cors-lens-cli-'));

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/cors-lens.js'), ...args], { encoding: 'utf8', timeout: 170_000, maxBuffer: 1 << 30 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function writeHar(name: string, har: unknown): string {
  const p = join(tmp, name);
  writeFileSync(p, typeof har === 'string' ? har : JSON.stringify(har));
  return p;
}

beforeAll(() => {
  execFileSync(process.execPath, [join(ROOT, 'scripts/build-cli.mjs')], { cwd: ROOT });
});

const blockedHar = chromeHar([
  e('GET http://localhost:8002/c1', { req: [['Origin', 'http://127.0.0.1:8001']], res: [['Content-Type', 'text/plain']], error: 'net::ERR_FAILED', type: 'fetch' }),
  e('GET http://localhost:8002/ok', { req: [['Origin', 'http://127.0.0.1:8001']], res: [['Access-Control-Allow-Origin', '*']], type: 'fetch' }),
]);

describe('cors-lens analyze', () => {
  it('--json follows the contract: one exchange per non-preflight entry', () => {
    const r = run('analyze', writeHar('b.har', blockedHar), '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out) as { exchanges: Array<Record<string, unknown>> };
    expect(out.exchanges).toHaveLength(2);
    expect(out.exchanges[0]).toMatchObject({
      entry: 0, preflightEntry: null, method: 'GET', url: 'http://localhost:8002/c1', origin: 'http://127.0.0.1:8001',
      verdict: 'blocked', corsError: 'MissingAllowOriginHeader', failedParameter: '',
      consoleMessage: "Access to fetch at 'http://localhost:8002/c1' from origin 'http://127.0.0.1:8001' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.",
    });
    expect(out.exchanges[1]).toMatchObject({ entry: 1, verdict: 'allowed', corsError: null, failedParameter: null, consoleMessage: null });
  });

  it('--json adds server fixes to blocked exchanges, django-cors-headers changes in the documented shape', () => {
    const har = chromeHar([
      e('OPTIONS http://localhost:8002/c5', { req: [['Access-Control-Request-Method', 'GET'], ['Access-Control-Request-Headers', 'x-api-key'], ['Origin', 'http://127.0.0.1:8001']], status: 200, res: [['Access-Control-Allow-Origin', 'http://127.0.0.1:8001'], ['Access-Control-Allow-Headers', 'accept, content-type'], ['Vary', 'Origin'], ['Server', 'WSGIServer/0.2 CPython/3.11.2']], type: 'preflight', t: 2 }),
      e('GET http://localhost:8002/c5', { req: [['X-Api-Key', 'k']], status: 0, error: 'net::ERR_FAILED', type: 'fetch' }),
    ]);
    const out = JSON.parse(run('analyze', writeHar('fix.har', har), '--json').out) as { exchanges: Array<{ verdict: string; fixes?: Array<{ server: string; changes: unknown[]; code: string }> }> };
    const ex = out.exchanges[0]!;
    expect(ex.verdict).toBe('blocked');
    const django = ex.fixes?.find((f) => f.server === 'django-cors-headers');
    expect(django?.changes).toContainEqual({ setting: 'CORS_ALLOW_HEADERS', op: 'add', value: 'x-api-key' });
    expect(django?.code).toContain('CORS_ALLOW_HEADERS = (*default_headers, "x-api-key")');
    expect(ex.fixes?.map((f) => f.server)).toEqual(expect.arrayContaining(['django-middleware', 'nginx', 'express']));
    expect(ex.fixes?.[0]?.server).toBe('django-cors-headers'); // detected from the WSGIServer fingerprint
  });

  it('prints a readable report with the reason, the console text and the fix', () => {
    const r = run('analyze', writeHar('b2.har', blockedHar));
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/#0 +BLOCKED +GET +http:\/\/localhost:8002\/c1 +MissingAllowOriginHeader/);
    expect(r.out).toContain("Chrome:  Access to fetch at 'http://localhost:8002/c1'");
    expect(r.out).toContain('Firefox: Cross-Origin Request Blocked');
    expect(r.out).toMatch(/Fix: +Make the server add Access-Control-Allow-Origin/);
  });

  it('--fail-on-blocked exits 1 when something was blocked, 0 otherwise', () => {
    expect(run('analyze', writeHar('b3.har', blockedHar), '--fail-on-blocked').code).toBe(1);
    expect(run('analyze', join(SAMPLES, 'chrome148-devtools-localhost-dashboard.har'), '--fail-on-blocked').code).toBe(0);
  });

  it.each([
    ['not JSON', 'broken-truncated-json.har', /not valid JSON/],
    ['a fragment', 'broken-fragment-websocket.har', /not valid JSON/],
  ])('unusable input (%s) exits 2 with one line', (_n, file, re) => {
    const r = run('analyze', join(SAMPLES, file));
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toMatch(re);
  });

  it.each([
    ['JSON but not a HAR', '{"hello": 1}', /no "log" object/],
    ['entries not a list', '{"log": {"entries": 5}}', /"log.entries" is not a list/],
    ['an empty file', '', /empty/],
    ['a JSON array', '[1,2]', /not a HAR file/],
  ])('%s exits 2 with one line', (_n, text, re) => {
    const r = run('analyze', writeHar('bad.har', text));
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toMatch(re);
  });

  it('a missing file exits 2 with one line naming it', () => {
    const r = run('analyze', join(tmp, 'nope.har'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/cannot read .*nope\.har: ENOENT/);
  });

  it('reads .harp (JSONP) and BOM files', () => {
    expect(run('analyze', join(SAMPLES, 'firebug-1.5-jsonp.harp')).code).toBe(0);
    expect(run('analyze', join(SAMPLES, 'chrome114-devtools-with-bom.har')).code).toBe(0);
  });

  it('usage errors exit 2', () => {
    expect(run('analyze').code).toBe(2);
    expect(run('analyze', 'a.har', '--bogus').code).toBe(2);
    expect(run('frobnicate').code).toBe(2);
    expect(run('--help').code).toBe(0);
  });

  it('a 20 000-entry HAR neither crashes nor hangs', () => {
    const entries = [];
    for (let i = 0; i < 20_000; i++) {
      entries.push(e(`GET http://api.test/item/${i % 500}`, { req: [['Origin', 'http://app.test']], res: i % 3 ? [['Access-Control-Allow-Origin', 'http://app.test']] : [], error: i % 3 ? undefined : 'net::ERR_FAILED', type: 'fetch', t: i }));
    }
    const r = run('analyze', writeHar('big.har', chromeHar(entries)), '--json');
    expect(r.code).toBe(0);
    expect((JSON.parse(r.out) as { exchanges: unknown[] }).exchanges).toHaveLength(20_000);
  }, 180_000);
});

describe('cors-lens explain', () => {
  it('reads a Chrome console line', () => {
    const r = run('explain', "Access to fetch at 'http://localhost:8002/c5' from origin 'http://127.0.0.1:8001' has been blocked by CORS policy: Request header field x-api-key is not allowed by Access-Control-Allow-Headers in preflight response.");
    expect(r.code).toBe(0);
    expect(r.out).toContain('HeaderDisallowedByPreflightResponse');
    expect(r.out).toContain('Value:   x-api-key');
  });
  it('reads a Firefox console line (--json)', () => {
    const r = run('explain', '--json', 'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at http://localhost:8002/c2. (Reason: CORS header ‘Access-Control-Allow-Origin’ does not match ‘http://evil.example’).');
    expect(JSON.parse(r.out)).toMatchObject({ browser: 'firefox', corsError: 'AllowOriginMismatch', failedParameter: 'http://evil.example' });
  });
  it('reads a Safari console line', () => {
    const r = run('explain', '[Error] Preflight response is not successful. Status code: 401');
    expect(r.out).toContain('PreflightInvalidStatus');
  });
  it('says when a line is not CORS at all', () => {
    const r = run('explain', 'GET http://localhost:8009/c10 net::ERR_CONNECTION_REFUSED');
    expect(r.out).toContain('Not a CORS error');
  });
  it('needs a message', () => expect(run('explain').code).toBe(2));
});
