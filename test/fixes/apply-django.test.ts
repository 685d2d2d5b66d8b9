import { describe, expect, it } from 'vitest';
import { applyDjangoChanges } from '../servers/helpers/apply-django.js';

/** The settings applier the closed loop uses: its semantics are the contract of `changes`. */
describe('applyDjangoChanges', () => {
  const CORS = 'corsheaders.middleware.CorsMiddleware';
  const COMMON = 'django.middleware.common.CommonMiddleware';
  it('add appends to the default list when unset (per version)', () => {
    expect(applyDjangoChanges({}, [{ setting: 'CORS_ALLOW_HEADERS', op: 'add', value: 'x-api-key' }], '4').CORS_ALLOW_HEADERS).toEqual([
      'accept', 'authorization', 'content-type', 'user-agent', 'x-csrftoken', 'x-requested-with', 'x-api-key',
    ]);
    expect((applyDjangoChanges({}, [{ setting: 'CORS_ALLOW_HEADERS', op: 'add', value: 'x' }], '3').CORS_ALLOW_HEADERS as string[]).length).toBe(10);
  });
  it('add starts from the pre-3.5 alias when only the old name is set', () => {
    const out = applyDjangoChanges({ CORS_ORIGIN_WHITELIST: ['https://a.test'] }, [{ setting: 'CORS_ALLOWED_ORIGINS', op: 'add', value: 'https://b.test' }], '3');
    expect(out.CORS_ALLOWED_ORIGINS).toEqual(['https://a.test', 'https://b.test']);
  });
  it('add to a string treats it as Python does: a sequence of characters', () => {
    expect(applyDjangoChanges({ CORS_ALLOW_METHODS: 'GET' }, [{ setting: 'CORS_ALLOW_METHODS', op: 'add', value: 'PUT' }], '3').CORS_ALLOW_METHODS).toEqual(['G', 'E', 'T', 'PUT']);
  });
  it('set replaces; remove drops an item, or the setting and its alias with null', () => {
    const out = applyDjangoChanges(
      { CORS_ALLOWED_ORIGINS: ['https://a.test', 'null'], CORS_URLS_REGEX: '^/api/', CORS_ORIGIN_ALLOW_ALL: true },
      [
        { setting: 'CORS_ALLOWED_ORIGINS', op: 'remove', value: 'null' },
        { setting: 'CORS_URLS_REGEX', op: 'remove', value: null },
        { setting: 'CORS_ALLOW_ALL_ORIGINS', op: 'remove', value: null },
        { setting: 'CORS_ALLOW_CREDENTIALS', op: 'set', value: true },
      ],
      '3',
    );
    expect(out).toEqual({ CORS_ALLOWED_ORIGINS: ['https://a.test'], CORS_ALLOW_CREDENTIALS: true });
  });
  it('move-before: above the named middleware, at the top when null or absent, inserted when missing', () => {
    const mw = ['x.Security', COMMON, CORS, 'x.Auth'];
    expect(applyDjangoChanges({ MIDDLEWARE: mw }, [{ setting: 'MIDDLEWARE', op: 'move-before', value: CORS, before: COMMON }], '3').MIDDLEWARE).toEqual(['x.Security', CORS, COMMON, 'x.Auth']);
    expect(applyDjangoChanges({ MIDDLEWARE: mw }, [{ setting: 'MIDDLEWARE', op: 'move-before', value: CORS, before: null }], '3').MIDDLEWARE).toEqual([CORS, 'x.Security', COMMON, 'x.Auth']);
    expect(applyDjangoChanges({ MIDDLEWARE: ['x.Auth'] }, [{ setting: 'MIDDLEWARE', op: 'move-before', value: CORS, before: 'not.there' }], '3').MIDDLEWARE).toEqual([CORS, 'x.Auth']);
  });
  it('does not mutate its input', () => {
    const s = { MIDDLEWARE: [COMMON] };
    applyDjangoChanges(s, [{ setting: 'MIDDLEWARE', op: 'move-before', value: CORS, before: null }], '3');
    expect(s).toEqual({ MIDDLEWARE: [COMMON] });
  });
});
