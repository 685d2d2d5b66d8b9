/**
 * src/core/cors/not-cors.ts — look-alikes: failures that surface as "CORS" but are something else.
 * Facts: browser-cors.md §7 (net::ERR_BLOCKED_BY_CLIENT = extension/content blocker; ERR_BLOCKED_BY_RESPONSE.* =
 * CORP/COEP; ERR_BLOCKED_BY_ORB = Opaque Response Blocking; mixed content; CSP; network failures such as
 * ERR_CONNECTION_REFUSED / ERR_NAME_NOT_RESOLVED / ERR_CERT_* are not CORS header problems; "Error pages (4xx/5xx
 * from a proxy or framework) often lack the header"), §2.4 (a preflight never carries credentials, so an auth layer
 * answering OPTIONS with 401/403 blocks it), §2.7 (a non-preflight response may have any status: a 4xx/5xx that
 * passes CORS is an application error), §2.8 and servers.md (APPEND_SLASH, http→https and login redirects).
 * extension-capture.md Table A c10 (ERR_CONNECTION_REFUSED: no CORS line), c14 (500 with ACAO: fetch succeeds).
 */
import { describe, expect, it } from 'vitest';
import { netErrorFinding, preflightFindings, responseFindings } from '../../../src/core/cors/not-cors.js';
import { API, entry, PAGE, preflight, type H } from '../../helpers/units-builders.js';

const ACAO: H = ['Access-Control-Allow-Origin', PAGE];

describe('netErrorFinding', () => {
  it.each([
    ['net::ERR_BLOCKED_BY_CLIENT', 'blocked-by-client'],
    ['net::ERR_BLOCKED_BY_CLIENT.Interventions', 'blocked-by-client'],
    ['net::ERR_BLOCKED_BY_CSP', 'csp'],
    ['net::ERR_BLOCKED_BY_RESPONSE.NotSameOrigin', 'corp'],
    ['net::ERR_BLOCKED_BY_RESPONSE.NotSameSite', 'corp'],
    ['net::ERR_BLOCKED_BY_RESPONSE.NotSameOriginAfterDefaultedToSameOriginByCoep', 'corp'],
    ['net::ERR_BLOCKED_BY_RESPONSE.ResponseNeedsCrossOriginEmbedderPolicy', 'corp'],
    ['net::ERR_BLOCKED_BY_ORB', 'orb'],
    ['net::ERR_CONNECTION_REFUSED', 'connection-failed'],
    ['net::ERR_NAME_NOT_RESOLVED', 'connection-failed'],
    ['net::ERR_CERT_AUTHORITY_INVALID', 'connection-failed'],
    ['net::ERR_CERT_COMMON_NAME_INVALID', 'connection-failed'],
    ['net::ERR_CONNECTION_RESET', 'connection-failed'],
    ['net::ERR_TIMED_OUT', 'connection-failed'],
    ['net::ERR_UNEXPECTED_PROXY_AUTH', 'connection-failed'],
    ['net::ERR_ABORTED', 'connection-failed'],
  ])('%s → %s', (error, kind) => {
    const f = netErrorFinding(error);
    expect(f.kind).toBe(kind);
    expect(f.summary).toContain(error); // the summary names the error as captured
  });

  it('works without the net:: prefix', () => {
    expect(netErrorFinding('ERR_BLOCKED_BY_CLIENT').kind).toBe('blocked-by-client');
    expect(netErrorFinding('ERR_BLOCKED_BY_ORB').kind).toBe('orb');
  });

  it('a connection failure says it is not a CORS header problem', () => {
    expect(netErrorFinding('net::ERR_CONNECTION_REFUSED').summary).toMatch(/not a CORS/i);
  });

  it('an ad blocker: the request never reached the server', () => {
    expect(netErrorFinding('net::ERR_BLOCKED_BY_CLIENT').summary).toMatch(/never reached the server/);
  });

  it('every finding has a one-line summary', () => {
    for (const e of ['net::ERR_BLOCKED_BY_CLIENT', 'net::ERR_BLOCKED_BY_CSP', 'net::ERR_BLOCKED_BY_RESPONSE.NotSameOrigin', 'net::ERR_BLOCKED_BY_ORB', 'net::ERR_ABORTED', 'net::ERR_X']) {
      expect(netErrorFinding(e).summary).not.toMatch(/\n/);
    }
  });
});

