import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CorsError } from '../../src/core/model.js';
import type { DjangoChange } from '../../src/core/fixes/types.js';
import { CUSTOM_MIDDLEWARE_PATH } from '../../src/core/fixes/django-middleware.js';
import { suggestAdvisories } from '../../src/core/fixes/advisories.js';
import { lintFix } from '../../src/core/lint/fix.js';
import { isBlocking } from '../../src/core/lint/types.js';
import { diagnoseFollowUps } from '../../src/core/lint/follow-ups.js';
import { diagnose } from '../../src/core/fixes/diagnose.js';
import { applyDjangoChanges } from './helpers/apply-django.js';
import { BrowserHarness, type RequestSpec } from './helpers/browser.js';
import { DjangoProject, GOOD_MIDDLEWARE, type DjangoSettings } from './helpers/django.js';
import { diagnoseCapture, fixFor, oracleFor, printTable, type Diagnosed, type LoopRecord } from './helpers/loop.js';
import { scanForHoles } from './helpers/scanner.js';

/**
 * Closed loop on real Django 3.2 + django-cors-headers 3.14 + DRF and real headless Chromium:
 * broken settings → Chrome blocks (CDP corsErrorStatus is the oracle) → HAR as an extension sees it →
 * analyzeHar → suggestFixes → apply the django-cors-headers `changes` to the settings → restart →
 * the same requests pass → a scanner finds no origin the fix lets in by accident.
 * The hand-written middleware fix (its rendered code, pasted as a module) goes through the same loop.
 */

interface Scenario {
  name: string;
  settings: (page: string) => DjangoSettings;
  /** Requests the page makes; the last one is the one Chrome blocks. */
  requests: (api: string) => RequestSpec[];
  expect: CorsError;
}

const without = (list: string[], item: string) => list.filter((m) => m !== item);
const CORS = 'corsheaders.middleware.CorsMiddleware';
const COMMON = 'django.middleware.common.CommonMiddleware';
const JSON_BODY = { headers: { 'Content-Type': 'application/json' }, body: '{"name":"x"}' };

