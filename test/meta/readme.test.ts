import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM script without types
import { BLOCKS, block } from '../../scripts/sync-readme.mjs';

const ROOT = join(__dirname, '../..');
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

describe('README', () => {
  it('quick start is exactly two commands: npm start and npm test', () => {
    const quick = /## Quick start[\s\S]*?```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    const commands = quick.split('\n').filter((l) => l.trim()).map((l) => l.replace(/#.*$/, '').trim());
    expect(commands).toEqual(['npm start', 'npm test']);
  });
  it('.ci/run calls the README test command', () => {
    expect(readFileSync(join(ROOT, '.ci/run'), 'utf8')).toMatch(/^npm test$/m);
  });
  it.each(BLOCKS as string[])('shows the generated %s exactly as docs/report.md has it', (name) => {
    const docs = readFileSync(join(ROOT, 'docs/report.md'), 'utf8');
    expect(block(docs, name)).not.toBeNull();
    expect(block(readme, name), 'run: node scripts/sync-readme.mjs').toBe(block(docs, name));
  });
});
