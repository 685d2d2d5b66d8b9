/**
 * `cors-lens report <file.har> [--entry N] [--format md|jira|json|har] [--no-redact] [--out FILE]`
 *
 * Writes a ticket-ready, redacted report of one exchange. Without `--entry`, the first exchange
 * the browser blocked. Exit codes: 0 written, 1 nothing to report (no blocked exchange),
 * 2 bad usage or input (unknown option, unreadable or invalid HAR, an entry index that does not
 * exist or is not a request). Every error is one line on stderr.
 */
import { writeFileSync } from 'node:fs';
import { analyzeHar, parseHarText } from '../core/index.js';
import type { Analysis, Exchange } from '../core/model.js';
import { NO_REDACTION, REPORT_FORMATS, renderReport, type ReportFormat } from '../core/report/index.js';
import type { JsonObject, ReportFix } from '../core/report/types.js';

export interface ReportIo {
  stdout(s: string): void;
  stderr(s: string): void;
  readFile(path: string): string;
  /** Used by `--out`; defaults to Node's `fs.writeFileSync`. */
  writeFile?(path: string, data: string): void;
}

export interface ReportDeps {
  /** Suggested fixes for the exchange (wired to `src/core/fixes` by the CLI entry point). */
  fixesFor?(exchange: Exchange, analysis: Analysis, har: unknown): ReportFix[];
  /** Written into the mini-HAR's `log.creator.version`. */
  toolVersion?: string;
}

export const EXIT_OK = 0;
export const EXIT_NOTHING_TO_REPORT = 1;
export const EXIT_BAD_INPUT = 2;

export const REPORT_USAGE = 'usage: cors-lens report <file.har> [--entry N] [--format md|jira|json|har] [--no-redact] [--out FILE]';

const HELP = `${REPORT_USAGE}

Writes a redacted report of one request exchange (preflight, request, redirects) for a ticket.
  --entry N      the exchange that contains log.entries[N] (0-based); default: the first blocked one
  --format F     md (GitHub Markdown, default), jira (Jira wiki markup), json, har (mini-HAR)
  --no-redact    keep cookies, tokens, secret headers, query parameters and bodies (careful)
  --out FILE     write to FILE instead of standard output
Exit codes: 0 written, 1 no blocked exchange to report, 2 bad usage, bad input or bad entry index.
`;

interface Args {
  file: string;
  entry: number | null;
  format: ReportFormat;
  redact: boolean;
  out: string | null;
  help: boolean;
}

class UsageError extends Error {}

