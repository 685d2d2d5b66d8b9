import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CorsError } from '../../src/core/model.js';
import type { OptionChange } from '../../src/core/fixes/types.js';
import { diagnose } from '../../src/core/fixes/diagnose.js';
import { lintFix } from '../../src/core/lint/fix.js';
import { isBlocking } from '../../src/core/lint/types.js';
import { BrowserHarness, type RequestSpec } from './helpers/browser.js';
import { DjangoProject, GOOD_MIDDLEWARE, type DjangoServer } from './helpers/django.js';
import { clientSpecs, diagnoseCapture, fixFor, oracleFor, printTable, type LoopRecord } from './helpers/loop.js';
import { applyNginxChanges, startNginx, type NginxConf } from './helpers/nginx.js';
import { scanForHoles } from './helpers/scanner.js';

/**
 * Closed loop with real nginx in front of real Django: nginx configs that break CORS (both layers add
 * Access-Control-Allow-Origin, nginx answers OPTIONS with too few headers, add_header without `always`,
 * the add_header inheritance trap, "*" with credentials, an allow-list map without the origin, an app
 * that rejects preflights). Chrome blocks → HAR → analyzeHar → the nginx fix's `changes` applied to the
 * config → restart → allowed → no holes. Each fix's rendered snippet must also pass `nginx -t`.
 */

interface Scenario {
  name: string;
  conf: (page: string) => NginxConf;
  requests: (base: string) => RequestSpec[];
  expect: CorsError;
}

const empty = (): NginxConf => ({ corsMap: null, server: [], location: [], preflight: null });
const mapWith = (...origins: string[]): Array<[string, string]> => [['default', '""'], ...origins.map((o): [string, string] => [`"${o}"`, '$http_origin'])];
const ACAO = 'Access-Control-Allow-Origin';

