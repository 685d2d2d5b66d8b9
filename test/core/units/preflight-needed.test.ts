/**
 * src/core/cors/preflight-needed.ts — why the browser had to send a preflight.
 * Facts (browser-cors.md §2.3, §2.4): a preflight is needed when the method is not GET/HEAD/POST (byte-exact; only
 * the six standard methods are upper-cased, `patch` stays `patch`) or any CORS-unsafe request-header name exists
 * (including the 1024-byte rule). Forbidden request headers are set by the browser and never cause a preflight;
 * Chromium also adds User-Agent, client hints, save-data… on its own. The preflight's Access-Control-Request-Headers
 * is exactly the CORS-unsafe names, lower-cased, sorted, joined with "," — the browser's own answer.
 * extension-capture.md Table B: a request blocked by its preflight shows only provisional headers
 * (sec-ch-ua*, Referer, User-Agent, X-Api-Key, Content-Type; no Origin). Chrome's sanitized export strips
 * Authorization (sample chrome143-devtools-localhost-taiga-preflights.har).
 */
import { describe, expect, it } from 'vitest';
import { preflightReasons, unsafeHeaderNames } from '../../../src/core/cors/preflight-needed.js';
import type { PreflightReason } from '../../../src/core/model.js';
import { API, entry, PAGE, preflight, rep, type H } from '../../helpers/units-builders.js';

const URL1 = `${API}/x`;
const req = (method: string, headers: H[] = []) => entry(`${method} ${URL1}`, { req: headers });
const methodsOf = (r: PreflightReason[]) => r.filter((x) => x.kind === 'method');
const headersOf = (r: PreflightReason[]) => r.filter((x) => x.kind === 'header');

describe('preflightReasons — the method', () => {
  it.each([['GET'], ['HEAD'], ['POST']])('%s needs no preflight by itself', (m) => {
    expect(preflightReasons(req(m))).toEqual([]);
  });

  it.each([['PUT'], ['DELETE'], ['PATCH'], ['OPTIONS'], ['FOO-BAR'], ['PROPFIND']])('%s needs a preflight, without a case note', (m) => {
    expect(preflightReasons(req(m))).toEqual([{ kind: 'method', method: m }]);
  });

  it.each([['patch'], ['Patch'], ['foo-bar']])('%s needs a preflight and carries a note about case (sent exactly as written)', (m) => {
    const r = methodsOf(preflightReasons(req(m)));
    expect(r).toHaveLength(1);
    const only = r[0] as Extract<PreflightReason, { kind: 'method' }>;
    expect(only.method).toBe(m);
    expect(only.note).toBeDefined();
    expect(only.note).toContain(`'${m}'`);
  });

  it('a lower-case get in a capture is not a safelisted method (byte-exact)', () => {
    expect(methodsOf(preflightReasons(req('get')))).toEqual([{ kind: 'method', method: 'get' }]);
  });
});

