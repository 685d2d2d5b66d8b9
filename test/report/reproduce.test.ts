/**
 * The reproduction snippets are checked by the real parsers: bash parses every curl command
 * (a `curl` shell function prints the argv it received), and the fetch snippet runs as
 * JavaScript against a recording `fetch`.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { analyzeHar } from '../../src/core/index.js';
import { collectReport } from '../../src/core/report/collect.js';
import { MASK, NO_REDACTION } from '../../src/core/report/redact.js';
import { curlPreflight, curlRequest, fetchSnippet, shellQuote } from '../../src/core/report/reproduce.js';
import { API, exchange, har, PAGE, preflightFailed, simpleBlocked, type H } from './builders.js';
import { firstBlocked } from './extract.js';

/** Runs `command` in bash with `curl` replaced by a function that prints its arguments. */
function bashArgv(command: string): string[] {
  const script = `curl() { printf '%s\\0' "$@"; }\n${command}\n`;
  const syntax = spawnSync('bash', ['-n'], { input: script, encoding: 'utf8' });
  expect(syntax.status, syntax.stderr).toBe(0);
  const run = spawnSync('bash', ['-c', script], { encoding: 'utf8' });
  expect(run.status, run.stderr).toBe(0);
  return run.stdout.split('\0').slice(0, -1);
}

interface FetchCall {
  url: string;
  init: { method: string; headers?: Record<string, string>; body?: string; credentials: string; mode: string };
}

/** Runs the fetch snippet as JavaScript with a recording fetch. */
async function runFetch(snippet: string): Promise<FetchCall[]> {
  const calls: FetchCall[] = [];
  const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (...args: string[]) => (f: unknown) => Promise<void>;
  await new AsyncFunction('fetch', snippet)((url: string, init: FetchCall['init']) => {
    calls.push({ url, init });
    return Promise.resolve({});
  });
  return calls;
}

const HOSTILE: H[] = [
  ['X-Quote', `it's "quoted" $(touch /tmp/pwned) \`id\` !x \\n \\`],
  ['X-Newline', 'a\nb'],
  ['X-Unicode', 'héllo ✓'],
];

describe('shellQuote', () => {
  it.each([
    ['plain', "'plain'"],
    ["it's", `'it'\\''s'`],
    ['', "''"],
    ['$(id) `id` $HOME', "'$(id) `id` $HOME'"],
  ])('%j → %s', (input, quoted) => {
    expect(shellQuote(input)).toBe(quoted);
    expect(bashArgv(`curl ${quoted}`)).toEqual([input]);
  });
});

