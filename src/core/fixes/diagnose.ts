import type { CorsError, Exchange, NetworkEntry } from '../model.js';
import { clientOnlyNote } from './client-notes.js';
import { detectCorsHeadersVersion } from './django-version.js';
import {
  entryAt,
  firstSegment,
  hasAnyCorsResponseHeader,
  hasVaryOrigin,
  header,
  headerValues,
  isCrossSite,
  isLoopbackHost,
  isPreflightEntry,
  isSerializedOrigin,
  parseOrigin,
  resolveLocation,
  splitList,
  uniq,
  urlOrigin,
  urlPath,
} from './facts.js';
import { COMMON_MIDDLEWARE, LOCALE_MIDDLEWARE, SECURITY_MIDDLEWARE } from './django-settings.js';
import type { Diagnosis, FixContext, PreflightTrouble } from './types.js';

/**
 * Turns a blocked exchange plus its entries into the flavour-independent list of what a passing exchange
 * needs and what the server already does. Every fix generator renders this same Diagnosis.
 * Browser rules: https://fetch.spec.whatwg.org/#cors-check and #cors-preflight-fetch.
 */

/** Errors decided on the preflight response (the rest are decided on the actual response). */
const PREFLIGHT_SIDE = new Set<CorsError>([
  'InvalidResponse',
  'PreflightInvalidStatus',
  'PreflightDisallowedRedirect',
  'PreflightWildcardOriginNotAllowed',
  'PreflightMissingAllowOriginHeader',
  'PreflightMultipleAllowOriginValues',
  'PreflightInvalidAllowOriginValue',
  'PreflightAllowOriginMismatch',
  'PreflightInvalidAllowCredentials',
  'InvalidAllowMethodsPreflightResponse',
  'InvalidAllowHeadersPreflightResponse',
  'MethodDisallowedByPreflightResponse',
  'HeaderDisallowedByPreflightResponse',
  'PreflightMissingAllowPrivateNetwork',
  'PreflightInvalidAllowPrivateNetwork',
]);

export function isPreflightSideError(error: CorsError | null): boolean {
  return error !== null && PREFLIGHT_SIDE.has(error);
}

const CREDENTIAL_ERRORS = new Set<CorsError>([
  'WildcardOriginNotAllowed',
  'PreflightWildcardOriginNotAllowed',
  'InvalidAllowCredentials',
  'PreflightInvalidAllowCredentials',
]);

const SAFELISTED_METHODS = ['GET', 'HEAD', 'POST'];

