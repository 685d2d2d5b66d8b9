/**
 * A small structural checker for Jira wiki markup (Text Formatting Notation), enough to catch
 * what breaks a pasted report: unbalanced `{code}`/`{noformat}` blocks, block macros that do not
 * stand on their own line, bad headings (only h1.–h6.), table rows that do not start and end
 * with `|`/`||` or change their cell count, unbalanced `{{monospace}}`.
 */

export interface JiraBlock {
  kind: 'code' | 'noformat';
  lang: string | null;
  body: string;
  line: number;
}

export interface JiraStructure {
  errors: string[];
  headings: Array<{ level: number; text: string; line: number }>;
  tables: Array<{ header: string[]; rows: string[][]; line: number }>;
  blocks: JiraBlock[];
}

/** Splits a table row on unescaped `|` / `||`. */
export function splitRow(line: string): { header: boolean; cells: string[] } | null {
  const header = line.startsWith('||');
  const sep = header ? '||' : '|';
  if (!line.startsWith(sep)) return null;
  const cells: string[] = [];
  let cur = '';
  let i = sep.length;
  while (i < line.length) {
    const c = line[i]!;
    if (c === '\\' && i + 1 < line.length) {
      cur += c + line[i + 1];
      i += 2;
      continue;
    }
    if (line.startsWith(sep, i)) {
      cells.push(cur);
      cur = '';
      i += sep.length;
      continue;
    }
    if (c === '|') return { header, cells: [...cells, cur, '\u0000mixed'] };
    cur += c;
    i++;
  }
  if (cur !== '') return { header, cells: [...cells, cur, '\u0000open'] };
  return { header, cells };
}

const BLOCK_OPEN = /^\{(code|noformat)(?::([^}]*))?\}$/;

export function checkJira(text: string): JiraStructure {
  const errors: string[] = [];
  const headings: JiraStructure['headings'] = [];
  const tables: JiraStructure['tables'] = [];
  const blocks: JiraBlock[] = [];
  const lines = text.split('\n');
  let block: { kind: 'code' | 'noformat'; lang: string | null; start: number; body: string[] } | null = null;
  let table: JiraStructure['tables'][number] | null = null;

  lines.forEach((line, idx) => {
    const n = idx + 1;
    if (block) {
      if (line === `{${block.kind}}`) {
        blocks.push({ kind: block.kind, lang: block.lang, body: block.body.join('\n'), line: block.start });
        block = null;
      } else block.body.push(line);
      return;
    }
    const open = BLOCK_OPEN.exec(line);
    if (open) {
      table = null;
      block = { kind: open[1] as 'code' | 'noformat', lang: open[2] ?? null, start: n, body: [] };
      return;
    }
    if (/(^|[^\\])\{(code|noformat)[}:]/.test(line)) errors.push(`line ${n}: a {code}/{noformat} macro must stand on its own line`);

    const h = /^h(\d+)\.(.*)$/.exec(line);
    if (h) {
      const level = Number(h[1]);
      if (level < 1 || level > 6) errors.push(`line ${n}: heading level h${level}. does not exist`);
      if (!h[2]!.startsWith(' ') || h[2]!.trim() === '') errors.push(`line ${n}: heading needs a space and text`);
      headings.push({ level, text: h[2]!.trim(), line: n });
    } else if (/^\s*h\d+\./.test(line)) errors.push(`line ${n}: heading must start at the beginning of the line`);

    if (line.startsWith('|')) {
      const row = splitRow(line);
      if (!row || row.cells.some((c) => c.startsWith('\u0000'))) {
        errors.push(`line ${n}: table row must end with ${line.startsWith('||') ? '||' : '|'} and not mix | and ||`);
      } else if (row.header) {
        table = { header: row.cells, rows: [], line: n };
        tables.push(table);
      } else if (!table) errors.push(`line ${n}: table row without a ||heading|| row`);
      else if (row.cells.length !== table.header.length) errors.push(`line ${n}: ${row.cells.length} cells, the heading row has ${table.header.length}`);
      else table.rows.push(row.cells);
    } else {
      table = null;
      if (/^\s+\|/.test(line)) errors.push(`line ${n}: table row must start with | or ||`);
    }

    const mono = line.replace(/\\./g, '');
    const opens = (mono.match(/\{\{/g) ?? []).length;
    const closes = (mono.match(/\}\}/g) ?? []).length;
    if (opens !== closes) errors.push(`line ${n}: unbalanced {{monospace}}`);
  });
  if (block) errors.push(`line ${(block as { start: number }).start}: {${(block as { kind: string }).kind}} block is never closed`);
  return { errors, headings, tables, blocks };
}
