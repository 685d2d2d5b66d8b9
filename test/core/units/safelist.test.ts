/**
 * src/core/cors/safelist.ts — CORS-safelisted request-headers, CORS-unsafe names, forbidden names.
 * Facts: browser-cors.md §2.3 and Fetch (#cors-safelisted-request-header, #cors-unsafe-request-header-byte,
 * #cors-unsafe-request-header-names, #forbidden-request-header, #simple-range-header-value:
 * the value must start with "bytes" byte-exact, "=" directly after, ASCII digits only, no whitespace,
 * start required for the safelist, start ≤ end compared as decimal numbers), and MIME Sniffing "parse a MIME type"
 * (strip HTTP whitespace; type and subtype are non-empty HTTP token code points; trailing whitespace of the subtype
 * removed; parameters never make the parse fail).
 * Chromium extras (§2.3 "Engine specifics"): the UA-added headers intervention, device-memory, dpr, width,
 * viewport-width, rtt, downlink, ect, save-data, sec-ch-*, and the copied User-Agent.
 * HAR evidence: chrome143-devtools-localhost-taiga-preflights.har — DevTools "Disable cache" puts
 * `Cache-Control: no-cache` + `Pragma: no-cache` on every request, preflights included, and the browser's own
 * `Access-Control-Request-Headers` (authorization,content-type) does not list them.
 */
import { describe, expect, it } from 'vitest';
import {
  byteLength,
  corsSafelistFailure,
  corsUnsafeRequestHeaderNames,
  isBrowserAddedHeader,
  isCorsUnsafeRequestHeaderByte,
  isForbiddenRequestHeaderName,
  mimeEssence,
  pageSetHeaders,
} from '../../../src/core/cors/safelist.js';
import { hdrs, rep, type H } from '../../helpers/units-builders.js';

/** The CORS-unsafe request-header bytes, written out from the spec text. */
const UNSAFE_SYMBOLS = [0x22, 0x28, 0x29, 0x3a, 0x3c, 0x3e, 0x3f, 0x40, 0x5b, 0x5c, 0x5d, 0x7b, 0x7d, 0x7f];
const specUnsafe = (b: number): boolean => (b < 0x20 && b !== 0x09) || UNSAFE_SYMBOLS.includes(b);
/** Bytes allowed in Accept-Language / Content-Language: 0-9 A-Z a-z SP * , - . ; = */
const specLanguageByte = (b: number): boolean =>
  (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a) || [0x20, 0x2a, 0x2c, 0x2d, 0x2e, 0x3b, 0x3d].includes(b);

describe('byteLength (header values are bytes; a non-ASCII character is several UTF-8 bytes on the wire)', () => {
  it.each([
    ['', 0],
    ['abc', 3],
    ['é', 2],
    ['€', 3],
    ['😀', 4], // one code point, two UTF-16 units, four bytes
    ['a€b', 5],
    [rep('a', 128), 128],
    [rep('€', 43), 129],
  ])('%j → %i', (s, n) => {
    expect(byteLength(s)).toBe(n);
  });
});

describe('isCorsUnsafeRequestHeaderByte', () => {
  it('classifies every byte 0x00–0xFF exactly as the spec lists them', () => {
    for (let b = 0; b <= 0xff; b++) expect(isCorsUnsafeRequestHeaderByte(b), `0x${b.toString(16)}`).toBe(specUnsafe(b));
  });

  it.each([
    [0x09, false], // HTAB is the one control allowed
    [0x00, true],
    [0x0a, true],
    [0x0d, true],
    [0x1f, true],
    [0x20, false],
    [0x21, false],
    [0x22, true],
    [0x2c, false], // comma is fine
    [0x2f, false], // slash is fine (text/plain)
    [0x3b, false], // semicolon is fine
    [0x3d, false], // equals is fine
    [0x7e, false],
    [0x7f, true],
    [0x80, false],
    [0xff, false],
  ])('0x%s → %s', (b, expected) => {
    expect(isCorsUnsafeRequestHeaderByte(b)).toBe(expected);
  });
});

