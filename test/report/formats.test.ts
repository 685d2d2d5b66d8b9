/**
 * Markdown is checked with `marked` (a real GFM parser): headings, header tables with the CORS
 * headers, code fences with the curl commands, and inert rendering of hostile values.
 * Jira markup is checked with the structural checker in jira-check.ts.
 */
import { readFileSync } from 'node:fs';
import { marked, type Tokens } from 'marked';
import { describe, expect, it } from 'vitest';
import { analyzeHar } from '../../src/core/index.js';
import { collectReport } from '../../src/core/report/collect.js';
import { previewRedaction, renderReport, type ReportFix } from '../../src/core/report/index.js';
import { renderJira } from '../../src/core/report/jira.js';
import { renderMarkdown } from '../../src/core/report/markdown.js';
import { NO_REDACTION } from '../../src/core/report/redact.js';
import { API, exchange, har, PAGE, redirectedThenBlocked, simpleBlocked } from './builders.js';
import { firstBlocked, jiraHeaderLines, markdownHeaderRows } from './extract.js';
import { checkJira } from './jira-check.js';
import { corsHeadersOf, secretCorpus } from './secret-corpus.js';

const REAL = new URL('../../../shared/har-samples/chrome143-devtools-localhost-mcp-cors-fail.har', import.meta.url);
const realText = readFileSync(REAL, 'utf8');
const realHar = JSON.parse(realText) as { log: { entries: Array<Record<string, unknown>> } };
const realAnalysis = analyzeHar(realText);
const realExchange = firstBlocked(realAnalysis)!;

const FIXES: ReportFix[] = [
  { server: 'django-cors-headers', code: 'CORS_ALLOWED_ORIGINS = [\n    "http://localhost:6274",\n]\nCORS_ALLOW_HEADERS = (*default_headers, "mcp-protocol-version")', warnings: ['Never use CORS_ALLOW_ALL_ORIGINS = True with credentials.'] },
  { server: 'nginx', code: 'add_header Access-Control-Allow-Origin $http_origin always;', warnings: [] },
];

function lex(md: string): Tokens.Generic[] {
  return marked.lexer(md) as Tokens.Generic[];
}

