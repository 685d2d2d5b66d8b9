/**
 * src/core/http/headers.ts — header-list helpers.
 * Facts: Fetch "header list" / "get" / "combine" (https://fetch.spec.whatwg.org/#concept-header-list-get):
 * names compare byte-case-insensitively; "get" joins repeated values with ", " (0x2C 0x20);
 * HTTP whitespace is SP, HTAB, CR, LF; Chromium's GetNormalizedHeader joins the same way
 * (browser-cors.md §4.3, "Header values are read with GetNormalizedHeader, which joins repeated headers with ', '").
 * token = 1*tchar (RFC 9110 §5.6.2); #token lists accept empty elements (RFC 9110 §5.6.1.2).
 */
import { describe, expect, it } from 'vitest';
import { getAll, getCombined, has, isToken, names, parseTokenList, trimHttpWhitespace } from '../../../src/core/http/headers.js';
import { hdrs } from '../../helpers/units-builders.js';

const ACAO = 'Access-Control-Allow-Origin';

describe('getAll', () => {
  it.each([
    ['exact casing', hdrs([ACAO, '*']), ACAO, ['*']],
    ['lower-case query', hdrs([ACAO, '*']), 'access-control-allow-origin', ['*']],
    ['upper-case query', hdrs([ACAO, '*']), 'ACCESS-CONTROL-ALLOW-ORIGIN', ['*']],
    ['odd casing in the capture', hdrs(['aCcEsS-cOnTrOl-AlLoW-oRiGiN', 'x']), ACAO, ['x']],
    ['absent', hdrs(['Vary', 'Origin']), ACAO, []],
    ['empty list', hdrs(), ACAO, []],
    ['duplicates kept, capture order', hdrs([ACAO, 'b'], ['Vary', 'Origin'], [ACAO.toLowerCase(), 'a']), ACAO, ['b', 'a']],
    ['empty value kept', hdrs([ACAO, '']), ACAO, ['']],
    ['values are not trimmed', hdrs([ACAO, ' * ']), ACAO, [' * ']],
    ['a prefix of the name does not match', hdrs(['Access-Control-Allow-Origin-Extra', 'x']), ACAO, []],
    ['name with a trailing space does not match', hdrs(['Access-Control-Allow-Origin ', 'x']), ACAO, []],
  ])('%s', (_label, list, name, expected) => {
    expect(getAll(list, name)).toEqual(expected);
  });
});

describe('has', () => {
  it.each([
    [hdrs(['Origin', 'http://a.test']), 'origin', true],
    [hdrs(['ORIGIN', 'http://a.test']), 'Origin', true],
    [hdrs(['Origin', '']), 'Origin', true],
    [hdrs(['Referer', 'http://a.test/']), 'Origin', false],
    [hdrs(), 'Origin', false],
  ])('%j has %s → %s', (list, name, expected) => {
    expect(has(list, name)).toBe(expected);
  });
});

describe('names (the set of lower-cased names)', () => {
  it('lower-cases and de-duplicates', () => {
    expect([...names(hdrs(['X-A', '1'], ['x-a', '2'], ['Origin', 'o'], ['ORIGIN', 'p']))].sort()).toEqual(['origin', 'x-a']);
  });
  it('empty list → empty set', () => {
    expect(names(hdrs()).size).toBe(0);
  });
  it('keeps names with an empty value', () => {
    expect(names(hdrs(['X-Empty', ''])).has('x-empty')).toBe(true);
  });
});

describe('repeated questions on the same list', () => {
  it('give the same answers (lookups may be cached per list)', () => {
    const list = hdrs([ACAO, 'a'], [ACAO, 'b']);
    for (let i = 0; i < 3; i++) {
      expect(getCombined(list, ACAO)).toBe('a, b');
      expect(getAll(list, ACAO.toUpperCase())).toEqual(['a', 'b']);
    }
  });
  it('getAll returns a fresh array each time (a caller may not corrupt the next answer)', () => {
    const list = hdrs([ACAO, 'a']);
    getAll(list, ACAO).push('injected');
    expect(getAll(list, ACAO)).toEqual(['a']);
    expect(getCombined(list, ACAO)).toBe('a');
  });
  it('two lists with equal content answer independently', () => {
    expect(getCombined(hdrs([ACAO, 'a']), ACAO)).toBe('a');
    expect(getCombined(hdrs([ACAO, 'b']), ACAO)).toBe('b');
  });
});

