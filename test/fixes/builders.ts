import type { BrowserVerdict, CorsError, Exchange, Header, NetworkEntry } from '../../src/core/model.js';
import type { FixContext } from '../../src/core/fixes/types.js';

/**
 * Readable builders for the fix unit tests: entries from header strings ("Name: value"), exchanges with
 * the fields the engine would fill, and one canned failing capture per CorsError.
 */

export const PAGE = 'https://app.example.com';
export const API = 'https://api.example.com/api/items/';
export const NO_SLASH = 'https://api.example.com/api/items';

export function headers(...lines: string[]): Header[] {
  return lines.map((l) => {
    const i = l.indexOf(':');
    return { name: l.slice(0, i).trim(), value: l.slice(i + 1).trim() };
  });
}

export function entry(p: Partial<NetworkEntry> & { index: number }): NetworkEntry {
  return {
    method: 'GET',
    url: API,
    requestHeaders: [],
    status: 200,
    statusText: 'OK',
    responseHeaders: [],
    redirectURL: '',
    startedMs: 0,
    durationMs: 1,
    resourceType: 'fetch',
    source: 'chrome',
    ...p,
  };
}

export function preflightEntry(p: Partial<NetworkEntry> & { index?: number; acrm?: string; acrh?: string; origin?: string }): NetworkEntry {
  const { acrm = 'PUT', acrh = 'content-type,x-api-key', origin = PAGE, ...rest } = p;
  return entry({
    index: 0,
    method: 'OPTIONS',
    resourceType: 'preflight',
    initiator: { type: 'preflight', url: API, requestId: '1.1' },
    requestHeaders: headers(`Origin: ${origin}`, `Access-Control-Request-Method: ${acrm}`, ...(acrh ? [`Access-Control-Request-Headers: ${acrh}`] : [])),
    status: 200,
    ...rest,
  });
}

const browser = (v: BrowserVerdict['verdict']): BrowserVerdict => ({ verdict: v, reason: null, console: [], warnings: [] });

export function exchange(p: Partial<Exchange> = {}): Exchange {
  return {
    entry: 1,
    preflightEntry: null,
    redirectOf: null,
    method: 'GET',
    url: API,
    finalUrl: p.url ?? API,
    origin: PAGE,
    verdict: 'blocked',
    corsError: null,
    failedParameter: null,
    consoleMessage: null,
    resourceKind: 'fetch',
    credentials: { mode: 'omit', evidence: 'test' },
    preflight: { needed: false, status: 'not-needed', reasons: [] },
    redirects: [],
    browsers: { chrome: browser(p.verdict ?? 'blocked'), firefox: browser(p.verdict ?? 'blocked'), safari: browser(p.verdict ?? 'blocked') },
    disagree: false,
    missing: [],
    alternatives: [],
    notCors: [],
    notes: [],
    opaque: false,
    ...p,
  };
}

/** A preflighted PUT with Content-Type: application/json and X-Api-Key whose preflight got `response`. */
export function preflightCase(error: CorsError, response: Partial<NetworkEntry>, opts: { credentials?: boolean; failedParameter?: string; acrm?: string; acrh?: string; extraRequest?: Header[] } = {}): { ex: Exchange; ctx: FixContext } {
  const pf = preflightEntry({ index: 0, acrm: opts.acrm, acrh: opts.acrh, ...response });
  if (opts.extraRequest) pf.requestHeaders.push(...opts.extraRequest);
  const method = opts.acrm ?? 'PUT';
  const actual = entry({ index: 1, method, status: 0, statusText: '', error: 'net::ERR_FAILED', requestHeaders: headers('Content-Type: application/json', 'X-Api-Key: k') });
  const ex = exchange({
    entry: 1,
    preflightEntry: 0,
    method,
    corsError: error,
    failedParameter: opts.failedParameter ?? null,
    credentials: { mode: opts.credentials ? 'include' : 'omit', evidence: 'test' },
    preflight: {
      needed: true,
      status: 'captured',
      reasons: [
        { kind: 'method', method },
        { kind: 'header', name: 'content-type', value: 'application/json', why: 'content-type' },
        { kind: 'header', name: 'x-api-key', value: 'k', why: 'not-safelisted' },
      ],
    },
  });
  return { ex, ctx: { preflight: pf, actual, entries: [pf, actual] } };
}

