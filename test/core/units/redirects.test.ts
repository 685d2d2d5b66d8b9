/**
 * src/core/cors/redirects.ts — redirect statuses, Location resolution and rebuilding redirect chains.
 * Facts: Fetch "redirect status" = 301, 302, 303, 307, 308 (fetch.bs §2.2.3); HTTP-redirect fetch parses Location
 * relative to the response URL (URL Standard: relative references, protocol-relative `//host`, userinfo kept — the
 * browser must see it to fail with RedirectContainsCredentials, browser-cors.md §2.8 / §4.3); a browser writes one
 * HAR entry per hop (a 3xx with `redirectURL`, then the request to the new URL), and the next hop starts after the
 * 3xx (sample capture-har-0.3.2-redirect-loop.har: 11 redirects in a loop).
 */
import { describe, expect, it } from 'vitest';
import { isRedirectStatus, linkRedirects, resolveLocation } from '../../../src/core/cors/redirects.js';
import type { NetworkEntry } from '../../../src/core/model.js';
import { entry } from '../../helpers/units-builders.js';

const T = Date.parse('2026-11-21T10:00:00.000Z');
const links = (list: NetworkEntry[]): Record<number, number> => Object.fromEntries(linkRedirects(list));
const hop = (line: string, index: number, at: number, status: number, redirectURL = '') => entry(line, { index, at, status, redirectURL });

describe('isRedirectStatus', () => {
  it.each([[301], [302], [303], [307], [308]])('%i is a redirect status', (s) => {
    expect(isRedirectStatus(s)).toBe(true);
  });
  it.each([[0], [200], [204], [300], [304], [305], [306], [309], [399], [401], [500], [-1]])('%i is not', (s) => {
    expect(isRedirectStatus(s)).toBe(false);
  });
});

describe('resolveLocation', () => {
  it.each<[string, string, string | null]>([
    ['https://b.example/x', 'http://a.example/y', 'https://b.example/x'],
    ['/login?next=%2Fapi', 'http://api.test/api/items', 'http://api.test/login?next=%2Fapi'],
    ['items/', 'http://api.test/api/items', 'http://api.test/api/items/'],
    ['../up', 'http://api.test/a/b/c', 'http://api.test/a/up'],
    ['?page=2', 'http://api.test/list?page=1', 'http://api.test/list?page=2'],
    ['//cdn.example/x', 'https://api.test/y', 'https://cdn.example/x'],
    ['HTTPS://B.EXAMPLE/X', 'http://a.example/', 'https://b.example/X'],
    ['https://user:pass@b.example/x', 'http://a.example/', 'https://user:pass@b.example/x'],
    ['https://token@b.example/', 'http://a.example/', 'https://token@b.example/'],
    ['', 'http://api.test/x?q', 'http://api.test/x?q'],
    ['data:text/plain,hi', 'http://a.example/', 'data:text/plain,hi'],
    ['http://[::1', 'http://a.example/', null],
    ['http://a b.example/', 'http://a.example/', null],
    ['/x', 'not a base', null],
  ])('Location %j against %s → %j', (loc, base, expected) => {
    expect(resolveLocation(loc, base)).toBe(expected);
  });
});

