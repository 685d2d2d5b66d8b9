/**
 * src/core/cors/cors-check.ts — the CORS check on a response, named the way Chromium's CheckAccess names it.
 * Facts: browser-cors.md §2.7 (spec steps and the credentials × ACAO × ACAC table) and §4.3 (Chromium):
 *   ACAO `*`: with credentials include and an http(s) response → WildcardOriginNotAllowed, otherwise pass;
 *   absent → MissingAllowOriginHeader; ≠ origin: contains ' ' or ',' → MultipleAllowOriginValues,
 *   == "null" → AllowOriginMismatch, !GURL(v).is_valid() → InvalidAllowOriginValue, else AllowOriginMismatch;
 *   credentials include and ACAC ≠ `true` → InvalidAllowCredentials (hint = ACAC value or '').
 *   Values are read with GetNormalizedHeader (repeated lines joined with ", ", whitespace trimmed).
 * Real-browser facts: extension-capture.md Table A (c1 '' / c2 'http://evil.example' / c3 '' /
 * c9 'http://127.0.0.1:8001, http://127.0.0.1:8001' / c13 '').
 * §4.2 rows 11–16: each CheckAccess error has a Preflight* variant.
 */
import { describe, expect, it } from 'vitest';
import { corsCheck, PREFLIGHT_VARIANT, type CorsCheckInput } from '../../../src/core/cors/cors-check.js';
import type { CorsError } from '../../../src/core/model.js';
import { hdrs, PAGE, type H } from '../../helpers/units-builders.js';

const ACAO = 'Access-Control-Allow-Origin';
const ACAC = 'Access-Control-Allow-Credentials';

function check(res: H[], o: Partial<Omit<CorsCheckInput, 'responseHeaders'>> = {}) {
  return corsCheck({ responseHeaders: hdrs(...res), origin: PAGE, credentialsInclude: false, responseUrlIsHttp: true, ...o });
}
const fail = (corsError: CorsError, failedParameter = '') => ({ corsError, failedParameter });
const incl = { credentialsInclude: true };

describe('Table A ground truth (Chromium 156, origin http://127.0.0.1:8001)', () => {
  it('c1: no ACAO → MissingAllowOriginHeader, failedParameter ""', () => {
    expect(check([['Content-Type', 'text/plain']])).toEqual(fail('MissingAllowOriginHeader'));
  });
  it('c2: ACAO http://evil.example → AllowOriginMismatch with the value', () => {
    expect(check([[ACAO, 'http://evil.example']])).toEqual(fail('AllowOriginMismatch', 'http://evil.example'));
  });
  it('c3: credentials include + ACAO * + ACAC true → WildcardOriginNotAllowed, ""', () => {
    expect(check([[ACAO, '*'], [ACAC, 'true']], incl)).toEqual(fail('WildcardOriginNotAllowed'));
  });
  it('c9: two identical ACAO lines → MultipleAllowOriginValues with the joined value', () => {
    expect(check([[ACAO, PAGE], [ACAO, PAGE]])).toEqual(fail('MultipleAllowOriginValues', `${PAGE}, ${PAGE}`));
  });
  it('c13: credentials include + exact ACAO + no ACAC → InvalidAllowCredentials, ""', () => {
    expect(check([[ACAO, PAGE]], incl)).toEqual(fail('InvalidAllowCredentials'));
  });
  it('c8: exact ACAO, no credentials → pass', () => {
    expect(check([[ACAO, PAGE]])).toBeNull();
  });
});

describe('§2.7 table: credentials mode × ACAO × ACAC', () => {
  it.each<[string, boolean, H[], ReturnType<typeof fail> | null]>([
    ['omit, *, ACAC absent', false, [[ACAO, '*']], null],
    ['omit, *, ACAC true (ignored)', false, [[ACAO, '*'], [ACAC, 'true']], null],
    ['omit, *, ACAC false (ignored)', false, [[ACAO, '*'], [ACAC, 'false']], null],
    ['omit, trailing slash', false, [[ACAO, `${PAGE}/`]], fail('AllowOriginMismatch', `${PAGE}/`)],
    ['include, *, ACAC true', true, [[ACAO, '*'], [ACAC, 'true']], fail('WildcardOriginNotAllowed')],
    ['include, *, ACAC absent', true, [[ACAO, '*']], fail('WildcardOriginNotAllowed')],
    ['include, exact, ACAC true', true, [[ACAO, PAGE], [ACAC, 'true']], null],
    ['include, exact, ACAC True', true, [[ACAO, PAGE], [ACAC, 'True']], fail('InvalidAllowCredentials', 'True')],
    ['include, exact, ACAC absent', true, [[ACAO, PAGE]], fail('InvalidAllowCredentials', '')],
    ['include, exact, ACAC 1', true, [[ACAO, PAGE], [ACAC, '1']], fail('InvalidAllowCredentials', '1')],
    ['omit, exact, ACAC anything (not read)', false, [[ACAO, PAGE], [ACAC, 'nope']], null],
  ])('%s', (_label, credentialsInclude, res, expected) => {
    expect(check(res, { credentialsInclude })).toEqual(expected);
  });
});

