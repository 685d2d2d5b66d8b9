import { readFileSync } from 'node:fs';
import { runAnalyze } from './analyze.js';
import { runExplain } from './explain.js';
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
      const mod = await loadReport();
      if (!mod) {
        io.stderr('cors-lens: report is not available in this build\n');
        return EXIT.usage;
      }
      return mod(rest, io);
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

async function loadReport(): Promise<Command | null> {
  const mod = (await import('./report.js').catch(() => null)) as { runReport?: Command } | null;
  return mod?.runReport ?? null;
}

async function loadFixExtras() {
  const mod = (await import('./fix-extras.js').catch(() => null)) as { fixExtras?: Parameters<typeof runAnalyze>[2] } | null;
  return mod?.fixExtras;
}