/** A simple GET whose response carried `response` headers. */
export function actualCase(error: CorsError, responseHeaders: Header[], opts: { credentials?: boolean; failedParameter?: string; status?: number; extraEntries?: NetworkEntry[] } = {}): { ex: Exchange; ctx: FixContext } {
  const actual = entry({ index: 1, status: opts.status ?? 200, error: 'net::ERR_FAILED', requestHeaders: headers(`Origin: ${PAGE}`), responseHeaders });
  const ex = exchange({ corsError: error, failedParameter: opts.failedParameter ?? null, credentials: { mode: opts.credentials ? 'include' : 'omit', evidence: 'test' } });
  return { ex, ctx: { actual, entries: [actual, ...(opts.extraEntries ?? [])] } };
}

/** One realistic failing capture per CorsError (the engine's output shape, built by hand). */
export function caseFor(error: CorsError): { ex: Exchange; ctx: FixContext } {
  const vary = 'Vary: Origin';
  const ok = `Access-Control-Allow-Origin: ${PAGE}`;
  switch (error) {
    case 'MissingAllowOriginHeader':
      return actualCase(error, headers(vary, 'Content-Type: application/json'));
    case 'MultipleAllowOriginValues':
      return actualCase(error, headers(ok, ok, vary), { failedParameter: `${PAGE}, ${PAGE}` });
    case 'InvalidAllowOriginValue':
      return actualCase(error, headers('Access-Control-Allow-Origin: app.example.com', vary), { failedParameter: 'app.example.com' });
    case 'AllowOriginMismatch':
      return actualCase(error, headers('Access-Control-Allow-Origin: https://other.example.com', vary), { failedParameter: 'https://other.example.com' });
    case 'WildcardOriginNotAllowed':
      return actualCase(error, headers('Access-Control-Allow-Origin: *'), { credentials: true });
    case 'InvalidAllowCredentials':
      return actualCase(error, headers(ok, vary), { credentials: true, failedParameter: '' });
    case 'PreflightInvalidStatus':
      return preflightCase(error, { status: 401, statusText: 'Unauthorized', responseHeaders: headers(ok, 'WWW-Authenticate: Token') });
    case 'PreflightDisallowedRedirect': {
      // APPEND_SLASH: /api/items → 301 /api/items/ from a middleware above CorsMiddleware.
      const c = preflightCase(error, { url: NO_SLASH, status: 301, statusText: 'Moved Permanently', redirectURL: API, error: 'net::ERR_INVALID_REDIRECT', responseHeaders: headers(`Location: ${API}`) });
      return { ...c, ex: { ...c.ex, url: NO_SLASH, finalUrl: NO_SLASH } };
    }
    case 'PreflightWildcardOriginNotAllowed':
      return preflightCase(error, { responseHeaders: headers('Access-Control-Allow-Origin: *', 'Access-Control-Allow-Methods: PUT', 'Access-Control-Allow-Headers: content-type, x-api-key') }, { credentials: true });
    case 'PreflightMissingAllowOriginHeader':
      return preflightCase(error, { responseHeaders: headers(vary, 'Content-Length: 0') });
    case 'PreflightMultipleAllowOriginValues':
      return preflightCase(error, { responseHeaders: headers(ok, ok, vary) }, { failedParameter: `${PAGE}, ${PAGE}` });
    case 'PreflightInvalidAllowOriginValue':
      return preflightCase(error, { responseHeaders: headers('Access-Control-Allow-Origin: app.example.com') }, { failedParameter: 'app.example.com' });
    case 'PreflightAllowOriginMismatch':
      return preflightCase(error, { responseHeaders: headers('Access-Control-Allow-Origin: https://other.example.com', vary) }, { failedParameter: 'https://other.example.com' });
    case 'PreflightInvalidAllowCredentials':
      return preflightCase(error, { responseHeaders: headers(ok, vary, 'Access-Control-Allow-Methods: PUT', 'Access-Control-Allow-Headers: content-type, x-api-key') }, { credentials: true, failedParameter: '' });
    case 'InvalidAllowMethodsPreflightResponse':
      return preflightCase(error, { responseHeaders: headers(ok, vary, 'Access-Control-Allow-Methods: GET PUT', 'Access-Control-Allow-Headers: content-type, x-api-key') });
    case 'InvalidAllowHeadersPreflightResponse':
      return preflightCase(error, { responseHeaders: headers(ok, vary, 'Access-Control-Allow-Methods: GET, PUT', 'Access-Control-Allow-Headers: content-type x-api-key') });
    case 'MethodDisallowedByPreflightResponse':
      return preflightCase(error, { responseHeaders: headers(ok, vary, 'Access-Control-Allow-Methods: GET, POST', 'Access-Control-Allow-Headers: content-type, x-api-key') }, { failedParameter: 'PUT' });
    case 'HeaderDisallowedByPreflightResponse':
      return preflightCase(error, { responseHeaders: headers(ok, vary, 'Access-Control-Allow-Methods: GET, PUT', 'Access-Control-Allow-Headers: content-type') }, { failedParameter: 'x-api-key' });
    case 'PreflightMissingAllowPrivateNetwork':
      return preflightCase(error, { responseHeaders: headers(ok, vary, 'Access-Control-Allow-Methods: PUT', 'Access-Control-Allow-Headers: content-type, x-api-key') }, { extraRequest: headers('Access-Control-Request-Private-Network: true') });
    case 'PreflightInvalidAllowPrivateNetwork':
      return preflightCase(error, { responseHeaders: headers(ok, vary, 'Access-Control-Allow-Private-Network: false', 'Access-Control-Allow-Methods: PUT', 'Access-Control-Allow-Headers: content-type, x-api-key') }, { extraRequest: headers('Access-Control-Request-Private-Network: true'), failedParameter: 'false' });
    case 'InvalidResponse':
      return preflightCase(error, { status: 0, statusText: '', error: 'net::ERR_CONNECTION_RESET', responseHeaders: [] });
    default:
      // Client-side failures: nothing reached the server, or the page asked for something impossible.
      return { ex: exchange({ corsError: error, url: error === 'CorsDisabledScheme' ? 'ftp://files.example.com/a' : API }), ctx: { entries: [] } };
  }
}

