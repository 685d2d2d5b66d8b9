#!/usr/bin/env node
// Captures the CORS lab in real Chromium and writes test/fixtures/captured/chromium-lab.json:
// the HAR a DevTools extension sees plus the CDP oracle (Chromium's own verdict per request).
//
//   node scripts/lab/capture.mjs            write the fixture and print the oracle table
//   node scripts/lab/capture.mjs --print    print the oracle table only
//   node scripts/lab/capture.mjs --only a,b capture only these scenario ids (implies --print)
//   CORS_LENS_LAB_TIMING=1 …               also print how long each scenario took

import { writeFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { captureChromiumLab } from '../../test/browser/capture.mjs';
import { scenarios } from './scenarios.mjs';
import { fixtureFromCapture, FIXTURE_PATH } from '../../test/browser/fixture.mjs';

const args = process.argv.slice(2);
const onlyIndex = args.indexOf('--only');
const only = onlyIndex >= 0 ? (args[onlyIndex + 1] ?? '').split(',').filter(Boolean) : null;
const printOnly = args.includes('--print') || only !== null;

const capture = await captureChromiumLab({
  scenarioIds: only ?? scenarios.map((s) => s.id),
  log: (line) => process.stderr.write(`${line}\n`),
});

const expectById = new Map(scenarios.map((s) => [s.id, s.expect]));
for (const row of capture.oracle) {
  const what = row.corsError ? `${row.corsError}${row.failedParameter ? ` [${row.failedParameter}]` : ''}` : row.verdict;
  const extra = row.errorText && !row.corsError ? ` ${row.errorText}${row.blockedReason ? ` (${row.blockedReason})` : ''}` : '';
  process.stdout.write(`${row.scenarioId}${row.call ? `#${row.call + 1}` : ''}\t${what}${extra}\tpreflights=${row.preflights.length}\texpect=${expectById.get(row.scenarioId)}\n`);
  for (const line of row.consoleMessages) process.stdout.write(`    ${line}\n`);
}
process.stderr.write(`${capture.chromium}: ${capture.oracle.length} oracle rows, ${capture.har.log.entries.length} HAR entries, ${capture.wallMs} ms\n`);

if (!printOnly) {
  const file = fileURLToPath(new URL(`../../${FIXTURE_PATH}`, import.meta.url));
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(fixtureFromCapture(capture), null, 1)}\n`);
  process.stderr.write(`wrote ${FIXTURE_PATH}\n`);
}