const SCENARIOS: Scenario[] = [
  {
    name: 'nginx and Django both add the same Access-Control-Allow-Origin',
    conf: () => ({ ...empty(), location: [['add_header', ACAO, '$http_origin', 'always']] }),
    requests: (b) => [{ url: `${b}/api/items/` }],
    expect: 'MultipleAllowOriginValues',
  },
  {
    name: 'nginx adds "*", Django adds the origin',
    conf: () => ({ ...empty(), location: [['add_header', ACAO, '"*"', 'always']] }),
    requests: (b) => [{ url: `${b}/api/items/` }],
    expect: 'MultipleAllowOriginValues',
  },
  {
    name: 'no CORS layer, the app answers the preflight 401',
    conf: () => empty(),
    requests: (b) => [{ url: `${b}/api/private/`, headers: { Authorization: 'Token good' } }],
    expect: 'PreflightMissingAllowOriginHeader',
  },
  {
    name: 'allow-list map without the page origin',
    conf: () => ({ ...empty(), corsMap: mapWith('https://app.example.com'), location: [['add_header', ACAO, '$cors_origin', 'always'], ['add_header', 'Vary', 'Origin', 'always']] }),
    requests: (b) => [{ url: `${b}/auth/me/` }],
    expect: 'MissingAllowOriginHeader',
  },
  {
    name: 'add_header without `always`: the app 404 loses the header',
    conf: (p) => ({ ...empty(), corsMap: mapWith(p), location: [['add_header', ACAO, '$cors_origin'], ['add_header', 'Vary', 'Origin']] }),
    requests: (b) => [{ url: `${b}/api/nothing-here/` }],
    expect: 'MissingAllowOriginHeader',
  },
  {
    name: 'a location add_header drops the server-level CORS lines',
    conf: (p) => ({ ...empty(), corsMap: mapWith(p), server: [['add_header', ACAO, '$cors_origin', 'always'], ['add_header', 'Vary', 'Origin', 'always']], location: [['add_header', 'X-Served-By', 'nginx']] }),
    requests: (b) => [{ url: `${b}/auth/me/` }],
    expect: 'MissingAllowOriginHeader',
  },
  {
    name: 'nginx answers OPTIONS but Allow-Headers lacks X-Api-Key',
    conf: (p) => ({
      ...empty(),
      corsMap: mapWith(p),
      location: [['add_header', ACAO, '$cors_origin', 'always']],
      preflight: [['add_header', ACAO, '$cors_origin', 'always'], ['add_header', 'Access-Control-Allow-Methods', '"GET, POST, OPTIONS"', 'always'], ['add_header', 'Access-Control-Allow-Headers', '"Content-Type"', 'always']],
    }),
    requests: (b) => [{ url: `${b}/auth/me/`, headers: { 'X-Api-Key': 'k1' } }],
    expect: 'HeaderDisallowedByPreflightResponse',
  },
  {
    name: 'the OPTIONS if-block drops the location Access-Control-Allow-Origin',
    conf: (p) => ({
      ...empty(),
      corsMap: mapWith(p),
      location: [['add_header', ACAO, '$cors_origin', 'always'], ['add_header', 'Vary', 'Origin', 'always']],
      preflight: [['add_header', 'Access-Control-Allow-Methods', '"GET, PUT, OPTIONS"', 'always'], ['add_header', 'Access-Control-Allow-Headers', '"Content-Type"', 'always']],
    }),
    requests: (b) => [{ url: `${b}/auth/me/`, method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: '{}' }],
    expect: 'PreflightMissingAllowOriginHeader',
  },
  {
    name: "nginx lists PATCH, fetch sends lower-case 'patch' (nginx refuses it with 400)",
    conf: (p) => ({
      ...empty(),
      corsMap: mapWith(p),
      location: [['add_header', ACAO, '$cors_origin', 'always'], ['add_header', 'Vary', 'Origin', 'always']],
      preflight: [['add_header', ACAO, '$cors_origin', 'always'], ['add_header', 'Access-Control-Allow-Methods', '"GET, PATCH, OPTIONS"', 'always'], ['add_header', 'Access-Control-Allow-Headers', '"Content-Type"', 'always']],
    }),
    requests: (b) => [{ url: `${b}/auth/me/`, method: 'patch', headers: { 'Content-Type': 'application/json' }, body: '{}' }],
    expect: 'MethodDisallowedByPreflightResponse',
  },
  {
    name: '"*" with Access-Control-Allow-Credentials and a credentialed fetch',
    conf: () => ({ ...empty(), location: [['add_header', ACAO, '"*"', 'always'], ['add_header', 'Access-Control-Allow-Credentials', '"true"', 'always']] }),
    requests: (b) => [{ url: `${b}/auth/me/`, credentials: 'include' }],
    expect: 'WildcardOriginNotAllowed',
  },
];

