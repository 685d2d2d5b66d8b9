/** Reads a rendered report back, per format, for structural assertions. */
import { marked, type Token, type Tokens } from 'marked';
import type { Analysis, Exchange } from '../../src/core/model.js';
import { checkJira } from './jira-check.js';

export type Pair = { name: string; value: string };

function codespans(tokens: Token[] | undefined): string[] {
  return (tokens ?? []).filter((t): t is Tokens.Codespan => t.type === 'codespan').map((t) => t.text);
}

/** Every (header, value) row of the Markdown header tables. */
export function markdownHeaderRows(md: string): Pair[] {
  const out: Pair[] = [];
  for (const t of marked.lexer(md)) {
    if (t.type !== 'table') continue;
    const table = t as Tokens.Table;
    if (table.header[0]?.text !== 'Header') continue;
    for (const row of table.rows) {
      const [name] = codespans(row[0]?.tokens);
      const [value] = codespans(row[1]?.tokens);
      if (name !== undefined) out.push({ name, value: value ?? '' });
    }
  }
  return out;
}

/** `Name: value` lines of the Jira `{noformat}` blocks. */
export function jiraHeaderLines(text: string): string[] {
  return checkJira(text).blocks.filter((b) => b.kind === 'noformat').flatMap((b) => b.body.split('\n'));
}

/** The analysis exchange that is the page's request (not a later redirect hop). */
export function firstBlocked(a: Analysis): Exchange | undefined {
  return a.exchanges.find((x) => x.verdict === 'blocked' && (x.redirectOf === null || x.redirectOf === undefined));
}
