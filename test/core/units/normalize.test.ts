/**
 * src/core/har/normalize.ts — HAR text/JSON from any producer → NetworkEntry[].
 * Facts: HAR 1.2 (log.creator/browser/pages/entries; entry.startedDateTime ISO 8601; request/response headers are
 * lists of {name, value}; response.redirectURL; content.text with optional encoding "base64"; serverIPAddress;
 * pageref → pages[].id); brief: "Bad input gets a one-line error, never a crash". extension-capture.md Table B
 * (Chromium 156 underscore fields: _resourceType, _initiator {type, url, requestId, stack}, response._error;
 * blocked requests: status 0, headers []); §3 Firefox (no error field, no resource type, no initiator).
 * HAR samples in /work/shared/har-samples (SOURCES.md): UTF-8 BOM (chrome114-devtools-with-bom.har), .harp JSONP
 * wrapper (firebug-1.5-jsonp.harp), truncated JSON (broken-truncated-json.har), a pasted fragment
 * (broken-fragment-websocket.har), entry without response (odd-request-only-hand-written.har), creator as a plain
 * string (optic-har-1.3-creator-string.har), header values as JSON arrays (pollyjs-1.2.0-node-cors.har),
 * `_error` as an object (capture-har-0.3.2-redirect-loop.har), WebKit Web Inspector, Firefox 126, HTTP/2 pseudo-headers.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { getCombined } from '../../../src/core/http/headers.js';
import { HarInputError, normalizeHar, parseHarText } from '../../../src/core/har/normalize.js';
import { rawEntry, rawHar, rawHeaders, type Json } from '../../helpers/units-builders.js';

const sample = (name: string) => readFileSync(new URL(`../../../../shared/har-samples/${name}`, import.meta.url), 'utf8');
const norm = (entries: unknown[], log: Json = {}) => normalizeHar(rawHar(entries, log));
const one = (e: Json, log: Json = {}) => {
  const out = norm([e], log).entries[0];
  if (!out) throw new Error('entry was skipped');
  return out;
};

/** Runs fn and returns the HarInputError it throws (fails the test when it throws anything else or nothing). */
function harError(fn: () => unknown): HarInputError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(HarInputError);
    return e as HarInputError;
  }
  throw new Error('expected a HarInputError');
}

describe('parseHarText', () => {
  it('plain JSON', () => {
    expect(parseHarText('{"log":{"entries":[]}}')).toEqual({ log: { entries: [] } });
  });

  it('leading/trailing whitespace', () => {
    expect(parseHarText('\n  {"log":{"entries":[]}}  \n')).toEqual({ log: { entries: [] } });
  });

  it('a UTF-8 BOM', () => {
    expect(parseHarText('\ufeff{"log":{"entries":[]}}')).toEqual({ log: { entries: [] } });
  });

  it('a .harp JSONP wrapper, with and without the semicolon, with newlines', () => {
    expect(parseHarText('onInputData({"log":{"entries":[]}});')).toEqual({ log: { entries: [] } });
    expect(parseHarText('onInputData({"log":{"entries":[]}})')).toEqual({ log: { entries: [] } });
    expect(parseHarText('onInputData(\n{\n "log": {"entries": []}\n}\n);\n')).toEqual({ log: { entries: [] } });
  });

  it('a BOM and a JSONP wrapper together', () => {
    expect(parseHarText('\ufeffonInputData({"log":{"entries":[]}});')).toEqual({ log: { entries: [] } });
  });

  it('a JSON string value that looks like a call is not unwrapped', () => {
    expect(parseHarText('{"log":{"comment":"f(x)","entries":[]}}')).toEqual({ log: { comment: 'f(x)', entries: [] } });
  });

  it.each([[''], ['   '], ['\n\t'], ['\ufeff'], ['\ufeff  \n']])('empty input %j → "the file is empty"', (t) => {
    const e = harError(() => parseHarText(t));
    expect(e.message).toMatch(/empty/);
  });

  it.each([['{"log":'], ['not json'], ['{log: {}}'], ["{'log': 1}"], ['onInputData({"log":'], ['{"a":1}}'], ['\u0000']])('invalid JSON %j → one-line HarInputError', (t) => {
    const e = harError(() => parseHarText(t));
    expect(e.message).toMatch(/^not valid JSON/);
    expect(e.message).not.toMatch(/[\r\n]/);
    expect(e.name).toBe('HarInputError');
  });

  it('the real truncated file (33 bytes) → one-line HarInputError', () => {
    const e = harError(() => parseHarText(sample('broken-truncated-json.har')));
    expect(e.message).not.toMatch(/[\r\n]/);
  });

  it('the real pasted fragment → one-line HarInputError', () => {
    const e = harError(() => parseHarText(sample('broken-fragment-websocket.har')));
    expect(e.message).not.toMatch(/[\r\n]/);
  });

  it('the real BOM file parses', () => {
    const h = parseHarText(sample('chrome114-devtools-with-bom.har')) as { log: { creator: { name: string } } };
    expect(h.log.creator.name).toBe('WebInspector');
  });

  it('the real .harp file parses', () => {
    const h = parseHarText(sample('firebug-1.5-jsonp.harp')) as { log: { creator: { name: string }; entries: unknown[] } };
    expect(h.log.creator.name).toBe('Firebug');
    expect(h.log.entries.length).toBeGreaterThan(0);
  });

  it('valid JSON that is not a HAR parses (normalizeHar rejects it)', () => {
    expect(parseHarText('[1,2,3]')).toEqual([1, 2, 3]);
    expect(parseHarText('null')).toBeNull();
  });
});

