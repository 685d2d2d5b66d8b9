/**
 * `cors-lens report`: through runReport with an in-memory file system, through the real
 * dispatcher (src/cli/main.ts), and once as a bundled Node program.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeHar } from '../../src/core/index.js';
import { main } from '../../src/cli/main.js';
import { EXIT_BAD_INPUT, EXIT_NOTHING_TO_REPORT, EXIT_OK, runReport, type ReportIo } from '../../src/cli/report.js';
import { har, redirectedThenBlocked, simpleBlocked } from './builders.js';
import { jwt, secretCase } from './secret-corpus.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const REAL = fileURLToPath(new URL('../../../shared/har-samples/chrome143-devtools-localhost-mcp-cors-fail.har', import.meta.url));
const ALLOWED_ONLY = fileURLToPath(new URL('../../../shared/har-samples/chrome148-devtools-localhost-dashboard.har', import.meta.url));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  written: Map<string, string>;
}

function memIo(files: Record<string, string>, opts: { noWrite?: boolean } = {}): { io: ReportIo; run: Omit<Run, 'code'> } {
  const run = { stdout: '', stderr: '', written: new Map<string, string>() };
  const io: ReportIo = {
    stdout: (s) => void (run.stdout += s),
    stderr: (s) => void (run.stderr += s),
    readFile: (p) => {
      if (!(p in files)) throw new Error(`ENOENT: no such file or directory, open '${p}'`);
      return files[p]!;
    },
  };
  if (!opts.noWrite) io.writeFile = (p, d) => void run.written.set(p, d);
  return { io, run };
}

const realText = readFileSync(REAL, 'utf8');
const secret = secretCase(6); // c4 method not allowed, every secret planted
const FILES: Record<string, string> = {
  'real.har': realText,
  'allowed.har': readFileSync(ALLOWED_ONLY, 'utf8'),
  'secret.har': JSON.stringify(secret.har),
  'redirect.har': JSON.stringify(har({ entries: redirectedThenBlocked('http://localhost:8003/next') })),
  'empty.har': JSON.stringify(har({ entries: [] })),
  'bad.har': '{"log": {"entries": [',
  'nothar.json': '{"hello": 1}',
};

function report(argv: string[], opts: { noWrite?: boolean } = {}): Run {
  const { io, run } = memIo(FILES, opts);
  const code = runReport(argv, io);
  return { code, ...run };
}

/** Every message on stderr is one line per problem. */
function oneLineMessage(r: Run): string {
  expect(r.stderr.endsWith('\n')).toBe(true);
  expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  return r.stderr.trimEnd();
}

describe('exit codes and one-line messages', () => {
  it.each([
    [['real.har', '--entry', '99'], EXIT_BAD_INPUT, /^cors-lens report: entry 99 does not exist: real\.har has 12 entries \(0-11\)$/],
    [['empty.har', '--entry', '0'], EXIT_BAD_INPUT, /entry 0 does not exist: empty\.har has 0 entries$/],
    [['allowed.har'], EXIT_NOTHING_TO_REPORT, /^cors-lens report: no blocked exchange in allowed\.har \(18 exchanges analysed\); use --entry N to report another one$/],
    [['empty.har'], EXIT_NOTHING_TO_REPORT, /no blocked exchange in empty\.har \(0 exchanges analysed\)/],
    [['missing.har'], EXIT_BAD_INPUT, /^cors-lens report: cannot read missing\.har: ENOENT/],
    [['bad.har'], EXIT_BAD_INPUT, /^cors-lens report: bad\.har: not valid JSON/],
    [['nothar.json'], EXIT_BAD_INPUT, /^cors-lens report: nothar\.json: not a HAR file/],
    [[], EXIT_BAD_INPUT, /missing the HAR file; usage: cors-lens report/],
    [['a.har', 'b.har'], EXIT_BAD_INPUT, /expected one HAR file, got 2/],
    [['real.har', '--format', 'pdf'], EXIT_BAD_INPUT, /--format must be one of md, jira, json, har, got "pdf"/],
    [['real.har', '--entry', '-1'], EXIT_BAD_INPUT, /--entry needs a non-negative integer, got "-1"/],
    [['real.har', '--entry'], EXIT_BAD_INPUT, /--entry needs a value/],
    [['real.har', '--bogus'], EXIT_BAD_INPUT, /unknown option --bogus/],
  ])('%j → exit %i', (argv, code, message) => {
    const r = report(argv);
    expect(r.code).toBe(code);
    expect(r.stdout).toBe('');
    expect(oneLineMessage(r)).toMatch(message);
  });

  it('--help prints the usage and exits 0', () => {
    const r = report(['--help']);
    expect(r.code).toBe(EXIT_OK);
    expect(r.stdout).toMatch(/^usage: cors-lens report <file\.har>/);
    expect(r.stdout).toContain('Exit codes: 0 written, 1 no blocked exchange to report, 2 bad usage');
  });
});