export function diagnose(exchange: Exchange, ctx: FixContext = {}): Diagnosis {
  const entries = ctx.entries ?? [];
  const preflight = ctx.preflight ?? entryAt(entries, exchange.preflightEntry);
  const actual = ctx.actual ?? entryAt(entries, exchange.entry);
  const error = exchange.corsError;
  const failing = isPreflightSideError(error) ? preflight : failingActualResponse(exchange, actual, entries);

  const origin = safeOrigin(exchange.origin ?? header(preflight?.requestHeaders, 'origin') ?? header(actual?.requestHeaders, 'origin'));
  const target = urlOrigin(exchange.finalUrl || exchange.url) ?? urlOrigin(exchange.url);
  const path = urlPath(exchange.url);
  const method = header(preflight?.requestHeaders, 'access-control-request-method') ?? exchange.method;
  const requestHeaders = uniq([
    ...splitList(header(preflight?.requestHeaders, 'access-control-request-headers')).map((h) => h.toLowerCase()),
    ...exchange.preflight.reasons.flatMap((r) => (r.kind === 'header' ? [r.name.toLowerCase()] : [])),
  ]).sort();
  const credentials = exchange.credentials.mode === 'include' || (error !== null && CREDENTIAL_ERRORS.has(error));

  const acao = splitAcao(headerValues(failing?.responseHeaders, 'access-control-allow-origin'));
  const acac = header(failing?.responseHeaders, 'access-control-allow-credentials');

  const sameTarget = entries.filter((e) => urlOrigin(e.url) === target);
  const answeringPreflight = preflight && preflight.status > 0 ? preflight : siblingPreflight(sameTarget, origin);
  const rawMethods = answeringPreflight ? header(answeringPreflight.responseHeaders, 'access-control-allow-methods') : null;
  const rawHeaders = answeringPreflight ? header(answeringPreflight.responseHeaders, 'access-control-allow-headers') : null;
  const allowMethods = rawMethods === null ? null : splitList(rawMethods);
  const allowHeaders = rawHeaders === null ? null : splitList(rawHeaders);

  const corsLayerSeen = failing !== undefined && (hasVaryOrigin(failing.responseHeaders) || hasAnyCorsResponseHeader(failing.responseHeaders));
  const enabledEntries = sameTarget.filter((e) => e !== failing && (hasVaryOrigin(e.responseHeaders) || hasAnyCorsResponseHeader(e.responseHeaders)));
  const originKnownAllowed =
    origin !== null &&
    (acao.length === 1 && acao[0] === origin
      ? true
      : sameTarget.some((e) => splitAcao(headerValues(e.responseHeaders, 'access-control-allow-origin')).join() === origin));

  const trouble = preflight ? preflightTrouble(preflight) : null;
  const status = failing?.status ?? 0;
  const duplicate = acao.length > 1 ? { values: acao, identical: acao.every((v) => v === acao[0]) } : null;
  const single = acao.length === 1 ? (acao[0] ?? null) : null;
  const originParts = origin ? parseOrigin(origin) : null;
  const targetParts = target ? parseOrigin(target) : null;

  return {
    exchange,
    origin,
    target,
    path,
    method,
    preflighted: exchange.preflight.needed || preflight !== undefined,
    requestHeaders,
    credentials,
    credentialsUnknown: !credentials && exchange.credentials.mode === 'unknown',
    acao,
    acac,
    allowMethods,
    allowHeaders,
    allowMethodsCharJoined: charJoined(rawMethods),
    allowHeadersCharJoined: charJoined(rawHeaders),
    originKnownAllowed,
    corsLayerSeen,
    corsLayerActiveElsewhere: enabledEntries.length > 0,
    enabledPrefixes: uniq(enabledEntries.map((e) => firstSegment(urlPath(e.url))).filter((s) => s !== '')),
    preflightTrouble: trouble,
    redirectTrouble:
      !isPreflightSideError(error) && failing !== undefined && failing.status >= 300 && failing.status < 400 && !corsLayerSeen ? preflightTrouble(failing) : null,
    errorWithoutHeaders: !isPreflightSideError(error) && status >= 400 && acao.length === 0 && !corsLayerSeen ? status : null,
    duplicate,
    fixedOrigin:
      (error === 'AllowOriginMismatch' || error === 'PreflightAllowOriginMismatch') && single !== null && single !== origin && single !== '*'
        ? single
        : null,
    wildcardWithCredentials: single === '*' && credentials,
    invalidOrigin: error === 'InvalidAllowOriginValue' || error === 'PreflightInvalidAllowOriginValue' ? (single ?? exchange.failedParameter) : null,
    privateNetwork:
      error === 'PreflightMissingAllowPrivateNetwork' ||
      error === 'PreflightInvalidAllowPrivateNetwork' ||
      header(preflight?.requestHeaders, 'access-control-request-private-network') === 'true',
    insecureOrigin:
      originParts !== null && targetParts !== null && originParts.scheme === 'http' && targetParts.scheme === 'https' && !isLoopbackHost(originParts.host),
    clientOnly: clientOnlyNote(exchange, origin, target),
    djangoVersion: ctx.djangoVersion ?? detectCorsHeadersVersion(sameTarget.length > 0 ? sameTarget : [preflight, actual].filter(isEntry)),
    crossSite: isCrossSite(origin, target),
  };
}

