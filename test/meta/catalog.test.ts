import { describe, expect, it } from 'vitest';
import { CORS_ERRORS, REASONS } from '../../src/core/catalog/reasons.js';
import { chromeBody } from '../../src/core/messages/chrome.js';
import { firefoxConsoleLines } from '../../src/core/messages/firefox.js';
import { safariConsoleLines } from '../../src/core/messages/safari.js';
import { explainConsoleMessage } from '../../src/core/index.js';
import { REASON_CASES } from '../core/reason-cases.js';
import type { CorsError } from '../../src/core/model.js';

/**
 * Every reason (Chrome CDP CorsError) has: one explanation and fix summary, a Chrome console template,
 * a Firefox and a Safari template where that browser has one, and at least one case that produces it —
 * from a capture when the engine can derive it, otherwise from a pasted console line.
 */
const detail = (code: CorsError) => ({
  corsError: code, failedParameter: 'x-test', preflight: code.startsWith('Preflight'), url: 'http://api.test/x', initialUrl: 'http://api.test/x',
  status: 401, allowOriginLines: 1, method: 'PUT', wireOrigin: 'http://app.test', pageOrigin: 'http://app.test', resourceKind: 'fetch',
});

describe('reason catalog', () => {
  it('lists every CorsError of the model exactly once', () => {
    expect(new Set(CORS_ERRORS).size).toBe(CORS_ERRORS.length);
    expect(CORS_ERRORS.length).toBe(28);
  });
  it.each(CORS_ERRORS)('%s has an explanation, a fix summary and an https link', (code) => {
    const r = REASONS[code];
    expect(r.title.length).toBeGreaterThan(5);
    expect(r.explanation.length).toBeGreaterThan(40);
    expect(r.fixSummary.length).toBeGreaterThan(20);
    expect(r.mdn).toMatch(/^https:\/\//);
  });
  it.each(CORS_ERRORS)('%s has a Chrome template, and Firefox/Safari ones where those browsers have them', (code) => {
    expect(chromeBody(code, 'p').length).toBeGreaterThan(10);
    if (REASONS[code].firefoxKey) expect(firefoxConsoleLines(detail(code)).length).toBeGreaterThan(0);
    if (REASONS[code].safari) expect(safariConsoleLines(detail(code)).length).toBe(3);
  });
  it.each(CORS_ERRORS)('%s has at least one case', (code) => {
    const cases = REASON_CASES.filter((c) => c.expect === code);
    expect(cases.length, `no case for ${code}`).toBeGreaterThan(0);
    if (REASONS[code].fromCapture) expect(cases.some((c) => c.kind === 'capture'), `${code} is derivable from captures but has no capture case`).toBe(true);
  });
  it('every case names a reason that exists', () => {
    for (const c of REASON_CASES) expect(CORS_ERRORS).toContain(c.expect);
  });
  it.each(CORS_ERRORS)('%s: the Chrome console line reads back as the same reason', (code) => {
    const line = `Access to fetch at 'http://api.test/x' from origin 'http://app.test' has been blocked by CORS policy: ${
      ['PreflightWildcardOriginNotAllowed', 'PreflightMissingAllowOriginHeader', 'PreflightMultipleAllowOriginValues', 'PreflightInvalidAllowOriginValue', 'PreflightAllowOriginMismatch', 'PreflightInvalidAllowCredentials', 'PreflightInvalidStatus', 'PreflightDisallowedRedirect', 'PreflightMissingAllowPrivateNetwork', 'PreflightInvalidAllowPrivateNetwork'].includes(code)
        ? "Response to preflight request doesn't pass access control check: " : ''
    }${chromeBody(code, 'x-test', 'loopback')}`;
    const out = code === 'NoCorsRedirectModeNotFollow'
      ? explainConsoleMessage(`Fetch API cannot load http://api.test/x. ${chromeBody(code, '')}`)
      : explainConsoleMessage(line);
    expect(out.corsError).toBe(code);
  });
});