describe('nginx fixes on real nginx + Django + Chromium', () => {
  const browser = new BrowserHarness();
  let project: DjangoProject;
  let app: DjangoServer;
  const rows: LoopRecord[] = [];

  beforeAll(async () => {
    project = new DjangoProject();
    await browser.start();
    // The app: django-cors-headers allows the page on /api/items/ only; /api/private/ needs a token.
    app = await project.start({
      MIDDLEWARE: [GOOD_MIDDLEWARE[0], 'myproject.middleware.TokenRequiredMiddleware', ...GOOD_MIDDLEWARE.slice(1)],
      CORS_ALLOWED_ORIGINS: [browser.origin],
      CORS_URLS_REGEX: '^/api/items/.*$',
    });
  });
  afterAll(async () => {
    printTable('nginx fixes (nginx 1.22 in front of Django, Chromium)', rows);
    await app?.stop();
    await browser.stop();
    await project?.close();
  });

  it.each(SCENARIOS.map((s) => [s.name, s] as const))('%s: blocked, fixed by the nginx change, no holes', async (_name, s) => {
    const page = browser.origin;
    const broken = s.conf(page);
    const nginx = await startNginx(broken, app.url);
    let diagnosed;
    let before: string | null;
    try {
      const specs = s.requests(nginx.url);
      const target = specs[specs.length - 1]!;
      const cap = await browser.capture(specs);
      before = oracleFor(cap, target.url)?.corsError ?? null;
      expect(before).toBe(s.expect);
      diagnosed = diagnoseCapture(cap, target.url, target.method ?? 'GET');
      expect(diagnosed.exchange.corsError).toBe(before);
    } finally {
      await nginx.stop();
    }
    const fix = fixFor(diagnosed, 'nginx');
    expect(lintFix(fix, diagnose(diagnosed.exchange, { entries: diagnosed.entries })).filter(isBlocking)).toEqual([]);
    expectValidSnippet(fix.code, app.url);
    const fixedConf = applyNginxChanges(broken, fix.changes as OptionChange[]);
    const fixed = await startNginx(fixedConf, app.url);
    try {
      const specs = clientSpecs(s.requests(fixed.url), fix.changes);
      const target = specs[specs.length - 1]!;
      const cap = await browser.capture(specs);
      const failures = cap.oracle.filter((o) => o.errorText !== null);
      const scan = await scanForHoles(target.url, page, target.method ?? 'GET', Object.keys(target.headers ?? {}).join(',').toLowerCase());
      const ok = failures.length === 0 && cap.results.every((r) => r.ok) && scan.holes.length === 0 && scan.allowedAnswers.some((a) => a.acao === page);
      rows.push({
        scenario: s.name,
        before: before ?? 'allowed',
        engine: diagnosed.exchange.corsError ?? '',
        fix: fix.title,
        after: failures.length === 0 ? `allowed ${cap.results[cap.results.length - 1]?.status ?? ''}` : failures.map((f) => f.corsError ?? f.errorText).join(','),
        holes: scan.holes.length,
        ok,
        rounds: 1,
      });
      expect(ok, `${s.name}: ${fix.title}\n${fixed.conf}\n${JSON.stringify(failures)} holes=${JSON.stringify(scan.holes)}`).toBe(true);
    } finally {
      await fixed.stop();
    }
  });

  it('diagnoses two identical values as two layers and offers removing nginx\'s copy first', async () => {
    const nginx = await startNginx({ ...empty(), location: [['add_header', ACAO, '$http_origin', 'always']] }, app.url);
    try {
      const url = `${nginx.url}/api/items/`;
      const d = diagnoseCapture(await browser.capture([{ url }]), url, 'GET');
      const nginxFixes = d.fixes.filter((f) => f.server === 'nginx');
      expect(nginxFixes[0]?.title).toMatch(/remove nginx's CORS headers/);
      expect(nginxFixes[0]?.warnings.join(' ')).toMatch(/identical values/);
      // The proxy is where the fix goes: nginx leads the list for a duplicate.
      expect(d.fixes[0]?.server).toBe('nginx');
    } finally {
      await nginx.stop();
    }
  });
});

/** The rendered snippet is real nginx syntax: wrap it in http/server and run `nginx -t`. */
function expectValidSnippet(code: string, upstream: string): void {
  const lines = code.split('\n');
  const loc = lines.findIndex((l) => l.startsWith('location '));
  const httpPart = lines.slice(0, loc).join('\n');
  const locationPart = lines.slice(loc).join('\n').replace('http://app', upstream);
  const dir = mkdtempSync(path.join(tmpdir(), 'cors-lens-fixes-nginx-t-'));
  try {
    const conf = [
      ...(process.getuid?.() === 0 ? ['user root;'] : []),
      `error_log ${dir}/error.log;`,
      `pid ${dir}/nginx.pid;`,
      'events {}',
      'http {',
      ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `  ${t}_temp_path ${dir}/${t};`),
      httpPart,
      'server { listen 127.0.0.1:9;',
      locationPart,
      '}',
      '}',
    ].join('\n');
    writeFileSync(path.join(dir, 'nginx.conf'), conf);
    const r = spawnSync(existsSync('/usr/sbin/nginx') ? '/usr/sbin/nginx' : 'nginx', ['-t', '-e', `${dir}/error.log`, '-p', `${dir}/`, '-c', `${dir}/nginx.conf`], { encoding: 'utf8' });
    expect(r.status, `nginx -t failed:\n${r.stderr}\n${conf}`).toBe(0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
