// Differential test: the CORS Lens engine against real Chromium.
//
// One Chromium launch runs every lab scenario (scripts/lab/scenarios.mjs) with DevTools open and
// a test extension that reads chrome.devtools.network.getHAR(). A CDP session on the page is the
// ORACLE: Chromium's own corsErrorStatus, errorText and console line per request. For every
// scenario the engine's analysis of the extension's HAR must equal the oracle. Then the same HAR
// with every `_`-prefixed key removed (what other HAR writers give): the engine must either agree
// or say `unknown`, never give a wrong definite answer.
//
// CORS_LENS_WRITE_CAPTURE=1 also writes the capture to test/fixtures/captured/chromium-lab.json.

import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeHar, explainConsoleMessage } from '../../src/core/index.js';
import type { Analysis, Exchange } from '../../src/core/model.js';
import { scenarios } from '../../scripts/lab/scenarios.mjs';
import { captureChromiumLab, normalizeOracle, type Capture, type OracleRow } from './capture.mjs';
import { FIXTURE_PATH, fixtureFromCapture, type CapturedFixture } from './fixture.mjs';
import { clearlyDecidableWithoutUnderscoreFields, stripUnderscoreKeys } from './har-views.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const scenarioIds = scenarios.map((s) => s.id);

let capture: Capture;
/** Scenarios whose every request matched the oracle on the full HAR. */
const matchedScenarios = new Set<string>();
beforeAll(async () => {
  capture = await captureChromiumLab();
  if (process.env.CORS_LENS_WRITE_CAPTURE === '1') {
    const file = `${repoRoot}${FIXTURE_PATH}`;
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, `${JSON.stringify(fixtureFromCapture(capture), null, 1)}\n`);
  }
}, 240_000);

// Analyses are computed on first use so an engine crash fails the tests, not the hook.
let full: Analysis | undefined;
let bare: Analysis | undefined;
const fullAnalysis = (): Analysis => (full ??= analyzeHar(capture.har));
const bareAnalysis = (): Analysis => (bare ??= analyzeHar(stripUnderscoreKeys(capture.har)));

const rowsOf = (id: string): OracleRow[] => capture.oracle.filter((r) => r.scenarioId === id);
const exchangeAt = (analysis: Analysis, harIndex: number): Exchange | undefined => analysis.exchanges.find((e) => e.entry === harIndex);
const label = (row: OracleRow): string => `${row.scenarioId}${row.call ? ` (call ${row.call + 1})` : ''}`;

/** The part of an exchange the oracle can check. */
function engineView(ex: Exchange) {
  return {
    verdict: ex.verdict,
    corsError: ex.corsError,
    failedParameter: ex.failedParameter,
    preflightEntry: ex.preflightEntry,
    consoleMessage: ex.consoleMessage,
  };
}

/** What Chromium says the same fields must be. */
function oracleView(row: OracleRow) {
  const preflightIndexes = row.preflights.map((p) => p.harIndex);
  return {
    verdict: row.verdict,
    corsError: row.corsError,
    failedParameter: row.failedParameter,
    // The OPTIONS entry whose _initiator.requestId is this request (a redirected preflighted
    // request has one preflight per origin; either one may be reported).
    preflightEntry: preflightIndexes.length <= 1 ? (preflightIndexes[0] ?? null) : expect.toBeOneOf(preflightIndexes),
    // Chrome's CORS line exactly; when Chrome printed none, the engine may stay silent or quote
    // one of the lines Chrome did print for the request, but must not invent one.
    consoleMessage: row.corsConsoleMessage ?? expect.toBeOneOf([null, ...row.consoleMessages]),
  };
}

/** Entries of the HAR that belong to a scenario (by its `/s/<id>` path). */
function harEntriesOf(id: string): number[] {
  return capture.har.log.entries.flatMap((e, i) => (new URL(e.request.url).pathname.startsWith(`/s/${id}`) ? [i] : []));
}

describe('the lab covers the engine (sanity of the capture)', () => {
  it('captured every scenario, and every request the browser made is in the extension HAR', () => {
    expect(scenarioIds.length).toBeGreaterThanOrEqual(70);
    expect(new Set(capture.oracle.map((r) => r.scenarioId))).toEqual(new Set(scenarioIds));
    const lost = capture.oracle.filter((r) => r.cdpRequestId !== null && (r.harIndex === null || r.harHopIndexes.includes(-1)));
    expect(lost.map(label)).toEqual([]);
    const unpairedPreflights = capture.oracle.flatMap((r) => r.preflights.filter((p) => p.harIndex === null).map(() => label(r)));
    expect(unpairedPreflights).toEqual([]);
  });
});

/**
 * Scenarios whose extension HAR cannot tell Chromium's decision apart from another one, with why.
 * Kept as short as the facts allow; each entry is checked to stay ambiguous (unknown + alternatives).
 */
const AMBIGUOUS: Record<string, string> = {
  'redirect-mode-error':
    "fetch(…, {redirect: 'error'}) fails on a 302 whose CORS headers pass; the HAR (302, net::ERR_FAILED, no Cookie) is identical to a credentialed request failing Access-Control-Allow-Credentials on that 302",
};

