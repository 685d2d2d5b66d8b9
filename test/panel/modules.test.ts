/**
 * The panel's pure modules, over Chromium 156's real capture of the CORS lab: the words the panel
 * uses, which headers it highlights, the Learn steps, What-if, ingest (slim copies and keys), the
 * inert-rendering guard and the store-ready zip writer.
 */
import { describe, expect, it } from 'vitest';
import { inflateRawSync } from 'node:zlib';
import { analyzeHar, normalizeHar } from '../../src/core/index.js';
import type { Exchange, NetworkEntry } from '../../src/core/model.js';
import { preflightReasonText, reasonShort, safeDocLink, verdictSentence } from '../../src/panel/words.js';
import { canonical, culpritNames, headerRows, wantedHeaders } from '../../src/panel/relevant.js';
import { learnSteps } from '../../src/panel/learn.js';
import { draftFrom, evaluateDraft } from '../../src/panel/whatif.js';
import { completeness, entryKey, isUsableEntry, slimEntry, type RawEntry } from '../../src/panel/ingest.js';
import { isAllowedHref } from '../../src/panel/inert.js';
import { zip } from '../../scripts/package.mjs';
import { scenarioIdOfUrl } from '../../scripts/lab/scenarios.mjs';
import { labCapture } from './helpers.js';

const analysis = analyzeHar(labCapture().har);
const entries = new Map<number, NetworkEntry>(normalizeHar(labCapture().har).entries.map((e) => [e.index, e]));

function lab(id: string): { x: Exchange; actual?: NetworkEntry; preflight?: NetworkEntry; last?: NetworkEntry } {
  const x = analysis.exchanges.find((e) => e.redirectOf === null && scenarioIdOfUrl(e.url) === id);
  if (!x) throw new Error(`no exchange for ${id}`);
  const last = x.redirects.length ? [...entries.values()].find((e) => e.index > x.redirects.at(-1)!.entry && e.url === x.finalUrl && e.method !== 'OPTIONS') : undefined;
  return { x, actual: entries.get(x.entry), ...(x.preflightEntry !== null ? { preflight: entries.get(x.preflightEntry) } : {}), ...(last ? { last } : {}) };
}

describe('words', () => {
  it.each([
    ['acao-missing', /^The browser did not let the page at http:\/\/127\.0\.0\.1:\d+ read the response from localhost:\d+: no access-control-allow-origin header\.$/i],
    ['success-simple-get', /^The page at http:\/\/127\.0\.0\.1:\d+ can read the response from localhost:\d+\.$/],
    ['connection-refused', /failed before any CORS check: not a CORS header problem\.$/],
    ['same-origin-get', /^The page and the URL share scheme, host and port/],
  ])('%s → one sentence', (id, expected) => {
    expect(verdictSentence(lab(id).x)).toMatch(expected);
  });

  it('gives a short reason for the list', () => {
    expect(reasonShort(lab('method-put-not-listed').x)).toBe('MethodDisallowedByPreflightResponse');
    expect(reasonShort(lab('success-simple-get').x)).toBe('');
    expect(reasonShort(lab('proxy-502-without-cors').x)).toBe('MissingAllowOriginHeader');
  });

  it('explains why a preflight was needed', () => {
    expect(preflightReasonText({ kind: 'method', method: 'PUT' })).toBe('The method PUT is not GET, HEAD or POST.');
    expect(preflightReasonText({ kind: 'header', name: 'x-api-key', value: 'k', why: 'not-safelisted' })).toBe('The header x-api-key: k is not one of the CORS-safelisted request headers.');
    expect(preflightReasonText({ kind: 'header', name: 'accept', value: 'a', why: 'value-too-long' })).toContain('longer than 128 bytes');
    expect(preflightReasonText({ kind: 'header', name: 'content-type', value: 'application/json', why: 'content-type' })).toContain('text/plain');
  });

  it.each([
    ['https://developer.mozilla.org/docs/Web/HTTP/CORS', 'https://developer.mozilla.org/docs/Web/HTTP/CORS'],
    ['http://developer.mozilla.org/x', null],
    ['javascript:alert(1)', null],
    ['https://developer.mozilla.org.evil.test/', null],
    ['https://evil.test/?developer.mozilla.org', null],
    [undefined, null],
  ])('links only to MDN over https: %s', (url, expected) => {
    expect(safeDocLink(url)).toBe(expected);
    expect(isAllowedHref(url)).toBe(expected !== null);
  });
});