describe('getCombined (Fetch "get", Chromium GetNormalizedHeader)', () => {
  it.each([
    ['absent → null (not the same as an empty value)', hdrs(['Vary', 'Origin']), null],
    ['empty list → null', hdrs(), null],
    ['one line', hdrs([ACAO, 'http://127.0.0.1:8001']), 'http://127.0.0.1:8001'],
    // Table A, case c9: two identical lines read as 'v, v'.
    ['two identical lines (c9)', hdrs([ACAO, 'http://127.0.0.1:8001'], [ACAO, 'http://127.0.0.1:8001']), 'http://127.0.0.1:8001, http://127.0.0.1:8001'],
    ['two lines with different casing of the name', hdrs([ACAO, '*'], ['access-control-allow-origin', '*']), '*, *'],
    ['three lines', hdrs([ACAO, 'a'], [ACAO, 'b'], [ACAO, 'c']), 'a, b, c'],
    ['empty value present → empty string', hdrs([ACAO, '']), ''],
    ['empty then value', hdrs([ACAO, ''], [ACAO, 'a']), ', a'],
    ['leading/trailing SP trimmed', hdrs([ACAO, '  *  ']), '*'],
    ['leading/trailing HTAB trimmed', hdrs([ACAO, '\t*\t']), '*'],
    ['CR LF trimmed', hdrs([ACAO, '\r\n*\r\n']), '*'],
    ['inner whitespace kept', hdrs([ACAO, 'a  b']), 'a  b'],
    ['each line trimmed before joining', hdrs([ACAO, ' a '], [ACAO, '\tb\t']), 'a, b'],
    ['a list inside one line is kept as written', hdrs([ACAO, 'a,b']), 'a,b'],
    ['non-ASCII value kept', hdrs([ACAO, 'https://bücher.example']), 'https://bücher.example'],
  ])('%s', (_label, list, expected) => {
    expect(getCombined(list, ACAO)).toBe(expected);
  });

  it('matches the name case-insensitively', () => {
    expect(getCombined(hdrs(['ACCESS-CONTROL-ALLOW-CREDENTIALS', 'true']), 'access-control-allow-credentials')).toBe('true');
  });

  it('does not mix values of other headers in', () => {
    expect(getCombined(hdrs([ACAO, 'a'], ['Access-Control-Allow-Credentials', 'true'], [ACAO, 'b']), ACAO)).toBe('a, b');
  });
});

describe('trimHttpWhitespace (HTTP whitespace = SP, HTAB, CR, LF only)', () => {
  it.each([
    ['', ''],
    ['a', 'a'],
    [' a', 'a'],
    ['a ', 'a'],
    [' \t\r\n a \r\n\t ', 'a'],
    ['a b', 'a b'],
    ['\u00a0a\u00a0', '\u00a0a\u00a0'], // NO-BREAK SPACE is not HTTP whitespace
    ['\u000ba\u000c', '\u000ba\u000c'], // VT and FF are not HTTP whitespace
    ['\u3000a', '\u3000a'], // IDEOGRAPHIC SPACE is not HTTP whitespace
    ['    ', ''],
  ])('%j → %j', (input, expected) => {
    expect(trimHttpWhitespace(input)).toBe(expected);
  });
});

describe('isToken (RFC 9110 tchar)', () => {
  const TCHAR_SYMBOLS = "!#$%&'*+-.^_`|~";
  it.each([...TCHAR_SYMBOLS].map((c) => [c]))('symbol tchar %j is a token', (c) => {
    expect(isToken(`a${c}b`)).toBe(true);
    expect(isToken(c)).toBe(true);
  });

  it('every ASCII letter and digit is a tchar', () => {
    const alnum = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
    for (const c of alnum) expect(isToken(c), c).toBe(true);
  });

  // Delimiters: DQUOTE and "(),/:;<=>?@[\]{}" (RFC 9110 §5.6.2), plus SP/HTAB, controls and non-ASCII.
  const NON_TCHAR = ['"', '(', ')', ',', '/', ':', ';', '<', '=', '>', '?', '@', '[', '\\', ']', '{', '}', ' ', '\t', '\u0000', '\u007f', 'é', '\u00a0'];
  it.each(NON_TCHAR.map((c) => [c]))('delimiter/control/non-ASCII %j is not a token', (c) => {
    expect(isToken(`a${c}b`)).toBe(false);
    expect(isToken(c)).toBe(false);
  });

  it('every ASCII byte is classified exactly as RFC 9110 says', () => {
    const tchar = /[!#$%&'*+\-.^_`|~0-9A-Za-z]/;
    for (let b = 0; b < 128; b++) {
      const c = String.fromCharCode(b);
      expect(isToken(c), `byte 0x${b.toString(16)}`).toBe(tchar.test(c));
    }
  });

  it('the empty string is not a token (1*tchar)', () => {
    expect(isToken('')).toBe(false);
  });

  it.each([['GET'], ['PATCH'], ['patch'], ['X-Api-Key'], ['*'], ['x-custom.header_1']])('%s is a token', (t) => {
    expect(isToken(t)).toBe(true);
  });
});

describe('parseTokenList (#token, as extracted for Access-Control-Allow-Methods/-Headers)', () => {
  it.each<[string, string | null, string[] | null]>([
    ['absent header → empty list', null, []],
    ['empty value → empty list', '', []],
    ['only whitespace → empty list', '   ', []],
    ['one item', 'PUT', ['PUT']],
    ['comma-space list', 'GET, POST, PUT', ['GET', 'POST', 'PUT']],
    ['comma without space', 'GET,POST', ['GET', 'POST']],
    ['case kept (methods are case-sensitive)', 'patch, PATCH', ['patch', 'PATCH']],
    ['empty elements are skipped (RFC 9110 §5.6.1.2)', ',,PUT,, ,DELETE,', ['PUT', 'DELETE']],
    ['only commas', ', , ,', []],
    ['tabs around items trimmed', '\tPUT\t,\tDELETE', ['PUT', 'DELETE']],
    ['wildcard is a token', '*', ['*']],
    ['duplicates kept', 'PUT, PUT', ['PUT', 'PUT']],
    ['two lines combined by getCombined then split', 'X-A, X-B', ['X-A', 'X-B']],
    ['space-separated items are not a #token list', 'PUT POST', null],
    ['semicolon-separated items', 'PUT;POST', null],
    ['a colon in an item', 'x-api-key:', null],
    ['a slash in an item', 'text/plain', null],
    ['a quoted item', '"PUT"', null],
    ['non-ASCII item', 'PÜT', null],
    ['one bad item among good ones fails the whole list', 'GET, P@T, PUT', null],
  ])('%s: %j', (_label, value, expected) => {
    expect(parseTokenList(value)).toEqual(expected);
  });
});
