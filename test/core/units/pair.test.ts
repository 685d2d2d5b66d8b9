/**
 * src/core/cors/pair.ts — recognising preflights and pairing each with its actual request.
 * Facts (extension-capture.md §3 Part B, "Pairing"): the HAR preflight carries `_resourceType: preflight` and
 * `_initiator: {type: 'preflight', url, requestId}`; the actual request's entry carries no id, so pairing is
 * heuristic: same URL, preflight `Access-Control-Request-Method` == actual method, ACRH ⊆ the actual's headers,
 * and time — the preflight's startedDateTime was 1–6 ms AFTER the actual's in 72/72 pairs, and the order inside
 * getHAR() varied. Firefox HARs have no resource type or initiator: a preflight is recognised only by OPTIONS +
 * Access-Control-Request-Method. A request answered from the preflight cache has no OPTIONS entry (Table A c15x).
 * A request blocked by its preflight has only provisional headers: no Origin (Table B).
 * Methods compare byte-exact (`patch` ≠ `PATCH`, §2.3).
 * HAR samples: chrome-devtools-localhost-cowboy-preflights.har (preflight listed after its request, same ms),
 * chrome143-devtools-localhost-mcp-cors-fail.har (a preflight-blocked request then a retry without the custom header),
 * chrome143-devtools-localhost-taiga-preflights.har ("Chrome's sanitized export (Authorization header stripped)":
 * the preflights ask for authorization,content-type, the actual entries no longer show Authorization).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isPreflight, pairPreflights } from '../../../src/core/cors/pair.js';
import { normalizeHar, parseHarText } from '../../../src/core/har/normalize.js';
import type { NetworkEntry } from '../../../src/core/model.js';
import { API, entry, PAGE, preflight } from '../../helpers/units-builders.js';

const URL1 = `${API}/c4`;
const T = Date.parse('2026-11-21T10:00:00.000Z');

/** Runs the pairing the way the engine does: preflights vs everything else. */
function pairAll(list: NetworkEntry[]): Record<number, number> {
  const pfs = list.filter(isPreflight);
  const rest = list.filter((e) => !isPreflight(e));
  return Object.fromEntries(pairPreflights(pfs, rest));
}

describe('isPreflight', () => {
  it.each<[string, NetworkEntry, boolean]>([
    ['Chromium _resourceType preflight', entry(`OPTIONS ${URL1}`, { resourceType: 'preflight' }), true],
    ['Chromium _initiator.type preflight', entry(`OPTIONS ${URL1}`, { initiator: { type: 'preflight', url: URL1, requestId: '14519.6' } }), true],
    ['Firefox: OPTIONS + Access-Control-Request-Method', entry(`OPTIONS ${URL1}`, { req: [['Access-Control-Request-Method', 'PUT'], ['Origin', PAGE]] }), true],
    ['ACRM with odd casing', entry(`OPTIONS ${URL1}`, { req: [['access-control-request-method', 'PUT']] }), true],
    ['OPTIONS written in lower case by a tool', entry(`options ${URL1}`, { req: [['Access-Control-Request-Method', 'PUT']] }), true],
    ['ACRM with an empty value is still present', entry(`OPTIONS ${URL1}`, { req: [['Access-Control-Request-Method', '']] }), true],
    ['a page-initiated OPTIONS without ACRM', entry(`OPTIONS ${URL1}`, { req: [['Origin', PAGE]], resourceType: 'fetch' }), false],
    ['a bare OPTIONS', entry(`OPTIONS ${URL1}`), false],
    ['GET carrying ACRM is not a preflight', entry(`GET ${URL1}`, { req: [['Access-Control-Request-Method', 'PUT']] }), false],
    ['a fetch', entry(`PUT ${URL1}`, { resourceType: 'fetch', initiator: { type: 'script' } }), false],
    ['ACRH alone does not make a preflight', entry(`OPTIONS ${URL1}`, { req: [['Access-Control-Request-Headers', 'x-a']] }), false],
  ])('%s → %s', (_label, e, expected) => {
    expect(isPreflight(e)).toBe(expected);
  });
});

