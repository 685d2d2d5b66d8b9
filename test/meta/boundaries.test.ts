import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * src/core is pure: it runs unchanged in the DevTools panel, the CLI and tests, so it may not touch
 * browser or extension globals, the network, or Node APIs. The proof is a compile: src/core is
 * type-checked with no DOM, no Node and no extension typings (test/meta/pure/tsconfig.json), so any use
 * of window, document, fetch, chrome, browser or process is an error. Only src/platform may call `browser.*`.
 */
const ROOT = join(__dirname, '../..');
const TSC = join(ROOT, 'node_modules/typescript/bin/tsc');

function files(dir: string): string[] {
  try {
    return readdirSync(dir).flatMap((f) => {
      const p = join(dir, f);
      return statSync(p).isDirectory() ? files(p) : /\.(ts|tsx)$/.test(f) ? [p] : [];
    });
  } catch {
    return [];
  }
}

function compile(project: string): string {
  try {
    execFileSync(process.execPath, [TSC, '-p', project], { cwd: ROOT, encoding: 'utf8', stdio: 'pipe' });
    return '';
  } catch (e) {
    return String((e as { stdout?: string }).stdout ?? e);
  }
}

describe('src/core stays pure', () => {
  it('type-checks with no DOM, Node or extension globals', () => {
    expect(compile('test/meta/pure/tsconfig.json')).toBe('');
  }, 60_000);

  it('imports nothing from Node, the extension polyfill or the UI', () => {
    for (const f of files(join(ROOT, 'src/core'))) {
      const src = readFileSync(f, 'utf8');
      expect(/from\s+['"](node:|fs['"]|path['"]|child_process|http['"]|webextension-polyfill|preact)/.test(src), relative(ROOT, f)).toBe(false);
    }
  });
});

/** Extension namespaces: a call like `chrome.devtools.…` or `browser.storage.…`. */
const EXTENSION_CALL = /(?<![.\w$'"`])(chrome|browser)\s*\.\s*(devtools|runtime|storage|tabs|permissions|debugger|webRequest|i18n|action|scripting|extension|windows)\b/;

describe('only src/platform talks to the extension APIs', () => {
  const outside = [...files(join(ROOT, 'src/panel')), ...files(join(ROOT, 'src/devtools')), ...files(join(ROOT, 'src/core'))];
  it('finds UI files to check', () => expect(outside.length).toBeGreaterThan(0));
  it.each(outside.map((f) => [relative(ROOT, f), f]))('%s has no extension API call', (_n, f) => {
    const src = readFileSync(f, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');
    expect(EXTENSION_CALL.test(src)).toBe(false);
    expect(/webextension-polyfill/.test(src)).toBe(false);
  });
  it('the pattern catches a real call and ignores prose', () => {
    expect(EXTENSION_CALL.test('chrome.devtools.network.getHAR(cb)')).toBe(true);
    expect(EXTENSION_CALL.test('const v = env.chrome.devtools;')).toBe(false);
    expect(EXTENSION_CALL.test("const label = 'chrome';")).toBe(false);
  });
});