describe('linkRedirects', () => {
  it('a two-hop chain (302 with an absolute Location)', () => {
    const list = [hop('GET http://a.test/x', 0, T, 302, 'https://b.test/x'), hop('GET https://b.test/x', 1, T + 20, 200)];
    expect(links(list)).toEqual({ 0: 1 });
  });

  it('a relative Location resolves against the hop URL (APPEND_SLASH shape)', () => {
    const list = [hop('GET http://api.test/items', 0, T, 301, '/items/'), hop('GET http://api.test/items/', 1, T + 5, 200)];
    expect(links(list)).toEqual({ 0: 1 });
  });

  it.each([[301], [302], [303], [307], [308]])('%i links to the next hop', (status) => {
    expect(links([hop('GET http://a.test/', 0, T, status, 'http://b.test/'), hop('GET http://b.test/', 1, T + 1, 200)])).toEqual({ 0: 1 });
  });

  it.each([[200], [300], [304], [0]])('%i with a redirectURL is not followed', (status) => {
    expect(links([hop('GET http://a.test/', 0, T, status, 'http://b.test/'), hop('GET http://b.test/', 1, T + 1, 200)])).toEqual({});
  });

  it('a 3xx without redirectURL is not linked', () => {
    expect(links([hop('GET http://a.test/', 0, T, 302), hop('GET http://b.test/', 1, T + 1, 200)])).toEqual({});
  });

  it('no entry for the target → no link', () => {
    expect(links([hop('GET http://a.test/', 0, T, 302, 'http://b.test/'), hop('GET http://c.test/', 1, T + 1, 200)])).toEqual({});
  });

  it('a Location that does not parse → no link', () => {
    expect(links([hop('GET http://a.test/', 0, T, 302, 'http://[::1'), hop('GET http://b.test/', 1, T + 1, 200)])).toEqual({});
  });

  it('a three-hop chain', () => {
    const list = [
      hop('GET http://a.test/1', 0, T, 301, 'http://b.test/2'),
      hop('GET http://b.test/2', 1, T + 10, 307, 'http://c.test/3'),
      hop('GET http://c.test/3', 2, T + 20, 200),
    ];
    expect(links(list)).toEqual({ 0: 1, 1: 2 });
  });

  it('an entry for the target that started well before the redirect is not its next hop', () => {
    const list = [hop('GET http://b.test/', 0, T, 200), hop('GET http://a.test/', 1, T + 1000, 302, 'http://b.test/')];
    expect(links(list)).toEqual({});
  });

  it('the nearest later entry for the target is the next hop', () => {
    const list = [
      hop('GET http://a.test/', 0, T, 302, 'http://b.test/'),
      hop('GET http://b.test/', 1, T + 5000, 200),
      hop('GET http://b.test/', 2, T + 15, 200),
    ];
    expect(links(list)).toEqual({ 0: 2 });
  });

  it('two redirects to the same URL each take their own next hop', () => {
    const list = [
      hop('GET http://a.test/1', 0, T, 302, 'http://b.test/'),
      hop('GET http://b.test/', 1, T + 10, 200),
      hop('GET http://a.test/2', 2, T + 100, 302, 'http://b.test/'),
      hop('GET http://b.test/', 3, T + 110, 200),
    ];
    expect(links(list)).toEqual({ 0: 1, 2: 3 });
  });

  it('a redirect to its own URL does not link to itself', () => {
    const list = [hop('GET http://a.test/', 0, T, 302, 'http://a.test/')];
    expect(links(list)).toEqual({});
  });

  it('a redirect to its own URL links to the next request of that URL (loop)', () => {
    const list = [hop('GET http://a.test/', 0, T, 302, 'http://a.test/'), hop('GET http://a.test/', 1, T + 3, 302, 'http://a.test/'), hop('GET http://a.test/', 2, T + 6, 200)];
    expect(links(list)).toEqual({ 0: 1, 1: 2 });
  });

  it('same millisecond: the entry captured after the redirect is its next hop', () => {
    const list = [hop('GET http://a.test/', 0, T, 302, 'http://b.test/'), hop('GET http://b.test/', 1, T, 200)];
    expect(links(list)).toEqual({ 0: 1 });
  });

  it('without timestamps, a later index is the next hop', () => {
    const list = [hop('GET http://b.test/', 0, NaN, 200), hop('GET http://a.test/', 1, NaN, 302, 'http://b.test/'), hop('GET http://b.test/', 2, NaN, 200)];
    expect(links(list)).toEqual({ 1: 2 });
  });

  it('a redirect whose Location carries userinfo still links to the hop that followed', () => {
    const list = [hop('GET http://a.test/', 0, T, 302, 'http://u:p@b.test/'), hop('GET http://u:p@b.test/', 1, T + 3, 200)];
    expect(links(list)).toEqual({ 0: 1 });
  });

  it('empty capture → no links', () => {
    expect(links([])).toEqual({});
  });

  it('the real capture-har redirect loop: 11 relative 302s, each linked to the request that followed', async () => {
    const { readFileSync } = await import('node:fs');
    const { normalizeHar, parseHarText } = await import('../../../src/core/har/normalize.js');
    const text = readFileSync(new URL('../../../../shared/har-samples/capture-har-0.3.2-redirect-loop.har', import.meta.url), 'utf8');
    const entries = normalizeHar(parseHarText(text)).entries;
    // Entry 10 is the last one captured (MAXREDIRECTS): its Location /relative-redirect/14 has no entry.
    expect(links(entries)).toEqual({ 0: 1, 1: 2, 2: 3, 3: 4, 4: 5, 5: 6, 6: 7, 7: 8, 8: 9, 9: 10 });
  });
});