describe('mimeEssence (strict "parse a MIME type")', () => {
  it.each<[string, string | null]>([
    ['text/plain', 'text/plain'],
    ['Text/Plain', 'text/plain'],
    ['TEXT/PLAIN;CHARSET=UTF-8', 'text/plain'],
    ['text/plain;charset=utf-8', 'text/plain'],
    ['text/plain ;', 'text/plain'],
    ['text/plain;', 'text/plain'],
    ['  text/plain  ', 'text/plain'],
    ['\ttext/plain\t', 'text/plain'],
    ['application/json', 'application/json'],
    ['application/vnd.api+json', 'application/vnd.api+json'],
    ['multipart/form-data; boundary=----x', 'multipart/form-data'],
    ['text/plain;=', 'text/plain'], // a bad parameter is skipped, not a failure
    ['text/plain;;;', 'text/plain'],
    ['text', null],
    ['text/', null],
    ['/plain', null],
    ['', null],
    ['text /plain', null], // type must be token code points
    ['text/ plain', null], // leading whitespace of the subtype is kept, so not a token
    ['text/plain/x', null],
    ['text/plain,application/json', null],
    ['te"xt/plain', null],
    ['tëxt/plain', null],
  ])('%j → %j', (value, expected) => {
    expect(mimeEssence(value)).toBe(expected);
  });
});

describe('corsSafelistFailure — length (step 1: more than 128 bytes is never safelisted)', () => {
  const at = (name: string, prefix: string, n: number): string => prefix + rep(name === 'Range' ? '0' : 'a', n - prefix.length);
  const cases: Array<[string, string, string]> = [
    ['Accept', '', ''],
    ['Accept-Language', '', ''],
    ['Content-Language', '', ''],
    ['Content-Type', 'text/plain;a=', ''],
    ['Range', 'bytes=', '-'],
  ];
  it.each(cases)('%s: 128 bytes is safelisted, 129 is value-too-long', (name, prefix, suffix) => {
    const v128 = at(name, prefix, 128 - suffix.length) + suffix;
    const v129 = at(name, prefix, 129 - suffix.length) + suffix;
    expect(byteLength(v128)).toBe(128);
    expect(byteLength(v129)).toBe(129);
    expect(corsSafelistFailure(name, v128)).toBeNull();
    expect(corsSafelistFailure(name, v129)).toBe('value-too-long');
  });

  it('counts bytes, not characters: 42 × "€" (126 bytes) + "ab" fits, 43 × "€" (129 bytes) does not', () => {
    expect(corsSafelistFailure('Accept', `${rep('€', 42)}ab`)).toBeNull();
    expect(corsSafelistFailure('Accept', rep('€', 43))).toBe('value-too-long');
  });

  it('the length check comes first, whatever the name', () => {
    expect(corsSafelistFailure('X-Api-Key', rep('a', 129))).toBe('value-too-long');
    expect(corsSafelistFailure('Accept-Language', rep('_', 129))).toBe('value-too-long');
  });
});

describe('corsSafelistFailure — Accept (no CORS-unsafe byte)', () => {
  it.each([['*/*'], ['application/json'], ['text/html, application/xhtml+xml;q=0.9, */*;q=0.8'], [''], ['a\tb'], ['é']])(
    'Accept %j is safelisted',
    (v) => {
      expect(corsSafelistFailure('Accept', v)).toBeNull();
    },
  );

  it('each CORS-unsafe byte in Accept → unsafe-byte; every other byte is fine', () => {
    for (let b = 0; b < 0x80; b++) {
      const v = `text/${String.fromCharCode(b)}`;
      expect(corsSafelistFailure('Accept', v), `0x${b.toString(16)}`).toBe(specUnsafe(b) ? 'unsafe-byte' : null);
    }
  });

  it.each([['ACCEPT'], ['accept'], ['aCcEpT']])('name %s is matched case-insensitively', (name) => {
    expect(corsSafelistFailure(name, 'application/json')).toBeNull();
    expect(corsSafelistFailure(name, 'a"b')).toBe('unsafe-byte');
  });
});