describe('normalizeHar — not a HAR', () => {
  it.each<[string, unknown]>([
    ['null', null],
    ['an array', []],
    ['a string', 'log'],
    ['a number', 42],
    ['an empty object', {}],
    ['log is an array', { log: [] }],
    ['log is null', { log: null }],
    ['no entries', { log: {} }],
    ['entries is an object', { log: { entries: {} } }],
    ['entries is a string', { log: { entries: 'x' } }],
  ])('%s → one-line HarInputError naming the problem', (_label, input) => {
    const e = harError(() => normalizeHar(input));
    expect(e.message).toMatch(/not a HAR/);
    expect(e.message).not.toMatch(/[\r\n]/);
  });

  it('an empty entries list is a valid (empty) HAR', () => {
    const out = normalizeHar({ log: { entries: [] } });
    expect(out.entries).toEqual([]);
    expect(out.warnings).toEqual([]);
  });
});

describe('normalizeHar — one Chromium entry, field by field', () => {
  const chromeEntry = rawEntry('PUT http://localhost:8002/c8', {
    startedDateTime: '2026-11-21T10:00:00.123Z',
    time: 42.5,
    _resourceType: 'fetch',
    _initiator: { type: 'script', stack: { callFrames: [{ url: 'http://127.0.0.1:8001/app.js', functionName: 'run' }] } },
    serverIPAddress: '[::1]',
    pageref: 'page_1',
    request: { headers: rawHeaders(['Origin', 'http://127.0.0.1:8001'], ['X-Api-Key', 'k'], ['x-api-key', 'k2']) },
    response: {
      status: 200,
      statusText: 'OK',
      headers: rawHeaders(['Access-Control-Allow-Origin', 'http://127.0.0.1:8001'], ['access-control-allow-origin', 'http://127.0.0.1:8001']),
      content: { size: 2, mimeType: 'application/json', text: '{}' },
      redirectURL: '',
      _error: null,
    },
  });
  const log = { pages: [{ id: 'page_1', title: 'http://127.0.0.1:8001/', startedDateTime: '2026-11-21T10:00:00.000Z' }] };

  it('copies method, URL, status and text exactly', () => {
    const e = one(chromeEntry, log);
    expect(e.index).toBe(0);
    expect(e.method).toBe('PUT');
    expect(e.url).toBe('http://localhost:8002/c8');
    expect(e.status).toBe(200);
    expect(e.statusText).toBe('OK');
  });

  it('keeps header lines in order, casing and duplicates', () => {
    const e = one(chromeEntry, log);
    expect(e.requestHeaders).toEqual([
      { name: 'Origin', value: 'http://127.0.0.1:8001' },
      { name: 'X-Api-Key', value: 'k' },
      { name: 'x-api-key', value: 'k2' },
    ]);
    expect(e.responseHeaders).toHaveLength(2);
    expect(e.responseHeaders[1]?.name).toBe('access-control-allow-origin');
  });

  it('times: startedDateTime → epoch ms, time → durationMs', () => {
    const e = one(chromeEntry, log);
    expect(e.startedMs).toBe(Date.UTC(2026, 10, 21, 10, 0, 0, 123));
    expect(e.durationMs).toBe(42.5);
  });

  it('Chromium fields: resource type, initiator (URL from the stack), server IP without brackets, page URL, body', () => {
    const e = one(chromeEntry, log);
    expect(e.resourceType).toBe('fetch');
    expect(e.initiator).toEqual({ type: 'script', url: 'http://127.0.0.1:8001/app.js' });
    expect(e.serverIp).toBe('::1');
    expect(e.pageUrl).toBe('http://127.0.0.1:8001/');
    expect(e.bodyText).toBe('{}');
    expect(e.error).toBeUndefined();
  });

  it('source chrome, errorAware because the producer writes response._error', () => {
    const out = norm([chromeEntry], log);
    expect(out.source).toBe('chrome');
    expect(out.errorAware).toBe(true);
    expect(out.entries[0]?.source).toBe('chrome');
    expect(out.creator).toBe('WebInspector 537.36');
  });
});