describe('preflightReasons — headers, recomputed from the request', () => {
  it('c5: GET + X-Api-Key → one header reason with its value', () => {
    expect(preflightReasons(req('GET', [['X-Api-Key', 'k1']]))).toEqual([{ kind: 'header', name: 'x-api-key', value: 'k1', why: 'not-safelisted' }]);
  });

  it('c8: PUT + X-Api-Key + JSON → method then headers (sorted, lower-case)', () => {
    expect(preflightReasons(req('PUT', [['X-Api-Key', 'k'], ['Content-Type', 'application/json']]))).toEqual([
      { kind: 'method', method: 'PUT' },
      { kind: 'header', name: 'content-type', value: 'application/json', why: 'content-type' },
      { kind: 'header', name: 'x-api-key', value: 'k', why: 'not-safelisted' },
    ]);
  });

  it.each<[string, H, PreflightReason | null]>([
    ['Content-Type text/plain', ['Content-Type', 'text/plain;charset=UTF-8'], null],
    ['Content-Type application/json', ['Content-Type', 'application/json'], { kind: 'header', name: 'content-type', value: 'application/json', why: 'content-type' }],
    ['Accept-Language de_DE', ['Accept-Language', 'de_DE'], { kind: 'header', name: 'accept-language', value: 'de_DE', why: 'language-chars' }],
    ['Range bytes=-5', ['Range', 'bytes=-5'], { kind: 'header', name: 'range', value: 'bytes=-5', why: 'range' }],
    ['Range bytes=0-', ['Range', 'bytes=0-'], null],
    ['Accept with a quote', ['Accept', 'a"b'], { kind: 'header', name: 'accept', value: 'a"b', why: 'unsafe-byte' }],
    ['Accept of 129 bytes', ['Accept', rep('a', 129)], { kind: 'header', name: 'accept', value: rep('a', 129), why: 'value-too-long' }],
    ['Authorization', ['Authorization', 'Bearer t'], { kind: 'header', name: 'authorization', value: 'Bearer t', why: 'not-safelisted' }],
    ['X-Requested-With', ['X-Requested-With', 'XMLHttpRequest'], { kind: 'header', name: 'x-requested-with', value: 'XMLHttpRequest', why: 'not-safelisted' }],
  ])('GET + %s', (_label, h, expected) => {
    expect(preflightReasons(req('GET', [h]))).toEqual(expected ? [expected] : []);
  });

  it('forbidden and browser-added headers never cause a preflight', () => {
    const full: H[] = [
      ['Host', 'localhost:8002'], ['Origin', PAGE], ['Referer', `${PAGE}/`], ['Cookie', 'a=b'], ['Connection', 'keep-alive'],
      ['Accept-Encoding', 'gzip'], ['Content-Length', '2'], ['Sec-Fetch-Mode', 'cors'], ['Sec-Fetch-Site', 'cross-site'],
      ['sec-ch-ua', '"Chromium";v="156"'], ['sec-ch-ua-platform', '"Linux"'], ['User-Agent', 'Mozilla/5.0'], ['Proxy-Authorization', 'x'],
      ['DNT', '1'], ['Save-Data', 'on'], ['Device-Memory', '8'], [':authority', 'localhost:8002'], [':path', '/x'],
    ];
    expect(preflightReasons(req('GET', full))).toEqual([]);
  });

  it('provisional headers (Table B): only the page-set X-Api-Key and Content-Type count', () => {
    const provisional: H[] = [
      ['sec-ch-ua', '"Chromium";v="156"'], ['sec-ch-ua-mobile', '?0'], ['sec-ch-ua-platform', '"Linux"'], ['Referer', `${PAGE}/`],
      ['User-Agent', 'Mozilla/5.0'], ['X-Api-Key', 'k'], ['Content-Type', 'application/json'],
    ];
    expect(new Set(unsafeHeaderNames(req('PUT', provisional)))).toEqual(new Set(['content-type', 'x-api-key']));
  });

  it('the DevTools "Disable cache" pair does not count; a page-set Cache-Control does', () => {
    expect(unsafeHeaderNames(req('GET', [['Cache-Control', 'no-cache'], ['Pragma', 'no-cache']]))).toEqual([]);
    expect(unsafeHeaderNames(req('GET', [['Cache-Control', 'no-store']]))).toEqual(['cache-control']);
  });

  it('the 1024-byte total makes safelisted headers unsafe', () => {
    const a128 = rep('a', 128);
    const nine: H[] = [
      ['Accept', a128], ['Accept', a128], ['Accept', a128], ['Accept-Language', a128], ['Accept-Language', a128],
      ['Content-Language', a128], ['Content-Language', a128], ['Content-Language', a128], ['Accept', 'x'],
    ];
    const r = headersOf(preflightReasons(req('GET', nine)));
    expect(r.map((x) => (x.kind === 'header' ? [x.name, x.why] : null))).toEqual([
      ['accept', 'total-over-1024'],
      ['accept-language', 'total-over-1024'],
      ['content-language', 'total-over-1024'],
    ]);
  });

  it('duplicate lines are named once', () => {
    expect(unsafeHeaderNames(req('GET', [['X-A', '1'], ['x-a', '2']]))).toEqual(['x-a']);
  });
});