describe('corsSafelistFailure — Accept-Language / Content-Language (0-9 A-Z a-z SP * , - . ; =)', () => {
  it.each([
    ['en-US,en;q=0.9'],
    ['de-DE, de;q=0.8, en;q=0.5'],
    ['zh-Hant-TW'],
    ['*'],
    [''],
    ['fr'],
    ['en = 1.0 ;'],
  ])('%j is safelisted for both names', (v) => {
    expect(corsSafelistFailure('Accept-Language', v)).toBeNull();
    expect(corsSafelistFailure('Content-Language', v)).toBeNull();
  });

  it.each([['de_DE'], ['en\t'], ['(en)'], ["en'"], ['é'], ['en/US'], ['en:US'], ['en+US'], ['en!']])('%j → language-chars', (v) => {
    expect(corsSafelistFailure('accept-language', v)).toBe('language-chars');
    expect(corsSafelistFailure('CONTENT-LANGUAGE', v)).toBe('language-chars');
  });

  it('every ASCII byte is classified exactly as the spec lists it', () => {
    for (let b = 0; b < 0x80; b++) {
      const v = `en${String.fromCharCode(b)}`;
      expect(corsSafelistFailure('Content-Language', v), `0x${b.toString(16)}`).toBe(specLanguageByte(b) ? null : 'language-chars');
    }
  });
});

describe('corsSafelistFailure — Content-Type (no unsafe byte, strict MIME parse, one of three essences)', () => {
  it.each([
    ['text/plain'],
    ['text/plain;charset=utf-8'],
    ['text/plain; charset=UTF-8'],
    ['Text/Plain'],
    ['TEXT/PLAIN'],
    ['text/plain ;'],
    ['text/plain;'],
    [' text/plain'],
    ['text/plain\t'],
    ['application/x-www-form-urlencoded'],
    ['application/x-www-form-urlencoded;charset=UTF-8'],
    ['multipart/form-data'],
    ['multipart/form-data; boundary=----WebKitFormBoundary7MA4YWxkTrZu0gW'],
    ['Multipart/Form-Data; boundary=x'],
    ['text/plain; charset=ü'],
  ])('%j is safelisted', (v) => {
    expect(corsSafelistFailure('Content-Type', v)).toBeNull();
  });

  it.each([
    ['application/json'],
    ['application/json; charset=utf-8'],
    ['text/html'],
    ['text/xml'],
    ['application/xml'],
    ['application/octet-stream'],
    ['application/csp-report'], // only browser features may send it without a preflight
    ['text/plain/x'],
    ['text/plain,application/json'],
    ['text'],
    ['text/'],
    ['/plain'],
    [''],
    ['text /plain'],
    ['text/ plain'],
    ['plain/text'],
    ['text/plainx'],
  ])('%j → content-type', (v) => {
    expect(corsSafelistFailure('Content-Type', v)).toBe('content-type');
  });

  it.each([
    ['text/plain; charset="utf-8"'],
    ['text/plain; a=b:c'],
    ['text/plain; a=(b)'],
    ['text/plain; a=<b>'],
    ['text/plain; a=b?'],
    ['text/plain; a=b@c'],
    ['text/plain; a=[b]'],
    ['text/plain; a={b}'],
    ['text/plain; a=b\\c'],
    ['text/plain\u0000'],
    ['text/plain\u007f'],
    ['text/plain\n'],
  ])('%j → unsafe-byte (checked before parsing)', (v) => {
    expect(corsSafelistFailure('Content-Type', v)).toBe('unsafe-byte');
  });

  it('an unsafe byte wins over a non-safelisted essence', () => {
    expect(corsSafelistFailure('Content-Type', 'application/json; x="y"')).toBe('unsafe-byte');
  });

  it.each([['content-type'], ['CONTENT-TYPE'], ['Content-type']])('name %s is matched case-insensitively', (name) => {
    expect(corsSafelistFailure(name, 'text/plain')).toBeNull();
    expect(corsSafelistFailure(name, 'application/json')).toBe('content-type');
  });
});

