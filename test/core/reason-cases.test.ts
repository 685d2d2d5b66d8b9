import { describe, expect, it } from 'vitest';
import { analyzeHar, explainConsoleMessage } from '../../src/core/index.js';
import { REASON_CASES } from './reason-cases.js';

describe('one case per reason', () => {
  it.each(REASON_CASES.map((c) => [`${c.expect}: ${c.name}`, c] as const))('%s', (_n, c) => {
    if (c.kind === 'console') {
      expect(explainConsoleMessage(c.line).corsError).toBe(c.expect);
      return;
    }
    const ex = analyzeHar(c.har).exchanges.find((x) => x.entry === c.entry);
    expect(ex?.verdict).toBe('blocked');
    expect(ex?.corsError).toBe(c.expect);
    expect(ex?.failedParameter).toBe(c.failedParameter);
    expect(ex?.consoleMessage).toContain('has been blocked by CORS policy');
    // The engine's own console line reads back as the same reason.
    expect(explainConsoleMessage(ex?.consoleMessage ?? '').corsError).toBe(c.expect);
  });
});

describe('browser profiles', () => {
  const APP = 'https://app.example.com';
  const API = 'https://api.example.net';
  it('Max-Age: each browser caps the preflight cache differently, and the exchange says so', async () => {
    const { chromeHar, e } = await import('../helpers/har.js');
    const har = chromeHar([
      e(`OPTIONS ${API}/m`, { req: [['Access-Control-Request-Method', 'PUT'], ['Origin', APP]], status: 204, res: [['Access-Control-Allow-Origin', APP], ['Access-Control-Allow-Methods', 'PUT'], ['Access-Control-Max-Age', '86400']], type: 'preflight', t: 2 }),
      e(`PUT ${API}/m`, { req: [['Origin', APP]], status: 200, res: [['Access-Control-Allow-Origin', APP]], type: 'fetch' }),
    ]);
    const ex = analyzeHar(har).exchanges[0];
    expect(ex?.verdict).toBe('allowed');
    expect(ex?.notes.join(' ')).toContain('7200 s in Chrome (cap 7200), 86400 s in Firefox (cap 86400), 600 s in Safari (cap 600)');
  });
  it('a non-2xx preflight without Allow-Origin: Chrome and Firefox name the header, Safari the status', async () => {
    const { chromeHar, e } = await import('../helpers/har.js');
    const har = chromeHar([
      e(`OPTIONS ${API}/s`, { req: [['Access-Control-Request-Method', 'PUT'], ['Origin', APP]], status: 403, res: [], type: 'preflight', t: 2 }),
      e(`PUT ${API}/s`, { req: [], status: 0, error: 'net::ERR_FAILED', type: 'fetch' }),
    ]);
    const ex = analyzeHar(har).exchanges[0]!;
    expect(ex.corsError).toBe('PreflightMissingAllowOriginHeader');
    expect(ex.browsers.firefox.reason).toBe('CORSMissingAllowOrigin2');
    expect(ex.browsers.safari.reason).toBe('preflight-not-ok');
    expect(ex.notCors.map((n) => n.kind)).toContain('preflight-auth');
  });
});

describe('engine order and scope', () => {
  const APP = 'https://app.example.com';
  const API = 'https://api.example.net';
  it('two disallowed headers: Chrome names the first one the page set, Firefox the first in sorted order', async () => {
    const { chromeHar, e } = await import('../helpers/har.js');
    const har = chromeHar([
      e(`OPTIONS ${API}/h`, { req: [['Access-Control-Request-Method', 'GET'], ['Access-Control-Request-Headers', 'x-alpha,x-zeta'], ['Origin', APP]], status: 204, res: [['Access-Control-Allow-Origin', APP]], type: 'preflight', t: 2 }),
      e(`GET ${API}/h`, { req: [['X-Zeta', 'z'], ['X-Alpha', 'a']], status: 0, error: 'net::ERR_FAILED', type: 'fetch' }),
    ]);
    const ex = analyzeHar(har).exchanges[0]!;
    expect(ex.failedParameter).toBe('x-zeta');
    expect(ex.browsers.firefox.console[0]).toContain('header ‘x-alpha’ is not allowed');
  });
  it("the page's own files are same-origin, and a navigation never needs a preflight", async () => {
    const { chromeHar, e } = await import('../helpers/har.js');
    const longAccept = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7';
    const har = chromeHar([
      e(`GET ${APP}/`, { req: [['Accept', longAccept], ['Sec-Fetch-Mode', 'navigate']], type: 'document' }),
      e(`GET ${APP}/app.css`, { req: [['Referer', `${APP}/`], ['Sec-Fetch-Mode', 'no-cors']], type: 'stylesheet' }),
    ]);
    const [doc, css] = analyzeHar(har).exchanges;
    expect(longAccept.length).toBeGreaterThan(128);
    expect(doc?.preflight).toEqual({ needed: false, status: 'not-needed', reasons: [] });
    expect(css?.verdict).toBe('same-origin');
    expect(css?.opaque).toBe(false);
  });
});
