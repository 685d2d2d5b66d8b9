import { describe, expect, it } from 'vitest';
import { analyzeHar, type Exchange } from '../../src/core/index.js';
import { API, PAGE, chromeHar, e, firefoxHar, stripUnderscore, type Pairs } from '../helpers/har.js';

/**
 * The 15 cases measured on Chromium 156 (shared/reference/extension-capture.md, Tables A, A2 and B):
 * HAR entries shaped exactly as the DevTools extension API returned them, and the verdict, CDP reason,
 * failedParameter and console text Chromium itself reported for each. The live differential test in
 * test/browser re-measures all of this; this table keeps the engine honest offline.
 */

const sent = (extra: Pairs = []): Pairs => [
  ['Accept', '*/*'], ['Accept-Encoding', 'gzip, deflate, br, zstd'], ['Accept-Language', 'en-US,en;q=0.9'],
  ['Connection', 'keep-alive'], ['Host', 'localhost:8002'], ['Origin', PAGE], ['Referer', `${PAGE}/`],
  ['Sec-Fetch-Dest', 'empty'], ['Sec-Fetch-Mode', 'cors'], ['Sec-Fetch-Site', 'cross-site'],
  ['User-Agent', 'Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0.0.0 Safari/537.36'], ['sec-ch-ua-platform', '"Linux"'], ...extra,
];
/** A request cut off by its failed preflight: provisional headers only, no Origin. */
const provisional = (extra: Pairs = []): Pairs => [['Referer', `${PAGE}/`], ['User-Agent', 'Mozilla/5.0 Chrome/156'], ['sec-ch-ua-mobile', '?0'], ...extra];
const preflightReq = (method: string, headers?: string): Pairs => [
  ['Accept', '*/*'], ['Access-Control-Request-Method', method], ...(headers ? [['Access-Control-Request-Headers', headers] as [string, string]] : []),
  ['Origin', PAGE], ['Sec-Fetch-Mode', 'cors'], ['User-Agent', 'Mozilla/5.0 Chrome/156'],
];
const base: Pairs = [['Content-Type', 'application/json'], ['Date', 'Sat, 21 Nov 2026 10:00:00 GMT'], ['Connection', 'keep-alive']];
const acao = (v = PAGE): Pairs => [['Access-Control-Allow-Origin', v]];
const pfInit = (path: string) => ({ type: 'preflight', url: `${API}${path}`, requestId: '14519.6' });

interface Case {
  id: string;
  entries: Array<Record<string, unknown>>;
  /** Index of the page's request in `entries`. */
  actual: number;
  verdict: Exchange['verdict'];
  corsError?: string;
  failedParameter?: string;
  console?: string;
  preflight?: number | null;
  /** Stays decided once every underscore field is stripped (Firefox-like HAR). */
  decidableStripped?: boolean;
}

const blocked = (path: string, body: string) =>
  `Access to fetch at '${API}${path}' from origin '${PAGE}' has been blocked by CORS policy: ${body}`;