describe('corsSafelistFailure — Range (a single bytes=N- or bytes=N-M)', () => {
  it.each([['bytes=0-'], ['bytes=0-0'], ['bytes=0-100'], ['bytes=5-5'], ['bytes=100-'], ['bytes=00-01'], ['bytes=9-10'], ['bytes=123456789-123456790']])(
    '%j is safelisted',
    (v) => {
      expect(corsSafelistFailure('Range', v)).toBeNull();
    },
  );

  it.each([
    ['bytes=-5'], // suffix range: not safelisted on purpose
    ['bytes=-'],
    ['bytes='],
    ['bytes'],
    [''],
    ['bytes=5-1'], // start > end
    ['bytes=10-9'],
    ['bytes=0-1,2-3'], // more than one range
    ['bytes=0-,-5'],
    ['bytes = 0-'], // no whitespace allowed
    ['bytes= 0-'],
    ['bytes=0 -1'],
    ['bytes=0- 1'],
    ['Bytes=0-'], // "start with bytes" is byte-exact
    ['BYTES=0-'],
    ['items=0-5'],
    ['bytes:0-5'],
    ['bytes=a-'],
    ['bytes=1e3-'],
    ['bytes=+1-'],
    ['bytes=0x10-'],
    ['bytes=٣-'], // ARABIC-INDIC DIGIT THREE is not an ASCII digit
  ])('%j → range', (v) => {
    expect(corsSafelistFailure('Range', v)).toBe('range');
  });

  it.each<[string, null | 'range']>([
    ['bytes=007-7', null],
    ['bytes=09-10', null],
    ['bytes=010-9', 'range'],
    ['bytes=0000-0', null],
    ['bytes=1-0001', null],
    ['bytes=2-0001', 'range'],
  ])('leading zeros do not change the number: %s → %j', (v, expected) => {
    expect(corsSafelistFailure('Range', v)).toBe(expected);
  });

  it('start and end are compared as exact decimal numbers, beyond 2^53', () => {
    // 9007199254740993 > 9007199254740992, so this is start > end → failure.
    expect(corsSafelistFailure('Range', 'bytes=9007199254740993-9007199254740992')).toBe('range');
    expect(corsSafelistFailure('Range', 'bytes=9007199254740992-9007199254740993')).toBeNull();
  });

  it.each([['range'], ['RANGE']])('name %s is matched case-insensitively', (name) => {
    expect(corsSafelistFailure(name, 'bytes=0-')).toBeNull();
    expect(corsSafelistFailure(name, 'bytes=-5')).toBe('range');
  });
});

describe('corsSafelistFailure — every other name is never safelisted', () => {
  it.each([
    ['X-Api-Key', 'k'],
    ['Authorization', 'Bearer t'],
    ['Cache-Control', 'no-cache'],
    ['Pragma', 'no-cache'],
    ['X-Requested-With', 'XMLHttpRequest'],
    ['X-CSRFToken', 'abc'],
    ['If-None-Match', '"etag"'],
    ['Content-Encoding', 'gzip'],
    ['Accept-Encoding', 'gzip'], // forbidden, but not safelisted either
    ['X-Empty', ''],
    ['Acceptx', 'text/plain'],
    ['Content-Type2', 'text/plain'],
  ])('%s → not-safelisted', (name, value) => {
    expect(corsSafelistFailure(name, value)).toBe('not-safelisted');
  });
});

