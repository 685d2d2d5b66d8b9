/**
 * src/core/cors/request-context.ts — the requesting origin, the request mode, Local Network Access address spaces.
 * Facts: extension-capture.md Table B / §7 ("Take the origin from the request Origin header, or from the page URL
 * (har.pages/inspectedWindow), because preflight-blocked entries have no Origin"); browser-cors.md §2.2 (Origin is
 * sent when tainting is cors and for every non-GET/HEAD method; opaque-origin documents — file://, data:,
 * sandboxed — serialize as "null"; Chromium reports a file:// page's origin as 'null'), §2.1/§1 (navigation → no
 * CORS; fetch/XHR, fonts, EventSource, elements with `crossorigin` → cors; a plain <img>/<script>/<link> → no-cors),
 * Fetch `Sec-Fetch-Mode` = the request's mode. Referer carries the page URL (or its origin).
 * Local Network Access (WICG, and RFC 1918 / 3927 / 4193 / 4291): loopback 127.0.0.0/8, ::1, localhost;
 * local 10/8, 172.16/12, 192.168/16, 169.254/16, fc00::/7, fe80::/10; public = other IP literals.
 */
import { describe, expect, it } from 'vitest';
import { addressSpaceOf, requestingOrigin, requestMode, targetAddressSpace } from '../../../src/core/cors/request-context.js';
import { API, entry, PAGE, preflight, type EntryOpts } from '../../helpers/units-builders.js';

const get = (o: EntryOpts = {}) => entry(`GET ${API}/x`, o);

describe('requestingOrigin — where the origin comes from, in order', () => {
  it('1. the Origin request header', () => {
    const r = requestingOrigin(get({ req: [['Origin', PAGE], ['Referer', 'https://other.example/']], pageUrl: 'https://page.example/' }));
    expect(r.origin).toBe(PAGE);
    expect(r.evidence).toMatch(/Origin/);
  });

  it('Origin: null (tainted redirect or opaque page) is an answer, not "unknown"', () => {
    expect(requestingOrigin(get({ req: [['Origin', 'null']] })).origin).toBe('null');
  });

  it('Origin header name in lower case', () => {
    expect(requestingOrigin(get({ req: [['origin', PAGE]] })).origin).toBe(PAGE);
  });

  it('2. the paired preflight\'s Origin when the request shows only provisional headers', () => {
    const actual = get({ status: 0, req: [['Referer', 'https://referer.example/p'], ['X-Api-Key', 'k']] });
    const r = requestingOrigin(actual, preflight(`${API}/x`, { acrm: 'GET', origin: 'http://localhost:6274' }));
    expect(r.origin).toBe('http://localhost:6274');
    expect(r.evidence).toMatch(/preflight/i);
  });

  it('3. the page URL (HAR pages[].title)', () => {
    const r = requestingOrigin(get({ pageUrl: 'http://127.0.0.1:8001/index.html?x=1', req: [['Referer', 'https://referer.example/']] }));
    expect(r.origin).toBe(PAGE);
    expect(r.evidence).toMatch(/page/i);
  });

  it('4. the Referer (path and query dropped)', () => {
    const r = requestingOrigin(get({ req: [['Referer', 'https://app.example:8443/deep/page?q=1#f']] }));
    expect(r.origin).toBe('https://app.example:8443');
    expect(r.evidence).toMatch(/Referer/);
  });

  it('4. a Referer trimmed to the origin by strict-origin-when-cross-origin', () => {
    expect(requestingOrigin(get({ req: [['Referer', 'https://app.example/']] })).origin).toBe('https://app.example');
  });

  it('5. the initiating script URL', () => {
    const r = requestingOrigin(get({ initiator: { type: 'script', url: 'https://app.example/static/main.js' } }));
    expect(r.origin).toBe('https://app.example');
    expect(r.evidence).toMatch(/initiator/i);
  });

  it('nothing in the capture → null', () => {
    const r = requestingOrigin(get());
    expect(r.origin).toBeNull();
    expect(r.evidence).toMatch(/none/i);
  });

  it('an unparseable Referer is skipped in favour of the initiator', () => {
    const r = requestingOrigin(get({ req: [['Referer', 'not a url']], initiator: { type: 'script', url: 'https://app.example/a.js' } }));
    expect(r.origin).toBe('https://app.example');
  });

  it('an empty Origin header falls through to the next source', () => {
    expect(requestingOrigin(get({ req: [['Origin', '']], pageUrl: 'https://app.example/' })).origin).toBe('https://app.example');
  });

  it('a page URL with a default port serializes without it', () => {
    expect(requestingOrigin(get({ pageUrl: 'https://app.example:443/x' })).origin).toBe('https://app.example');
  });

  it('a file:// page has the opaque origin "null" (Chromium reports origin \'null\', §2.2)', () => {
    expect(requestingOrigin(get({ status: 0, pageUrl: 'file:///home/me/index.html' })).origin).toBe('null');
  });
});