/** Every CorsError of the model: a Record so a new member of the union fails the typecheck here. */
const EVERY: Record<CorsError, true> = {
  DisallowedByMode: true,
  InvalidResponse: true,
  WildcardOriginNotAllowed: true,
  MissingAllowOriginHeader: true,
  MultipleAllowOriginValues: true,
  InvalidAllowOriginValue: true,
  AllowOriginMismatch: true,
  InvalidAllowCredentials: true,
  CorsDisabledScheme: true,
  PreflightInvalidStatus: true,
  PreflightDisallowedRedirect: true,
  PreflightWildcardOriginNotAllowed: true,
  PreflightMissingAllowOriginHeader: true,
  PreflightMultipleAllowOriginValues: true,
  PreflightInvalidAllowOriginValue: true,
  PreflightAllowOriginMismatch: true,
  PreflightInvalidAllowCredentials: true,
  InvalidAllowMethodsPreflightResponse: true,
  InvalidAllowHeadersPreflightResponse: true,
  MethodDisallowedByPreflightResponse: true,
  HeaderDisallowedByPreflightResponse: true,
  RedirectContainsCredentials: true,
  InsecureLocalNetwork: true,
  InvalidLocalNetworkAccess: true,
  LocalNetworkAccessPermissionDenied: true,
  NoCorsRedirectModeNotFollow: true,
  PreflightMissingAllowPrivateNetwork: true,
  PreflightInvalidAllowPrivateNetwork: true,
};
export const ALL_CORS_ERRORS = Object.keys(EVERY) as CorsError[];

export const CLIENT_ONLY_ERRORS: CorsError[] = [
  'DisallowedByMode',
  'CorsDisabledScheme',
  'RedirectContainsCredentials',
  'NoCorsRedirectModeNotFollow',
  'InsecureLocalNetwork',
  'InvalidLocalNetworkAccess',
  'LocalNetworkAccessPermissionDenied',
];