describe('isForbiddenRequestHeaderName', () => {
  const FORBIDDEN = [
    'Accept-Charset', 'Accept-Encoding', 'Access-Control-Request-Headers', 'Access-Control-Request-Method', 'Connection',
    'Content-Length', 'Cookie', 'Cookie2', 'Date', 'DNT', 'Expect', 'Host', 'Keep-Alive', 'Origin', 'Referer', 'Set-Cookie',
    'TE', 'Trailer', 'Transfer-Encoding', 'Upgrade', 'Via',
  ];
  it.each(FORBIDDEN.map((n) => [n]))('%s is forbidden (any casing)', (name) => {
    expect(isForbiddenRequestHeaderName(name)).toBe(true);
    expect(isForbiddenRequestHeaderName(name.toLowerCase())).toBe(true);
    expect(isForbiddenRequestHeaderName(name.toUpperCase())).toBe(true);
  });

  it.each([['Proxy-Authorization'], ['proxy-connection'], ['PROXY-X'], ['Sec-Fetch-Mode'], ['sec-ch-ua'], ['Sec-CH-UA-Platform'], ['SEC-WEBSOCKET-KEY'], ['Sec-Purpose']])(
    'prefix proxy-/sec-: %s is forbidden',
    (name) => {
      expect(isForbiddenRequestHeaderName(name)).toBe(true);
    },
  );

  it.each([
    ['Accept'], ['Accept-Language'], ['Content-Type'], ['Authorization'], ['User-Agent'], ['X-Api-Key'], ['Range'],
    ['Secret'], ['Proxy'], ['X-Sec-Token'], ['X-Proxy-Id'], ['Origin-Agent-Cluster'], ['Hosts'], ['Referrer'],
    ['X-HTTP-Method-Override'], // forbidden only when its value names a forbidden method
    ['Cache-Control'], ['Pragma'],
  ])('%s is not forbidden', (name) => {
    expect(isForbiddenRequestHeaderName(name)).toBe(false);
  });
});

describe('isBrowserAddedHeader (Chromium adds these below fetch; never the page)', () => {
  it.each([
    ['User-Agent'], ['user-agent'], ['Intervention'], ['Device-Memory'], ['DPR'], ['Width'], ['Viewport-Width'], ['RTT'],
    ['Downlink'], ['ECT'], ['Save-Data'],
    [':authority'], [':method'], [':path'], [':scheme'], // HTTP/2 pseudo-headers (RFC 9113 §8.3) in Chromium HARs
    ['priority'], // RFC 9218; on Chromium's own preflights in chrome143-devtools-localhost-mcp-cors-fail.har, never in ACRH
  ])('%s → true', (name) => {
    expect(isBrowserAddedHeader(name)).toBe(true);
  });

  it.each([['X-Api-Key'], ['Authorization'], ['Content-Type'], ['Accept'], ['Cache-Control'], ['Pragma'], ['Widths'], ['X-Width'], ['authority']])(
    '%s → false',
    (name) => {
      expect(isBrowserAddedHeader(name)).toBe(false);
    },
  );
});