function parseArgs(argv: string[]): Args {
  const args: Args = { file: '', entry: null, format: 'md', redact: true, out: null, help: false };
  const files: string[] = [];
  const value = (i: number, flag: string): string => {
    const v = argv[i + 1];
    if (v === undefined || v === '') throw new UsageError(`${flag} needs a value`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    let a = argv[i]!;
    let inline: string | undefined;
    const eq = a.startsWith('--') ? a.indexOf('=') : -1;
    if (eq > 0) {
      inline = a.slice(eq + 1);
      a = a.slice(0, eq);
    }
    const take = (flag: string): string => {
      if (inline !== undefined) return inline;
      const v = value(i, flag);
      i++;
      return v;
    };
    switch (a) {
      case '-h':
      case '--help':
        args.help = true;
        break;
      case '--entry': {
        const v = take('--entry');
        if (!/^\d+$/.test(v)) throw new UsageError(`--entry needs a non-negative integer, got "${v}"`);
        args.entry = Number(v);
        break;
      }
      case '--format': {
        const v = take('--format').toLowerCase();
        const f = v === 'markdown' ? 'md' : v;
        if (!(REPORT_FORMATS as readonly string[]).includes(f)) throw new UsageError(`--format must be one of ${REPORT_FORMATS.join(', ')}, got "${v}"`);
        args.format = f as ReportFormat;
        break;
      }
      case '--no-redact':
        args.redact = false;
        break;
      case '-o':
      case '--out':
        args.out = take('--out');
        break;
      default:
        if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option ${a}`);
        files.push(a);
    }
  }
  if (!args.help) {
    if (files.length === 0) throw new UsageError('missing the HAR file');
    if (files.length > 1) throw new UsageError(`expected one HAR file, got ${files.length}`);
    args.file = files[0]!;
  }
  return args;
}

function oneLine(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  return msg.split('\n')[0] ?? '';
}

/**
 * The exchange that holds `log.entries[index]` as its request, preflight or redirect hop.
 * A later hop of a redirect chain is reported with its chain (the exchange of the first request).
 */
function exchangeForEntry(analysis: Analysis, index: number): Exchange | undefined {
  const own =
    analysis.exchanges.find((x) => x.entry === index) ??
    analysis.exchanges.find((x) => x.preflightEntry === index || x.redirects.some((r) => r.entry === index));
  if (own && own.redirectOf !== null && own.redirectOf !== undefined) {
    return analysis.exchanges.find((x) => x.entry === own.redirectOf) ?? own;
  }
  return own;
}

export function runReport(argv: string[], io: ReportIo, deps: ReportDeps = {}): number {
  const fail = (code: number, msg: string): number => {
    io.stderr(`cors-lens report: ${msg}\n`);
    return code;
  };
  let args: Args;
  try {
    args = parseArgs(argv);
  } catch (e) {
    return fail(EXIT_BAD_INPUT, `${oneLine(e)}; ${REPORT_USAGE}`);
  }
  if (args.help) {
    io.stdout(HELP);
    return EXIT_OK;
  }

  let text: string;
  try {
    text = io.readFile(args.file);
  } catch (e) {
    return fail(EXIT_BAD_INPUT, `cannot read ${args.file}: ${oneLine(e)}`);
  }

  let har: unknown;
  let analysis: Analysis;
  try {
    har = parseHarText(text);
    analysis = analyzeHar(har as object);
  } catch (e) {
    return fail(EXIT_BAD_INPUT, `${args.file}: ${oneLine(e)}`);
  }

  let exchange: Exchange | undefined;
  if (args.entry !== null) {
    const count = analysis.entryCount;
    if (args.entry >= count) {
      return fail(EXIT_BAD_INPUT, `entry ${args.entry} does not exist: ${args.file} has ${count} entr${count === 1 ? 'y' : 'ies'}${count > 0 ? ` (0-${count - 1})` : ''}`);
    }
    exchange = exchangeForEntry(analysis, args.entry);
    if (!exchange) {
      const why = analysis.preflightEntries.includes(args.entry) ? 'an unpaired preflight' : 'not a request CORS Lens could analyse';
      return fail(EXIT_BAD_INPUT, `entry ${args.entry} is ${why}; pick the entry of a request`);
    }
  } else {
    const blocked = analysis.exchanges.filter((x) => x.verdict === 'blocked' && (x.redirectOf === null || x.redirectOf === undefined));
    exchange = blocked[0];
    if (!exchange) {
      const n = analysis.exchanges.length;
      return fail(EXIT_NOTHING_TO_REPORT, `no blocked exchange in ${args.file} (${n} exchange${n === 1 ? '' : 's'} analysed); use --entry N to report another one`);
    }
    if (blocked.length > 1) {
      io.stderr(`cors-lens report: reporting the first of ${blocked.length} blocked exchanges (entry ${exchange.entry}); use --entry N for another\n`);
    }
  }

  let output: string;
  try {
    const fixes = deps.fixesFor ? deps.fixesFor(exchange, analysis, har) : [];
    output = renderReport(
      { exchange, har: har as JsonObject, fixes },
      { format: args.format, redaction: args.redact ? null : NO_REDACTION, ...(deps.toolVersion ? { toolVersion: deps.toolVersion } : {}) },
    ).text;
  } catch (e) {
    return fail(EXIT_BAD_INPUT, `could not build the report: ${oneLine(e)}`);
  }
  if (!args.redact) io.stderr('cors-lens report: redaction is off; the report may contain secrets\n');

  if (args.out !== null) {
    try {
      (io.writeFile ?? ((p: string, d: string) => writeFileSync(p, d, 'utf8')))(args.out, output);
    } catch (e) {
      return fail(EXIT_BAD_INPUT, `cannot write ${args.out}: ${oneLine(e)}`);
    }
    io.stderr(`cors-lens report: wrote ${args.out} (${args.format}, entry ${exchange.entry})\n`);
  } else {
    io.stdout(output);
  }
  return EXIT_OK;
}