describe('normalizeHar — responses', () => {
  it('a blocked request (Table B c4): status 0, no headers, _error', () => {
    const e = one(rawEntry('PUT http://localhost:8002/c4', { response: { status: 0, statusText: '', headers: [], _error: 'net::ERR_FAILED' } }));
    expect(e.status).toBe(0);
    expect(e.responseHeaders).toEqual([]);
    expect(e.error).toBe('net::ERR_FAILED');
  });

  it.each<[string, Json]>([
    ['missing response', { response: undefined }],
    ['response null', { response: null }],
    ['response is a string', { response: 'oops' }],
    ['response is an array', { response: [] }],
  ])('%s → status 0, no headers, no error, no crash', (_label, extra) => {
    const raw = rawEntry('GET http://a.test/', {});
    if (extra.response === undefined) delete raw.response;
    else raw.response = extra.response;
    const e = one(raw);
    expect(e.status).toBe(0);
    expect(e.statusText).toBe('');
    expect(e.responseHeaders).toEqual([]);
    expect(e.redirectURL).toBe('');
    expect(e.error).toBeUndefined();
  });

  it.each<[unknown, number]>([
    [200, 200],
    ['200', 200],
    [' 204 ', 204],
    [0, 0],
    ['abc', 0],
    [null, 0],
    [undefined, 0],
    [Number.NaN, 0],
    [{}, 0],
    ['', 0],
  ])('status %j → %i', (status, expected) => {
    expect(one(rawEntry('GET http://a.test/', { response: { status, headers: [] } })).status).toBe(expected);
  });

  it('redirectURL from response.redirectURL', () => {
    expect(one(rawEntry('GET http://a.test/', { response: { status: 302, headers: [], redirectURL: 'https://b.test/' } })).redirectURL).toBe('https://b.test/');
  });

  it('redirectURL falls back to the Location header (any casing)', () => {
    expect(one(rawEntry('GET http://a.test/', { response: { status: 301, headers: rawHeaders(['location', '/next/']), redirectURL: '' } })).redirectURL).toBe('/next/');
    expect(one(rawEntry('GET http://a.test/', { response: { status: 301, headers: rawHeaders(['LOCATION', '/n']) } })).redirectURL).toBe('/n');
  });

  it('redirectURL wins over Location when both are present', () => {
    const e = one(rawEntry('GET http://a.test/', { response: { status: 302, headers: rawHeaders(['Location', '/rel']), redirectURL: 'http://a.test/rel' } }));
    expect(e.redirectURL).toBe('http://a.test/rel');
  });

  it.each<[unknown, string | undefined]>([
    ['net::ERR_FAILED', 'net::ERR_FAILED'],
    ['net::ERR_BLOCKED_BY_CLIENT', 'net::ERR_BLOCKED_BY_CLIENT'],
    ['', undefined],
    [null, undefined],
    [{ message: 'Max redirects exceeded', code: 'MAXREDIRECTS' }, undefined],
    [42, undefined],
  ])('_error %j → %j', (err, expected) => {
    expect(one(rawEntry('GET http://a.test/', { response: { status: 0, headers: [], _error: err } })).error).toBe(expected);
  });
});