describe('pageSetHeaders', () => {
  const names = (list: H[]): string[] => pageSetHeaders(hdrs(...list)).map((h) => h.name);

  it('keeps only what the page set from a full Chromium request', () => {
    expect(
      names([
        [':authority', 'localhost:8002'], [':method', 'PUT'], [':path', '/c8'], [':scheme', 'http'],
        ['Host', 'localhost:8002'], ['Connection', 'keep-alive'], ['Content-Length', '2'], ['Origin', 'http://127.0.0.1:8001'],
        ['Referer', 'http://127.0.0.1:8001/'], ['User-Agent', 'Mozilla/5.0'], ['Accept', '*/*'], ['Accept-Encoding', 'gzip, deflate, br'],
        ['Accept-Language', 'en-US,en;q=0.9'], ['Sec-Fetch-Mode', 'cors'], ['Sec-Fetch-Site', 'cross-site'], ['Sec-Fetch-Dest', 'empty'],
        ['sec-ch-ua', '"Chromium";v="156"'], ['sec-ch-ua-mobile', '?0'], ['sec-ch-ua-platform', '"Linux"'], ['Cookie', 'a=b'],
        ['priority', 'u=1, i'], ['X-Api-Key', 'k'], ['Content-Type', 'application/json'],
      ]),
    ).toEqual(['Accept', 'Accept-Language', 'X-Api-Key', 'Content-Type']);
  });

  it('keeps the page headers of provisional request headers (Table B: no Origin, no Host)', () => {
    expect(
      names([
        ['sec-ch-ua', '"Chromium";v="156"'], ['sec-ch-ua-mobile', '?0'], ['sec-ch-ua-platform', '"Linux"'], ['Referer', 'http://127.0.0.1:8001/'],
        ['User-Agent', 'Mozilla/5.0'], ['X-Api-Key', 'secret'], ['Content-Type', 'application/json'],
      ]),
    ).toEqual(['X-Api-Key', 'Content-Type']);
  });

  it('drops the Cache-Control: no-cache + Pragma: no-cache pair that DevTools "Disable cache" adds', () => {
    expect(names([['Cache-Control', 'no-cache'], ['Pragma', 'no-cache'], ['Content-Type', 'application/json']])).toEqual(['Content-Type']);
  });

  it('keeps a lone Cache-Control or Pragma (only the pair is the DevTools signature)', () => {
    expect(names([['Cache-Control', 'no-cache'], ['X-A', '1']])).toEqual(['Cache-Control', 'X-A']);
    expect(names([['Pragma', 'no-cache']])).toEqual(['Pragma']);
  });

  it('keeps both when they do not carry the DevTools values', () => {
    expect(names([['Cache-Control', 'max-age=0'], ['Pragma', 'no-cache']])).toEqual(['Cache-Control', 'Pragma']);
  });

  it('keeps original casing, values, order and duplicates', () => {
    const out = pageSetHeaders(hdrs(['x-b', '2'], ['X-A', '1'], ['X-A', '3']));
    expect(out).toEqual(hdrs(['x-b', '2'], ['X-A', '1'], ['X-A', '3']));
  });

  it('empty in, empty out', () => {
    expect(pageSetHeaders([])).toEqual([]);
  });
});

