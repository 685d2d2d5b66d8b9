/**
 * src/core/http/origin.ts — URLs and origins.
 * Facts: HTML "ASCII serialization of an origin" (scheme "://" host [":" port], default port omitted, opaque → "null");
 * URL Standard host parsing (lower-case, IDNA → punycode, IPv6 in brackets) and the origin of a URL
 * (http, https, ws, wss, ftp → tuple; blob: → the origin of the URL inside it; others → opaque);
 * browser-cors.md §2.2 (file://, data: and sandboxed documents serialize as "null") and §4.3
 * (Chromium calls an ACAO value "invalid" when GURL cannot parse it: `example.com`).
 */
import { describe, expect, it } from 'vitest';
import { isHttpScheme, isSameOrigin, isValidUrl, parseUrl, serializeOrigin } from '../../../src/core/http/origin.js';

describe('parseUrl', () => {
  it('splits an absolute URL', () => {
    expect(parseUrl('https://user:pw@API.Example:8443/p?q#f')).toEqual({
      scheme: 'https',
      host: 'api.example',
      port: '8443',
      href: 'https://user:pw@api.example:8443/p?q#f',
      username: 'user',
      password: 'pw',
    });
  });

  it.each([
    ['http://a.test:80/', ''],
    ['https://a.test:443/', ''],
    ['http://a.test:443/', '443'],
    ['https://a.test:80/', '80'],
    ['ws://a.test:80/', ''],
    ['wss://a.test:443/', ''],
    ['http://a.test:8002/', '8002'],
  ])('default ports are dropped: %s → port %j', (url, port) => {
    expect(parseUrl(url)?.port).toBe(port);
  });

  it.each([
    ['HTTP://A.TEST/', 'http'],
    ['file:///etc/hosts', 'file'],
    ['data:text/plain,hi', 'data'],
    ['chrome-extension://abc/panel.html', 'chrome-extension'],
  ])('scheme of %s is %s, without the colon, lower-case', (url, scheme) => {
    expect(parseUrl(url)?.scheme).toBe(scheme);
  });

  it.each([[''], ['example.com'], ['/relative/path'], ['http://'], ['http://[::1'], ['https://exa mple.com/'], ['::'], ['null'], ['*']])(
    '%j is not an absolute URL → null',
    (url) => {
      expect(parseUrl(url)).toBeNull();
    },
  );

  it('no userinfo → empty username and password', () => {
    const u = parseUrl('http://a.test/');
    expect(u?.username).toBe('');
    expect(u?.password).toBe('');
  });

  it('user without password', () => {
    const u = parseUrl('http://bob@a.test/');
    expect(u?.username).toBe('bob');
    expect(u?.password).toBe('');
  });

  it('keeps IPv6 hosts in brackets', () => {
    expect(parseUrl('http://[::1]:8002/x')?.host).toBe('[::1]');
  });
});