describe('headers that matter', () => {
  it('shows a missing Access-Control-Allow-Origin as missing, and as the culprit', () => {
    const { x, actual } = lab('acao-missing');
    const rows = headerRows(actual!.responseHeaders, wantedHeaders('response', x, actual!.responseHeaders), culpritNames('response', x));
    expect(rows[0]).toEqual({ name: 'Access-Control-Allow-Origin', value: null, important: true, culprit: true });
    expect(rows.filter((r) => !r.important).length).toBeGreaterThan(0);
  });

  it('keeps both lines of a duplicated header', () => {
    const { x, actual } = lab('acao-multiple-lines-same');
    const rows = headerRows(actual!.responseHeaders, wantedHeaders('response', x, actual!.responseHeaders), culpritNames('response', x));
    expect(rows.filter((r) => r.name.toLowerCase() === 'access-control-allow-origin' && r.culprit)).toHaveLength(2);
  });

  it('points at Allow-Methods on the preflight and at the method asked for', () => {
    const { x } = lab('method-put-not-listed');
    expect(culpritNames('preflight-response', x)).toEqual(['access-control-allow-methods']);
    expect(culpritNames('preflight-request', x)).toEqual(['access-control-request-method']);
    expect(culpritNames('response', x)).toEqual([]);
  });

  it('wants Allow-Credentials only when credentials matter or it is present', () => {
    const simple = lab('acao-missing');
    expect(wantedHeaders('response', simple.x, [])).toEqual(['access-control-allow-origin']);
    const cred = lab('acac-missing');
    expect(wantedHeaders('response', cred.x, [])).toContain('access-control-allow-credentials');
  });

  it('writes header names the usual way', () => {
    expect(canonical('access-control-allow-origin')).toBe('Access-Control-Allow-Origin');
    expect(canonical('vary')).toBe('Vary');
  });
});

describe('learn steps', () => {
  const states = (id: string) => {
    const { x, actual, preflight, last } = lab(id);
    return learnSteps(x, actual, preflight, last);
  };

  it('a failed preflight: the failing check, then the request is never sent', () => {
    const steps = states('preflight-status-401');
    const fail = steps.findIndex((s) => s.state === 'fail');
    expect(steps[fail]!.title).toContain('2xx');
    expect(steps.slice(0, fail).filter((s) => s.actor === 'check' && s.state !== 'info').every((s) => s.state === 'ok' || s.state === 'skipped')).toBe(true);
    expect(steps.at(-1)!.title).toMatch(/never sent/);
  });

  it('a simple request without Allow-Origin: fails at the first response check', () => {
    const steps = states('acao-missing');
    expect(steps.some((s) => s.title.includes('preflight') && s.title.includes('simple'))).toBe(true);
    expect(steps.find((s) => s.state === 'fail' && s.actor === 'check')!.title).toBe('Is there an Access-Control-Allow-Origin header?');
    expect(steps.at(-1)!.title).toBe('The browser hides the response from the page');
  });

  it('a success: every applicable check passes', () => {
    const steps = states('success-credentialed-preflighted');
    expect(steps.filter((s) => s.state === 'fail')).toEqual([]);
    // The capture does not say whether credentials were sent (the verdict is the same either way).
    expect(steps.filter((s) => s.actor === 'check' && s.title.includes('Allow-Credentials')).every((s) => s.state === 'ok' || s.state === 'skipped')).toBe(true);
    expect(steps.filter((s) => s.actor === 'check' && s.state === 'ok').length).toBeGreaterThanOrEqual(8);
    expect(steps.at(-1)!.state).toBe('ok');
  });

  it('a same-origin request stops at once', () => {
    const steps = states('same-origin-get');
    expect(steps).toHaveLength(2);
    expect(steps[1]!.title).toMatch(/Same origin/);
  });
});

describe('what if', () => {
  it('reproduces the captured verdict before any edit', () => {
    for (const id of ['acao-missing', 'acao-mismatch-other-site', 'method-put-not-listed', 'header-not-listed', 'success-preflighted-put', 'wildcard-with-credentials']) {
      const { x, actual, preflight, last } = lab(id);
      const result = evaluateDraft(draftFrom(x, actual, preflight, last));
      expect([id, result.verdict, result.corsError]).toEqual([id, x.verdict, x.corsError]);
    }
  });

  it('adding the method to Allow-Methods unblocks the request', () => {
    const { x, actual, preflight } = lab('method-put-not-listed');
    const draft = draftFrom(x, actual, preflight, undefined);
    expect(draft.responseAssumed).toBe(true);
    const fixed = { ...draft, preflightResponse: { ...draft.preflightResponse, headers: [...draft.preflightResponse.headers.filter((h) => !/allow-methods/i.test(h.name)), { name: 'Access-Control-Allow-Methods', value: 'PUT' }] } };
    expect(evaluateDraft(fixed).verdict).toBe('allowed');
  });

  it('turning credentials on with Allow-Origin * blocks it', () => {
    const { x, actual } = lab('success-wildcard-no-credentials');
    const draft = draftFrom(x, actual, undefined, undefined);
    expect(evaluateDraft(draft).verdict).toBe('allowed');
    expect(evaluateDraft({ ...draft, credentials: 'include' }).corsError).toBe('WildcardOriginNotAllowed');
  });

  it('adding a custom header makes a preflight necessary', () => {
    const { x, actual } = lab('success-simple-get');
    const draft = draftFrom(x, actual, undefined, undefined);
    const result = evaluateDraft({ ...draft, requestHeaders: [...draft.requestHeaders, { name: 'X-Trace', value: '1' }] });
    expect(result.preflightNeeded).toBe(true);
    expect(result.corsError).toMatch(/^Preflight|HeaderDisallowedByPreflightResponse/);
  });

  it('keeps only headers the page script set', () => {
    const { x, actual, preflight } = lab('header-not-listed');
    const names = draftFrom(x, actual, preflight, undefined).requestHeaders.map((h) => h.name.toLowerCase());
    expect(names).not.toContain('user-agent');
    expect(names.some((n) => n.startsWith('sec-'))).toBe(false);
    expect(names).not.toContain('origin');
  });
});