describe('Chromium differential: the DevTools extension HAR', () => {
  it.each(scenarioIds)('%s', (id) => {
    const rows = rowsOf(id);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      if (row.cdpRequestId === null) {
        // Blink refused the request before the network (mode checks, CSP): nothing reaches the
        // HAR, so the engine cannot and must not report anything for it.
        expect(harEntriesOf(id), `${label(row)}: no HAR entry expected`).toEqual([]);
        expect(fullAnalysis().exchanges.filter((e) => e.url.includes(`/s/${id}`))).toEqual([]);
        continue;
      }
      expect(row.harIndex, `${label(row)}: the HAR entry of the request`).not.toBeNull();
      const ex = exchangeAt(fullAnalysis(), row.harIndex as number);
      expect(ex, `${label(row)}: the engine has no exchange for HAR entry ${row.harIndex}`).toBeDefined();
      const why = AMBIGUOUS[id];
      if (why) {
        // The HAR holds the same bytes for two different browser decisions: the engine must say
        // unknown and offer Chromium's real outcome among its alternatives — never a guess.
        expect((ex as Exchange).verdict, `${label(row)}: ${why}`).toBe('unknown');
        expect((ex as Exchange).alternatives, label(row)).toContainEqual(expect.objectContaining({ verdict: row.verdict, corsError: row.corsError }));
      } else {
        expect(engineView(ex as Exchange), label(row)).toEqual(oracleView(row));
      }
    }
    matchedScenarios.add(id);
  });
});

/** Tally of the stripped-HAR run, printed after the tests. */
const bareTally = { rows: 0, definite: 0, unknown: 0, mustStayDefinite: 0 };

describe('Chromium differential: the same HAR without `_` fields', () => {
  it.each(scenarioIds)('%s', (id) => {
    const rows = rowsOf(id).filter((r) => r.harIndex !== null);
    const stripped = stripUnderscoreKeys(capture.har);
    for (const row of rows) {
      const ex = exchangeAt(bareAnalysis(), row.harIndex as number);
      expect(ex, `${label(row)}: the engine has no exchange for HAR entry ${row.harIndex}`).toBeDefined();
      const { verdict, corsError } = ex as Exchange;
      bareTally.rows += 1;
      if (verdict === 'unknown') bareTally.unknown += 1;
      else bareTally.definite += 1;
      // Never a wrong definite answer: agree with Chromium, or say unknown.
      expect(verdict, `${label(row)}: verdict`).toBeOneOf([row.verdict, 'unknown']);
      if (verdict === 'blocked') expect(corsError, `${label(row)}: reason`).toBe(row.corsError);
      // Where the headers alone decide it, the engine must not give up.
      if (clearlyDecidableWithoutUnderscoreFields(row, stripped)) {
        bareTally.mustStayDefinite += 1;
        expect(verdict, `${label(row)}: decidable from headers alone`).not.toBe('unknown');
      }
    }
  });
});

describe("explainConsoleMessage reads every CORS line Chromium printed", () => {
  const linesOf = (id: string) => rowsOf(id).filter((r) => r.corsConsoleMessage !== null);
  it.each(scenarioIds)('%s', (id) => {
    const rows = linesOf(id);
    for (const row of rows) {
      const explained = explainConsoleMessage(row.corsConsoleMessage as string);
      // A console line cannot tell "no parameter" from an empty one, so compare '' and null alike.
      const orNull = (p: string | null) => (p === '' ? null : p);
      expect({ corsError: explained.corsError, failedParameter: orNull(explained.failedParameter) }, label(row)).toEqual({
        corsError: row.corsError,
        failedParameter: orNull(row.failedParameter),
      });
    }
    // A scenario without a CORS line must not carry a CORS error in the oracle either.
    for (const row of rowsOf(id).filter((r) => r.corsConsoleMessage === null)) expect(row.corsError, label(row)).toBeNull();
  });
});

describe('the oracle is stable', () => {
  it('equals the committed capture (same Chromium build) or at least covers the same scenarios', async () => {
    const fixture = JSON.parse(await readFile(`${repoRoot}${FIXTURE_PATH}`, 'utf8')) as CapturedFixture;
    const committedIds = fixture.scenarios.map((s) => s.id);
    expect(committedIds, 'the committed capture is out of date: run `node scripts/lab/capture.mjs`').toEqual(scenarioIds);
    if (fixture.chromium === capture.chromium) {
      expect(normalizeOracle(capture.oracle, capture.lab.placeholders)).toEqual(normalizeOracle(fixture.oracle, fixture.lab.placeholders));
    } else {
      // Another Chromium build: the behaviour may legitimately differ; re-capture to compare.
      console.warn(`Chromium ${capture.chromium} differs from the committed capture (${fixture.chromium}); re-run scripts/lab/capture.mjs.`);
      expect(fixture.oracle.length).toBeGreaterThanOrEqual(scenarioIds.length);
    }
  });
});

afterAll(() => {
  if (!capture) return;
  console.info(
    `[differential] ${capture.chromium}: ${scenarioIds.length} scenarios, ${capture.oracle.length} requests, capture ${capture.wallMs} ms; ` +
      `engine matched Chromium on ${matchedScenarios.size}/${scenarioIds.length} scenarios; without _ fields: ` +
      `${bareTally.definite}/${bareTally.rows} definite, ${bareTally.unknown} unknown, ${bareTally.mustStayDefinite} required definite.`,
  );
});