describe('preflightFindings — what a non-2xx preflight says about the server', () => {
  const pfAt = (status: number, o: { res?: H[]; redirectURL?: string; statusText?: string; url?: string } = {}) =>
    preflight(o.url ?? `${API}/api/items`, { acrm: 'PUT', status, statusText: o.statusText ?? '', res: o.res ?? [], redirectURL: o.redirectURL ?? '' });

  it.each([[200], [204], [299]])('%i → nothing', (s) => {
    expect(preflightFindings(pfAt(s, { res: [ACAO] }))).toEqual([]);
  });

  it.each([[401], [403]])('%i → preflight-auth (OPTIONS must pass unauthenticated; no credentials on a preflight)', (s) => {
    const f = preflightFindings(pfAt(s));
    expect(f.map((x) => x.kind)).toEqual(['preflight-auth']);
    expect(f[0]?.summary).toContain(String(s));
    expect(f[0]?.summary).toMatch(/OPTIONS/);
  });

  it.each([[404], [405]])('%i → preflight-not-found (no route answers OPTIONS)', (s) => {
    const f = preflightFindings(pfAt(s));
    expect(f.map((x) => x.kind)).toEqual(['preflight-not-found']);
    expect(f[0]?.summary).toContain(String(s));
  });

  it.each([[500], [501], [503]])('%i without a proxy signature → server-error', (s) => {
    expect(preflightFindings(pfAt(s, { statusText: 'Internal Server Error' })).map((x) => x.kind)).toEqual(['server-error']);
  });

  it.each<[number, H[]]>([
    [502, [['Server', 'nginx/1.22.1'], ['Content-Type', 'text/html']]],
    [503, [['Content-Type', 'text/html; charset=utf-8']]],
    [504, [['Server', 'cloudflare']]],
    [502, [['Server', 'envoy']]],
  ])('%i from a gateway (%j) → proxy-error-page', (s, res) => {
    const f = preflightFindings(pfAt(s, { res }));
    expect(f.map((x) => x.kind)).toEqual(['proxy-error-page']);
    expect(f[0]?.summary).toContain(String(s));
  });

  it('a 500 with an HTML page is an application error, not a proxy page', () => {
    expect(preflightFindings(pfAt(500, { res: [['Content-Type', 'text/html']] })).map((x) => x.kind)).toEqual(['server-error']);
  });

  it.each([[301], [302], [307], [308]])('%i → redirect', (s) => {
    const f = preflightFindings(pfAt(s, { redirectURL: 'https://api.test/api/items' }));
    expect(f.map((x) => x.kind)).toEqual(['redirect']);
    expect(f[0]?.summary).toContain(String(s));
  });

  it.each([[400], [418], [429], [304], [100]])('%i → nothing specific', (s) => {
    expect(preflightFindings(pfAt(s))).toEqual([]);
  });

  describe('what kind of redirect', () => {
    it('http → https', () => {
      const f = preflightFindings(pfAt(301, { url: 'http://api.test/items/', redirectURL: 'https://api.test/items/' }));
      expect(f[0]?.summary).toMatch(/http → https/);
      expect(f[0]?.summary).toContain('https://api.test/items/');
    });
    it('trailing slash (Django APPEND_SLASH)', () => {
      const f = preflightFindings(pfAt(301, { url: 'http://api.test/api/items', redirectURL: '/api/items/' }));
      expect(f[0]?.summary).toMatch(/trailing-slash/);
      expect(f[0]?.summary).toMatch(/APPEND_SLASH/);
      expect(f[0]?.summary).toContain('http://api.test/api/items/'); // the Location, resolved
    });
    it('trailing slash with a query string', () => {
      const f = preflightFindings(pfAt(301, { url: 'http://api.test/api/items?x=1', redirectURL: '/api/items/?x=1' }));
      expect(f[0]?.summary).toMatch(/trailing-slash/);
    });
    it('login page', () => {
      const f = preflightFindings(pfAt(302, { url: 'https://api.test/api/items', redirectURL: '/accounts/login/?next=/api/items' }));
      expect(f[0]?.summary).toMatch(/login/);
    });
    it('another host', () => {
      const f = preflightFindings(pfAt(307, { url: 'https://api.test/x', redirectURL: 'https://api2.test/x' }));
      expect(f[0]?.summary).toMatch(/another host \(api2\.test\)/);
    });
    it('an unparseable Location is shown as written', () => {
      const f = preflightFindings(pfAt(302, { redirectURL: 'http://[::1' }));
      expect(f[0]?.kind).toBe('redirect');
      expect(f[0]?.summary).toContain('http://[::1');
    });
  });
});