describe('ingest', () => {
  const raw = () => structuredClone(labCapture().har.log.entries.find((e) => e.request.method === 'PUT' && e.request.url.endsWith('/s/method-put-not-listed'))!) as RawEntry;

  it('keys a request by start time, method and URL', () => {
    const e = raw();
    expect(entryKey(e)).toBe(`${e.startedDateTime}|PUT|${e.request.url}`);
    expect(entryKey(null)).toBe('');
  });

  it('copies only what the panel reads: no response body, no initiator stack', () => {
    const e = raw() as RawEntry & { _initiator: Record<string, unknown> };
    e.response.content = { size: 5, mimeType: 'text/plain', text: 'hello' };
    e._initiator = { type: 'script', stack: { callFrames: [{ url: 'http://127.0.0.1:1/app.js' }] } };
    const slim = slimEntry(e, 'p1') as RawEntry & { _initiator: Record<string, unknown> };
    expect(slim.response.content).toEqual({ size: 5, mimeType: 'text/plain' });
    expect(slim._initiator).toEqual({ type: 'script', url: 'http://127.0.0.1:1/app.js' });
    expect(slim.pageref).toBe('p1');
    expect(slim.request.headers).toEqual(e.request.headers);
    expect(slim.request.headers).not.toBe(e.request.headers);
  });

  it('ranks a finished copy above an in-flight one', () => {
    const done = structuredClone(labCapture().har.log.entries.find((e) => e.request.url.endsWith('/s/acao-missing'))!) as RawEntry;
    const inFlight = { ...done, response: { ...done.response, status: 0, headers: [] } } as RawEntry;
    expect(completeness(done)).toBeGreaterThan(completeness(inFlight));
  });

  it('rejects what is not a HAR entry', () => {
    for (const bad of [null, 1, 'x', {}, { request: null }, { request: { url: 5 } }, { request: { url: '' } }]) expect(isUsableEntry(bad)).toBe(false);
    expect(isUsableEntry(raw())).toBe(true);
  });
});

describe('store zip (scripts/package.mjs)', () => {
  /** Reads the archive back with a minimal reader: central directory → local headers → inflate. */
  function unzip(archive: Buffer): Map<string, Buffer> {
    const files = new Map<string, Buffer>();
    const end = archive.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    const count = archive.readUInt16LE(end + 10);
    let p = archive.readUInt32LE(end + 16);
    for (let i = 0; i < count; i++) {
      const method = archive.readUInt16LE(p + 10);
      const size = archive.readUInt32LE(p + 20);
      const nameLength = archive.readUInt16LE(p + 28);
      const offset = archive.readUInt32LE(p + 42);
      const name = archive.subarray(p + 46, p + 46 + nameLength).toString('utf8');
      const localName = archive.readUInt16LE(offset + 26);
      const localExtra = archive.readUInt16LE(offset + 28);
      const body = archive.subarray(offset + 30 + localName + localExtra, offset + 30 + localName + localExtra + size);
      files.set(name, method === 8 ? inflateRawSync(body) : Buffer.from(body));
      p += 46 + nameLength;
    }
    return files;
  }

  it('round-trips stored and deflated files with their names', () => {
    const input = [
      { name: 'manifest.json', data: Buffer.from(JSON.stringify({ name: 'x' }).repeat(20)) },
      { name: 'icons/16.png', data: Buffer.from([0x89, 0x50, 0x4e, 0x47]) },
      { name: 'src/é.txt', data: Buffer.from('') },
    ];
    const files = unzip(zip(input));
    expect([...files.keys()]).toEqual(input.map((f) => f.name));
    for (const f of input) expect(files.get(f.name)!.equals(f.data)).toBe(true);
  });

  it('is reproducible', () => {
    const input = [{ name: 'a.txt', data: Buffer.from('same') }];
    expect(zip(input).equals(zip(input))).toBe(true);
  });
});
