// Copies the generated report examples (docs/report.md, written by test/report/docs-example.test.ts)
// into README.md between the same markers, so the README always shows real output.
import { readFileSync, writeFileSync } from 'node:fs';

export const BLOCKS = ['markdown example', 'jira example'];

export function block(text, name) {
  const begin = `<!-- BEGIN GENERATED: ${name} -->`;
  const end = `<!-- END GENERATED: ${name} -->`;
  const i = text.indexOf(begin);
  const j = text.indexOf(end);
  return i === -1 || j === -1 ? null : text.slice(i, j + end.length);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const docs = readFileSync('docs/report.md', 'utf8');
  let readme = readFileSync('README.md', 'utf8');
  for (const name of BLOCKS) {
    const fresh = block(docs, name);
    const old = block(readme, name);
    if (!fresh || !old) throw new Error(`missing "${name}" markers`);
    readme = readme.replace(old, fresh);
  }
  writeFileSync('README.md', readme);
}
