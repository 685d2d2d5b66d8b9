/**
 * Keeps the examples in docs/report.md generated from a real capture (never hand-typed).
 * Regenerate: UPDATE_REPORT_DOCS=1 npx vitest run test/report/docs-example.test.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeHar } from '../../src/core/index.js';
import { renderReport } from '../../src/core/report/index.js';
import { firstBlocked } from './extract.js';
import { checkJira } from './jira-check.js';

const DOC = new URL('../../docs/report.md', import.meta.url);
const SAMPLE = new URL('../../../shared/har-samples/chrome143-devtools-localhost-mcp-cors-fail.har', import.meta.url);

function fenced(body: string, lang: string): string {
  const longest = Math.max(0, ...(body.match(/`+/g) ?? []).map((m) => m.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${lang}\n${body.trimEnd()}\n${fence}`;
}

/** Replaces the text between the BEGIN/END markers named `name`. */
export function spliceGenerated(doc: string, name: string, body: string): string {
  const begin = `<!-- BEGIN GENERATED: ${name} -->`;
  const end = `<!-- END GENERATED: ${name} -->`;
  const i = doc.indexOf(begin);
  const j = doc.indexOf(end);
  if (i < 0 || j < i) throw new Error(`docs/report.md lacks the ${name} markers`);
  return `${doc.slice(0, i + begin.length)}\n${body}\n${doc.slice(j)}`;
}

describe('docs/report.md examples', () => {
  const text = readFileSync(SAMPLE, 'utf8');
  const ex = firstBlocked(analyzeHar(text))!;
  const input = { exchange: ex, har: JSON.parse(text) as Record<string, unknown> };
  const md = renderReport(input, { format: 'md' }).text;
  const jira = renderReport(input, { format: 'jira' }).text;
  const current = readFileSync(DOC, 'utf8');
  const expected = spliceGenerated(spliceGenerated(current, 'markdown example', fenced(md, 'markdown')), 'jira example', fenced(jira, 'text'));

  it('are generated from the real capture and up to date', () => {
    expect(checkJira(jira).errors).toEqual([]);
    if (process.env.UPDATE_REPORT_DOCS === '1' && expected !== current) writeFileSync(DOC, expected);
    expect(readFileSync(DOC, 'utf8'), 'docs/report.md is stale: run UPDATE_REPORT_DOCS=1 npx vitest run test/report/docs-example.test.ts').toBe(expected);
  });

  it('splices only between the markers', () => {
    const doc = 'a\n<!-- BEGIN GENERATED: x -->\nold\n<!-- END GENERATED: x -->\nb';
    expect(spliceGenerated(doc, 'x', 'new')).toBe('a\n<!-- BEGIN GENERATED: x -->\nnew\n<!-- END GENERATED: x -->\nb');
    expect(() => spliceGenerated(doc, 'y', 'z')).toThrow(/lacks the y markers/);
  });
});