describe('pairPreflights — one request, one preflight', () => {
  it('c4 shape: preflight listed first in getHAR, started 3 ms after the PUT', () => {
    const list = [preflight(URL1, { index: 0, at: T + 3, acrm: 'PUT' }), entry(`PUT ${URL1}`, { index: 1, at: T, resourceType: 'fetch', status: 0, error: 'net::ERR_FAILED' })];
    expect(pairAll(list)).toEqual({ 1: 0 });
  });

  it('preflight listed after its request', () => {
    const list = [entry(`PUT ${URL1}`, { index: 0, at: T }), preflight(URL1, { index: 1, at: T + 1, acrm: 'PUT' })];
    expect(pairAll(list)).toEqual({ 0: 1 });
  });

  it('preflight started in the same millisecond', () => {
    const list = [entry(`PUT ${URL1}`, { index: 0, at: T }), preflight(URL1, { index: 1, at: T, acrm: 'PUT' })];
    expect(pairAll(list)).toEqual({ 0: 1 });
  });

  it('provisional request headers without Origin (request blocked by its preflight, c5)', () => {
    const actual = entry(`GET ${API}/c5`, {
      index: 0, at: T, status: 0, error: 'net::ERR_FAILED',
      req: [['sec-ch-ua', '"Chromium";v="156"'], ['Referer', `${PAGE}/`], ['User-Agent', 'Mozilla/5.0'], ['X-Api-Key', 'k']],
    });
    expect(pairAll([actual, preflight(`${API}/c5`, { index: 1, at: T + 2, acrm: 'GET', acrh: 'x-api-key' })])).toEqual({ 0: 1 });
  });

  it('ACRH names are matched case-insensitively against the request header names', () => {
    const actual = entry(`PUT ${URL1}`, { index: 0, at: T, req: [['X-API-KEY', 'k'], ['content-TYPE', 'application/json']] });
    expect(pairAll([actual, preflight(URL1, { index: 1, at: T + 2, acrm: 'PUT', acrh: 'Content-Type, x-api-key' })])).toEqual({ 0: 1 });
  });

  it('a request with no recorded headers at all can still be paired', () => {
    expect(pairAll([entry(`PUT ${URL1}`, { index: 0, at: T }), preflight(URL1, { index: 1, at: T + 2, acrm: 'PUT', acrh: 'x-api-key' })])).toEqual({ 0: 1 });
  });

  it('a preflight without ACRM (tool dropped it) pairs by URL and time', () => {
    const pfNoAcrm = entry(`OPTIONS ${URL1}`, { index: 1, at: T + 2, resourceType: 'preflight', req: [['Origin', PAGE]] });
    expect(pairAll([entry(`DELETE ${URL1}`, { index: 0, at: T }), pfNoAcrm])).toEqual({ 0: 1 });
  });

  it('Firefox-style capture (no resource type, no initiator) pairs on OPTIONS + ACRM', () => {
    const pf = entry(`OPTIONS ${URL1}`, { index: 1, at: T + 4, source: 'firefox', req: [['Access-Control-Request-Method', 'PUT'], ['Origin', PAGE]] });
    expect(pairAll([entry(`PUT ${URL1}`, { index: 0, at: T, source: 'firefox' }), pf])).toEqual({ 0: 1 });
  });
});

describe('pairPreflights — what must not pair', () => {
  it.each<[string, NetworkEntry, NetworkEntry]>([
    ['different path', entry(`PUT ${API}/other`, { index: 0, at: T }), preflight(URL1, { index: 1, at: T + 2, acrm: 'PUT' })],
    ['different query', entry(`PUT ${URL1}?a=1`, { index: 0, at: T }), preflight(`${URL1}?a=2`, { index: 1, at: T + 2, acrm: 'PUT' })],
    ['different host', entry(`PUT http://127.0.0.1:8002/c4`, { index: 0, at: T }), preflight(URL1, { index: 1, at: T + 2, acrm: 'PUT' })],
    ['ACRM names another method', entry(`DELETE ${URL1}`, { index: 0, at: T }), preflight(URL1, { index: 1, at: T + 2, acrm: 'PUT' })],
    ['ACRM patch vs PATCH (byte-exact)', entry(`PATCH ${URL1}`, { index: 0, at: T }), preflight(URL1, { index: 1, at: T + 2, acrm: 'patch' })],
    ['ACRM PATCH vs patch', entry(`patch ${URL1}`, { index: 0, at: T }), preflight(URL1, { index: 1, at: T + 2, acrm: 'PATCH' })],
    [
      'ACRH asks for a header the request does not carry',
      entry(`PUT ${URL1}`, { index: 0, at: T, req: [['Content-Type', 'application/json']] }),
      preflight(URL1, { index: 1, at: T + 2, acrm: 'PUT', acrh: 'content-type,x-api-key' }),
    ],
    ['the preflight started 5 s before the request', entry(`PUT ${URL1}`, { index: 0, at: T + 5000 }), preflight(URL1, { index: 1, at: T, acrm: 'PUT' })],
  ])('%s', (_label, actual, pf) => {
    expect(pairAll([actual, pf])).toEqual({});
  });

  it('a preflight with no candidate at all', () => {
    expect(pairAll([preflight(URL1, { index: 0, at: T, acrm: 'PUT' })])).toEqual({});
  });

  it('no preflights → empty map', () => {
    expect(pairPreflights([], [entry(`PUT ${URL1}`)]).size).toBe(0);
  });
});