describe('Access-Control-Allow-Origin shapes (origin http://127.0.0.1:8001)', () => {
  it.each<[string, H[], ReturnType<typeof fail> | null]>([
    ['absent', [], fail('MissingAllowOriginHeader')],
    ['other headers only', [['Vary', 'Origin'], ['Access-Control-Allow-Methods', 'GET']], fail('MissingAllowOriginHeader')],
    ['exact', [[ACAO, PAGE]], null],
    ['name in lower case', [[ACAO.toLowerCase(), PAGE]], null],
    ['name in upper case', [[ACAO.toUpperCase(), PAGE]], null],
    ['surrounding whitespace is trimmed', [[ACAO, `  ${PAGE}\t`]], null],
    ['trailing slash', [[ACAO, `${PAGE}/`]], fail('AllowOriginMismatch', `${PAGE}/`)],
    ['wrong port', [[ACAO, 'http://127.0.0.1:8002']], fail('AllowOriginMismatch', 'http://127.0.0.1:8002')],
    ['default port written out', [[ACAO, 'http://127.0.0.1:8001:80']], fail('InvalidAllowOriginValue', 'http://127.0.0.1:8001:80')],
    ['wrong scheme', [[ACAO, 'https://127.0.0.1:8001']], fail('AllowOriginMismatch', 'https://127.0.0.1:8001')],
    ['localhost instead of 127.0.0.1', [[ACAO, 'http://localhost:8001']], fail('AllowOriginMismatch', 'http://localhost:8001')],
    ['upper-case scheme/host (byte compare)', [[ACAO, 'HTTP://127.0.0.1:8001']], fail('AllowOriginMismatch', 'HTTP://127.0.0.1:8001')],
    ['with a path', [[ACAO, `${PAGE}/app`]], fail('AllowOriginMismatch', `${PAGE}/app`)],
    ['"null" for a non-null origin', [[ACAO, 'null']], fail('AllowOriginMismatch', 'null')],
    ['"NULL" is not a URL', [[ACAO, 'NULL']], fail('InvalidAllowOriginValue', 'NULL')],
    ['bare host name (no scheme)', [[ACAO, 'example.com']], fail('InvalidAllowOriginValue', 'example.com')],
    ['bare host with port', [[ACAO, '127.0.0.1']], fail('InvalidAllowOriginValue', '127.0.0.1')],
    ['empty value (present, not missing)', [[ACAO, '']], fail('InvalidAllowOriginValue', '')],
    ['whitespace-only value', [[ACAO, '   ']], fail('InvalidAllowOriginValue', '')],
    ['two values in one line', [[ACAO, `${PAGE}, http://other.example`]], fail('MultipleAllowOriginValues', `${PAGE}, http://other.example`)],
    ['two values, comma only', [[ACAO, `${PAGE},http://other.example`]], fail('MultipleAllowOriginValues', `${PAGE},http://other.example`)],
    ['two values, space only', [[ACAO, `${PAGE} http://other.example`]], fail('MultipleAllowOriginValues', `${PAGE} http://other.example`)],
    ['trailing comma', [[ACAO, `${PAGE},`]], fail('MultipleAllowOriginValues', `${PAGE},`)],
    ['two different lines', [[ACAO, PAGE], [ACAO, 'http://other.example']], fail('MultipleAllowOriginValues', `${PAGE}, http://other.example`)],
    ['two * lines', [[ACAO, '*'], [ACAO, '*']], fail('MultipleAllowOriginValues', '*, *')],
    ['* and the origin', [[ACAO, '*'], [ACAO, PAGE]], fail('MultipleAllowOriginValues', `*, ${PAGE}`)],
    ['IDN origin written in Unicode (byte compare)', [[ACAO, 'https://bücher.example']], fail('AllowOriginMismatch', 'https://bücher.example')],
  ])('%s', (_label, res, expected) => {
    expect(check(res)).toEqual(expected);
  });
});

describe('the wildcard', () => {
  it('* passes without credentials for any origin, including "null"', () => {
    expect(check([[ACAO, '*']], { origin: 'https://anything.example' })).toBeNull();
    expect(check([[ACAO, '*']], { origin: 'null' })).toBeNull();
  });

  it('* with credentials fails only for http(s) responses (Chromium §4.3)', () => {
    expect(check([[ACAO, '*']], { credentialsInclude: true, responseUrlIsHttp: true })).toEqual(fail('WildcardOriginNotAllowed'));
    expect(check([[ACAO, '*']], { credentialsInclude: true, responseUrlIsHttp: false })).toBeNull();
  });

  it('" * " is trimmed to * first', () => {
    expect(check([[ACAO, ' * ']])).toBeNull();
    expect(check([[ACAO, ' * ']], incl)).toEqual(fail('WildcardOriginNotAllowed'));
  });

  it('the wildcard error wins over a missing ACAC (origin is checked first)', () => {
    expect(check([[ACAO, '*'], [ACAC, 'false']], incl)).toEqual(fail('WildcardOriginNotAllowed'));
  });

  it('"**" is not the wildcard', () => {
    expect(check([[ACAO, '**']])).toEqual(fail('InvalidAllowOriginValue', '**'));
  });
});

