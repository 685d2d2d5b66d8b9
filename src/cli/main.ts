import { readFileSync } from 'node:fs';
import { runAnalyze } from './analyze.js';
import { runExplain } from './explain.js';
import { runReport } from './report.js';
import type { Fix } from '../core/fixes/index.js';
import { EXIT, type CliIo } from './io.js';

const USAGE = `cors-lens — explains why the browser blocked a cross-origin request

Usage:
  cors-lens analyze <file.har> [--json] [--fail-on-blocked] [--all]
  cors-lens explain "<console message>" [--json]
  cors-lens report <file.har> [--entry N] [--format md|jira|json|har] [--no-redact] [--out FILE]

Exit codes: 0 the analysis ran; 1 --fail-on-blocked and something was blocked (report: nothing to report);
2 unusable input or usage error (one line on stderr).
`;

/** Size guard: a HAR over this is refused with one line instead of exhausting memory. */
const MAX_BYTES = 512 * 1024 * 1024;

export const nodeIo: CliIo = {
  stdout: (s) => void process.stdout.write(s),
  stderr: (s) => void process.stderr.write(s),
  readFile: (p) => {
    const buf = readFileSync(p);
    if (buf.length > MAX_BYTES) throw Object.assign(new Error('file too large'), { code: `file is over ${MAX_BYTES / 1024 / 1024} MiB` });
    return buf.toString('utf8');
  },
};

export type Command = (argv: string[], io: CliIo) => number;

export async function main(argv: string[], io: CliIo = nodeIo): Promise<number> {
  const [cmd, ...rest] = argv;
  switch (cmd) {
    case 'analyze':
      return runAnalyze(rest, io, await loadFixExtras());
    case 'explain':
      return runExplain(rest, io);
    case 'report': {
      // A ticket carries the fix for the detected (likeliest) server only.
      const fixes = await loadFixExtras();
      return runReport(rest, io, fixes ? { fixesFor: (ex, a, har) => ((fixes(ex, a, har).fixes as Fix[]) ?? []).slice(0, 1) } : {});
    }
    case undefined:
    case '-h':
    case '--help':
    case 'help':
      io.stdout(USAGE);
      return cmd === undefined ? EXIT.usage : EXIT.ok;
    default:
      io.stderr(`cors-lens: unknown command '${cmd}' (try: cors-lens --help)\n`);
      return EXIT.usage;
  }
}

async function loadFixExtras() {
  return (await import('./fix-extras.js')).fixExtras;
}