describe('normalizeHar — odd header lists', () => {
  const withReq = (headers: unknown) => one(rawEntry('GET http://a.test/', { request: { headers } }));

  it.each<[string, unknown]>([
    ['an object map', { Origin: 'http://x.test' }],
    ['a string', 'Origin: http://x.test'],
    ['null', null],
    ['missing', undefined],
    ['a number', 3],
  ])('headers as %s → empty list, no crash', (_label, headers) => {
    expect(withReq(headers).requestHeaders).toEqual([]);
  });

  it('items that are not {name} objects are skipped, the rest kept', () => {
    const e = withReq([null, 'X: y', ['a', 'b'], { value: 'no name' }, { name: 7, value: 'x' }, { name: 'X-Ok', value: 'yes' }]);
    expect(e.requestHeaders).toEqual([{ name: 'X-Ok', value: 'yes' }]);
  });

  it.each<[unknown, string]>([
    ['v', 'v'],
    [42, '42'],
    [0, '0'],
    [null, ''],
    [undefined, ''],
    ['', ''],
    ['  spaced  ', '  spaced  '], // kept as captured
    ['é ü 日本', 'é ü 日本'],
  ])('value %j → %j', (value, expected) => {
    expect(withReq([{ name: 'X-V', value }]).requestHeaders).toEqual([{ name: 'X-V', value: expected }]);
  });

  it('Polly.JS header values written as JSON arrays keep their value', () => {
    const e = one(
      rawEntry('GET https://jsonplaceholder.typicode.com/posts/1', {
        request: { headers: [{ name: 'accept', value: ['*/*'] }] },
        response: { status: 200, headers: [{ name: 'access-control-allow-origin', value: ['*'] }, { name: 'vary', value: 'Origin' }] },
      }),
    );
    expect(getCombined(e.requestHeaders, 'accept')).toBe('*/*');
    expect(getCombined(e.responseHeaders, 'access-control-allow-origin')).toBe('*');
  });

  it('an array value with several items reads as the combined value; non-string items are stringified', () => {
    const e = one(rawEntry('GET http://a.test/', { response: { status: 200, headers: [{ name: 'Vary', value: ['Origin', 'Accept-Encoding'] }, { name: 'X-N', value: [1, 'a'] }] } }));
    expect(getCombined(e.responseHeaders, 'vary')).toBe('Origin, Accept-Encoding');
    expect(getCombined(e.responseHeaders, 'x-n')).toBe('1, a');
  });

  it('the real Polly.JS recording: array values are not lost', () => {
    const out = normalizeHar(parseHarText(sample('pollyjs-1.2.0-node-cors.har')));
    const e = out.entries[0];
    expect(e).toBeDefined();
    expect(getCombined(e?.requestHeaders ?? [], 'accept')).toBe('*/*');
    expect(getCombined(e?.requestHeaders ?? [], 'host')).toBe('jsonplaceholder.typicode.com');
  });
});

describe('normalizeHar — entries that cannot be read are skipped with a warning; indexes stay HAR indexes', () => {
  it('no request object, no URL', () => {
    const out = norm([
      rawEntry('GET http://a.test/0'),
      null,
      { response: { status: 200 } },
      { request: 'GET /' },
      rawEntry('GET '),
      { request: { method: 'GET' } },
      rawEntry('GET http://a.test/6'),
    ]);
    expect(out.entries.map((e) => [e.index, e.url])).toEqual([
      [0, 'http://a.test/0'],
      [6, 'http://a.test/6'],
    ]);
    expect(out.warnings).toHaveLength(5);
    expect(out.warnings[0]).toMatch(/^entry 1: /);
    expect(out.warnings.join('\n')).toMatch(/entry 4: .*URL/);
    for (const w of out.warnings) expect(w).not.toMatch(/\n/);
  });

  it('a method that is not a string does not crash', () => {
    const e = one(rawEntry('GET http://a.test/', { request: { method: 42, url: 'http://a.test/' } }));
    expect(typeof e.method).toBe('string');
  });

  it('the method keeps its case (patch is not PATCH)', () => {
    expect(one(rawEntry('patch http://a.test/')).method).toBe('patch');
  });
});