/** Origins end up inside generated code: only a well-formed serialized origin (or "null") is kept. */
function safeOrigin(origin: string | null): string | null {
  if (origin === null) return null;
  return origin === 'null' || isSerializedOrigin(origin) ? origin : null;
}

function isEntry(e: NetworkEntry | undefined): e is NetworkEntry {
  return e !== undefined;
}

/** ACAO lines, each split on commas (Chromium joins repeated lines with ", " before checking). */
export function splitAcao(lines: string[]): string[] {
  return lines.flatMap((l) => (l.includes(',') ? splitList(l) : [l.trim()]));
}

/**
 * The response the browser checked: a redirect hop without CORS headers fails the chain at that hop
 * (the CORS check also runs on redirect responses), otherwise the final hop.
 */
function failingActualResponse(exchange: Exchange, actual: NetworkEntry | undefined, entries: readonly NetworkEntry[]): NetworkEntry | undefined {
  if (exchange.redirects.length === 0) return actual;
  for (const hop of exchange.redirects) {
    const e = entryAt(entries, hop.entry);
    if (e && e.status > 0 && headerValues(e.responseHeaders, 'access-control-allow-origin').length === 0) return e;
  }
  const last = exchange.redirects[exchange.redirects.length - 1];
  const finalHop = entries.find((e) => e.url === exchange.finalUrl && !isPreflightEntry(e) && (last === undefined || e.index > last.entry));
  return finalHop ?? actual;
}

/** Another preflight to the same server for the same origin that got an answer (tells what the server allows). */
function siblingPreflight(sameTarget: readonly NetworkEntry[], origin: string | null): NetworkEntry | undefined {
  return sameTarget.find(
    (e) =>
      isPreflightEntry(e) &&
      e.status >= 200 &&
      e.status < 300 &&
      (origin === null || headerValues(e.responseHeaders, 'access-control-allow-origin').includes(origin)) &&
      header(e.responseHeaders, 'access-control-allow-methods') !== null,
  );
}

/**
 * "G, E, T" — a Python string given where a sequence was expected: `", ".join("GET")`. Returns the
 * original string (every third character), or null when the value is an ordinary list.
 */
export function charJoined(raw: string | null): string | null {
  if (raw === null || raw.length < 4 || raw.length % 3 !== 1) return null;
  let out = '';
  for (let i = 0; i < raw.length; i += 3) {
    out += raw[i];
    if (i + 1 < raw.length && raw.slice(i + 1, i + 3) !== ', ') return null;
  }
  return out;
}

/** Why a preflight did not get a plain 2xx, and which layer most likely answered. */
export function preflightTrouble(preflight: NetworkEntry): PreflightTrouble | null {
  const status = preflight.status;
  const redirect = (status >= 300 && status < 400) || preflight.error === 'net::ERR_INVALID_REDIRECT';
  if (!redirect && (status === 0 || (status >= 200 && status < 300))) return null;
  const location = resolveLocation(preflight.redirectURL || (header(preflight.responseHeaders, 'location') ?? ''), preflight.url);
  const viewAnswered = isViewAnswer(preflight);
  const base = { status, location, viewAnswered };
  if (redirect) return { ...base, ...redirectCause(preflight.url, location) };
  if (status === 401 || status === 403) return { ...base, cause: 'auth', djangoMiddleware: null };
  if (status === 404) return { ...base, cause: 'not-found', djangoMiddleware: null };
  if (status === 405) return { ...base, cause: 'method-not-allowed', djangoMiddleware: null };
  // Django's CommonMiddleware calls request.get_host(): a DisallowedHost becomes "400 Bad Request" before CorsMiddleware if it sits lower.
  if (status === 400) return { ...base, cause: 'bad-request', djangoMiddleware: /Bad Request \(400\)/.test(preflight.bodyText ?? '') ? COMMON_MIDDLEWARE : null };
  if (status >= 500) return { ...base, cause: 'server-error', djangoMiddleware: null };
  return { ...base, cause: 'other', djangoMiddleware: null };
}