describe('preflightReasons — with the captured preflight (its ACRH is the browser\'s answer)', () => {
  it('the ACRH names win and take their why and value from the request', () => {
    const actual = req('PUT', [['X-Api-Key', 'k'], ['Content-Type', 'application/json']]);
    const pf = preflight(URL1, { acrm: 'PUT', acrh: 'content-type,x-api-key' });
    expect(preflightReasons(actual, pf)).toEqual([
      { kind: 'method', method: 'PUT' },
      { kind: 'header', name: 'content-type', value: 'application/json', why: 'content-type' },
      { kind: 'header', name: 'x-api-key', value: 'k', why: 'not-safelisted' },
    ]);
  });

  it('a name the capture no longer shows (sanitized Authorization) is still a reason, value unknown', () => {
    const actual = req('POST', [['Content-Type', 'application/json'], ['Origin', PAGE]]);
    const pf = preflight(URL1, { acrm: 'POST', acrh: 'authorization,content-type' });
    expect(preflightReasons(actual, pf)).toEqual([
      { kind: 'header', name: 'authorization', value: '', why: 'not-safelisted' },
      { kind: 'header', name: 'content-type', value: 'application/json', why: 'content-type' },
    ]);
  });

  it('ACRH with spaces and odd casing is read leniently', () => {
    const actual = req('GET', [['X-A', '1'], ['X-B', '2']]);
    expect(unsafeHeaderNames(actual, preflight(URL1, { acrm: 'GET', acrh: ' X-A , x-b ,' }))).toEqual(['x-a', 'x-b']);
  });

  it('a preflight without ACRH means no header was unsafe (only the method caused it)', () => {
    const actual = req('DELETE', [['Accept', '*/*']]);
    expect(preflightReasons(actual, preflight(URL1, { acrm: 'DELETE' }))).toEqual([{ kind: 'method', method: 'DELETE' }]);
  });

  it('a header the request recomputation would flag but the browser did not ask about is not a reason', () => {
    // e.g. a provisional header list that includes something the browser added itself.
    const actual = req('PUT', [['X-Api-Key', 'k'], ['X-Browser-Thing', '1']]);
    expect(unsafeHeaderNames(actual, preflight(URL1, { acrm: 'PUT', acrh: 'x-api-key' }))).toEqual(['x-api-key']);
  });

  it('GET whose preflight asked for a header (c5): the reason is the header only', () => {
    const actual = req('GET', [['X-Api-Key', 'k']]);
    expect(preflightReasons(actual, preflight(URL1, { acrm: 'GET', acrh: 'x-api-key' }))).toEqual([
      { kind: 'header', name: 'x-api-key', value: 'k', why: 'not-safelisted' },
    ]);
  });
});

describe('unsafeHeaderNames (the names Chromium checks against Access-Control-Allow-Headers)', () => {
  it('holds exactly the header names of preflightReasons, lower-cased, without the method', () => {
    const actual = req('PUT', [['X-B', '1'], ['X-A', '2']]);
    const names = unsafeHeaderNames(actual);
    expect([...names].sort()).toEqual(['x-a', 'x-b']);
    expect(names).toHaveLength(2);
  });

  it('keeps the order the page set the headers in (Chromium 156 checks X-Zeta before X-Alpha when set in that order)', () => {
    expect(unsafeHeaderNames(req('GET', [['X-Zeta', '1'], ['Accept', '*/*'], ['X-Alpha', '2']]))).toEqual(['x-zeta', 'x-alpha']);
  });

  it('names the preflight asked about but the capture lacks come after the page-set ones', () => {
    const actual = req('POST', [['Content-Type', 'application/json']]);
    expect(unsafeHeaderNames(actual, preflight(URL1, { acrm: 'POST', acrh: 'authorization,content-type' }))).toEqual(['content-type', 'authorization']);
  });

  it('is empty for a simple request', () => {
    expect(unsafeHeaderNames(req('POST', [['Content-Type', 'text/plain']]))).toEqual([]);
  });

  it('asking twice gives the same answer, with and without the preflight', () => {
    const actual = req('PUT', [['X-A', '1']]);
    const pf = preflight(URL1, { acrm: 'PUT', acrh: 'x-a,x-z' });
    expect(unsafeHeaderNames(actual)).toEqual(['x-a']);
    expect(unsafeHeaderNames(actual, pf)).toEqual(['x-a', 'x-z']);
    expect(unsafeHeaderNames(actual)).toEqual(['x-a']);
    expect(unsafeHeaderNames(actual, pf)).toEqual(['x-a', 'x-z']);
  });
});