describe('normalizeHar — times', () => {
  it.each<[unknown, number]>([
    ['2024-05-22T08:41:18.352-04:00', Date.UTC(2024, 4, 22, 12, 41, 18, 352)],
    ['2026-11-21T10:00:00Z', Date.UTC(2026, 10, 21, 10, 0, 0, 0)],
    ['2026-11-21T10:00:00.000+01:00', Date.UTC(2026, 10, 21, 9, 0, 0, 0)],
  ])('startedDateTime %s', (iso, ms) => {
    expect(one(rawEntry('GET http://a.test/', { startedDateTime: iso })).startedMs).toBe(ms);
  });

  it.each([['not a date'], [''], [null]])('unreadable startedDateTime %j → NaN', (v) => {
    expect(one(rawEntry('GET http://a.test/', { startedDateTime: v })).startedMs).toBeNaN();
  });

  it.each<[unknown, number]>([[12.5, 12.5], ['7', 7], [0, 0]])('time %j → durationMs %d', (time, ms) => {
    expect(one(rawEntry('GET http://a.test/', { time })).durationMs).toBe(ms);
  });

  it.each([[null], ['x'], [undefined]])('time %j → NaN', (time) => {
    const raw = rawEntry('GET http://a.test/', { time });
    if (time === undefined) delete raw.time;
    expect(one(raw).durationMs).toBeNaN();
  });
});

describe('normalizeHar — Chromium underscore fields', () => {
  it('a preflight (Table B): _resourceType preflight, _initiator {type, url, requestId}', () => {
    const e = one(rawEntry('OPTIONS http://localhost:8002/c4', { _resourceType: 'preflight', _initiator: { type: 'preflight', url: 'http://localhost:8002/c4', requestId: '16783.7' } }));
    expect(e.resourceType).toBe('preflight');
    expect(e.initiator).toEqual({ type: 'preflight', url: 'http://localhost:8002/c4', requestId: '16783.7' });
  });

  it('initiator URL wins over the stack', () => {
    const e = one(rawEntry('GET http://a.test/', { _initiator: { type: 'script', url: 'https://x.test/own.js', stack: { callFrames: [{ url: 'https://x.test/stack.js' }] } } }));
    expect(e.initiator?.url).toBe('https://x.test/own.js');
  });

  it('the stack URL: first frame with a URL, then the parent stacks', () => {
    const e1 = one(rawEntry('GET http://a.test/', { _initiator: { type: 'script', stack: { callFrames: [{ url: '' }, { url: 'https://x.test/2.js' }] } } }));
    expect(e1.initiator?.url).toBe('https://x.test/2.js');
    const e2 = one(rawEntry('GET http://a.test/', { _initiator: { type: 'script', stack: { callFrames: [], parent: { callFrames: [{ url: 'https://x.test/parent.js' }] } } } }));
    expect(e2.initiator?.url).toBe('https://x.test/parent.js');
  });

  it('a stack nested very deep does not crash', () => {
    let stack: Json = { callFrames: [{ url: 'https://x.test/deep.js' }] };
    for (let i = 0; i < 1000; i++) stack = { callFrames: [], parent: stack };
    expect(() => one(rawEntry('GET http://a.test/', { _initiator: { type: 'script', stack } }))).not.toThrow();
  });

  it('non-string initiator fields are dropped', () => {
    const e = one(rawEntry('GET http://a.test/', { _initiator: { type: 5, url: {}, requestId: 12 } }));
    expect(e.initiator).toEqual({});
  });

  it.each([[null], ['script'], [[]]])('an _initiator that is not an object (%j) is ignored', (v) => {
    expect(one(rawEntry('GET http://a.test/', { _initiator: v })).initiator).toBeUndefined();
  });

  it('a non-string _resourceType is ignored', () => {
    expect(one(rawEntry('GET http://a.test/', { _resourceType: 3 })).resourceType).toBeUndefined();
  });

  it.each<[unknown, string | undefined]>([
    ['127.0.0.1', '127.0.0.1'],
    ['[::1]', '::1'],
    ['::1', '::1'],
    ['', undefined],
    [null, undefined],
  ])('serverIPAddress %j → %j', (ip, expected) => {
    expect(one(rawEntry('GET http://a.test/', { serverIPAddress: ip })).serverIp).toBe(expected);
  });
});