describe('serializeOrigin', () => {
  it.each([
    ['http://127.0.0.1:8001/', 'http://127.0.0.1:8001'],
    ['http://localhost:8002/c1', 'http://localhost:8002'],
    ['https://app.example/path/page.html?q=1#frag', 'https://app.example'],
    ['https://app.example:443/', 'https://app.example'],
    ['http://app.example:80/', 'http://app.example'],
    ['http://app.example:443/', 'http://app.example:443'],
    ['https://app.example:8443/', 'https://app.example:8443'],
    ['HTTPS://APP.EXAMPLE/', 'https://app.example'],
    ['https://App.Example.:8443', 'https://app.example.:8443'],
    ['https://user:pw@app.example/', 'https://app.example'],
    ['http://[::1]:8002/', 'http://[::1]:8002'],
    ['http://[0:0:0:0:0:0:0:1]/', 'http://[::1]'],
    ['https://bücher.example/', 'https://xn--bcher-kva.example'],
    ['http://0x7f.1/', 'http://127.0.0.1'],
    ['ws://socket.example/', 'ws://socket.example'],
    ['wss://socket.example:443/', 'wss://socket.example'],
    ['ftp://files.example/', 'ftp://files.example'],
  ])('%s → %s', (url, expected) => {
    expect(serializeOrigin(url)).toBe(expected);
  });

  it.each([
    ['file:///home/me/index.html'],
    ['data:text/html,<p>hi</p>'],
    ['about:blank'],
    ['chrome-extension://abcdef/panel.html'],
    ['javascript:void(0)'],
  ])('opaque origin for %s → "null"', (url) => {
    expect(serializeOrigin(url)).toBe('null');
  });

  it('a blob: URL has the origin of the URL inside it (URL Standard, "origin" of a blob URL)', () => {
    expect(serializeOrigin('blob:https://app.example/550e8400-e29b-41d4-a716-446655440000')).toBe('https://app.example');
  });

  it.each([
    ['blob:http://a.test:8080/uuid', 'http://a.test:8080'],
    ['blob:null/uuid', 'null'],
    ['blob:file:///x', 'null'],
  ])('blob URL %s → %s', (url, expected) => {
    expect(serializeOrigin(url)).toBe(expected);
  });

  it.each([[''], ['example.com'], ['not a url'], ['//app.example/']])('unparseable %j → null (unknown, not opaque)', (url) => {
    expect(serializeOrigin(url)).toBeNull();
  });

  it('the serialization never ends with a slash (a trailing slash in ACAO is a mismatch, §2.7)', () => {
    for (const u of ['https://a.example/', 'https://a.example/x/', 'http://a.example:81/']) expect(serializeOrigin(u)).not.toMatch(/\/$/);
  });
});

describe('isSameOrigin', () => {
  it.each([
    ['http://a.test', 'http://a.test', true],
    ['http://a.test', 'https://a.test', false], // scheme
    ['http://a.test', 'http://a.test:8080', false], // port
    ['http://a.test', 'http://b.a.test', false], // host
    ['http://localhost:8002', 'http://127.0.0.1:8002', false], // same machine, different hosts
    ['null', 'null', false], // opaque origins are never same-origin by serialization
    ['null', 'http://a.test', false],
    ['http://a.test', 'null', false],
  ])('%s vs %s → %s', (a, b, expected) => {
    expect(isSameOrigin(a, b)).toBe(expected);
  });

  it.each<[string | null, string | null]>([
    [null, 'http://a.test'],
    ['http://a.test', null],
    [null, null],
  ])('unknown (%j, %j) → false', (a, b) => {
    expect(isSameOrigin(a, b)).toBe(false);
  });
});

describe('isHttpScheme (CORS is only defined over HTTP(S), §2.1)', () => {
  it.each([
    ['http://a.test/', true],
    ['https://a.test/', true],
    ['HTTPS://A.TEST/', true],
    ['ws://a.test/', false],
    ['wss://a.test/', false],
    ['ftp://a.test/', false],
    ['file:///x', false],
    ['data:,x', false],
    ['chrome-extension://id/x', false],
    ['', false],
    ['a.test/x', false],
    ['httpx://a.test/', false],
  ])('%s → %s', (url, expected) => {
    expect(isHttpScheme(url)).toBe(expected);
  });
});

describe('isValidUrl (stand-in for GURL::is_valid in the ACAO classification, §4.3)', () => {
  it.each([
    ['http://evil.example', true], // Table A c2: a valid origin that does not match
    ['https://a.example/', true],
    ['https://a.example:8443', true],
    ['http://[::1]:8002', true],
    ['example.com', false], // §3: "Unparseable ACAO (example.com)"
    ['', false],
    ['null', false],
    ['*', false],
    ['//a.example', false],
    ['http://', false],
  ])('%j → %s', (s, expected) => {
    expect(isValidUrl(s)).toBe(expected);
  });
});