const CASES: Case[] = [
  {
    id: 'c1 no ACAO', actual: 0, verdict: 'blocked', corsError: 'MissingAllowOriginHeader', failedParameter: '', decidableStripped: true,
    entries: [e(`GET ${API}/c1`, { req: sent(), res: base, error: 'net::ERR_FAILED', type: 'fetch' })],
    console: blocked('/c1', "No 'Access-Control-Allow-Origin' header is present on the requested resource."),
  },
  {
    id: 'c2 mismatch', actual: 0, verdict: 'blocked', corsError: 'AllowOriginMismatch', failedParameter: 'http://evil.example', decidableStripped: true,
    entries: [e(`GET ${API}/c2`, { req: sent(), res: [...base, ...acao('http://evil.example')], error: 'net::ERR_FAILED', type: 'fetch' })],
    console: blocked('/c2', "The 'Access-Control-Allow-Origin' header has a value 'http://evil.example' that is not equal to the supplied origin. Have the server send the header with a valid value."),
  },
  {
    id: 'c3 wildcard + credentials', actual: 0, verdict: 'blocked', corsError: 'WildcardOriginNotAllowed', failedParameter: '', decidableStripped: false,
    entries: [e(`GET ${API}/c3`, { req: sent(), res: [...base, ...acao('*'), ['Access-Control-Allow-Credentials', 'true']], error: 'net::ERR_FAILED', type: 'fetch' })],
    console: blocked('/c3', "The value of the 'Access-Control-Allow-Origin' header in the response must not be the wildcard '*' when the request's credentials mode is 'include'."),
  },
  {
    id: 'c4 method not allowed', actual: 1, verdict: 'blocked', corsError: 'MethodDisallowedByPreflightResponse', failedParameter: 'PUT', preflight: 0, decidableStripped: true,
    entries: [
      e(`OPTIONS ${API}/c4`, { req: preflightReq('PUT', 'content-type'), status: 204, res: [...acao(), ['Access-Control-Allow-Methods', 'GET, POST'], ['Access-Control-Allow-Headers', 'Content-Type']], type: 'preflight', initiator: pfInit('/c4'), t: 3 }),
      e(`PUT ${API}/c4`, { req: provisional([['Content-Type', 'application/json']]), status: 0, error: 'net::ERR_FAILED', type: 'fetch', t: 0 }),
    ],
    console: blocked('/c4', 'Method PUT is not allowed by Access-Control-Allow-Methods in preflight response.'),
  },
  {
    id: 'c5 header not allowed', actual: 1, verdict: 'blocked', corsError: 'HeaderDisallowedByPreflightResponse', failedParameter: 'x-api-key', preflight: 0, decidableStripped: true,
    entries: [
      e(`OPTIONS ${API}/c5`, { req: preflightReq('GET', 'x-api-key'), status: 204, res: [...acao(), ['Access-Control-Allow-Headers', 'Content-Type']], type: 'preflight', initiator: pfInit('/c5'), t: 2 }),
      e(`GET ${API}/c5`, { req: provisional([['X-Api-Key', 'k-123']]), status: 0, error: 'net::ERR_FAILED', type: 'fetch' }),
    ],
    console: blocked('/c5', 'Request header field x-api-key is not allowed by Access-Control-Allow-Headers in preflight response.'),
  },
  {
    id: 'c6 preflight redirect', actual: 1, verdict: 'blocked', corsError: 'PreflightDisallowedRedirect', failedParameter: '', preflight: 0, decidableStripped: true,
    entries: [
      e(`OPTIONS ${API}/c6`, { req: preflightReq('PUT'), status: 301, res: [...acao(), ['Location', '/c6-moved']], redirectURL: '/c6-moved', error: 'net::ERR_INVALID_REDIRECT', type: 'preflight', initiator: pfInit('/c6'), t: 4 }),
      e(`PUT ${API}/c6`, { req: provisional(), status: 0, error: 'net::ERR_FAILED', type: 'fetch' }),
    ],
    console: blocked('/c6', "Response to preflight request doesn't pass access control check: Redirect is not allowed for a preflight request."),
  },
  {
    id: 'c7 preflight 401 with ACAO', actual: 1, verdict: 'blocked', corsError: 'PreflightInvalidStatus', failedParameter: '', preflight: 0, decidableStripped: true,
    entries: [
      e(`OPTIONS ${API}/c7`, { req: preflightReq('PUT'), status: 401, res: [...acao(), ['WWW-Authenticate', 'Bearer']], type: 'preflight', initiator: pfInit('/c7'), t: 2 }),
      e(`PUT ${API}/c7`, { req: provisional(), status: 0, error: 'net::ERR_FAILED', type: 'fetch' }),
    ],
    console: blocked('/c7', "Response to preflight request doesn't pass access control check: It does not have HTTP ok status."),
  },
  {
    id: 'c7b preflight 401 without ACAO', actual: 1, verdict: 'blocked', corsError: 'PreflightMissingAllowOriginHeader', failedParameter: '', preflight: 0, decidableStripped: true,
    entries: [
      e(`OPTIONS ${API}/c7b`, { req: preflightReq('PUT'), status: 401, res: [['WWW-Authenticate', 'Bearer']], type: 'preflight', initiator: pfInit('/c7b'), t: 2 }),
      e(`PUT ${API}/c7b`, { req: provisional(), status: 0, error: 'net::ERR_FAILED', type: 'fetch' }),
    ],
    console: blocked('/c7b', "Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource."),
  },
  {
    id: 'c8 preflighted success', actual: 1, verdict: 'allowed', preflight: 0, decidableStripped: true,
    entries: [
      e(`OPTIONS ${API}/c8`, { req: preflightReq('PUT', 'content-type,x-api-key'), status: 204, res: [...acao(), ['Access-Control-Allow-Methods', 'PUT'], ['Access-Control-Allow-Headers', 'Content-Type, X-Api-Key']], type: 'preflight', initiator: pfInit('/c8'), t: 1 }),
      e(`PUT ${API}/c8`, { req: sent([['Content-Type', 'application/json'], ['X-Api-Key', 'k']]), status: 200, res: [...base, ...acao()], type: 'fetch' }),
    ],
  },
  {
    id: 'c9 two ACAO lines', actual: 0, verdict: 'blocked', corsError: 'MultipleAllowOriginValues', failedParameter: `${PAGE}, ${PAGE}`, decidableStripped: true,
    entries: [e(`GET ${API}/c9`, { req: sent(), res: [...base, ...acao(), ...acao()], error: 'net::ERR_FAILED', type: 'fetch' })],
    console: blocked('/c9', `The 'Access-Control-Allow-Origin' header contains multiple values '${PAGE}, ${PAGE}', but only one is allowed. Have the server send the header with a valid value.`),
  },
  {
    id: 'c10 connection refused', actual: 0, verdict: 'network-error', decidableStripped: true,
    entries: [e('GET http://localhost:8009/c10', { req: provisional([['Origin', PAGE]]), status: 0, error: 'net::ERR_CONNECTION_REFUSED', type: 'fetch' })],
  },
  {
    id: 'c11 actual lacks ACAO after good preflight', actual: 1, verdict: 'blocked', corsError: 'MissingAllowOriginHeader', failedParameter: '', preflight: 0, decidableStripped: true,
    entries: [
      e(`OPTIONS ${API}/c11`, { req: preflightReq('PUT'), status: 204, res: [...acao(), ['Access-Control-Allow-Methods', 'PUT']], type: 'preflight', initiator: pfInit('/c11'), t: 2 }),
      e(`PUT ${API}/c11`, { req: sent(), status: 200, res: base, error: 'net::ERR_FAILED', type: 'fetch' }),
    ],
    console: blocked('/c11', "No 'Access-Control-Allow-Origin' header is present on the requested resource."),
  },
  {
    id: 'c12 preflight lacks ACAO', actual: 1, verdict: 'blocked', corsError: 'PreflightMissingAllowOriginHeader', failedParameter: '', preflight: 0, decidableStripped: true,
    entries: [
      e(`OPTIONS ${API}/c12`, { req: preflightReq('PUT'), status: 204, res: [['Access-Control-Allow-Methods', 'PUT']], type: 'preflight', initiator: pfInit('/c12'), t: 2 }),
      e(`PUT ${API}/c12`, { req: provisional(), status: 0, error: 'net::ERR_FAILED', type: 'fetch' }),
    ],
    console: blocked('/c12', "Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource."),
  },
  {
    id: 'c13 credentials without ACAC', actual: 0, verdict: 'blocked', corsError: 'InvalidAllowCredentials', failedParameter: '', decidableStripped: false,
    entries: [e(`GET ${API}/c13`, { req: sent(), res: [...base, ...acao()], error: 'net::ERR_FAILED', type: 'fetch' })],
    console: blocked('/c13', "The value of the 'Access-Control-Allow-Credentials' header in the response is '' which must be 'true' when the request's credentials mode is 'include'."),
  },
  {
    id: 'c14 preflighted 500 with ACAO is allowed by CORS', actual: 1, verdict: 'allowed', preflight: 0, decidableStripped: true,
    entries: [
      e(`OPTIONS ${API}/c14`, { req: preflightReq('POST', 'content-type'), status: 204, res: [...acao(), ['Access-Control-Allow-Headers', 'content-type']], type: 'preflight', initiator: pfInit('/c14'), t: 1 }),
      e(`POST ${API}/c14`, { req: sent([['Content-Type', 'application/json']]), status: 500, res: [...base, ...acao()], type: 'fetch' }),
    ],
  },
  {
    id: 'c15 second PUT served by the preflight cache', actual: 2, verdict: 'allowed', preflight: null, decidableStripped: false,
    entries: [
      e(`PUT ${API}/c15`, { req: sent(), status: 200, res: [...base, ...acao()], type: 'fetch', t: 0 }),
      e(`OPTIONS ${API}/c15`, { req: preflightReq('PUT'), status: 204, res: [...acao(), ['Access-Control-Allow-Methods', 'PUT'], ['Access-Control-Max-Age', '600']], type: 'preflight', initiator: pfInit('/c15'), t: 2 }),
      e(`PUT ${API}/c15`, { req: sent(), status: 200, res: [...base, ...acao()], type: 'fetch', t: 50 }),
    ],
  },
];