function redirectCause(from: string, location: string): Pick<PreflightTrouble, 'cause' | 'djangoMiddleware'> {
  let a: URL;
  let b: URL;
  try {
    a = new URL(from);
    b = new URL(location);
  } catch {
    return { cause: 'redirect', djangoMiddleware: null };
  }
  // APPEND_SLASH: CommonMiddleware answers /api/x with 301 Location /api/x/.
  if (a.host === b.host && b.pathname === `${a.pathname}/`) return { cause: 'append-slash', djangoMiddleware: COMMON_MIDDLEWARE };
  // SECURE_SSL_REDIRECT: SecurityMiddleware sends http → https, same host and path.
  if (a.protocol === 'http:' && b.protocol === 'https:' && a.pathname === b.pathname) return { cause: 'https-redirect', djangoMiddleware: SECURITY_MIDDLEWARE };
  // i18n_patterns: LocaleMiddleware prefixes the language, /api/x → /en/api/x.
  if (a.host === b.host && /^\/[a-z]{2}(?:-[a-z]{2,4})?\//i.test(b.pathname) && b.pathname.endsWith(a.pathname)) {
    return { cause: 'locale-redirect', djangoMiddleware: LOCALE_MIDDLEWARE };
  }
  if (/login|signin|sign_in|auth|sso|oauth/i.test(b.pathname) || /[?&]next=/.test(b.search)) return { cause: 'login-redirect', djangoMiddleware: null };
  return { cause: 'redirect', djangoMiddleware: null };
}

/** The app's view answered the preflight (DRF's `Allow` list or `{"detail": …}`, Django's 405 `Allow`). */
function isViewAnswer(e: NetworkEntry): boolean {
  const body = (e.bodyText ?? '').trimStart();
  return header(e.responseHeaders, 'allow') !== null || body.startsWith('{"detail"') || header(e.responseHeaders, 'www-authenticate') !== null;
}

/** True when the method must be listed in Access-Control-Allow-Methods (fetch compares methods case-sensitively). */
export function methodNeedsListing(method: string): boolean {
  return !SAFELISTED_METHODS.includes(method);
}

/** Does an Allow-Methods list cover the method? `*` counts only without credentials. */
export function methodCovered(list: readonly string[], method: string, credentials: boolean): boolean {
  if (!methodNeedsListing(method)) return true;
  return list.includes(method) || (!credentials && list.includes('*'));
}

/** Does an Allow-Headers list cover the header? Names compare case-insensitively; `*` never covers Authorization. */
export function headerCovered(list: readonly string[], name: string, credentials: boolean): boolean {
  const lower = list.map((h) => h.toLowerCase());
  if (lower.includes(name.toLowerCase())) return true;
  return !credentials && lower.includes('*') && name.toLowerCase() !== 'authorization';
}

/** Headers that still need listing, given what the server answered (or its defaults when unknown). */
export function missingHeaders(d: Diagnosis, defaults: readonly string[]): string[] {
  const list = d.allowHeaders ?? defaults;
  return d.requestHeaders.filter((h) => !headerCovered(d.allowHeadersCharJoined !== null ? [] : list, h, d.credentials));
}

export function missingMethod(d: Diagnosis, defaults: readonly string[]): string | null {
  if (!d.preflighted) return null;
  const list = d.allowMethodsCharJoined !== null ? [] : (d.allowMethods ?? defaults);
  return methodCovered(list, d.method, d.credentials) ? null : d.method;
}

/** Should the origin be (re)listed? Always, unless another response shows it is already allowed. */
export function needsOrigin(d: Diagnosis): boolean {
  if (d.origin === null || d.clientOnly !== null) return false;
  if (d.wildcardWithCredentials || d.fixedOrigin !== null || d.invalidOrigin !== null) return true;
  return !d.originKnownAllowed;
}

export function needsCredentials(d: Diagnosis): boolean {
  return d.credentials && d.acac !== 'true';
}
