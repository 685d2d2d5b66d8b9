/**
 * src/core/http/methods.ts — request methods.
 * Facts (browser-cors.md §2.3 "Method normalization", Fetch #concept-method-normalize, #cors-safelisted-method,
 * #forbidden-method): only DELETE, GET, HEAD, OPTIONS, POST, PUT are upper-cased (when they match
 * case-insensitively); every other method is sent as written (`patch` ≠ `PATCH`). The CORS-safelisted methods are
 * GET, HEAD, POST, byte-exact. CONNECT, TRACE, TRACK are forbidden (byte-case-insensitive).
 */
import { describe, expect, it } from 'vitest';
import { hasNonCanonicalCase, isCorsSafelistedMethod, isForbiddenMethod, normalizeMethod } from '../../../src/core/http/methods.js';

describe('normalizeMethod', () => {
  it.each([
    ['get', 'GET'],
    ['Get', 'GET'],
    ['gEt', 'GET'],
    ['GET', 'GET'],
    ['head', 'HEAD'],
    ['post', 'POST'],
    ['put', 'PUT'],
    ['Put', 'PUT'],
    ['delete', 'DELETE'],
    ['Delete', 'DELETE'],
    ['options', 'OPTIONS'],
  ])('%s is one of the six → %s', (input, expected) => {
    expect(normalizeMethod(input)).toBe(expected);
  });

  it.each([
    ['patch'],
    ['Patch'],
    ['PATCH'],
    ['PaTcH'],
    ['propfind'],
    ['MKCOL'],
    ['FOO-BAR'], // Table/sample: an XHR with a custom method
    ['connect'],
    ['trace'],
    ['Query'],
  ])('%s is not normalized (sent exactly as written)', (m) => {
    expect(normalizeMethod(m)).toBe(m);
  });

  it('does not upper-case a near miss', () => {
    expect(normalizeMethod('gets')).toBe('gets');
    expect(normalizeMethod('put ')).toBe('put ');
  });
});

describe('isCorsSafelistedMethod (byte-exact)', () => {
  it.each([
    ['GET', true],
    ['HEAD', true],
    ['POST', true],
    ['get', false],
    ['Post', false],
    ['head', false],
    ['PUT', false],
    ['DELETE', false],
    ['PATCH', false],
    ['patch', false],
    ['OPTIONS', false],
    ['CONNECT', false],
    ['', false],
    [' GET', false],
  ])('%j → %s', (m, expected) => {
    expect(isCorsSafelistedMethod(m)).toBe(expected);
  });
});

describe('isForbiddenMethod (byte-case-insensitive)', () => {
  it.each([
    ['CONNECT', true],
    ['connect', true],
    ['Connect', true],
    ['TRACE', true],
    ['trace', true],
    ['TRACK', true],
    ['Track', true],
    ['GET', false],
    ['OPTIONS', false],
    ['PATCH', false],
    ['TRACES', false],
    ['', false],
  ])('%j → %s', (m, expected) => {
    expect(isForbiddenMethod(m)).toBe(expected);
  });
});

describe('hasNonCanonicalCase: a method the page must have written in another case', () => {
  it.each([
    ['patch', true], // sent as 'patch'; a server allowing 'PATCH' does not match (§2.5 step 4)
    ['Patch', true],
    ['pAtCh', true],
    ['propfind', true],
    ['foo-bar', true],
    ['PATCH', false],
    ['FOO-BAR', false],
    ['get', false], // would have been normalized to GET
    ['delete', false],
    ['options', false],
    ['GET', false],
    ['PUT', false],
    ['*', false],
    ['', false],
  ])('%j → %s', (m, expected) => {
    expect(hasNonCanonicalCase(m)).toBe(expected);
  });
});