const SCENARIOS: Scenario[] = [
  {
    name: 'origin missing from CORS_ALLOWED_ORIGINS',
    settings: () => ({ MIDDLEWARE: GOOD_MIDDLEWARE, CORS_ALLOWED_ORIGINS: ['https://app.example.com'] }),
    requests: (api) => [{ url: `${api}/api/items/` }],
    expect: 'MissingAllowOriginHeader',
  },
  {
    name: 'localhost listed, page runs on 127.0.0.1',
    settings: (page) => ({ MIDDLEWARE: GOOD_MIDDLEWARE, CORS_ALLOWED_ORIGINS: [page.replace('127.0.0.1', 'localhost')] }),
    requests: (api) => [{ url: `${api}/api/items/` }],
    expect: 'MissingAllowOriginHeader',
  },
  {
    name: 'https listed, page runs on http',
    settings: (page) => ({ MIDDLEWARE: GOOD_MIDDLEWARE, CORS_ALLOWED_ORIGINS: [page.replace('http:', 'https:')] }),
    requests: (api) => [{ url: `${api}/api/items/`, method: 'POST', ...JSON_BODY }],
    expect: 'PreflightMissingAllowOriginHeader',
  },
  {
    name: 'CORS_ALLOWED_ORIGIN_REGEXES does not match',
    settings: () => ({ MIDDLEWARE: GOOD_MIDDLEWARE, CORS_ALLOWED_ORIGIN_REGEXES: ['^http://localhost:\\d+$'] }),
    requests: (api) => [{ url: `${api}/api/items/` }],
    expect: 'MissingAllowOriginHeader',
  },
  {
    name: 'old name CORS_ORIGIN_WHITELIST without the origin',
    settings: () => ({ MIDDLEWARE: GOOD_MIDDLEWARE, CORS_ORIGIN_WHITELIST: ['https://app.example.com'] }),
    requests: (api) => [{ url: `${api}/api/items/` }],
    expect: 'MissingAllowOriginHeader',
  },
  {
    name: 'custom header X-Api-Key not in CORS_ALLOW_HEADERS',
    settings: (page) => ({ MIDDLEWARE: GOOD_MIDDLEWARE, CORS_ALLOWED_ORIGINS: [page] }),
    requests: (api) => [{ url: `${api}/api/items/`, headers: { 'X-Api-Key': 'k1' } }],
    expect: 'HeaderDisallowedByPreflightResponse',
  },
  {
    name: 'CORS_ALLOW_HEADERS given as a string',
    settings: (page) => ({ MIDDLEWARE: GOOD_MIDDLEWARE, CORS_ALLOWED_ORIGINS: [page], CORS_ALLOW_HEADERS: 'x-api-key' }),
    requests: (api) => [{ url: `${api}/api/items/`, headers: { 'X-Api-Key': 'k1' } }],
    expect: 'HeaderDisallowedByPreflightResponse',
  },
  {
    name: 'PUT missing from CORS_ALLOW_METHODS',
    settings: (page) => ({ MIDDLEWARE: GOOD_MIDDLEWARE, CORS_ALLOWED_ORIGINS: [page], CORS_ALLOW_METHODS: ['GET', 'POST'] }),
    requests: (api) => [{ url: `${api}/api/items/1/`, method: 'PUT', ...JSON_BODY }],
    expect: 'MethodDisallowedByPreflightResponse',
  },
  {
    name: "fetch sends lower-case 'patch'",
    settings: (page) => ({ MIDDLEWARE: GOOD_MIDDLEWARE, CORS_ALLOWED_ORIGINS: [page] }),
    requests: (api) => [{ url: `${api}/api/items/1/`, method: 'patch', ...JSON_BODY }],
    expect: 'MethodDisallowedByPreflightResponse',
  },
  {
    name: 'CORS_ALLOW_METHODS given as a string',
    settings: (page) => ({ MIDDLEWARE: GOOD_MIDDLEWARE, CORS_ALLOWED_ORIGINS: [page], CORS_ALLOW_METHODS: 'GET' }),
    requests: (api) => [{ url: `${api}/api/items/1/`, method: 'PUT', ...JSON_BODY }],
    expect: 'MethodDisallowedByPreflightResponse',
  },
  {
    name: 'credentials off, fetch with credentials: include',
    settings: (page) => ({ MIDDLEWARE: GOOD_MIDDLEWARE, CORS_ALLOWED_ORIGINS: [page] }),
    requests: (api) => [{ url: `${api}/api/items/`, credentials: 'include' }],
    expect: 'InvalidAllowCredentials',
  },
  {
    name: 'CORS_ALLOW_ALL_ORIGINS (sends *) with a credentialed fetch',
    settings: () => ({ MIDDLEWARE: GOOD_MIDDLEWARE, CORS_ALLOW_ALL_ORIGINS: true }),
    requests: (api) => [{ url: `${api}/api/items/`, credentials: 'include' }],
    expect: 'WildcardOriginNotAllowed',
  },
  {
    name: 'old CORS_ORIGIN_ALLOW_ALL with a credentialed fetch',
    settings: () => ({ MIDDLEWARE: GOOD_MIDDLEWARE, CORS_ORIGIN_ALLOW_ALL: true }),
    requests: (api) => [{ url: `${api}/api/items/`, credentials: 'include' }],
    expect: 'WildcardOriginNotAllowed',
  },
  {
    name: 'CommonMiddleware above CorsMiddleware, APPEND_SLASH, URL without slash',
    settings: (page) => ({ MIDDLEWARE: [COMMON, ...without(GOOD_MIDDLEWARE, COMMON)], CORS_ALLOWED_ORIGINS: [page], CORS_ALLOW_HEADERS: ['content-type', 'x-api-key'] }),
    requests: (api) => [{ url: `${api}/api/items`, headers: { 'X-Api-Key': 'k1' } }],
    expect: 'PreflightDisallowedRedirect',
  },
  {
    name: 'CommonMiddleware above CorsMiddleware: a simple GET without slash is redirected bare',
    settings: (page) => ({ MIDDLEWARE: [COMMON, ...without(GOOD_MIDDLEWARE, COMMON)], CORS_ALLOWED_ORIGINS: [page] }),
    requests: (api) => [{ url: `${api}/api/items` }],
    expect: 'MissingAllowOriginHeader',
  },
  {
    name: 'CORS_URLS_REGEX excludes /auth/',
    settings: (page) => ({ MIDDLEWARE: GOOD_MIDDLEWARE, CORS_ALLOWED_ORIGINS: [page], CORS_URLS_REGEX: '^/api/.*$' }),
    requests: (api) => [{ url: `${api}/api/items/` }, { url: `${api}/auth/me/` }],
    expect: 'MissingAllowOriginHeader',
  },
  {
    name: 'CorsMiddleware missing from MIDDLEWARE, DRF answers the preflight 401',
    settings: (page) => ({ MIDDLEWARE: without(GOOD_MIDDLEWARE, CORS), CORS_ALLOWED_ORIGINS: [page] }),
    requests: (api) => [{ url: `${api}/api/drf/`, method: 'PUT', headers: { Authorization: 'Token good', 'Content-Type': 'application/json' }, body: '{"a":1}' }],
    expect: 'PreflightMissingAllowOriginHeader',
  },
  {
    name: 'auth middleware above CorsMiddleware rejects the preflight',
    settings: (page) => ({ MIDDLEWARE: ['myproject.middleware.TokenRequiredMiddleware', ...GOOD_MIDDLEWARE], CORS_ALLOWED_ORIGINS: [page] }),
    requests: (api) => [{ url: `${api}/api/private/`, headers: { Authorization: 'Token good' } }],
    expect: 'PreflightMissingAllowOriginHeader',
  },
  {
    name: 'crashing middleware above CorsMiddleware: 500 without CORS headers',
    settings: (page) => ({ MIDDLEWARE: ['myproject.middleware.BoomMiddleware', ...GOOD_MIDDLEWARE], CORS_ALLOWED_ORIGINS: [page], DEBUG: false }),
    requests: (api) => [{ url: `${api}/api/boom/` }],
    expect: 'MissingAllowOriginHeader',
  },
  {
    name: 'everything at once: origin, credentials and a header missing',
    settings: () => ({ MIDDLEWARE: GOOD_MIDDLEWARE, CORS_ALLOWED_ORIGINS: ['https://app.example.com'] }),
    requests: (api) => [{ url: `${api}/api/items/1/`, method: 'PUT', credentials: 'include', headers: { 'X-Api-Key': 'k1', 'Content-Type': 'application/json' }, body: '{}' }],
    expect: 'PreflightMissingAllowOriginHeader',
  },
];

