// The committed capture (test/fixtures/captured/chromium-lab.json) is internally consistent and
// up to date with the scenario table, so the engine's offline tests can rely on it.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { scenarios } from '../../scripts/lab/scenarios.mjs';
import { FIXTURE_PATH, type CapturedFixture } from './fixture.mjs';

const fixture = JSON.parse(readFileSync(fileURLToPath(new URL(`../../${FIXTURE_PATH}`, import.meta.url)), 'utf8')) as CapturedFixture;
const entries = fixture.har.log.entries;

/** CorsError values this lab must reach in real Chromium (every one reachable on loopback). */
const REACHABLE = [
  'MissingAllowOriginHeader', 'AllowOriginMismatch', 'MultipleAllowOriginValues', 'InvalidAllowOriginValue',
  'WildcardOriginNotAllowed', 'InvalidAllowCredentials',
  'PreflightMissingAllowOriginHeader', 'PreflightAllowOriginMismatch', 'PreflightMultipleAllowOriginValues',
  'PreflightInvalidAllowOriginValue', 'PreflightWildcardOriginNotAllowed', 'PreflightInvalidAllowCredentials',
  'PreflightInvalidStatus', 'PreflightDisallowedRedirect',
  'InvalidAllowMethodsPreflightResponse', 'InvalidAllowHeadersPreflightResponse',
  'MethodDisallowedByPreflightResponse', 'HeaderDisallowedByPreflightResponse',
  'RedirectContainsCredentials', 'DisallowedByMode', 'NoCorsRedirectModeNotFollow', 'CorsDisabledScheme',
];

describe('the committed Chromium capture', () => {
  it('names the Chromium build and covers the current scenario table', () => {
    expect(fixture.chromium).toMatch(/^(Headless)?Chrome\/\d+\.\d+\.\d+\.\d+$/);
    expect(fixture.scenarios.map((s) => s.id), 'out of date: run `node scripts/lab/capture.mjs`').toEqual(scenarios.map((s) => s.id));
    expect(new Set(fixture.oracle.map((r) => r.scenarioId))).toEqual(new Set(scenarios.map((s) => s.id)));
  });

  it('reaches every CORS error that loopback can produce', () => {
    const seen = new Set(fixture.oracle.map((r) => r.corsError).filter(Boolean));
    expect(REACHABLE.filter((e) => !seen.has(e))).toEqual([]);
  });

  it('ties every oracle row to its HAR entries (method and URL of every hop)', () => {
    for (const row of fixture.oracle.filter((r) => r.cdpRequestId !== null)) {
      expect(row.harHopIndexes, row.scenarioId).toHaveLength(row.hops.length);
      row.hops.forEach((hop, i) => {
        const entry = entries[row.harHopIndexes[i] ?? -1];
        expect(entry?.request.method, `${row.scenarioId} hop ${i}`).toBe(hop.method);
        expect(entry?.request.url, `${row.scenarioId} hop ${i}`).toBe(hop.url);
      });
      expect(row.harIndex).toBe(row.harHopIndexes[0]);
    }
  });

  it('pairs every preflight through _initiator.requestId', () => {
    const pairedCount = fixture.oracle.reduce((n, r) => n + r.preflights.length, 0);
    expect(pairedCount).toBeGreaterThan(50);
    for (const row of fixture.oracle) {
      for (const p of row.preflights) {
        const entry = entries[p.harIndex ?? -1] as (typeof entries)[number] & { _initiator?: { type?: string; requestId?: string } };
        expect(entry?.request.method, row.scenarioId).toBe('OPTIONS');
        expect(entry?._initiator?.type).toBe('preflight');
        expect(entry?._initiator?.requestId).toBe(row.cdpRequestId);
      }
    }
  });

  it('says blocked exactly when Chromium reported a CORS error, with its console line', () => {
    for (const row of fixture.oracle) {
      expect(row.verdict === 'blocked', row.scenarioId).toBe(row.corsError !== null);
      if (row.corsError) {
        expect(row.corsConsoleMessage, row.scenarioId).not.toBeNull();
        expect(row.failedParameter, row.scenarioId).not.toBeNull();
      } else {
        expect(row.failedParameter, row.scenarioId).toBeNull();
      }
    }
  });

  it('keeps the page-origin requests apart as same-origin and the rest as cross-origin', () => {
    const sameOrigin = fixture.oracle.filter((r) => r.verdict === 'same-origin').map((r) => r.scenarioId);
    expect(sameOrigin).toEqual(['same-origin-get']);
    const repeated = fixture.oracle.filter((r) => r.scenarioId === 'success-cached-preflight');
    expect(repeated.map((r) => r.preflights.length)).toEqual([1, 0]);
  });
});