describe('corsUnsafeRequestHeaderNames', () => {
  it('no headers → no names', () => {
    expect(corsUnsafeRequestHeaderNames([])).toEqual([]);
  });

  it('only safelisted headers → no names', () => {
    expect(
      corsUnsafeRequestHeaderNames(
        hdrs(['Accept', '*/*'], ['Accept-Language', 'en'], ['Content-Language', 'de'], ['Content-Type', 'text/plain'], ['Range', 'bytes=0-']),
      ),
    ).toEqual([]);
  });

  it('returns names lower-cased, de-duplicated and sorted, with why (Table A c5: x-api-key)', () => {
    const out = corsUnsafeRequestHeaderNames(
      hdrs(['X-B', '2'], ['x-a', '1'], ['X-A', 'other'], ['Content-Type', 'application/json'], ['Authorization', 'Bearer t'], ['Accept', '*/*']),
    );
    expect(out.map((u) => u.name)).toEqual(['authorization', 'content-type', 'x-a', 'x-b']);
    expect(out).toEqual([
      { name: 'authorization', value: 'Bearer t', why: 'not-safelisted' },
      { name: 'content-type', value: 'application/json', why: 'content-type' },
      { name: 'x-a', value: '1', why: 'not-safelisted' },
      { name: 'x-b', value: '2', why: 'not-safelisted' },
    ]);
  });

  it('joined with "," it is the Access-Control-Request-Headers value (no spaces, §2.4)', () => {
    const names = corsUnsafeRequestHeaderNames(hdrs(['X-Api-Key', 'k'], ['Content-Type', 'application/json'])).map((u) => u.name);
    expect(names.join(',')).toBe('content-type,x-api-key');
  });

  it('sorts by code unit (byte order), not locale', () => {
    const names = corsUnsafeRequestHeaderNames(hdrs(['x-b', '1'], ['X_A', '1'], ['x-A', '1'], ['x.c', '1'])).map((u) => u.name);
    expect(names).toEqual(['x-a', 'x-b', 'x.c', 'x_a']);
  });

  it('a safelisted name becomes unsafe when one of its lines is not safelisted', () => {
    const out = corsUnsafeRequestHeaderNames(hdrs(['Accept', '*/*'], ['accept', 'a"b']));
    expect(out).toEqual([{ name: 'accept', value: 'a"b', why: 'unsafe-byte' }]);
  });

  it('each why is reported', () => {
    const out = corsUnsafeRequestHeaderNames(
      hdrs(['Accept-Language', 'de_DE'], ['Range', 'bytes=-5'], ['Accept', rep('a', 129)], ['Content-Type', 'a(b)/c'], ['X-Foo', '']),
    );
    expect(Object.fromEntries(out.map((u) => [u.name, u.why]))).toEqual({
      accept: 'value-too-long',
      'accept-language': 'language-chars',
      'content-type': 'unsafe-byte',
      range: 'range',
      'x-foo': 'not-safelisted',
    });
  });

  describe('the 1024-byte total of safelisted values', () => {
    const a128 = rep('a', 128);
    const ct128 = `text/plain;a=${rep('b', 115)}`;
    const range128 = `bytes=${rep('0', 121)}-`;
    const eight128: H[] = [
      ['Accept', a128], ['Accept', a128], ['Accept-Language', a128], ['Accept-Language', a128],
      ['Content-Language', a128], ['Content-Language', a128], ['Content-Type', ct128], ['Range', range128],
    ];

    it('the fixture is 8 safelisted values of exactly 128 bytes', () => {
      for (const [name, value] of eight128) {
        expect(byteLength(value)).toBe(128);
        expect(corsSafelistFailure(name, value)).toBeNull();
      }
    });

    it('exactly 1024 bytes → still safelisted (the rule is "greater than 1024")', () => {
      expect(corsUnsafeRequestHeaderNames(hdrs(...eight128))).toEqual([]);
    });

    it('1025 bytes → every safelisted name becomes unsafe (total-over-1024)', () => {
      const out = corsUnsafeRequestHeaderNames(hdrs(...eight128, ['Accept', 'x']));
      expect(out.map((u) => u.name)).toEqual(['accept', 'accept-language', 'content-language', 'content-type', 'range']);
      for (const u of out) expect(u.why).toBe('total-over-1024');
    });

    it('values of unsafe headers do not count toward the total', () => {
      const seven = eight128.slice(0, 7);
      const out = corsUnsafeRequestHeaderNames(hdrs(...seven, ['X-Big', a128], ['Accept', 'x']));
      expect(out).toEqual([{ name: 'x-big', value: a128, why: 'not-safelisted' }]);
    });

    it('an unsafe header keeps its own why when the total is exceeded', () => {
      const out = corsUnsafeRequestHeaderNames(hdrs(...eight128, ['Accept', 'x'], ['X-Api-Key', 'k']));
      expect(out.find((u) => u.name === 'x-api-key')?.why).toBe('not-safelisted');
      expect(out.find((u) => u.name === 'accept')?.why).toBe('total-over-1024');
    });

    it('counts bytes, not characters, toward the total', () => {
      // 7 × 128 ASCII bytes + an Accept of 42 × '€' (3 UTF-8 bytes each) + 'ab' = 1024 bytes, only 926 characters.
      const seven = eight128.slice(0, 7);
      const euro128 = `${rep('€', 42)}ab`;
      expect(corsUnsafeRequestHeaderNames(hdrs(...seven, ['Accept', euro128]))).toEqual([]);
      expect(corsUnsafeRequestHeaderNames(hdrs(...seven, ['Accept', euro128], ['Accept', 'x'])).map((u) => u.why)).toContain('total-over-1024');
    });
  });
});