describe('requestMode', () => {
  it('a captured preflight means cors', () => {
    expect(requestMode(get({ resourceType: 'image' }), true)).toBe('cors');
  });

  it.each([['cors'], ['no-cors'], ['navigate'], ['same-origin'], ['websocket']] as const)('Sec-Fetch-Mode: %s is believed', (mode) => {
    expect(requestMode(get({ req: [['Sec-Fetch-Mode', mode]], resourceType: 'fetch' }), false)).toBe(mode);
  });

  it.each<[string, EntryOpts, string]>([
    ['document → navigate', { resourceType: 'document' }, 'navigate'],
    ['websocket', { resourceType: 'websocket' }, 'websocket'],
    ['xhr → cors', { resourceType: 'xhr' }, 'cors'],
    ['font → cors (fonts are always fetched in cors mode)', { resourceType: 'font' }, 'cors'],
    ['eventsource → cors', { resourceType: 'eventsource' }, 'cors'],
    ['fetch with Origin → cors', { resourceType: 'fetch', status: 200, req: [['Origin', PAGE]] }, 'cors'],
    ['fetch GET, answered, no Origin → no-cors (a cors GET always sends Origin)', { resourceType: 'fetch', status: 200 }, 'no-cors'],
    ['fetch GET, status 0, no Origin → cors (provisional headers of a preflight-blocked request)', { resourceType: 'fetch', status: 0 }, 'cors'],
    ['image without Origin → no-cors', { resourceType: 'image', status: 200 }, 'no-cors'],
    ['image with Origin (crossorigin attribute) → cors', { resourceType: 'image', status: 200, req: [['Origin', PAGE]] }, 'cors'],
    ['script without Origin → no-cors', { resourceType: 'script', status: 200 }, 'no-cors'],
    ['module script with Origin → cors', { resourceType: 'script', status: 200, req: [['Origin', PAGE]] }, 'cors'],
    ['stylesheet without Origin → no-cors', { resourceType: 'stylesheet', status: 200 }, 'no-cors'],
    ['media without Origin → no-cors', { resourceType: 'media', status: 200 }, 'no-cors'],
    ['no type, with Origin → cors', { status: 200, req: [['Origin', PAGE]] }, 'cors'],
    ['no type, no Origin → unknown', { status: 200 }, 'unknown'],
  ])('%s', (_label, o, expected) => {
    expect(requestMode(get(o), false)).toBe(expected);
  });

  it('a same-origin fetch GET sends no Origin (basic tainting) yet its mode is cors', () => {
    expect(requestMode(entry(`GET ${PAGE}/api/items`, { resourceType: 'fetch', status: 302, pageUrl: `${PAGE}/` }), false)).toBe('cors');
  });

  it('fetch HEAD answered without Origin → no-cors', () => {
    expect(requestMode(entry(`HEAD ${API}/x`, { resourceType: 'fetch', status: 200 }), false)).toBe('no-cors');
  });

  it('fetch POST without Origin is not taken for no-cors (the headers are provisional)', () => {
    expect(requestMode(entry(`POST ${API}/x`, { resourceType: 'fetch', status: 200 }), false)).toBe('cors');
  });

  it('Sec-Fetch-Mode wins over the resource type', () => {
    expect(requestMode(get({ resourceType: 'image', req: [['Sec-Fetch-Mode', 'cors']] }), false)).toBe('cors');
    expect(requestMode(get({ resourceType: 'xhr', req: [['sec-fetch-mode', 'no-cors']] }), false)).toBe('no-cors');
  });

  it('an unknown Sec-Fetch-Mode value is ignored', () => {
    expect(requestMode(get({ resourceType: 'xhr', req: [['Sec-Fetch-Mode', 'bogus']] }), false)).toBe('cors');
  });
});

describe('addressSpaceOf (Local Network Access)', () => {
  it.each([
    ['localhost', 'loopback'],
    ['LOCALHOST', 'loopback'],
    ['api.localhost', 'loopback'],
    ['127.0.0.1', 'loopback'],
    ['127.1.2.3', 'loopback'],
    ['::1', 'loopback'],
    ['[::1]', 'loopback'],
    ['10.0.0.1', 'local'],
    ['10.255.255.255', 'local'],
    ['172.16.0.1', 'local'],
    ['172.31.255.255', 'local'],
    ['192.168.1.10', 'local'],
    ['169.254.169.254', 'local'],
    ['fc00::1', 'local'],
    ['fd12:3456:789a::1', 'local'],
    ['[fd12:3456:789a::1]', 'local'],
    ['FD12:3456:789A::1', 'local'],
    ['fe80::1', 'local'],
    ['fe90::1', 'local'], // fe80::/10 covers fe80–febf
    ['febf::1', 'local'],
    ['172.15.0.1', 'public'],
    ['172.32.0.1', 'public'],
    ['192.169.0.1', 'public'],
    ['8.8.8.8', 'public'],
    ['11.0.0.1', 'public'],
    ['2001:db8::1', 'public'],
    ['fec0::1', 'public'], // just past fe80::/10
    ['example.com', 'unknown'],
    ['api.example', 'unknown'],
    ['localhost.example.com', 'unknown'],
  ])('%s → %s', (host, expected) => {
    expect(addressSpaceOf(host)).toBe(expected);
  });
});

describe('targetAddressSpace', () => {
  it('the recorded server IP wins over the host name', () => {
    expect(targetAddressSpace(entry('GET http://api.example/x', { serverIp: '192.168.0.5' }))).toBe('local');
    expect(targetAddressSpace(entry('GET http://localhost:8002/x', { serverIp: '203.0.113.7' }))).toBe('public');
  });
  it('without a server IP, the URL host decides', () => {
    expect(targetAddressSpace(entry('GET http://localhost:8002/x'))).toBe('loopback');
    expect(targetAddressSpace(entry('GET http://[::1]:8002/x'))).toBe('loopback');
    expect(targetAddressSpace(entry('GET http://10.1.2.3/x'))).toBe('local');
    expect(targetAddressSpace(entry('GET https://api.example/x'))).toBe('unknown');
  });
  it('an unparseable URL → unknown', () => {
    expect(targetAddressSpace(entry('GET not-a-url'))).toBe('unknown');
  });
});
