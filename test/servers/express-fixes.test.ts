import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CorsError } from '../../src/core/model.js';
import type { OptionChange } from '../../src/core/fixes/types.js';
import { diagnose } from '../../src/core/fixes/diagnose.js';
import { lintFix } from '../../src/core/lint/fix.js';
import { isBlocking } from '../../src/core/lint/types.js';
import { BrowserHarness, type RequestSpec } from './helpers/browser.js';
import { applyExpressChanges, startExpress, type ExpressConfig } from './helpers/express-app.js';
import { clientSpecs, diagnoseCapture, fixFor, oracleFor, printTable, type LoopRecord } from './helpers/loop.js';
import { scanForHoles } from './helpers/scanner.js';

/**
 * Closed loop on real Express 5 + the real `cors` package: a single origin string, a trailing slash,
 * "*" with credentials, missing methods/headers/credentials, cors() mounted after auth. Chrome blocks →
 * HAR → analyzeHar → the Express fix's `changes` applied to the cors() options → restart → allowed,
 * and no foreign origin is echoed.
 */

interface Scenario {
  name: string;
  config: (page: string) => ExpressConfig;
  requests: (api: string) => RequestSpec[];
  expect: CorsError;
}

const JSON_BODY = { headers: { 'Content-Type': 'application/json' }, body: '{}' };
const first = (cors: ExpressConfig['cors']): ExpressConfig => ({ cors, order: ['cors', 'auth'] });

const SCENARIOS: Scenario[] = [
  { name: 'origin is one string for another site', config: () => first({ origin: 'https://app.example.com' }), requests: (a) => [{ url: `${a}/api/items` }], expect: 'AllowOriginMismatch' },
  { name: 'origin string with a trailing slash', config: (p) => first({ origin: `${p}/` }), requests: (a) => [{ url: `${a}/api/items` }], expect: 'AllowOriginMismatch' },
  { name: 'origin list without the page', config: () => first({ origin: ['https://app.example.com'] }), requests: (a) => [{ url: `${a}/api/items` }], expect: 'MissingAllowOriginHeader' },
  { name: 'origin list entry with a trailing slash', config: (p) => first({ origin: [`${p}/`] }), requests: (a) => [{ url: `${a}/api/items`, method: 'POST', ...JSON_BODY }], expect: 'PreflightMissingAllowOriginHeader' },
  { name: 'origin "*" with credentials: true, credentialed fetch', config: () => first({ origin: '*', credentials: true }), requests: (a) => [{ url: `${a}/api/items`, credentials: 'include' }], expect: 'WildcardOriginNotAllowed' },
  { name: 'credentials option missing, credentialed fetch', config: (p) => first({ origin: [p] }), requests: (a) => [{ url: `${a}/api/items`, credentials: 'include' }], expect: 'InvalidAllowCredentials' },
  { name: 'methods without PUT', config: (p) => first({ origin: [p], methods: ['GET', 'POST'] }), requests: (a) => [{ url: `${a}/api/items/1`, method: 'PUT', ...JSON_BODY }], expect: 'MethodDisallowedByPreflightResponse' },
  { name: "fetch sends lower-case 'patch'", config: (p) => first({ origin: [p] }), requests: (a) => [{ url: `${a}/api/items/1`, method: 'patch', ...JSON_BODY }], expect: 'MethodDisallowedByPreflightResponse' },
  { name: 'allowedHeaders without X-Api-Key', config: (p) => first({ origin: [p], allowedHeaders: ['Content-Type'] }), requests: (a) => [{ url: `${a}/api/items`, headers: { 'X-Api-Key': 'k1' } }], expect: 'HeaderDisallowedByPreflightResponse' },
  { name: 'cors() mounted after the auth middleware', config: (p) => ({ cors: { origin: [p] }, order: ['auth', 'cors'] }), requests: (a) => [{ url: `${a}/api/private`, headers: { Authorization: 'Bearer t' } }], expect: 'PreflightMissingAllowOriginHeader' },
];

describe('Express cors fixes on real Express + Chromium', () => {
  const browser = new BrowserHarness();
  const rows: LoopRecord[] = [];
  beforeAll(async () => {
    await browser.start();
  });
  afterAll(async () => {
    printTable('Express cors fixes (Express 5, cors 2.8, Chromium)', rows);
    await browser.stop();
  });

  it.each(SCENARIOS.map((s) => [s.name, s] as const))('%s: blocked, fixed by the cors() change, no holes', async (_name, s) => {
    const page = browser.origin;
    const broken = s.config(page);
    const server = await startExpress(broken);
    let diagnosed;
    let before: string | null;
    try {
      const specs = s.requests(server.url);
      const target = specs[specs.length - 1]!;
      const cap = await browser.capture(specs);
      before = oracleFor(cap, target.url)?.corsError ?? null;
      expect(before).toBe(s.expect);
      diagnosed = diagnoseCapture(cap, target.url, target.method ?? 'GET');
      expect(diagnosed.exchange.corsError).toBe(before);
      expect(diagnosed.fixes[0]?.server, 'X-Powered-By: Express puts the Express fix first').toBe('express');
    } finally {
      await server.stop();
    }
    const fix = fixFor(diagnosed, 'express');
    expect(lintFix(fix, diagnose(diagnosed.exchange, { entries: diagnosed.entries })).filter(isBlocking)).toEqual([]);
    const fixedConfig = applyExpressChanges(broken, fix.changes as OptionChange[]);
    const fixed = await startExpress(fixedConfig);
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
        fix: JSON.stringify(fix.changes),
        after: failures.length === 0 ? `allowed ${cap.results[cap.results.length - 1]?.status ?? ''}` : failures.map((f) => f.corsError ?? f.errorText).join(','),
        holes: scan.holes.length,
        ok,
        rounds: 1,
      });
      expect(ok, `${s.name}: ${JSON.stringify(fix.changes)} → ${JSON.stringify(fixedConfig)} ${JSON.stringify(failures)} holes=${JSON.stringify(scan.holes)}`).toBe(true);
    } finally {
      await fixed.stop();
    }
  });
});