describe('curl reproduction', () => {
  it('preflight: OPTIONS with the captured Origin, ACRM and ACRH, verbatim', () => {
    const doc = har({ entries: preflightFailed(204, [['Access-Control-Allow-Origin', PAGE], ['Access-Control-Allow-Methods', 'GET, POST']], { acrh: 'x-api-key', reqExtra: [['X-Api-Key', 'k-123456789']] }) });
    const ex = firstBlocked(analyzeHar(doc))!;
    const data = collectReport({ exchange: ex, har: doc });
    expect(bashArgv(curlPreflight(data)!)).toEqual([
      '-i', '--globoff', '-X', 'OPTIONS', `${API}/c4`,
      '-H', `Origin: ${PAGE}`,
      '-H', 'Access-Control-Request-Method: PUT',
      '-H', 'Access-Control-Request-Headers: x-api-key',
    ]);
    // The actual request: Chromium recorded no Origin (preflight-blocked shape); the report adds the page's.
    expect(bashArgv(curlRequest(data))).toEqual([
      '-i', '--globoff', '-X', 'PUT', `${API}/c4`,
      '-H', `Origin: ${PAGE}`,
      '-H', 'Content-Type: application/json',
      '-H', `X-Api-Key: ${MASK}`,
    ]);
  });

  it('no preflight command for a simple request', () => {
    const doc = har({ entries: simpleBlocked([]) });
    const data = collectReport({ exchange: firstBlocked(analyzeHar(doc))!, har: doc });
    expect(curlPreflight(data)).toBeNull();
    expect(bashArgv(curlRequest(data))).toEqual(['-i', '--globoff', `${API}/c1`, '-H', `Origin: ${PAGE}`]);
  });

  it('synthesizes the preflight from the reasons when the capture has none (preflight cache)', () => {
    const doc = har({ entries: simpleBlocked([], { method: 'PUT', reqExtra: [['X-Token-Kind', 'a'], ['Content-Type', 'application/json']] }) });
    const ex = exchange({
      method: 'PUT',
      preflight: { needed: true, status: 'cached-or-not-captured', reasons: [{ kind: 'method', method: 'PUT' }, { kind: 'header', name: 'X-Token-Kind', value: 'a', why: 'not-safelisted' }, { kind: 'header', name: 'Content-Type', value: 'application/json', why: 'content-type' }] },
    });
    const data = collectReport({ exchange: ex, har: doc });
    expect(bashArgv(curlPreflight(data)!)).toEqual([
      '-i', '--globoff', '-X', 'OPTIONS', `${API}/c1`,
      '-H', `Origin: ${PAGE}`,
      '-H', 'Access-Control-Request-Method: PUT',
      '-H', 'Access-Control-Request-Headers: content-type,x-token-kind',
    ]);
  });

  it('quotes hostile header values and bodies so bash passes them through unchanged', () => {
    const doc = har({ entries: simpleBlocked([], { method: 'POST', reqExtra: HOSTILE, decorate: (e) => ({ ...e, postData: { mimeType: 'text/plain', text: `it's {"a":"$(id)"}` } }) }) });
    const ex = exchange({ method: 'POST' });
    const data = collectReport({ exchange: ex, har: doc }, NO_REDACTION);
    expect(bashArgv(curlRequest(data))).toEqual([
      '-i', '--globoff', `${API}/c1`,
      '-H', `Origin: ${PAGE}`,
      '-H', `X-Quote: ${HOSTILE[0]![1]}`,
      '-H', 'X-Newline: a b',
      '-H', 'X-Unicode: héllo ✓',
      '--data-raw', `it's {"a":"$(id)"}`,
    ]);
  });

  it('keeps masks in place and uses --globoff so curl does not read [REDACTED] as a URL range', () => {
    const doc = har({ entries: simpleBlocked([], { url: `${API}/c1?token=abcdef123&page=2`, reqExtra: [['Cookie', 'sessionid=abcdef123456']] }) });
    const data = collectReport({ exchange: exchange({ url: `${API}/c1?token=abcdef123&page=2`, credentials: { mode: 'include', evidence: 'Cookie header' } }), har: doc });
    const argv = bashArgv(curlRequest(data));
    expect(argv).toEqual(['-i', '--globoff', `${API}/c1?token=${MASK}&page=2`, '-H', `Origin: ${PAGE}`, '-H', `Cookie: sessionid=${MASK}`]);
  });

  it('uses -I for HEAD and omits -X for a POST with a body', () => {
    const head = har({ entries: simpleBlocked([], { method: 'HEAD' }) });
    expect(bashArgv(curlRequest(collectReport({ exchange: exchange({ method: 'HEAD' }), har: head }))).slice(0, 3)).toEqual(['-i', '--globoff', '-I']);
  });
});

describe('copy as fetch', () => {
  it('runs as JavaScript and calls fetch with the captured method, headers, credentials and mode', async () => {
    const doc = har({ entries: preflightFailed(204, [['Access-Control-Allow-Origin', PAGE]], { acrh: 'authorization,x-api-key', reqExtra: [['X-Api-Key', 'k-123456789'], ['Authorization', 'Bearer abcdefghijkl'], ['Referer', `${PAGE}/`], ['sec-ch-ua', '"Chromium"']] }) });
    const ex = { ...firstBlocked(analyzeHar(doc))!, credentials: { mode: 'include' as const, evidence: 'test' } };
    const calls = await runFetch(fetchSnippet(collectReport({ exchange: ex, har: doc })));
    expect(calls).toEqual([{
      url: `${API}/c4`,
      init: { method: 'PUT', headers: { 'Content-Type': 'application/json', 'X-Api-Key': MASK, Authorization: `Bearer ${MASK}` }, credentials: 'include', mode: 'cors' },
    }]);
  });

  it('carries hostile values as exact string literals and says when the credentials mode is unknown', async () => {
    const doc = har({ entries: simpleBlocked([], { method: 'POST', reqExtra: HOSTILE, decorate: (e) => ({ ...e, postData: { mimeType: 'text/plain', text: '</script>\u2028"' } }) }) });
    const ex = exchange({ method: 'POST', credentials: { mode: 'unknown', evidence: '' } });
    const snippet = fetchSnippet(collectReport({ exchange: ex, har: doc }, NO_REDACTION));
    expect(snippet).toMatch(/^\/\/ The capture does not show the credentials mode/);
    const calls = await runFetch(snippet);
    expect(calls[0]!.init).toEqual({
      method: 'POST',
      headers: { 'X-Quote': HOSTILE[0]![1], 'X-Newline': 'a b', 'X-Unicode': 'héllo ✓' },
      body: '</script>\u2028"',
      credentials: 'same-origin',
      mode: 'cors',
    });
  });

  it('uses no-cors for an opaque exchange', async () => {
    const doc = har({ entries: simpleBlocked([]) });
    const calls = await runFetch(fetchSnippet(collectReport({ exchange: exchange({ opaque: true, credentials: { mode: 'omit', evidence: '' } }), har: doc })));
    expect(calls[0]!.init).toEqual({ method: 'GET', credentials: 'omit', mode: 'no-cors' });
  });
});