function exchangeFor(har: object, actual: number): Exchange {
  const a = analyzeHar(har);
  const ex = a.exchanges.find((x) => x.entry === actual);
  if (!ex) throw new Error(`no exchange for entry ${actual}: ${JSON.stringify(a.exchanges.map((x) => x.entry))}`);
  return ex;
}

describe('Chromium 156 HAR shapes → the reason Chromium reported', () => {
  it.each(CASES.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const ex = exchangeFor(chromeHar(c.entries), c.actual);
    expect(ex.verdict).toBe(c.verdict);
    expect(ex.corsError).toBe(c.corsError ?? null);
    expect(ex.failedParameter).toBe(c.failedParameter ?? null);
    expect(ex.consoleMessage).toBe(c.console ?? null);
    if (c.preflight !== undefined) expect(ex.preflightEntry).toBe(c.preflight);
    expect(ex.origin).toBe(c.id.startsWith('c10') ? PAGE : PAGE);
  });

  it('c15: the uncached PUT is paired with the preflight and the cached one is said to need none captured', () => {
    const a = analyzeHar(chromeHar(CASES.find((c) => c.id.startsWith('c15'))!.entries));
    const [first, second] = a.exchanges;
    expect(first?.preflightEntry).toBe(1);
    expect(second?.preflight.status).toBe('cached-or-not-captured');
    expect(second?.notes.join(' ')).toMatch(/preflight cache/);
  });

  it('c3 and c13 are decided by elimination: Chrome failed, so the request carried credentials', () => {
    for (const id of ['c3', 'c13']) {
      const c = CASES.find((x) => x.id.startsWith(id))!;
      expect(exchangeFor(chromeHar(c.entries), c.actual).credentials.mode).toBe('include');
    }
  });
});

