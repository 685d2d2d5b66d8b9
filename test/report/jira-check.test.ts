import { describe, expect, it } from 'vitest';
import { checkJira, splitRow } from './jira-check.js';

describe('Jira structural checker', () => {
  it('accepts well-formed markup and reports its structure', () => {
    const s = checkJira(['h2. Title', '', '||Field||Value||', '|a|{{b\\|c}}|', '', '{code:bash}', "curl 'x' | h7. inside", '{code}', '{noformat}', '|not a table|', '{noformat}'].join('\n'));
    expect(s.errors).toEqual([]);
    expect(s.headings).toEqual([{ level: 2, text: 'Title', line: 1 }]);
    expect(s.tables).toEqual([{ header: ['Field', 'Value'], rows: [['a', '{{b\\|c}}']], line: 3 }]);
    expect(s.blocks.map((b) => [b.kind, b.lang, b.body])).toEqual([['code', 'bash', "curl 'x' | h7. inside"], ['noformat', null, '|not a table|']]);
  });

  it.each([
    ['unclosed code block', '{code}\ncurl x', /never closed/],
    ['unclosed noformat block', 'h2. a\n{noformat}\nx\n{code}', /never closed/],
    ['inline block macro', 'see {code}x{code}', /own line/],
    ['heading level 7', 'h7. too deep', /does not exist/],
    ['heading without space', 'h2.Title', /space and text/],
    ['indented heading', '  h2. x', /beginning of the line/],
    ['row without closing pipe', '||a||b||\n|1|2', /must end/],
    ['row with wrong cell count', '||a||b||\n|1|2|3|', /3 cells/],
    ['row without heading row', '|1|2|', /without a \|\|heading\|\| row/],
    ['indented row', '||a||\n  |1|', /must start with/],
    ['unbalanced monospace', 'text {{mono', /monospace/],
  ])('rejects %s', (_name, text, error) => {
    expect(checkJira(text).errors.join('\n')).toMatch(error);
  });

  it('splits rows on unescaped pipes only', () => {
    expect(splitRow('|a\\|b|c|')).toEqual({ header: false, cells: ['a\\|b', 'c'] });
    expect(splitRow('||x||y||')).toEqual({ header: true, cells: ['x', 'y'] });
    expect(splitRow('no row')).toBeNull();
  });
});
