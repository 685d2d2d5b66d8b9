import { analyzeHar, HarInputError, REASONS, type Analysis, type Exchange } from '../core/index.js';
import { EXIT, oneLine, type CliIo } from './io.js';

/** Optional extra per blocked exchange in `--json` (the fix engine plugs in here). */
export type ExchangeExtras = (ex: Exchange, analysis: Analysis, har: unknown) => Record<string, unknown>;

export function runAnalyze(argv: string[], io: CliIo, extras?: ExchangeExtras): number {
  const flags = new Set(argv.filter((a) => a.startsWith('--')));
  const files = argv.filter((a) => !a.startsWith('--'));
  const unknownFlag = [...flags].find((f) => !['--json', '--fail-on-blocked', '--all'].includes(f));
  if (unknownFlag) {
    io.stderr(`cors-lens: unknown option ${unknownFlag}\n`);
    return EXIT.usage;
  }
  if (files.length !== 1) {
    io.stderr('cors-lens: usage: cors-lens analyze <file.har> [--json] [--fail-on-blocked] [--all]\n');
    return EXIT.usage;
  }
  const file = files[0] as string;
  let text: string;
  try {
    text = io.readFile(file);
  } catch (e) {
    io.stderr(`cors-lens: cannot read ${file}: ${oneLine((e as NodeJS.ErrnoException).code ?? (e as Error).message)}\n`);
    return EXIT.usage;
  }
  let analysis: Analysis;
  let har: unknown;
  try {
    har = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    har = text; // analyzeHar gives the precise one-line error (and reads JSONP-wrapped .harp)
  }
  try {
    analysis = analyzeHar(har as string | object);
  } catch (e) {
    if (e instanceof HarInputError) {
      io.stderr(`cors-lens: ${file}: ${oneLine(e.message)}\n`);
      return EXIT.usage;
    }
    throw e;
  }
  if (flags.has('--json')) {
    const exchanges = analysis.exchanges.map((ex) => ({
      entry: ex.entry,
      preflightEntry: ex.preflightEntry,
      method: ex.method,
      url: ex.url,
      origin: ex.origin,
      verdict: ex.verdict,
      corsError: ex.corsError,
      failedParameter: ex.failedParameter,
      consoleMessage: ex.consoleMessage,
      redirectOf: ex.redirectOf,
      finalUrl: ex.finalUrl,
      resourceKind: ex.resourceKind,
      credentials: ex.credentials,
      preflight: ex.preflight,
      redirects: ex.redirects,
      browsers: ex.browsers,
      disagree: ex.disagree,
      missing: ex.missing,
      alternatives: ex.alternatives,
      notCors: ex.notCors,
      notes: ex.notes,
      opaque: ex.opaque,
      ...(extras && ex.verdict === 'blocked' ? extras(ex, analysis, har) : {}),
    }));
    io.stdout(`${JSON.stringify({ source: analysis.source, entryCount: analysis.entryCount, warnings: analysis.warnings, exchanges }, null, 2)}\n`);
  } else {
    const fixesOf = (ex: Exchange) => (extras ? (extras(ex, analysis, har).fixes as TextFix[] | undefined) ?? [] : []);
    io.stdout(renderText(analysis, flags.has('--all'), fixesOf));
  }
  const blocked = analysis.exchanges.some((e) => e.verdict === 'blocked');
  return flags.has('--fail-on-blocked') && blocked ? EXIT.blocked : EXIT.ok;
}

const BADGE: Record<Exchange['verdict'], string> = {
  allowed: 'allowed', blocked: 'BLOCKED', 'network-error': 'net-error', 'same-origin': 'same-orig', unknown: 'unknown',
};

/** The part of a server fix the text report prints. */
interface TextFix {
  server: string;
  title: string;
  code: string;
  warnings: string[];
}

/** One line per exchange, then a section for each blocked (or undecidable cross-origin) one. */
export function renderText(a: Analysis, all: boolean, fixesOf: (ex: Exchange) => TextFix[] = () => []): string {
  const out: string[] = [];
  const shown = a.exchanges.filter((e) => e.redirectOf === null);
  const counts = new Map<string, number>();
  for (const e of shown) counts.set(e.verdict, (counts.get(e.verdict) ?? 0) + 1);
  out.push(`${shown.length} requests (${[...counts].map(([k, n]) => `${n} ${k}`).join(', ') || 'none'}) — source: ${a.source}, ${a.entryCount} HAR entries, ${a.preflightEntries.length} preflights`);
  for (const w of a.warnings.slice(0, 5)) out.push(`warning: ${w}`);
  if (a.warnings.length > 5) out.push(`warning: … and ${a.warnings.length - 5} more`);
  out.push('');
  const list = all ? shown : shown.filter((e) => e.verdict !== 'same-origin');
  for (const e of list) {
    const reason = e.corsError ?? (e.verdict === 'network-error' ? e.notCors[0]?.kind ?? '' : e.verdict === 'unknown' ? 'see below' : '');
    out.push(`#${String(e.entry).padEnd(5)} ${BADGE[e.verdict].padEnd(9)} ${e.method.padEnd(7)} ${truncate(e.url, 90)}${e.preflightEntry !== null ? ' + preflight' : ''}${reason ? `  ${reason}` : ''}`);
  }
  if (!all && list.length < shown.length) out.push(`(${shown.length - list.length} same-origin requests hidden; --all shows them)`);
  for (const e of shown.filter((x) => x.verdict === 'blocked' || (x.verdict === 'unknown' && x.missing.length > 0))) {
    out.push('', `── #${e.entry} ${e.method} ${e.url}`);
    if (e.verdict === 'blocked' && e.corsError) {
      const r = REASONS[e.corsError];
      out.push(`Blocked: ${e.corsError}${e.failedParameter ? ` (failedParameter: ${e.failedParameter})` : ''} — ${r.title}`);
      out.push(`Chrome:  ${e.consoleMessage ?? ''}`);
      for (const l of e.browsers.firefox.console) out.push(`Firefox: ${l}`);
      for (const l of e.browsers.safari.console.slice(0, 1)) out.push(`Safari:  ${l}`);
      if (e.disagree) out.push(`Browsers disagree: Chrome ${e.browsers.chrome.verdict}, Firefox ${e.browsers.firefox.verdict}, Safari ${e.browsers.safari.verdict}.`);
      out.push(`Why:     ${r.explanation}`);
      out.push(`Fix:     ${r.fixSummary}`);
      const [top, ...others] = fixesOf(e);
      if (top) {
        out.push(`Fix for ${top.server} (likeliest server; --json lists ${others.length} more): ${top.title}`);
        for (const line of top.code.split('\n').slice(0, 40)) out.push(`    ${line}`);
        for (const w of top.warnings) out.push(`  ! ${w}`);
      }
    } else {
      out.push(`Unknown: the capture lacks ${e.missing.join('; ')}`);
      for (const alt of e.alternatives) out.push(`  if ${alt.assumption}: ${alt.verdict}${alt.corsError ? ` (${alt.corsError})` : ''}`);
    }
    if (e.preflight.needed) {
      const why = e.preflight.reasons.map((r) => (r.kind === 'method' ? `method ${r.method}` : `header ${r.name} (${r.why})`)).join(', ');
      out.push(`Preflight: ${e.preflight.status}${why ? ` — needed for ${why}` : ''}`);
    }
    for (const f of e.notCors) out.push(`Note:    ${f.summary}`);
    for (const n of e.notes) out.push(`Note:    ${n}`);
  }
  return `${out.join('\n')}\n`;
}

function truncate(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}