describe('the same captures with every underscore field removed (Firefox-like HAR)', () => {
  it.each(CASES.map((c) => [c.id, c] as const))('%s: never a wrong definite verdict', (_id, c) => {
    const ex = exchangeFor(stripUnderscore(chromeHar(c.entries)), c.actual);
    if (c.decidableStripped) {
      expect(ex.verdict).toBe(c.verdict);
      if (c.corsError) expect(ex.corsError).toBe(c.corsError);
    } else {
      expect(ex.verdict).toBe('unknown');
      expect(ex.missing.join(' ')).toMatch(/credentials/);
      expect(ex.alternatives).toContainEqual(expect.objectContaining({ verdict: c.verdict, corsError: c.corsError ?? null }));
    }
  });

  it('Firefox HAR of c3: allowed without credentials, blocked with them', () => {
    const c = CASES.find((x) => x.id.startsWith('c3'))!;
    const ex = exchangeFor(firefoxHar(c.entries), 0);
    expect(ex.verdict).toBe('unknown');
    expect(ex.alternatives).toEqual(expect.arrayContaining([
      expect.objectContaining({ verdict: 'allowed', corsError: null }),
      expect.objectContaining({ verdict: 'blocked', corsError: 'WildcardOriginNotAllowed' }),
    ]));
  });
});

describe('Firefox and Safari wording for the same failures', () => {
  const ff = (id: string) => {
    const c = CASES.find((x) => x.id.startsWith(id))!;
    return exchangeFor(chromeHar(c.entries), c.actual).browsers;
  };
  it('c1: Firefox names the missing header with the status', () => {
    expect(ff('c1').firefox.console).toEqual([`Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at ${API}/c1. (Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 200.`]);
  });
  it('c4: Firefox logs the preflight reason, then "did not succeed" for the actual request', () => {
    expect(ff('c4').firefox.console).toEqual([
      `Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at ${API}/c4. (Reason: Did not find method in CORS header ‘Access-Control-Allow-Methods’).`,
      `Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at ${API}/c4. (Reason: CORS request did not succeed). Status code: (null).`,
    ]);
  });
  it('c6: Firefox reports the external redirect, the 301 and the failed request', () => {
    expect(ff('c6').firefox.console.map((l) => l.replace(/^.*\(Reason: /, ''))).toEqual([
      'CORS request external redirect not allowed).', 'CORS preflight response did not succeed). Status code: 301.', 'CORS request did not succeed). Status code: (null).',
    ]);
  });
  it('c9: Firefox counts two header lines as multiple', () => {
    expect(ff('c9').firefox.console[0]).toContain('(Reason: Multiple CORS header ‘Access-Control-Allow-Origin’ not allowed).');
    expect(ff('c9').safari.console[0]).toBe('Access-Control-Allow-Origin cannot contain more than one origin.');
  });
  it('c7b: Safari checks the status first, Chrome and Firefox the origin', () => {
    const b = ff('c7b');
    expect(b.safari.console[0]).toBe('Preflight response is not successful. Status code: 401');
    expect(b.firefox.console[0]).toContain('‘Access-Control-Allow-Origin’ missing). Status code: 401.');
    expect(b.safari.console[1]).toBe(`Fetch API cannot load ${API}/c7b due to access control checks.`);
  });
});
