import { describe, expect, it } from 'vitest';
import { diagnoseFollowUps } from '../../src/core/lint/follow-ups.js';
import { suggestFixes } from '../../src/core/fixes/index.js';
import { PAGE, entry, exchange, headers } from './builders.js';

/** The CSRF follow-up: CORS passed, Django answered 403. */

const post = (p: { status?: number; body?: string; req?: string[]; res?: string[]; method?: string; credentials?: 'include' | 'omit' }) => {
  const actual = entry({
    index: 1,
    method: p.method ?? 'POST',
    status: p.status ?? 403,
    bodyText: p.body ?? '',
    requestHeaders: headers(`Origin: ${PAGE}`, ...(p.req ?? [])),
    responseHeaders: headers(`Access-Control-Allow-Origin: ${PAGE}`, 'Access-Control-Allow-Credentials: true', 'Vary: Origin, Cookie', ...(p.res ?? [])),
  });
  const ex = exchange({ method: p.method ?? 'POST', verdict: 'allowed', corsError: null, credentials: { mode: p.credentials ?? 'include', evidence: 'test' } });
  return { ex, entries: [actual] };
};

describe('diagnoseFollowUps', () => {
  const ROWS: Array<[string, ReturnType<typeof post>, boolean, RegExp?]> = [
    ['Django 3.2 debug page: token missing', post({ body: '<h1>Forbidden <span>(403)</span></h1><p>CSRF verification failed. Request aborted.</p><p>CSRF token missing or incorrect.</p>' }), true, /X-CSRFToken/],
    ['Django 4: Origin checking failed', post({ body: 'Forbidden (Origin checking failed - https://app.example.com does not match any trusted origins.)' }), true, /CSRF_TRUSTED_ORIGINS/],
    ['DRF SessionAuthentication', post({ body: '{"detail":"CSRF Failed: CSRF token missing."}' }), true],
    ['no body captured, but a Django cookie-authenticated write', post({ req: ['Cookie: csrftoken=a; sessionid=b'] }), true],
    ['a 403 from a permission check is not CSRF', post({ body: '{"detail":"You do not have permission to perform this action."}' }), false],
    ['GET is never CSRF-checked', post({ method: 'GET', body: 'CSRF verification failed' }), false],
    ['a 200 is fine', post({ status: 200, body: '{}' }), false],
  ];
  it.each(ROWS)('%s', (_n, c, expected, text) => {
    const found = diagnoseFollowUps(c.ex, c.entries);
    expect(found.map((f) => f.kind)).toEqual(expected ? ['csrf'] : []);
    if (text) expect(found[0]?.summary).toMatch(text);
  });

  it('does not repeat what the engine already found', () => {
    const c = post({ body: 'CSRF verification failed' });
    const ex = { ...c.ex, notCors: [{ kind: 'csrf' as const, summary: 'engine' }] };
    expect(diagnoseFollowUps(ex, c.entries)).toEqual([]);
  });

  it('drives a django-cors-headers fix for an allowed exchange', () => {
    const c = post({ body: 'CSRF verification failed. CSRF token missing or incorrect.' });
    const fixes = suggestFixes(c.ex, { entries: c.entries, actual: c.entries[0], djangoVersion: '4' });
    expect(fixes.map((f) => f.server)).toEqual(['django-cors-headers']);
    expect(fixes[0]?.changes).toEqual([{ setting: 'CSRF_TRUSTED_ORIGINS', op: 'add', value: PAGE }]);
  });
});