describe('Markdown (GFM) on a real Chrome capture', () => {
  const md = renderReport({ exchange: realExchange, har: realHar, fixes: FIXES }, { format: 'md' }).text;
  const tokens = lex(md);
  const headings = tokens.filter((t): t is Tokens.Heading => t.type === 'heading');
  const code = tokens.filter((t): t is Tokens.Code => t.type === 'code');

  it('opens with an h2 title naming the request and the CORS error', () => {
    expect(tokens[0]).toMatchObject({ type: 'heading', depth: 2 });
    expect(headings[0]!.text).toContain(realExchange.url);
    expect(headings[0]!.text).toContain(realExchange.corsError!);
  });

  it('has the sections a ticket needs', () => {
    const h3 = headings.filter((h) => h.depth === 3).map((h) => h.text.split(':')[0]);
    // Fixed sections in this order; "Findings and notes" appears when the engine has notes.
    expect(h3.filter((h) => h !== 'Findings and notes')).toEqual(['Console', 'Why the browser sent a preflight', 'Preflight', 'Request', 'Suggested fix', 'Suggested fix', 'Reproduce', 'Redaction']);
    expect(headings.filter((h) => h.depth === 4).map((h) => h.text.split(':')[0])).toEqual(['Chrome', 'Firefox', 'Safari']);
  });

  it('has a facts table with verdict, origin, browser and capture tool', () => {
    const facts = tokens.find((t): t is Tokens.Table => t.type === 'table' && t.header[0]?.text === 'Field')!;
    const rows = Object.fromEntries(facts.rows.map((r) => [r[0]!.text, r[1]!.text]));
    expect(rows['Verdict']).toContain(realExchange.corsError!);
    expect(rows['Page origin']).toBe('`http://localhost:6274`');
    expect(rows['Browser']).toBe('Chrome 143.0.0.0 (from the User-Agent header)');
    expect(rows['Captured with']).toBe('WebInspector 537.36');
  });

  it('puts every CORS header of the exchange in a header table, verbatim', () => {
    const rows = markdownHeaderRows(md);
    const hops = [realExchange.preflightEntry!, realExchange.entry].map((i) => realHar.log.entries[i]!);
    const cors = corsHeadersOf(hops);
    expect(cors.length).toBeGreaterThan(0);
    for (const h of cors) expect(rows).toContainEqual(h);
  });

  it('holds the curl commands and the fetch call in fenced code blocks', () => {
    const sh = code.filter((c) => c.lang === 'sh');
    expect(sh).toHaveLength(2);
    expect(sh[0]!.text).toMatch(/^curl -i --globoff -X OPTIONS '/);
    expect(sh[0]!.text).toContain("-H 'Access-Control-Request-Headers: mcp-protocol-version'");
    expect(sh[1]!.text.startsWith(`curl -i --globoff '${realExchange.url}'`)).toBe(true);
    expect(code.find((c) => c.lang === 'js')!.text).toContain(`await fetch(${JSON.stringify(realExchange.url)}`);
    expect(code.filter((c) => c.lang === 'text').map((c) => c.text)).toContain(realExchange.browsers.chrome.console.join('\n'));
  });

  it('renders the fixes with their language and warnings', () => {
    const py = code.find((c) => c.lang === 'python')!;
    expect(py.text).toBe(FIXES[0]!.code);
    expect(code.find((c) => c.lang === 'nginx')!.text).toBe(FIXES[1]!.code);
    const quote = tokens.find((t) => t.type === 'blockquote' && t.text.includes('Never use CORS\\_ALLOW\\_ALL\\_ORIGINS'));
    expect(quote).toBeDefined();
  });
});

describe('Markdown renders hostile values as inert text', () => {
  const hostile = '<img src=x onerror=alert(1)> **bold** [link](http://evil.example) `tick` | pipe';
  const doc = har({ entries: simpleBlocked([['Access-Control-Allow-Origin', hostile], ['Access-Control-Expose-Headers', '``double``']], { reqExtra: [['X-Note', '<script>alert(1)</script>']] }) });
  const ex = exchange({ consoleMessage: '<script>x</script>', notes: ['<b>note</b> *x* |y|'], browsers: { ...exchange().browsers, chrome: { verdict: 'blocked', reason: 'AllowOriginMismatch', console: ['```\n<script>alert(2)</script>'], warnings: [] } } });
  const md = renderMarkdown(collectReport({ exchange: ex, har: doc, fixes: [{ server: '<i>srv</i>', code: '```\nrm -rf /\n```', warnings: ['<svg onload=x>'] }] }, NO_REDACTION));
  const html = marked.parse(md, { async: false }) as string;

  it('keeps header values exact through a real GFM parse (pipes and backticks included)', () => {
    expect(markdownHeaderRows(md)).toEqual(expect.arrayContaining([
      { name: 'Access-Control-Allow-Origin', value: hostile },
      { name: 'Access-Control-Expose-Headers', value: '``double``' },
      { name: 'X-Note', value: '<script>alert(1)</script>' },
    ]));
  });

  it('produces no live HTML, links or emphasis from captured text', () => {
    expect(html).not.toMatch(/<(img|script|svg|i|b)[\s>]/);
    expect(html).not.toContain('href="http://evil.example"');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('keeps a fenced block closed even when the content holds a fence', () => {
    const code = lex(md).filter((t): t is Tokens.Code => t.type === 'code');
    expect(code.map((c) => c.text)).toEqual(expect.arrayContaining(['```\n<script>alert(2)</script>', '```\nrm -rf /\n```']));
  });
});

describe('Markdown details', () => {
  it('lists redirect hops in a table', () => {
    const doc = har({ entries: redirectedThenBlocked('http://localhost:8003/next') });
    const ex = firstBlocked(analyzeHar(doc))!;
    const md = renderMarkdown(collectReport({ exchange: ex, har: doc }));
    const table = lex(md).find((t): t is Tokens.Table => t.type === 'table' && t.header[0]?.text === '#')!;
    expect(table.header.map((h) => h.text)).toEqual(['#', 'Status', 'URL', 'Location']);
    expect(table.rows[0]!.map((c) => c.text)).toEqual(['1', '302', `\`${API}/start\``, '`http://localhost:8003/next`']);
    expect(lex(md).filter((t) => t.type === 'heading').map((t) => (t as Tokens.Heading).text)).toEqual(expect.arrayContaining([expect.stringMatching(/^Redirect hop: `GET http:\/\/localhost:8003\/next`/)]));
  });

  it('warns loudly when redaction is off', () => {
    const doc = har({ entries: simpleBlocked([]) });
    const md = renderReport({ exchange: exchange(), har: doc }, { format: 'md', redaction: NO_REDACTION }).text;
    expect(md).toContain('Redaction was turned off: this report may contain cookies, tokens and other secrets.');
  });

  it('omits the fix section without fixes', () => {
    const doc = har({ entries: simpleBlocked([]) });
    expect(renderReport({ exchange: exchange(), har: doc }, { format: 'md' }).text).not.toContain('Suggested fix');
  });
});

describe('Jira wiki markup', () => {
  const jira = renderReport({ exchange: realExchange, har: realHar, fixes: FIXES }, { format: 'jira' }).text;
  const s = checkJira(jira);

  it('passes the structural checker', () => {
    expect(s.errors).toEqual([]);
  });

  it('has headings, a facts table, {code} for commands and fixes, {noformat} for console and headers', () => {
    expect(s.headings[0]).toMatchObject({ level: 2 });
    expect(s.headings.map((h) => h.text.split(':')[0])).toEqual(expect.arrayContaining(['Console', 'Preflight', 'Request', 'Reproduce', 'Redaction', 'Suggested fix']));
    expect(s.tables[0]!.header).toEqual(['Field', 'Value']);
    const bash = s.blocks.filter((b) => b.kind === 'code' && b.lang === 'bash');
    expect(bash.map((b) => b.body.split(' ')[0])).toEqual(['curl', 'curl']);
    expect(s.blocks.find((b) => b.kind === 'code' && b.lang === 'python')!.body).toBe(FIXES[0]!.code);
    expect(s.blocks.find((b) => b.kind === 'code' && b.lang === null)!.body).toBe(FIXES[1]!.code); // Jira has no nginx highlighter
    expect(s.blocks.filter((b) => b.kind === 'noformat').map((b) => b.body)).toContain(realExchange.browsers.chrome.console.join('\n'));
  });

  it('puts every CORS header in {noformat} verbatim', () => {
    const lines = jiraHeaderLines(jira);
    const hops = [realExchange.preflightEntry!, realExchange.entry].map((i) => realHar.log.entries[i]!);
    for (const h of corsHeadersOf(hops)) expect(lines).toContain(`${h.name}: ${h.value}`);
  });

  it('cannot be broken by captured text', () => {
    const doc = har({ entries: simpleBlocked([['Access-Control-Allow-Origin', '{noformat}|x|{code}']], { url: `${API}/a|b?x={code}` }) });
    const ex = exchange({ url: `${API}/a|b?x={code}`, notes: ['||fake||row|| h1. x {{mono'], browsers: { ...exchange().browsers, chrome: { verdict: 'blocked', reason: 'r', console: ['{noformat}', 'h1. injected'], warnings: [] } } });
    const out = renderJira(collectReport({ exchange: ex, har: doc, fixes: [{ server: 'x|y', code: '{code}\nboom', warnings: ['*w*'] }] }, NO_REDACTION));
    const check = checkJira(out);
    expect(check.errors).toEqual([]);
    expect(check.headings.filter((h) => h.text.includes('injected'))).toEqual([]);
    expect(check.tables[0]!.rows.every((r) => r.length === 2)).toBe(true);
  });
});

describe('every corpus report is well-formed', () => {
  it.each(secretCorpus().map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const ex = firstBlocked(analyzeHar(c.har))!;
    const input = { exchange: ex, har: c.har };
    const jira = checkJira(renderReport(input, { format: 'jira' }).text);
    expect(jira.errors).toEqual([]);
    const md = lex(renderReport(input, { format: 'md' }).text);
    expect(md[0]).toMatchObject({ type: 'heading', depth: 2 });
    expect(md.filter((t) => t.type === 'code' && (t as Tokens.Code).lang === 'sh').length).toBe(ex.preflight.needed ? 2 : 1);
    expect(() => JSON.parse(renderReport(input, { format: 'json' }).text)).not.toThrow();
  });
});

describe('browser and capture tool', () => {
  const doc = (log: Record<string, unknown>) => ({ log: { ...(har({ entries: simpleBlocked([], { reqExtra: [['User-Agent', 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.8078.79 Safari/537.36 Edg/156.0.1.2']] }) }).log as object), ...log } });
  it.each([
    [{ browser: { name: 'Firefox', version: '153.7.0' } }, { name: 'Firefox', version: '153.7.0', from: 'har-browser' }],
    [{ creator: { name: 'Firefox', version: '126.0' } }, { name: 'Firefox', version: '126.0', from: 'har-creator' }],
    [{}, { name: 'Edge', version: '156.0.1.2', from: 'user-agent' }],
  ])('%j → %j', (log, browser) => {
    expect(collectReport({ exchange: exchange(), har: doc(log) }).capture.browser).toEqual(browser);
  });
  it('names the page origin for a report without any origin', () => {
    const d = har({ entries: simpleBlocked([]) });
    const md = renderMarkdown(collectReport({ exchange: exchange({ origin: null }), har: d }));
    expect(md).toContain(`| Page origin | unknown |`);
    expect(md).toContain(`-H 'Origin: ${PAGE}'`); // still taken from the captured Origin header
  });
});

describe('renderReport and previewRedaction (the panel API)', () => {
  const doc = har({ entries: simpleBlocked([], { reqExtra: [['X-Api-Key', 'live-key-0042']] }) });
  const fixes: ReportFix[] = [{ server: 'express', code: "app.use(cors({ origin: 'http://127.0.0.1:8001' })) // key live-key-0042", warnings: ['Rotate live-key-0042'] }];

  it.each([
    ['md', 'text/markdown', 'md'],
    ['jira', 'text/plain', 'jira.txt'],
    ['json', 'application/json', 'json'],
    ['har', 'application/json', 'har'],
  ] as const)('%s → %s, .%s', (format, mimeType, extension) => {
    const out = renderReport({ exchange: exchange(), har: doc, fixes }, { format });
    expect(out).toMatchObject({ format, mimeType, extension });
    expect(out.text).not.toContain('live-key-0042');
    expect(out.redactions.map((r) => r.path)).toEqual(expect.arrayContaining(['log.entries[0].request.headers[1].value', 'fixes[0].code', 'fixes[0].warnings[0]']));
  });

  it('previewRedaction returns the redacted data and the redaction list for the chosen rules', () => {
    const on = previewRedaction({ exchange: exchange(), har: doc });
    expect(on.data.hops[0]!.requestHeaders[1]).toEqual({ name: 'X-Api-Key', value: '[REDACTED]' });
    expect(on.redactions).toEqual([{ path: 'log.entries[0].request.headers[1].value', rule: 'secretHeaders', label: 'request header X-Api-Key (actual request)' }]);
    const off = previewRedaction({ exchange: exchange(), har: doc }, { secretHeaders: false });
    expect(off.data.hops[0]!.requestHeaders[1]).toEqual({ name: 'X-Api-Key', value: 'live-key-0042' });
    expect(off.redactions).toEqual([]);
  });

  it('throws a one-line ReportInputError when the exchange is not in the input', () => {
    expect(() => renderReport({ exchange: exchange({ entry: 7 }), har: doc }, { format: 'md' })).toThrow(/^entry 7 of the exchange is not in the input$/);
  });
});