describe('pairPreflights — several requests', () => {
  it('c15: two identical PUTs, one preflight (the second used the preflight cache) → only the first is paired', () => {
    const list = [
      entry(`PUT ${URL1}`, { index: 0, at: T }),
      preflight(URL1, { index: 1, at: T + 3, acrm: 'PUT' }),
      entry(`PUT ${URL1}`, { index: 2, at: T + 120 }),
    ];
    expect(pairAll(list)).toEqual({ 0: 1 });
  });

  it('c15 with getHAR order shuffled: timestamps decide, not position', () => {
    const list = [
      entry(`PUT ${URL1}`, { index: 0, at: T + 120 }),
      entry(`PUT ${URL1}`, { index: 1, at: T }),
      preflight(URL1, { index: 2, at: T + 3, acrm: 'PUT' }),
    ];
    expect(pairAll(list)).toEqual({ 1: 2 });
  });

  it('two identical requests, one preflight: the request it started just after wins', () => {
    const list = [entry(`PUT ${URL1}`, { index: 0, at: T }), entry(`PUT ${URL1}`, { index: 1, at: T + 10 }), preflight(URL1, { index: 2, at: T + 11, acrm: 'PUT' })];
    expect(pairAll(list)).toEqual({ 1: 2 });
  });

  it('two requests, two preflights → one-to-one, in time order, even when the preflights are listed in reverse', () => {
    const list = [
      preflight(URL1, { index: 0, at: T + 52, acrm: 'PUT' }),
      preflight(URL1, { index: 1, at: T + 2, acrm: 'PUT' }),
      entry(`PUT ${URL1}`, { index: 2, at: T }),
      entry(`PUT ${URL1}`, { index: 3, at: T + 50 }),
    ];
    expect(pairAll(list)).toEqual({ 2: 1, 3: 0 });
  });

  it('a request far earlier does not steal the preflight of a later identical request', () => {
    const list = [entry(`PUT ${URL1}`, { index: 0, at: T }), entry(`PUT ${URL1}`, { index: 1, at: T + 600_000 }), preflight(URL1, { index: 2, at: T + 600_002, acrm: 'PUT' })];
    expect(pairAll(list)).toEqual({ 1: 2 });
  });

  it('different methods to the same URL each get their own preflight', () => {
    const list = [
      entry(`PUT ${URL1}`, { index: 0, at: T }),
      entry(`DELETE ${URL1}`, { index: 1, at: T + 1 }),
      preflight(URL1, { index: 2, at: T + 2, acrm: 'DELETE' }),
      preflight(URL1, { index: 3, at: T + 3, acrm: 'PUT' }),
    ];
    expect(pairAll(list)).toEqual({ 0: 3, 1: 2 });
  });

  it('a retry without the custom header is not the preflighted request (mcp sample shape)', () => {
    const list = [
      entry(`GET ${URL1}`, { index: 0, at: T, status: 0, req: [['MCP-Protocol-Version', '2025-11-25'], ['User-Agent', 'x']] }),
      preflight(URL1, { index: 1, at: T, acrm: 'GET', acrh: 'mcp-protocol-version' }),
      entry(`GET ${URL1}`, { index: 2, at: T + 2, status: 200, req: [['Origin', PAGE], ['Accept', '*/*']] }),
    ];
    expect(pairAll(list)).toEqual({ 0: 1 });
  });

  it('without timestamps, the nearest entry by index is chosen', () => {
    const list = [entry(`PUT ${URL1}`, { index: 0 }), preflight(URL1, { index: 1, acrm: 'PUT' }), entry(`PUT ${URL1}`, { index: 5 })];
    expect(pairAll(list)).toEqual({ 0: 1 });
    const list2 = [entry(`PUT ${URL1}`, { index: 0 }), preflight(URL1, { index: 4, acrm: 'PUT' }), entry(`PUT ${URL1}`, { index: 5 })];
    expect(pairAll(list2)).toEqual({ 5: 4 });
  });

  it('a sanitized export that stripped Authorization from the request still pairs (ACRH authorization,content-type)', () => {
    const actual = entry(`POST ${URL1}`, {
      index: 0, at: T, status: 201,
      req: [['Accept', 'application/json'], ['Content-Type', 'application/json'], ['Origin', PAGE], ['Cache-Control', 'no-cache'], ['Pragma', 'no-cache']],
    });
    expect(pairAll([actual, preflight(URL1, { index: 1, at: T + 2, acrm: 'POST', acrh: 'authorization,content-type' })])).toEqual({ 0: 1 });
  });
});

describe('pairPreflights on real Chromium HARs', () => {
  const load = (name: string) => normalizeHar(parseHarText(readFileSync(new URL(`../../../../shared/har-samples/${name}`, import.meta.url), 'utf8'))).entries;

  it('cowboy: three POSTs, each preflight listed after its request (same millisecond)', () => {
    expect(pairAll(load('chrome-devtools-localhost-cowboy-preflights.har'))).toEqual({ 0: 1, 2: 3, 4: 5 });
  });

  it('mcp: each preflight belongs to the provisional request, not to the retry without the custom header', () => {
    expect(pairAll(load('chrome143-devtools-localhost-mcp-cors-fail.har'))).toEqual({ 0: 1, 3: 4, 6: 7, 9: 10 });
  });

  it('taiga: Chrome\'s sanitized export (Authorization stripped) — all 8 preflights pair with the request just before them', () => {
    expect(pairAll(load('chrome143-devtools-localhost-taiga-preflights.har'))).toEqual({ 0: 1, 2: 3, 4: 5, 6: 7, 8: 9, 10: 11, 12: 13, 14: 15 });
  });
});