describe('the "null" origin (opaque requester, tainted redirect)', () => {
  it('ACAO null matches origin null without credentials', () => {
    expect(check([[ACAO, 'null']], { origin: 'null' })).toBeNull();
  });
  it('ACAO null matches origin null with credentials and ACAC true', () => {
    expect(check([[ACAO, 'null'], [ACAC, 'true']], { origin: 'null', credentialsInclude: true })).toBeNull();
  });
  it('a real origin in ACAO does not match a tainted request', () => {
    expect(check([[ACAO, PAGE]], { origin: 'null' })).toEqual(fail('AllowOriginMismatch', PAGE));
  });
  it('an absent header is not the literal null', () => {
    expect(check([], { origin: 'null' })).toEqual(fail('MissingAllowOriginHeader'));
  });
});

describe('Access-Control-Allow-Credentials (byte-exact "true")', () => {
  it.each<[string, H[], ReturnType<typeof fail> | null]>([
    ['true', [[ACAC, 'true']], null],
    ['" true " is trimmed', [[ACAC, ' true ']], null],
    ['lower-case header name', [[ACAC.toLowerCase(), 'true']], null],
    ['TRUE', [[ACAC, 'TRUE']], fail('InvalidAllowCredentials', 'TRUE')],
    ['True', [[ACAC, 'True']], fail('InvalidAllowCredentials', 'True')],
    ['empty', [[ACAC, '']], fail('InvalidAllowCredentials', '')],
    ['absent', [], fail('InvalidAllowCredentials', '')],
    ['false', [[ACAC, 'false']], fail('InvalidAllowCredentials', 'false')],
    ['1', [[ACAC, '1']], fail('InvalidAllowCredentials', '1')],
    ['"true" quoted', [[ACAC, '"true"']], fail('InvalidAllowCredentials', '"true"')],
    ['true, true in one line', [[ACAC, 'true, true']], fail('InvalidAllowCredentials', 'true, true')],
    ['two true lines are joined', [[ACAC, 'true'], [ACAC, 'true']], fail('InvalidAllowCredentials', 'true, true')],
    ['true;', [[ACAC, 'true;']], fail('InvalidAllowCredentials', 'true;')],
  ])('include + exact ACAO + ACAC %s', (_label, extra, expected) => {
    expect(check([[ACAO, PAGE], ...extra], incl)).toEqual(expected);
  });

  it('a mismatching origin is reported before the credentials problem', () => {
    expect(check([[ACAO, 'http://evil.example']], incl)).toEqual(fail('AllowOriginMismatch', 'http://evil.example'));
  });

  it('a missing ACAO is reported before the credentials problem', () => {
    expect(check([[ACAC, 'true']], incl)).toEqual(fail('MissingAllowOriginHeader'));
  });
});

describe('origin shapes on the request side', () => {
  it.each([
    ['https://app.example', 'https://app.example', null],
    ['https://app.example:8443', 'https://app.example:8443', null],
    ['http://[::1]:8001', 'http://[::1]:8001', null],
    ['https://app.example', 'https://app.example:443', fail('AllowOriginMismatch', 'https://app.example:443')],
  ])('origin %s with ACAO %s', (origin, acao, expected) => {
    expect(check([[ACAO, acao]], { origin })).toEqual(expected);
  });
});

describe('PREFLIGHT_VARIANT (§4.2 rows 11–16)', () => {
  it.each<[CorsError, CorsError]>([
    ['WildcardOriginNotAllowed', 'PreflightWildcardOriginNotAllowed'],
    ['MissingAllowOriginHeader', 'PreflightMissingAllowOriginHeader'],
    ['MultipleAllowOriginValues', 'PreflightMultipleAllowOriginValues'],
    ['InvalidAllowOriginValue', 'PreflightInvalidAllowOriginValue'],
    ['AllowOriginMismatch', 'PreflightAllowOriginMismatch'],
    ['InvalidAllowCredentials', 'PreflightInvalidAllowCredentials'],
  ])('%s → %s', (plain, pre) => {
    expect(PREFLIGHT_VARIANT[plain]).toBe(pre);
  });

  it('has exactly those six entries', () => {
    expect(Object.keys(PREFLIGHT_VARIANT).sort()).toEqual(
      ['AllowOriginMismatch', 'InvalidAllowCredentials', 'InvalidAllowOriginValue', 'MissingAllowOriginHeader', 'MultipleAllowOriginValues', 'WildcardOriginNotAllowed'],
    );
  });

  it('every error corsCheck can return has a preflight variant', () => {
    const outcomes = [
      check([]), check([[ACAO, '*']], incl), check([[ACAO, 'a, b']]), check([[ACAO, 'x']]), check([[ACAO, 'http://e.example']]), check([[ACAO, PAGE]], incl),
    ];
    for (const o of outcomes) expect(o && PREFLIGHT_VARIANT[o.corsError]).toBeTruthy();
  });
});
