// npm run bench — figures measured in this one run, printed as ratios.
// 1. Engine: analyzing a generated 20 000-entry HAR vs JSON.parse of the same text.
// 2. The panel's figures (bench/panel.mjs), when the extension has been built.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { analyzeHar } from '../dist/core/cors-lens-core.mjs';
import { generateHar } from './generate-har.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const N = 20_000;
const text = JSON.stringify(generateHar(N));
const mib = (b) => `${(b / 1024 / 1024).toFixed(1)} MiB`;

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}
function time(fn, runs) {
  const out = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    fn();
    out.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return median(out);
}

// Warm up both paths, then interleave so both see the same machine state.
for (let i = 0; i < 3; i++) { JSON.parse(text); analyzeHar(text); }
const runs = 9;
const parseMs = [];
const totalMs = [];
const engineMs = [];
for (let i = 0; i < runs; i++) {
  parseMs.push(time(() => JSON.parse(text), 1));
  totalMs.push(time(() => analyzeHar(text), 1));
  const obj = JSON.parse(text);
  engineMs.push(time(() => analyzeHar(obj), 1));
}
const p = median(parseMs);
const t = median(totalMs);
const en = median(engineMs);

const before = process.memoryUsage();
const a = analyzeHar(text);
const after = process.memoryUsage();

console.log(`engine: ${N} entries, ${mib(text.length)} of HAR text (${(text.length / N / 1024).toFixed(1)} KB/entry; real DevTools exports in shared/har-samples: 3.9–71 KB/entry), ${a.exchanges.length} exchanges (${a.exchanges.filter((x) => x.verdict === 'blocked').length} blocked, ${a.preflightEntries.length} preflights)`);
console.log(`engine: JSON.parse ${p.toFixed(1)} ms; analyzeHar(text) ${t.toFixed(1)} ms (parse included); analysis alone ${en.toFixed(1)} ms (median of ${runs})`);
console.log(`engine: ratio analysis / JSON.parse = ${(en / p).toFixed(2)}x (target <= 1.30x: analyzing the parsed HAR costs at most 1.3 parses)`);
console.log(`engine: ratio analyzeHar(text) / JSON.parse = ${(t / p).toFixed(2)}x (parse + analysis, what loading a HAR file costs)`);
console.log(`engine: peak memory rss ${mib(Math.max(before.rss, after.rss))}, heap used ${mib(after.heapUsed)} after analysis`);
if (en / p > 1.3) process.exitCode = 1;

const panelBench = join(ROOT, 'bench/panel.mjs');
if (existsSync(panelBench)) {
  const r = spawnSync(process.execPath, [panelBench], { stdio: 'inherit', cwd: ROOT });
  if (r.status) process.exitCode = r.status;
}
