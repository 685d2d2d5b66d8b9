import { describe, expect, it } from 'vitest';
import { analyzeHar, explainConsoleMessage, HarInputError } from '../../src/core/index.js';
import { chromeHar, e } from '../helpers/har.js';

/**
 * 10 000 generated malformed HARs and hostile header values: nothing but a HarInputError with one line
 * may escape, and a well-formed-enough HAR always yields an analysis. Seeded, so a failure reproduces.
 */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NASTY_STRINGS = [
  '', ' ', '*', 'null', 'true', '\u0000', '\r\n', '\t*\t', 'http://', 'https://a.example/', 'a, b', ',,,', '*, *', 'GET POST',
  '<img src=x onerror=alert(1)>', 'javascript:alert(1)', '\uFEFF', '\uD800', 'é', 'x'.repeat(129), 'y'.repeat(5000),
  'bytes=-5', 'text/plain;;;', '"quoted"', 'http://[::1]:99999', 'http://user:pw@host/', '%00', '../../etc/passwd',
];
const NASTY_VALUES: unknown[] = [null, undefined, 0, -1, NaN, 1e308, true, [], {}, [[]], { name: 1 }, 'string', [null], [{ name: null, value: {} }]];

function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)] as T;
}

function randomString(r: () => number): string {
  if (r() < 0.6) return pick(r, NASTY_STRINGS);
  const n = Math.floor(r() * 40);
  let s = '';
  for (let i = 0; i < n; i++) s += String.fromCharCode(Math.floor(r() * (r() < 0.9 ? 128 : 0xffff)));
  return s;
}

function randomHeaders(r: () => number): unknown {
  if (r() < 0.1) return pick(r, NASTY_VALUES);
  const names = ['Origin', 'Access-Control-Allow-Origin', 'Access-Control-Allow-Credentials', 'Access-Control-Allow-Methods', 'Access-Control-Allow-Headers', 'Access-Control-Request-Method', 'Access-Control-Request-Headers', 'Cookie', 'Content-Type', 'Location', 'Sec-Fetch-Mode', 'Referer', 'X-Api-Key', 'Range', 'Accept'];
  const out: unknown[] = [];
  const n = Math.floor(r() * 8);
  for (let i = 0; i < n; i++) {
    out.push(r() < 0.05 ? pick(r, NASTY_VALUES) : { name: r() < 0.85 ? pick(r, names) : randomString(r), value: r() < 0.9 ? randomString(r) : pick(r, NASTY_VALUES) });
  }
  return out;
}

/** A HAR that is mostly right, with random parts replaced by wrong types or hostile strings. */
function mutatedHar(r: () => number): unknown {
  const methods = ['GET', 'OPTIONS', 'PUT', 'patch', 'POST', 'DELETE', '', 'G E T'];
  const urls = ['http://api.test/x', 'https://api.test/x?y=1', 'http://127.0.0.1:8002/c', 'ftp://f/x', 'not a url', 'http://user:pw@h/', ''];
  const entries: unknown[] = [];
  const n = Math.floor(r() * 12);
  for (let i = 0; i < n; i++) {
    if (r() < 0.05) {
      entries.push(pick(r, NASTY_VALUES));
      continue;
    }
    const entry = e(`${pick(r, methods) || 'GET'} ${pick(r, urls) || 'http://x/'}`, {
      status: pick(r, [0, 200, 204, 301, 302, 401, 500, 999, -5]),
      error: r() < 0.3 ? pick(r, ['net::ERR_FAILED', 'net::ERR_CONNECTION_REFUSED', 'net::ERR_INVALID_REDIRECT', 'garbage']) : undefined,
      type: r() < 0.5 ? pick(r, ['fetch', 'xhr', 'preflight', 'document', 'image', 'weird']) : undefined,
      t: Math.floor(r() * 100),
      redirectURL: r() < 0.2 ? pick(r, urls) : undefined,
    }) as Record<string, Record<string, unknown>>;
    (entry.request as Record<string, unknown>).headers = randomHeaders(r);
    (entry.response as Record<string, unknown>).headers = randomHeaders(r);
    if (r() < 0.1) (entry.request as Record<string, unknown>).method = pick(r, NASTY_VALUES);
    if (r() < 0.1) (entry.request as Record<string, unknown>).url = pick(r, NASTY_VALUES);
    if (r() < 0.1) entry.response = pick(r, NASTY_VALUES) as Record<string, unknown>;
    if (r() < 0.1) (entry as Record<string, unknown>).startedDateTime = randomString(r);
    if (r() < 0.05) (entry as Record<string, unknown>)._initiator = pick(r, [...NASTY_VALUES, { type: 'preflight', requestId: 5, stack: { parent: { parent: {} } } }]);
    entries.push(entry);
  }
  const har = chromeHar(entries as Array<Record<string, unknown>>);
  const roll = r();
  if (roll < 0.05) return pick(r, NASTY_VALUES);
  if (roll < 0.1) return { log: pick(r, NASTY_VALUES) };
  if (roll < 0.15) return { log: { entries: pick(r, NASTY_VALUES), pages: pick(r, NASTY_VALUES) } };
  if (roll < 0.2) return JSON.stringify(har).slice(0, Math.floor(r() * 200)); // truncated text
  if (roll < 0.25) return randomString(r);
  return r() < 0.5 ? har : JSON.stringify(har);
}

describe('fuzz', () => {
  it('10 000 malformed HARs: an analysis or one clear line, never a crash', () => {
    const r = rng(20261121);
    let analyzed = 0;
    let refused = 0;
    for (let i = 0; i < 10_000; i++) {
      const input = mutatedHar(r);
      try {
        const a = analyzeHar(input as string | object);
        expect(Array.isArray(a.exchanges)).toBe(true);
        for (const x of a.exchanges) {
          if (x.verdict === 'blocked') expect(x.corsError).not.toBeNull();
          if (x.consoleMessage !== null) expect(x.consoleMessage).not.toMatch(/undefined/);
        }
        analyzed++;
      } catch (err) {
        if (!(err instanceof HarInputError)) throw new Error(`case ${i} crashed: ${String(err)}\n${JSON.stringify(input)?.slice(0, 500)}`);
        expect(err.message).not.toContain('\n');
        expect(err.message.length).toBeGreaterThan(5);
        refused++;
      }
    }
    // Both paths are exercised.
    expect(analyzed).toBeGreaterThan(5000);
    expect(refused).toBeGreaterThan(500);
  }, 120_000);

  it('2 000 random console lines never throw', () => {
    const r = rng(7);
    const prefixes = ["Access to fetch at '", 'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at ', '[Error] Origin ', 'net::ERR_', ''];
    for (let i = 0; i < 2000; i++) {
      const line = pick(r, prefixes) + randomString(r) + (r() < 0.5 ? "' from origin 'x' has been blocked by CORS policy: " + randomString(r) : '');
      const out = explainConsoleMessage(line);
      expect(typeof out.title).toBe('string');
    }
  });
});