describe('normalizeHar — page URL and body', () => {
  it.each<[Json[], unknown, string | undefined]>([
    [[{ id: 'p1', title: 'https://app.example/dash' }], 'p1', 'https://app.example/dash'],
    [[{ id: 'p1', title: 'Cuzillion' }], 'p1', undefined], // a title that is not a URL
    [[{ id: 'p1', title: 'https://app.example/' }], 'p2', undefined], // unknown pageref
    [[{ id: 'p1', title: 'https://app.example/' }], undefined, undefined],
    [[{ id: 1, title: 'https://app.example/' }], 1, undefined], // ids are strings in HAR
    [[{ id: 'p1' }], 'p1', undefined],
  ])('pages %j, pageref %j → %j', (pages, pageref, expected) => {
    expect(one(rawEntry('GET http://a.test/', { pageref }), { pages }).pageUrl).toBe(expected);
  });

  it('pages that is not a list is ignored', () => {
    expect(one(rawEntry('GET http://a.test/', { pageref: 'p1' }), { pages: { p1: 'x' } }).pageUrl).toBeUndefined();
  });

  it.each<[Json, string | undefined]>([
    [{ text: 'CSRF verification failed' }, 'CSRF verification failed'],
    [{ text: 'Q1NSRg==', encoding: 'base64' }, undefined],
    [{ text: 'x'.repeat(65_536) }, 'x'.repeat(65_536)],
    [{ text: 'x'.repeat(65_537) }, undefined],
    [{ text: 12 }, undefined],
    [{}, undefined],
  ])('content %j → bodyText', (content, expected) => {
    expect(one(rawEntry('GET http://a.test/', { response: { status: 403, headers: [], content } })).bodyText).toBe(expected);
  });
});

describe('normalizeHar — which producer (source) and whether it records errors', () => {
  it.each<[string, Json, Json, string]>([
    ['Chromium DevTools', { creator: { name: 'WebInspector', version: '537.36' } }, { _resourceType: 'fetch' }, 'chrome'],
    ['old Chromium export without underscore fields', { creator: { name: 'WebInspector', version: '537.36' } }, {}, 'chrome'],
    ['chrome-har with _initiator', { creator: { name: 'chrome-har', version: '0.12.0' }, browser: { name: 'Chrome', version: '97' } }, { _initiator: { type: 'parser' } }, 'chrome'],
    ['Firefox DevTools', { creator: { name: 'Firefox', version: '126.0' }, browser: { name: 'Firefox', version: '126.0' } }, {}, 'firefox'],
    ['Firebug in Firefox', { creator: { name: 'Firebug', version: '1.5' }, browser: { name: 'Firefox', version: '3.6' } }, {}, 'firefox'],
    ['WebPageTest driving Firefox', { creator: { name: 'WebPagetest', version: '18.09' }, browser: { name: 'Firefox', version: '62.0.3' } }, {}, 'firefox'],
    ['Safari Web Inspector', { creator: { name: 'WebKit Web Inspector', version: '1.0' } }, {}, 'safari'],
    ['Charles', { creator: { name: 'Charles Proxy', version: '4.6.3' } }, {}, 'other'],
    ['no creator', { creator: undefined }, {}, 'other'],
    ['creator as a plain string', { creator: 'Optic capture command' }, {}, 'other'],
  ])('%s → %s', (_label, log, extra, source) => {
    const out = norm([rawEntry('GET http://a.test/', extra)], log);
    expect(out.source).toBe(source);
    expect(out.entries[0]?.source).toBe(source);
  });

  it('errorAware only when entries carry response._error (Firefox and proxies without it cannot say "no error")', () => {
    expect(norm([rawEntry('GET http://a.test/', { response: { status: 200, headers: [], _error: null } })]).errorAware).toBe(true);
    expect(norm([rawEntry('GET http://a.test/')], { creator: { name: 'Firefox', version: '126' } }).errorAware).toBe(false);
    expect(norm([rawEntry('GET http://a.test/')], { creator: { name: 'WebInspector', version: '537.36' } }).errorAware).toBe(false);
  });

  it('creator and browser strings', () => {
    const out = norm([], { creator: { name: 'Firefox', version: '126.0' }, browser: { name: 'Firefox', version: '126.0' } });
    expect(out.creator).toBe('Firefox 126.0');
    expect(out.browser).toBe('Firefox 126.0');
    expect(norm([], { creator: 'Optic capture command' }).creator).toBe('Optic capture command');
    expect(norm([], { creator: undefined, browser: undefined }).creator).toBe('');
    expect(norm([], { browser: undefined }).browser).toBe('');
  });
});