describe('django-cors-headers fixes on real Django + Chromium', () => {
  const browser = new BrowserHarness();
  let project: DjangoProject;
  const settingsRows: LoopRecord[] = [];
  const middlewareRows: LoopRecord[] = [];
  let csrfSource = 'not run';

  beforeAll(async () => {
    project = new DjangoProject();
    await browser.start();
  });
  afterAll(async () => {
    printTable('django-cors-headers settings fixes (Django 3.2, django-cors-headers 3.14, Chromium)', settingsRows);
    printTable('hand-written Django middleware fixes (rendered code pasted as myproject/cors.py)', middlewareRows);
    console.log(`CSRF follow-up diagnosed by: ${csrfSource}`);
    await browser.stop();
    await project?.close();
  });

  it.each(SCENARIOS.map((s) => [s.name, s] as const))('%s: blocked, fixed by the suggested change, no holes', async (_name, s) => {
    const page = browser.origin;
    const broken = s.settings(page);
    const server = await project.start(broken);
    let target: RequestSpec;
    let diagnosed;
    let beforeError: string | null;
    try {
      const specs = s.requests(server.url);
      target = specs[specs.length - 1]!;
      const cap = await browser.capture(specs);
      beforeError = oracleFor(cap, target.url)?.corsError ?? null;
      // The configuration really is broken, and the engine says exactly what Chrome says.
      expect(beforeError).toBe(s.expect);
      diagnosed = diagnoseCapture(cap, target.url, target.method ?? 'GET');
      expect(diagnosed.exchange.verdict).toBe('blocked');
      expect(diagnosed.exchange.corsError).toBe(beforeError);
    } finally {
      await server.stop();
    }

    // 1) django-cors-headers settings, 2) the hand-written middleware (its code pasted as a module).
    const row = await fixLoop(s, broken, page, 'django-cors-headers', diagnosed, beforeError);
    settingsRows.push(row);
    const mwRow = await fixLoop(s, broken, page, 'django-middleware', diagnosed, beforeError);
    middlewareRows.push(mwRow);
    expect(row.ok, `${s.name}: settings fix ${row.fix} → ${row.after}`).toBe(true);
    expect(mwRow.ok, `${s.name}: middleware fix → ${mwRow.after}`).toBe(true);
  });

  /**
   * Apply the flavour's fix, restart, replay. When the capture could not show everything (a failed
   * preflight hides the credentials mode), the next capture is diagnosed again: at most two rounds, and
   * a second round is only accepted if the first fix warned about exactly that.
   */
  async function fixLoop(s: Scenario, broken: DjangoSettings, page: string, flavour: 'django-cors-headers' | 'django-middleware', first: Diagnosed, before: string | null): Promise<LoopRecord> {
    let settings = broken;
    let d = first;
    const applied: string[] = [];
    let firstWarnings: string[] = [];
    for (let round = 1; round <= 2; round++) {
      const fix = fixFor(d, flavour);
      if (round === 1) firstWarnings = fix.warnings;
      expect(lintFix(fix, diagnose(d.exchange, { entries: d.entries })).filter(isBlocking)).toEqual([]);
      if (flavour === 'django-cors-headers') {
        expect(fix.changes.length).toBeGreaterThan(0);
        expectCodeMatchesChanges(fix.code, fix.changes as DjangoChange[]);
        settings = applyDjangoChanges(settings, fix.changes as DjangoChange[], '3');
        applied.push(JSON.stringify(fix.changes));
      } else {
        project.writeModule('myproject/cors.py', fix.code);
        settings = { ...broken, MIDDLEWARE: [CUSTOM_MIDDLEWARE_PATH, ...((broken.MIDDLEWARE as string[]) ?? []).filter((m) => m !== CORS)] };
        applied.push('myproject.cors.CorsMiddleware first');
      }
      const v = await verify(s, settings, page);
      const anticipated = round === 1 || firstWarnings.some((w) => /cannot show whether this request is sent with credentials/.test(w));
      if (v.ok || v.next === null || round === 2) {
        return { scenario: s.name, before: before ?? 'allowed', engine: '', fix: applied.join(' then '), after: v.after, holes: v.holes, ok: v.ok && anticipated, rounds: round };
      }
      d = v.next;
    }
    throw new Error('unreachable');
  }

  /**
   * The rendered settings.py excerpt, executed by Python (DEBUG=False, no environment), defines exactly
   * what applying the `changes` to empty settings gives: code and data never disagree.
   */
  function expectCodeMatchesChanges(code: string, changes: DjangoChange[]): void {
    const evaluated = project.evalSettingsSnippet(code);
    const expected = applyDjangoChanges({}, changes.filter((c) => c.op !== 'move-before' && c.op !== 'remove'), '3');
    for (const [name, value] of Object.entries(expected)) expect(evaluated[name], `${name} in\n${code}`).toEqual(value);
    if (changes.some((c) => c.op === 'move-before')) expect((evaluated.MIDDLEWARE as string[])[0]).toBe(CORS);
  }

  /** Restart with `settings`, replay the requests in Chromium, then scan the server for holes. */
  async function verify(s: Scenario, settings: DjangoSettings, page: string): Promise<{ ok: boolean; after: string; holes: number; next: Diagnosed | null }> {
    const server = await project.start(settings);
    try {
      const specs = s.requests(server.url);
      const cap = await browser.capture(specs);
      const failures = cap.oracle.filter((o) => o.errorText !== null);
      const target = specs[specs.length - 1]!;
      const last = cap.results[cap.results.length - 1];
      const scan = await scanForHoles(target.url, page, target.method ?? 'GET', Object.keys(target.headers ?? {}).join(',').toLowerCase());
      const allowedStill = scan.allowedAnswers.some((a) => a.acao === page);
      const ok = failures.length === 0 && cap.results.every((r) => r.ok) && scan.holes.length === 0 && allowedStill;
      const blocked = failures.find((f) => f.corsError !== null);
      return {
        ok,
        after: failures.length === 0 ? `allowed ${last?.status ?? ''}` : failures.map((f) => f.corsError ?? f.errorText).join(','),
        holes: scan.holes.length,
        next: blocked ? diagnoseCapture(cap, blocked.url, blocked.method) : null,
      };
    } finally {
      await server.stop();
    }
  }

  it('CSRF follow-up: a credentialed POST passes CORS, gets Django\'s 403, and the suggested change plus X-CSRFToken make it succeed', async () => {
    const page = browser.origin;
    const settings: DjangoSettings = { MIDDLEWARE: GOOD_MIDDLEWARE, CORS_ALLOWED_ORIGINS: [page], CORS_ALLOW_CREDENTIALS: true };
    const specs = (api: string, withToken: boolean): RequestSpec[] => [
      { url: `${api}/api/csrf/`, credentials: 'include' },
      { url: `${api}/api/session/`, method: 'POST', credentials: 'include', csrfFromCookie: withToken, ...JSON_BODY },
    ];
    const server = await project.start(settings);
    let d: Diagnosed;
    try {
      const cap = await browser.capture(specs(server.url, false));
      expect(cap.oracle.every((o) => o.corsError === null)).toBe(true);
      expect(cap.results[1]?.status).toBe(403);
      expect(cap.results[1]?.body).toMatch(/CSRF/);
      d = diagnoseCapture(cap, `${server.url}/api/session/`, 'POST');
    } finally {
      await server.stop();
    }
    expect(d.exchange.verdict).toBe('allowed');
    const findings = [...d.exchange.notCors, ...diagnoseFollowUps(d.exchange, d.entries)];
    expect(findings.map((f) => f.kind)).toContain('csrf');
    csrfSource = d.exchange.notCors.some((f) => f.kind === 'csrf') ? 'engine notCors' : 'diagnoseFollowUps (lint)';
    const fix = fixFor(d, 'django-cors-headers');
    expect(fix.changes).toContainEqual({ setting: 'CSRF_TRUSTED_ORIGINS', op: 'add', value: expect.stringContaining('127.0.0.1:') });
    expect(fix.warnings.join(' ')).toMatch(/X-CSRFToken/);
    const fixed = applyDjangoChanges(settings, fix.changes as DjangoChange[], '3');
    const again = await project.start(fixed);
    try {
      // The client half of the fix: send the csrftoken cookie's value as X-CSRFToken.
      const cap = await browser.capture(specs(again.url, true));
      expect(cap.oracle.every((o) => o.errorText === null)).toBe(true);
      expect(cap.results[1]?.status).toBe(200);
      expect(JSON.parse(cap.results[1]?.body ?? '{}')).toMatchObject({ ok: true, user: 'alice' });
    } finally {
      await again.stop();
    }
  });

  it('expose headers (not a block): the advisory makes X-Total-Count readable', async () => {
    const page = browser.origin;
    const settings: DjangoSettings = { MIDDLEWARE: GOOD_MIDDLEWARE, CORS_ALLOWED_ORIGINS: [page] };
    const spec = (api: string): RequestSpec[] => [{ url: `${api}/api/items/`, readHeader: 'X-Total-Count' }];
    const server = await project.start(settings);
    let advice;
    try {
      const cap = await browser.capture(spec(server.url));
      expect(cap.results[0]).toMatchObject({ ok: true, status: 200, header: null });
      const d = diagnoseCapture(cap, `${server.url}/api/items/`, 'GET');
      expect(d.exchange.verdict).toBe('allowed');
      expect(d.fixes).toEqual([]);
      advice = suggestAdvisories(d.exchange, { entries: d.entries });
    } finally {
      await server.stop();
    }
    const expose = advice.find((f) => f.changes.some((c) => (c as DjangoChange).setting === 'CORS_EXPOSE_HEADERS'));
    expect(expose?.changes).toEqual([{ setting: 'CORS_EXPOSE_HEADERS', op: 'add', value: 'x-total-count' }]);
    expectCodeMatchesChanges(expose!.code, expose!.changes as DjangoChange[]);
    const again = await project.start(applyDjangoChanges(settings, expose!.changes as DjangoChange[], '3'));
    try {
      const cap = await browser.capture(spec(again.url));
      expect(cap.results[0]).toMatchObject({ ok: true, status: 200, header: '42' });
    } finally {
      await again.stop();
    }
  });

  it('a trailing slash in CORS_ALLOWED_ORIGINS is refused by the system checks (corsheaders.E014), not at runtime', async () => {
    const page = browser.origin;
    await expect(project.start({ MIDDLEWARE: GOOD_MIDDLEWARE, CORS_ALLOWED_ORIGINS: [`${page}/`] })).rejects.toThrow(/corsheaders\.E014/);
  });
});