describe('choosing the exchange', () => {
  const analysis = analyzeHar(realText);
  const blocked = analysis.exchanges.filter((x) => x.verdict === 'blocked' && x.redirectOf === null);

  it('reports the first blocked exchange by default and says how many there are', () => {
    const r = report(['real.har', '--format', 'json']);
    expect(r.code).toBe(EXIT_OK);
    const json = JSON.parse(r.stdout) as { exchange: { entryIndex: number; verdict: string } };
    expect(json.exchange).toMatchObject({ entryIndex: blocked[0]!.entry, verdict: 'blocked' });
    expect(oneLineMessage(r)).toBe(`cors-lens report: reporting the first of ${blocked.length} blocked exchanges (entry ${blocked[0]!.entry}); use --entry N for another`);
  });

  it('--entry of the preflight reports its exchange, the same as the request entry', () => {
    const ex = blocked.find((x) => x.preflightEntry !== null)!;
    const byRequest = report(['real.har', `--entry=${ex.entry}`, '--format=json']);
    const byPreflight = report(['real.har', '--entry', String(ex.preflightEntry), '--format', 'json']);
    expect(byRequest.code).toBe(EXIT_OK);
    expect(byPreflight.stdout).toBe(byRequest.stdout);
    expect(byRequest.stderr).toBe('');
  });

  it('--entry of a later redirect hop reports the whole chain', () => {
    const first = report(['redirect.har', '--entry', '0', '--format', 'json']);
    const second = report(['redirect.har', '--entry', '1', '--format', 'json']);
    expect(second.stdout).toBe(first.stdout);
    const json = JSON.parse(first.stdout) as { hops: Array<{ role: string }> };
    expect(json.hops.map((h) => h.role)).toEqual(['request', 'redirect']);
  });

  it('--entry reports an exchange that was not blocked, too', () => {
    const ok = analysis.exchanges.find((x) => x.verdict !== 'blocked')!;
    const r = report(['real.har', '--entry', String(ok.entry), '--format', 'json']);
    expect(r.code).toBe(EXIT_OK);
    expect((JSON.parse(r.stdout) as { exchange: { verdict: string } }).exchange.verdict).toBe(ok.verdict);
  });
});

describe('formats, redaction and --out', () => {
  it.each([
    ['md', /^## CORS report: /],
    ['jira', /^h2\. CORS report: /],
    ['json', /^\{\n {2}"schemaVersion": 1,/],
    ['har', /^\{\n {2}"log": \{\n {4}"version": "1\.2",/],
  ])('--format %s', (format, start) => {
    const r = report(['secret.har', '--format', format]);
    expect(r.code).toBe(EXIT_OK);
    expect(r.stdout).toMatch(start);
    expect(r.stdout).not.toContain('SECRET-');
  });

  it('--no-redact keeps the secrets and warns on stderr', () => {
    const r = report(['secret.har', '--format', 'har', '--no-redact']);
    expect(r.code).toBe(EXIT_OK);
    expect(r.stdout).toContain('Bearer SECRET-6-authz');
    expect(r.stdout).toContain(jwt('SECRET-6-jwtpath'));
    expect(oneLineMessage(r)).toBe('cors-lens report: redaction is off; the report may contain secrets');
  });

  it('--out writes the file and prints only a one-line note', () => {
    const r = report(['secret.har', '--format', 'md', '--out', 'ticket.md']);
    expect(r.code).toBe(EXIT_OK);
    expect(r.stdout).toBe('');
    expect(r.written.get('ticket.md')).toMatch(/^## CORS report: /);
    expect(oneLineMessage(r)).toBe(`cors-lens report: wrote ticket.md (md, entry ${analyzeHar(secret.har).exchanges.find((x) => x.verdict === 'blocked')!.entry})`);
  });

  it('--out reports a write failure in one line with exit 2', () => {
    const { io, run } = memIo(FILES);
    io.writeFile = () => {
      throw new Error('EACCES: permission denied, open \'/ro/x.md\'\n    at stack');
    };
    expect(runReport(['secret.har', '--out', '/ro/x.md'], io)).toBe(EXIT_BAD_INPUT);
    expect(run.stderr).toBe("cors-lens report: cannot write /ro/x.md: EACCES: permission denied, open '/ro/x.md'\n");
  });

  it('passes the fixes a caller provides into the report', () => {
    const { io, run } = memIo(FILES);
    const code = runReport(['secret.har'], io, { fixesFor: (ex) => [{ server: 'django-cors-headers', code: `CORS_ALLOW_METHODS = [..., "${ex.method}"]`, warnings: [] }] });
    expect(code).toBe(EXIT_OK);
    expect(run.stdout).toContain('### Suggested fix: django-cors-headers');
    expect(run.stdout).toContain('CORS_ALLOW_METHODS = [..., "PUT"]');
  });
});

describe('through the cors-lens dispatcher', () => {
  it('main(["report", …]) runs the report command', async () => {
    const { io, run } = memIo(FILES);
    const code = await main(['report', 'real.har', '--entry', '99'], io);
    expect(code).toBe(EXIT_BAD_INPUT);
    expect(run.stderr).toMatch(/^cors-lens report: entry 99 does not exist/);
  });
});

describe('as a bundled Node program', () => {
  let dir = '';
  let bundle = '';
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cors-lens-report-'));
    bundle = join(dir, 'cors-lens.mjs');
    await build({ entryPoints: [join(ROOT, 'src/cli/entry.ts')], bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile: bundle, logLevel: 'silent' });
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('writes a report file with --out and exits 0; exits 2 and 1 on bad index and nothing to report', () => {
    const out = join(dir, 'ticket.jira.txt');
    const ok = spawnSync(process.execPath, [bundle, 'report', REAL, '--format', 'jira', '--out', out], { encoding: 'utf8', timeout: 60_000 });
    expect(ok.status, ok.stderr).toBe(0);
    expect(readFileSync(out, 'utf8')).toMatch(/^h2\. CORS report: /);
    const bad = spawnSync(process.execPath, [bundle, 'report', REAL, '--entry', '12'], { encoding: 'utf8', timeout: 60_000 });
    expect([bad.status, bad.stdout, bad.stderr]).toEqual([2, '', 'cors-lens report: entry 12 does not exist: ' + REAL + ' has 12 entries (0-11)\n']);
    const none = spawnSync(process.execPath, [bundle, 'report', ALLOWED_ONLY], { encoding: 'utf8', timeout: 60_000 });
    expect(none.status).toBe(1);
    expect(none.stderr.trimEnd().split('\n')).toHaveLength(1);
  });
});