describe('normalizeHar — real producers', () => {
  const load = (name: string) => normalizeHar(parseHarText(sample(name)));

  it('Chromium with BOM: one POST, chrome, with _resourceType', () => {
    const out = load('chrome114-devtools-with-bom.har');
    expect(out.source).toBe('chrome');
    expect(out.entries).toHaveLength(1);
    expect(out.entries[0]?.method).toBe('POST');
    expect(out.entries[0]?.resourceType).toBe('ping');
  });

  it('Firebug .harp: every entry read', () => {
    const raw = parseHarText(sample('firebug-1.5-jsonp.harp')) as { log: { entries: unknown[] } };
    const out = normalizeHar(raw);
    expect(out.source).toBe('firefox');
    expect(out.entries).toHaveLength(raw.log.entries.length);
  });

  it('Firefox 126, entry without a response status: status 0', () => {
    const out = load('firefox126-devtools-noresponse.har');
    expect(out.source).toBe('firefox');
    expect(out.entries[0]?.status).toBe(0);
    expect(out.entries[0]?.pageUrl).toBe('http://example.com/');
  });

  it('hand-written entry with a request only', () => {
    const out = load('odd-request-only-hand-written.har');
    expect(out.entries).toHaveLength(1);
    expect(out.entries[0]).toMatchObject({ method: 'GET', url: 'http://example.com', status: 0, responseHeaders: [] });
    expect(out.entries[0]?.startedMs).toBeNaN();
  });

  it('creator as a plain string: 10 entries, source other', () => {
    const out = load('optic-har-1.3-creator-string.har');
    expect(out.entries).toHaveLength(10);
    expect(out.source).toBe('other');
    expect(out.creator).toBe('Optic capture command');
  });

  it('Safari Web Inspector: safari', () => {
    expect(load('safari-webkit-inspector.har').source).toBe('safari');
  });

  it('Chromium 143 with HTTP/2 pseudo-headers and preflights: kept as captured', () => {
    const out = load('chrome143-devtools-localhost-mcp-cors-fail.har');
    expect(out.source).toBe('chrome');
    expect(out.errorAware).toBe(true);
    expect(out.entries).toHaveLength(12);
    expect(out.entries[1]?.resourceType).toBe('preflight');
    expect(out.entries[1]?.initiator?.type).toBe('preflight');
    expect(out.entries[0]?.error).toBe('net::ERR_FAILED');
    expect(out.entries[4]?.requestHeaders.some((h) => h.name === ':method' && h.value === 'OPTIONS')).toBe(true);
  });

  it('capture-har with _error as an object: read without crashing, error left out', () => {
    const out = load('capture-har-0.3.2-redirect-loop.har');
    expect(out.entries).toHaveLength(11);
    expect(out.entries[10]?.error).toBeUndefined();
    expect(out.entries[0]?.redirectURL).toBe('https://www.httpbin.org/relative-redirect/24');
  });

  it('every shared sample either normalizes or fails with a one-line HarInputError', async () => {
    const { readdirSync } = await import('node:fs');
    const dir = new URL('../../../../shared/har-samples/', import.meta.url);
    const files = readdirSync(dir).filter((f) => /\.harp?$/.test(f));
    expect(files.length).toBeGreaterThanOrEqual(50);
    for (const f of files) {
      try {
        const out = normalizeHar(parseHarText(readFileSync(new URL(f, dir), 'utf8')));
        for (const e of out.entries) {
          expect(typeof e.url, f).toBe('string');
          expect(Number.isFinite(e.status), f).toBe(true);
          for (const h of [...e.requestHeaders, ...e.responseHeaders]) expect(typeof h.value, f).toBe('string');
        }
      } catch (e) {
        expect(e, f).toBeInstanceOf(HarInputError);
        expect((e as Error).message, f).not.toMatch(/[\r\n]/);
      }
    }
  }, 120_000); // 26 MiB of JSON on a shared 2-core machine
});