describe('responseFindings — the actual response', () => {
  const hop = (status: number, o: { res?: H[]; statusText?: string; bodyText?: string; redirectURL?: string; url?: string } = {}) =>
    entry(`GET ${o.url ?? `${API}/api/items`}`, { status, statusText: o.statusText ?? '', res: o.res ?? [], redirectURL: o.redirectURL ?? '', ...(o.bodyText ? { bodyText: o.bodyText } : {}) });

  it('no hops → nothing', () => {
    expect(responseFindings([], true)).toEqual([]);
  });

  it('200 → nothing', () => {
    expect(responseFindings([hop(200, { res: [ACAO] })], false)).toEqual([]);
  });

  it('status 0 (no response) → nothing here (the net error speaks)', () => {
    expect(responseFindings([hop(0)], true)).toEqual([]);
  });

  it('c14: 500 with ACAO, allowed → server-error (fix the server, CORS passed)', () => {
    const f = responseFindings([hop(500, { res: [ACAO], statusText: 'Internal Server Error' })], false);
    expect(f.map((x) => x.kind)).toEqual(['server-error']);
    expect(f[0]?.summary).toContain('500');
  });

  it('502 nginx error page without CORS headers, blocked → proxy-error-page', () => {
    expect(responseFindings([hop(502, { res: [['Server', 'nginx'], ['Content-Type', 'text/html']] })], true).map((x) => x.kind)).toEqual(['proxy-error-page']);
  });

  it('404 allowed by CORS → http-error (an application error, not a CORS one)', () => {
    const f = responseFindings([hop(404, { res: [ACAO], statusText: 'Not Found' })], false);
    expect(f.map((x) => x.kind)).toEqual(['http-error']);
    expect(f[0]?.summary).toMatch(/not a CORS one/);
  });

  it('404 blocked, without ACAO → http-error (error responses lack the CORS headers)', () => {
    const f = responseFindings([hop(404, { statusText: 'Not Found' })], true);
    expect(f.map((x) => x.kind)).toEqual(['http-error']);
    expect(f[0]?.summary).toMatch(/without CORS headers/);
  });

  it('404 blocked while ACAO is present (e.g. a mismatch) → no http-error finding', () => {
    expect(responseFindings([hop(404, { res: [['Access-Control-Allow-Origin', 'http://evil.example']] })], true)).toEqual([]);
  });

  it.each([
    ['CSRF verification failed. Request aborted.'],
    ['{"detail":"CSRF Failed: CSRF token missing."}'],
    ['CSRF token incorrect'],
  ])('403 with a Django CSRF body %j → csrf only', (body) => {
    const f = responseFindings([hop(403, { res: [ACAO], bodyText: body })], false);
    expect(f.map((x) => x.kind)).toEqual(['csrf']);
    expect(f[0]?.summary).toMatch(/CSRF_TRUSTED_ORIGINS/);
  });

  it('403 without a CSRF body → http-error', () => {
    expect(responseFindings([hop(403, { res: [ACAO], bodyText: 'Forbidden' })], false).map((x) => x.kind)).toEqual(['http-error']);
  });

  it('a blocked redirect hop → redirect finding, then the last hop\'s own finding', () => {
    const hops = [hop(301, { url: 'http://api.test/api/items', redirectURL: '/api/items/' }), hop(500, { url: 'http://api.test/api/items/' })];
    expect(responseFindings(hops, true).map((x) => x.kind)).toEqual(['redirect', 'server-error']);
  });

  it('a redirect that was allowed is not a finding', () => {
    const hops = [hop(302, { url: 'http://api.test/a', redirectURL: 'http://api.test/b', res: [ACAO] }), hop(200, { url: 'http://api.test/b', res: [ACAO] })];
    expect(responseFindings(hops, false)).toEqual([]);
  });

  it('a blocked 3xx as the last hop is reported as a redirect', () => {
    const f = responseFindings([hop(302, { url: 'https://api.test/x', redirectURL: '/login?next=/x' })], true);
    expect(f.map((x) => x.kind)).toEqual(['redirect']);
    expect(f[0]?.summary).toMatch(/login/);
  });

  it('summaries are one line', () => {
    const all = [
      ...responseFindings([hop(500)], true),
      ...responseFindings([hop(404)], false),
      ...responseFindings([hop(403, { bodyText: 'CSRF verification failed' })], false),
      ...responseFindings([hop(302, { redirectURL: '/x' })], true),
    ];
    expect(all.length).toBe(4);
    for (const f of all) expect(f.summary).not.toMatch(/\n/);
  });
});
