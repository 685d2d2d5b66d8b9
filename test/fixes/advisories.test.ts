import { describe, expect, it } from 'vitest';
import { suggestAdvisories } from '../../src/core/fixes/advisories.js';
import { API, PAGE, entry, exchange, headers, preflightEntry } from './builders.js';

/** Hints for allowed exchanges: headers JavaScript cannot read, preflights sent over and over. */
describe('suggestAdvisories', () => {
  const allowed = (resp: string[]) => {
    const actual = entry({ index: 1, requestHeaders: headers(`Origin: ${PAGE}`), responseHeaders: headers(`Access-Control-Allow-Origin: ${PAGE}`, 'Vary: Origin', ...resp) });
    return { ex: exchange({ verdict: 'allowed', corsError: null }), actual };
  };

  it('CORS_EXPOSE_HEADERS for app headers the page cannot read', () => {
    const { ex, actual } = allowed(['X-Total-Count: 42', 'Content-Disposition: attachment', 'X-Frame-Options: DENY', 'Content-Type: application/json', 'Date: x']);
    const [fix] = suggestAdvisories(ex, { actual, entries: [actual] });
    expect(fix?.changes).toEqual([
      { setting: 'CORS_EXPOSE_HEADERS', op: 'add', value: 'x-total-count' },
      { setting: 'CORS_EXPOSE_HEADERS', op: 'add', value: 'content-disposition' },
    ]);
    expect(fix?.code).toContain('CORS_EXPOSE_HEADERS = ["x-total-count", "content-disposition"]');
  });

  it('nothing when they are already exposed', () => {
    const { ex, actual } = allowed(['X-Total-Count: 42', 'Access-Control-Expose-Headers: X-Total-Count']);
    expect(suggestAdvisories(ex, { actual, entries: [actual] })).toEqual([]);
  });

  it('CORS_PREFLIGHT_MAX_AGE when the same preflight repeats without caching', () => {
    const pfs = [0, 2, 4].map((i) => preflightEntry({ index: i + 10, status: 200, responseHeaders: headers(`Access-Control-Allow-Origin: ${PAGE}`, 'Access-Control-Max-Age: 0') }));
    const { ex, actual } = allowed([]);
    const fixes = suggestAdvisories({ ...ex, url: API }, { actual, entries: [actual, ...pfs] });
    expect(fixes.map((f) => f.changes)).toEqual([[{ setting: 'CORS_PREFLIGHT_MAX_AGE', op: 'set', value: 7200 }]]);
    expect(fixes[0]?.warnings.join(' ')).toMatch(/7200/);
  });

  it('never for blocked or same-origin exchanges', () => {
    const { ex, actual } = allowed(['X-Total-Count: 1']);
    expect(suggestAdvisories({ ...ex, verdict: 'blocked' }, { actual, entries: [actual] })).toEqual([]);
    expect(suggestAdvisories({ ...ex, origin: 'https://api.example.com' }, { actual, entries: [actual] })).toEqual([]);
  });
});
