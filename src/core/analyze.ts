import type {
  Analysis, BrowserName, BrowserVerdict, CaptureSource, CorsError, CredentialsMode, Exchange, NetworkEntry, NotCorsFinding, Verdict,
} from './model.js';
import { normalizeHar, parseHarText } from './har/normalize.js';
import { getAll, getCombined } from './http/headers.js';
import { serializeOrigin } from './http/origin.js';
import { isPreflight, pairPreflights } from './cors/pair.js';
import { isRedirectStatus, linkRedirects } from './cors/redirects.js';
import { preflightReasons } from './cors/preflight-needed.js';
import { effectiveMaxAge } from './cors/preflight-check.js';
import { addressSpaceOf, requestingOrigin, requestMode, targetAddressSpace } from './cors/request-context.js';
import { allowOriginLineCount, evaluateChain, hasResponse, RULES, type Chain, type Outcome } from './cors/evaluate.js';
import { netErrorFinding, preflightFindings, responseFindings } from './cors/not-cors.js';
import { chromeConsoleMessage, resourceKindFor } from './messages/chrome.js';
import { firefoxAuthorizationWildcardWarning, firefoxConsoleLines } from './messages/firefox.js';
import { safariConsoleLines } from './messages/safari.js';
import type { FailureDetail } from './messages/failure.js';

/**
 * The engine's entry point: HAR in, one Exchange per page request out.
 * Pipeline: normalize (har/normalize.ts) → split preflights (cors/pair.ts) → link redirect hops
 * (cors/redirects.ts) → pair preflights → per chain: origin and mode (cors/request-context.ts) →
 * evaluate under each credentials mode (cors/evaluate.ts) → keep what the capture's evidence allows →
 * wording per browser (messages/*).
 */

export interface AnalyzeOptions {
  source?: CaptureSource;
  /** True when a missing `_error` means the request did not fail (Chromium DevTools HARs). */
  errorAware?: boolean;
}

/** Analyze HAR text or an already-parsed HAR object. Throws HarInputError (one line) on unusable input. */
export function analyzeHar(input: string | object): Analysis {
  const parsed = typeof input === 'string' ? parseHarText(input) : input;
  const har = normalizeHar(parsed);
  const analysis = analyzeEntries(har.entries, { source: har.source, errorAware: har.errorAware });
  analysis.entryCount = Array.isArray((parsed as { log?: { entries?: unknown } }).log?.entries)
    ? ((parsed as { log: { entries: unknown[] } }).log.entries.length)
    : har.entries.length;
  analysis.warnings.unshift(...har.warnings);
  return analysis;
}

export function analyzeEntries(entries: readonly NetworkEntry[], options: AnalyzeOptions = {}): Analysis {
  const source = options.source ?? entries[0]?.source ?? 'other';
  const errorAware = options.errorAware ?? false;
  const preflights: NetworkEntry[] = [];
  const requests: NetworkEntry[] = [];
  for (const e of entries) (isPreflight(e) ? preflights : requests).push(e);

  const nextHop = linkRedirects(requests);
  const prevHop = new Map<number, number>();
  for (const [from, to] of nextHop) prevHop.set(to, from);
  const pairs = pairPreflights(preflights, requests);
  const byIndex = new Map<number, NetworkEntry>();
  for (const e of entries) byIndex.set(e.index, e);

  const exchanges: Exchange[] = [];
  const chainOf = new Map<number, Exchange>();
  const manualRedirects = new Set<number>();
  for (const e of requests) {
    if (prevHop.has(e.index)) continue; // a later hop: reported with its chain's first request
    const hops: NetworkEntry[] = [e];
    for (let n = nextHop.get(e.index); n !== undefined && hops.length <= 21; n = nextHop.get(n)) {
      const hop = byIndex.get(n);
      if (!hop || hops.includes(hop)) break;
      hops.push(hop);
    }
    // fetch(…, {redirect: 'manual'}): Chromium records the follow-up hop as cancelled (ERR_ABORTED, no
    // response); the page got the opaque redirect itself, so the chain ends at the 3xx.
    const tail = hops[hops.length - 1] as NetworkEntry;
    const beforeTail = hops[hops.length - 2];
    if (beforeTail && !beforeTail.error && tail.error === 'net::ERR_ABORTED' && !tail.responseHeaders.length && tail.status === 0) {
      hops.pop();
      manualRedirects.add(e.index);
    }
    const pfs = hops.map((h) => {
      const p = pairs.get(h.index);
      return p === undefined ? undefined : byIndex.get(p);
    });
    const ex = analyzeChain(hops, pfs, errorAware);
    if (manualRedirects.has(e.index) && ex.verdict === 'allowed') {
      ex.opaque = true;
      ex.notes.push("fetch with redirect: 'manual': the page received the redirect itself as an opaque response; the browser did not follow it.");
    }
    chainOf.set(e.index, ex);
    for (let n = nextHop.get(e.index); n !== undefined && !chainOf.has(n); n = nextHop.get(n)) chainOf.set(n, ex);
  }
  // One exchange per non-preflight entry, in capture order; later hops point at their chain.
  for (const e of requests) {
    const ex = chainOf.get(e.index);
    if (!ex) continue;
    if (ex.entry === e.index) exchanges.push(ex);
    else {
      const pf = pairs.get(e.index);
      exchanges.push({ ...ex, entry: e.index, preflightEntry: pf ?? null, redirectOf: ex.entry, method: e.method, url: e.url });
    }
  }
  return { source, entryCount: entries.length, exchanges, preflightEntries: preflights.map((p) => p.index), warnings: [] };
}

interface Resolved {
  verdict: Verdict;
  outcome?: Outcome;
  credentials: { mode: CredentialsMode; evidence: string };
  alternatives: Exchange['alternatives'];
  missing: string[];
  notes: string[];
  opaque: boolean;
}

function analyzeChain(hops: NetworkEntry[], pfs: Array<NetworkEntry | undefined>, errorAware: boolean): Exchange {
  const first = hops[0] as NetworkEntry;
  const last = hops[hops.length - 1] as NetworkEntry;
  const firstPf = pfs.find((p) => p !== undefined);
  const { origin, evidence: originEvidence } = requestingOrigin(first, firstPf);
  const mode = requestMode(first, firstPf !== undefined);
  const resourceKind = resourceKindFor(first.resourceType);
  const err = errorAware ? netError(hops, pfs) : undefined;
  const resolved = resolve(hops, pfs, origin, mode, errorAware, originEvidence, err);
  // Only a cross-origin request in cors mode can need a preflight (a navigation's long Accept header,
  // an <img>, a same-origin fetch never do).
  const corsRequest = pfs[0] !== undefined || (mode === 'cors' && resolved.verdict !== 'same-origin');
  const reasons = corsRequest ? preflightReasons(first, pfs[0]) : [];
  const notes: string[] = [...resolved.notes];
  if (!first.resourceType && first.source !== 'chrome' && resolved.outcome?.kind === 'fail') notes.push("The capture does not say whether this was fetch() or XMLHttpRequest; Chrome's console text assumes fetch.");

  const ex: Exchange = {
    entry: first.index,
    preflightEntry: pfs[0]?.index ?? null,
    redirectOf: null,
    method: first.method,
    url: first.url,
    finalUrl: last.url,
    origin,
    verdict: resolved.verdict,
    corsError: null,
    failedParameter: null,
    consoleMessage: null,
    resourceKind,
    credentials: resolved.credentials,
    preflight: { needed: reasons.length > 0 || pfs[0] !== undefined, status: pfs[0] ? 'captured' : reasons.length > 0 ? 'cached-or-not-captured' : 'not-needed', reasons },
    redirects: hops.length === 1 ? [] : hops.slice(0, -1).map((h, i) => ({ entry: h.index, url: h.url, status: h.status, location: hops[i + 1]?.url ?? h.redirectURL })),
    browsers: { chrome: emptyBrowser(), firefox: emptyBrowser(), safari: emptyBrowser() },
    disagree: false,
    missing: resolved.missing,
    alternatives: resolved.alternatives,
    notCors: [],
    notes,
    opaque: resolved.opaque,
  };

  if (ex.preflight.status === 'cached-or-not-captured' && mode === 'cors' && origin !== null && serializeOrigin(first.url) !== origin) {
    ex.notes.push(hasResponse(first)
      ? 'This request needed a preflight, but none is in the capture: it was answered from the preflight cache (Access-Control-Max-Age), or sent before DevTools opened.'
      : 'This request needed a preflight, but none is in the capture (preflight cache, or sent before DevTools opened), so the reason cannot be read from its headers.');
  }

  const maxAge = pfs[0] && pfs[0].status >= 200 && pfs[0].status < 300 ? getCombined(pfs[0].responseHeaders, 'access-control-max-age') : null;
  if (maxAge !== null) {
    const [c, f, s] = (['chrome', 'firefox', 'safari'] as const).map((b) => effectiveMaxAge(maxAge, b));
    if (c !== f || c !== s) {
      ex.notes.push(`Access-Control-Max-Age: ${maxAge} — browsers cache this preflight for ${c} s in Chrome (cap 7200), ${f} s in Firefox (cap 86400), ${s} s in Safari (cap 600).`);
    }
  }

  const o = resolved.outcome;
  if (o?.kind === 'fail' && ex.verdict === 'blocked') {
    ex.corsError = o.corsError;
    ex.failedParameter = o.failedParameter;
    const failedHop = hops[o.hop] as NetworkEntry;
    ex.consoleMessage = chromeConsoleMessage({
      corsError: o.corsError, failedParameter: o.failedParameter, resourceKind, url: failedHop.url,
      initialUrl: first.url, origin: origin ?? 'null', addressSpace: targetAddressSpace(failedHop),
    });
  }
  ex.notCors = findings(ex, hops, pfs, err);
  const credentialsInclude = ex.credentials.mode === 'include';
  const chain: Chain | null = origin !== null && mode === 'cors' ? { hops, preflights: pfs, pageOrigin: origin } : null;
  for (const b of ['chrome', 'firefox', 'safari'] as const) ex.browsers[b] = browserVerdict(b, ex, chain, credentialsInclude, hops, pfs, resolved.outcome);
  ex.disagree = ex.browsers.chrome.verdict !== ex.browsers.firefox.verdict || ex.browsers.chrome.verdict !== ex.browsers.safari.verdict;
  return ex;
}

function emptyBrowser(): BrowserVerdict {
  return plainBrowser('unknown');
}

/**
 * A browser outcome with nothing to print is the same for thousands of exchanges: one frozen object per
 * verdict instead of four allocations each (a 20 000-entry HAR mostly holds these).
 */
const PLAIN = new Map<Verdict, BrowserVerdict>();
function plainBrowser(verdict: Verdict): BrowserVerdict {
  let b = PLAIN.get(verdict);
  if (!b) PLAIN.set(verdict, (b = Object.freeze({ verdict, reason: null, console: Object.freeze([]) as unknown as string[], warnings: Object.freeze([]) as unknown as string[] })));
  return b;
}

/** The page's request failed in a way Chromium records as a net error other than a CORS failure. */
function netError(hops: readonly NetworkEntry[], pfs: ReadonlyArray<NetworkEntry | undefined>): string | undefined {
  for (let i = 0; i < hops.length; i++) {
    const pfErr = pfs[i]?.error;
    if (pfErr && pfErr !== 'net::ERR_FAILED' && pfErr !== 'net::ERR_INVALID_REDIRECT') return pfErr;
    const err = hops[i]?.error;
    if (err && err !== 'net::ERR_FAILED') return err;
  }
  return undefined;
}

function resolve(
  hops: NetworkEntry[], pfs: Array<NetworkEntry | undefined>, origin: string | null, mode: ReturnType<typeof requestMode>,
  errorAware: boolean, originEvidence: string, err: string | undefined,
): Resolved {
  const first = hops[0] as NetworkEntry;
  const last = hops[hops.length - 1] as NetworkEntry;
  const base: Resolved = { verdict: 'unknown', credentials: NOT_NEEDED, alternatives: [], missing: [], notes: [], opaque: false };
  const sameOrigin = origin !== null && hops.every((h) => serializeOrigin(h.url) === origin);
  if (sameOrigin && mode !== 'cors' && mode !== 'unknown' && !err && hasResponse(last)) return { ...base, verdict: 'same-origin' };
  if (mode === 'no-cors' && (err === undefined || err === 'net::ERR_ABORTED' || err.startsWith('net::ERR_BLOCKED_BY_ORB'))) {
    // ORB answers a no-cors fetch it will not expose with an empty opaque response (the request shows
    // ERR_ABORTED or ERR_BLOCKED_BY_ORB), and the page's fetch still resolves.
    return {
      ...base, verdict: 'allowed', opaque: true,
      notes: ['A no-cors request (e.g. <img>, <script>, or fetch with mode "no-cors"): the response is opaque — allowed, but scripts cannot read it.',
        ...(err ? [`Chrome's Opaque Response Blocking withheld the body (${err}): a no-cors request may not read JSON, HTML or similar; use mode 'cors' with CORS headers on the server.`] : [])],
    };
  }
  if (err) return { ...base, verdict: 'network-error' };
  const anyFailed = errorAware && (hops.some((h) => h.error === 'net::ERR_FAILED'));

  if (mode === 'navigate' || mode === 'websocket') {
    return { ...base, verdict: sameOrigin ? 'same-origin' : 'allowed', notes: [mode === 'navigate' ? 'A navigation: CORS does not apply.' : 'A WebSocket handshake: CORS does not apply (the server checks Origin itself).'] };
  }
  if (origin === null) {
    if (getCombined(first.requestHeaders, 'origin') === null && mode !== 'cors') {
      if (!hasResponse(last)) return { ...base, missing: ["the requesting page's origin and a response"] };
      return { ...base, verdict: 'allowed', notes: ['No Origin header: the browser did not treat this as a CORS request (same-origin, navigation or no-cors).'] };
    }
    return { ...base, missing: ["the requesting page's origin (no Origin header, page URL or Referer in the capture)"] };
  }
  if (sameOrigin) {
    if (!hasResponse(last) && !errorAware) return { ...base, verdict: 'network-error', notes: ['Same-origin request with no response: a network failure.'] };
    return { ...base, verdict: 'same-origin' };
  }
  if (mode === 'unknown' && getCombined(first.requestHeaders, 'origin') === null && hasResponse(last)) {
    return { ...base, verdict: 'allowed', opaque: true, notes: ['A no-cors request (e.g. <img>, <script>, or fetch with mode "no-cors"): the response is opaque — allowed, but scripts cannot read it.'] };
  }
  if (mode === 'same-origin') {
    return {
      ...base, verdict: 'blocked',
      outcome: { kind: 'fail', corsError: 'DisallowedByMode', failedParameter: '', hop: 0, preflight: false, wireOrigin: origin },
    };
  }

  // Credentials mode: a Cookie header on a cross-origin request only goes out with credentials "include".
  // Otherwise try both modes and keep those the capture's evidence allows.
  const hasCookie = hops.some((h) => getCombined(h.requestHeaders, 'cookie') !== null);
  const modes: Array<'include' | 'omit'> = hasCookie ? ['include'] : ['omit', 'include'];
  const chain: Chain = { hops, preflights: pfs, pageOrigin: origin };
  const candidates: Array<{ mode: 'include' | 'omit'; outcome: Outcome }> = [];
  for (const m of modes) {
    const outcome = evaluateChain(chain, m === 'include', RULES.chrome);
    candidates.push({ mode: m, outcome });
    // When no step looked at the credentials mode, the other mode gives this very outcome.
    if (!outcome.credentialsSensitive && modes.length > 1) {
      candidates.push({ mode: 'include', outcome });
      break;
    }
  }
  const observedOk = errorAware && !anyFailed && hasResponse(last);
  const consistent = candidates.filter(({ outcome }) => consistentWithCapture(outcome, hops, errorAware, anyFailed));
  const evidence = (m: 'include' | 'omit'): string =>
    hasCookie ? 'a Cookie header was sent, which happens only with credentials "include"'
      : modes.length === 1 ? '' : `by elimination: only credentials "${m}" explains what the browser did`;

  // fetch(…, {redirect: 'error'}) fails on the first redirect whatever its headers say; Chromium records
  // it as net::ERR_FAILED on the 3xx, just like a redirect that fails the CORS check.
  const redirectModeError = errorAware && isRedirectStatus(last.status) && last.error === 'net::ERR_FAILED' && !!last.redirectURL &&
    candidates.some((c) => c.outcome.kind === 'pass');
  if (redirectModeError) {
    const note = "The redirect response passes the CORS check, yet Chrome failed the request: the page used fetch(…, {redirect: 'error'}), which refuses any redirect (a network error, not CORS).";
    if (consistent.length === 0) return { ...base, verdict: 'network-error', notes: [note] };
    return {
      ...base,
      credentials: { mode: 'unknown', evidence: 'not recorded in the capture and no Cookie header was sent' },
      missing: ["whether the page used redirect: 'error' or sent credentials (the capture looks the same either way)"],
      alternatives: [
        { assumption: "fetch redirect: 'error' (any redirect is refused)", verdict: 'network-error', corsError: null, failedParameter: null },
        ...consistent.map(({ outcome }) => ({
          assumption: 'credentials: "include" (fetch credentials:"include" / xhr.withCredentials = true)',
          verdict: outcomeVerdict(outcome),
          corsError: outcome.kind === 'fail' ? outcome.corsError : null,
          failedParameter: outcome.kind === 'fail' ? outcome.failedParameter : null,
        })),
      ],
    };
  }
  if (consistent.length === 0) {
    if (observedOk) {
      if (getCombined(first.requestHeaders, 'origin') === null) {
        return { ...base, verdict: 'allowed', opaque: true, notes: ['The browser accepted this response although it fails the CORS check: the request was made in no-cors mode (opaque response).'] };
      }
      return { ...base, verdict: 'allowed', notes: ['Chrome accepted this response, although the captured headers fail the CORS check as CORS Lens reads them; the verdict follows the browser.'] };
    }
    if (anyFailed) {
      return lnaOrUnknown(base, first, origin, 'Chrome reported net::ERR_FAILED, but the captured headers pass every CORS check. Possible causes: Local Network Access, a preflight answered from cache that has since changed, or a response the capture does not show.');
    }
    return { ...base, missing: ['a consistent explanation of the capture'] };
  }
  const chosen = consistent[0] as (typeof consistent)[number];
  const same = consistent.every((c) => sameOutcome(c.outcome, chosen.outcome));
  const credentials = (): Resolved['credentials'] => {
    if (consistent.length === 1) return { mode: chosen.mode, evidence: evidence(chosen.mode) };
    return { mode: 'unknown', evidence: 'not recorded in the capture; the verdict is the same either way' };
  };
  if (!same) {
    const allFail = consistent.every((c) => c.outcome.kind === 'fail');
    const alternatives = consistent.map(({ mode: m, outcome }) => ({
      assumption: m === 'include' ? 'credentials: "include" (fetch credentials:"include" / xhr.withCredentials = true)' : 'credentials not included (the default for fetch and XHR)',
      verdict: outcomeVerdict(outcome),
      corsError: outcome.kind === 'fail' ? outcome.corsError : null,
      failedParameter: outcome.kind === 'fail' ? outcome.failedParameter : null,
    }));
    const credentialsUnknown = { mode: 'unknown' as const, evidence: 'not recorded in the capture (HAR has no credentials mode) and no Cookie header was sent' };
    if (allFail) {
      // Blocked either way; the reason differs. Report the default mode's (fetch and XHR omit credentials
      // cross-origin unless asked) and keep the other as an alternative.
      const omit = consistent.find((c) => c.mode === 'omit') ?? chosen;
      return {
        ...base, verdict: 'blocked', outcome: omit.outcome, alternatives, credentials: credentialsUnknown,
        notes: ['Blocked whatever the credentials mode; the reason shown assumes the default (no credentials). See the alternative for credentials "include".'],
      };
    }
    return {
      ...base, alternatives,
      credentials: credentialsUnknown,
      missing: ['the credentials mode of the request (the verdict depends on it)'],
    };
  }
  const outcome = chosen.outcome;
  if (outcome.kind === 'indeterminate') return { ...base, credentials: credentials(), missing: [outcome.missing] };
  if (outcome.kind === 'no-response') {
    if (errorAware && anyFailed) {
      return lnaOrUnknown({ ...base, credentials: credentials() }, first, origin, 'Chrome reported net::ERR_FAILED with no response and no failing preflight in the capture.');
    }
    if (outcome.hop > 0 && !errorAware) {
      return { ...base, credentials: credentials(), missing: ["what happened after the redirect: the next hop has no response (redirect: 'manual' gives the page the redirect itself; otherwise the new URL failed)"] };
    }
    if (!outcome.preflightPassed && preflightReasons(hops[outcome.hop] as NetworkEntry).length === 0) {
      return { ...base, verdict: 'network-error', credentials: credentials(), notes: ['No HTTP response was received and no preflight was involved: the connection failed or the request was blocked before it was sent (not a CORS header problem).'] };
    }
    return { ...base, credentials: credentials(), missing: ['the response of the actual request (the preflight passed, but the capture shows no response: it failed or was cancelled)'] };
  }
  return { ...base, verdict: outcomeVerdict(outcome), outcome, credentials: credentials(), notes: originEvidence === 'Origin request header' ? [] : [`Origin taken from ${originEvidence}.`] };
}

const NOT_NEEDED = Object.freeze({ mode: 'unknown' as const, evidence: 'not needed for this request' });

function outcomeVerdict(o: Outcome): Verdict {
  return o.kind === 'pass' ? 'allowed' : o.kind === 'fail' ? 'blocked' : 'unknown';
}

function sameOutcome(a: Outcome, b: Outcome): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'fail' && b.kind === 'fail') return a.corsError === b.corsError && a.failedParameter === b.failedParameter;
  return true;
}

/**
 * Whether an outcome computed under one credentials assumption fits what the capture shows:
 * a hop the browser went on to send, or a redirect it followed, cannot have failed; with Chromium's
 * `_error` the failure itself is on record.
 */
function consistentWithCapture(o: Outcome, hops: readonly NetworkEntry[], errorAware: boolean, anyFailed: boolean): boolean {
  if (o.kind === 'fail') {
    const hop = hops[o.hop] as NetworkEntry;
    if (o.preflight && hasResponse(hop)) return false; // the actual request went out, so its preflight passed
    if (!o.preflight && o.hop < hops.length - 1) return false; // the redirect was followed, so it passed
    if (errorAware && !anyFailed && hasResponse(hops[hops.length - 1] as NetworkEntry)) return false;
    return true;
  }
  if (o.kind === 'pass') return !(errorAware && anyFailed);
  if (o.kind === 'no-response' && o.preflightPassed && errorAware) {
    // Chromium sends the request once its preflight passes; `net::ERR_FAILED` with no response means it
    // never went out, so the preflight cannot have passed.
    return (hops[o.hop] as NetworkEntry).error !== 'net::ERR_FAILED';
  }
  return true;
}

/**
 * Chrome's Local Network Access: a page in a more public address space than its target needs the user's
 * permission; when denied, the request fails with no response and no preflight.
 * https://wicg.github.io/local-network-access/
 */
function lnaOrUnknown(base: Resolved, first: NetworkEntry, origin: string, why: string): Resolved {
  const pageHost = origin.replace(/^[a-z]+:\/\//, '').replace(/:\d+$/, '');
  const pageSpace = addressSpaceOf(pageHost);
  const target = targetAddressSpace(first);
  const rank = { public: 0, unknown: 0, local: 1, loopback: 2 } as const;
  if (!hasResponse(first) && (pageSpace === 'public' || (pageSpace === 'unknown' && /\.[a-z]{2,}$/i.test(pageHost))) && rank[target] > rank.public) {
    return {
      ...base, verdict: 'blocked',
      outcome: { kind: 'fail', corsError: 'LocalNetworkAccessPermissionDenied', failedParameter: '', hop: 0, preflight: false, wireOrigin: origin },
      notes: [`A ${pageSpace === 'unknown' ? 'public' : pageSpace} page requested a ${target} address: Chrome's Local Network Access needs the user's permission for that.`],
    };
  }
  return { ...base, missing: [why] };
}

function findings(ex: Exchange, hops: NetworkEntry[], pfs: Array<NetworkEntry | undefined>, err: string | undefined): NotCorsFinding[] {
  const out: NotCorsFinding[] = [];
  if (err) out.push(netErrorFinding(err));
  for (const pf of pfs) if (pf && (pf.status < 200 || pf.status > 299) && hasResponse(pf)) out.push(...preflightFindings(pf));
  out.push(...responseFindings(hops, ex.verdict === 'blocked'));
  return out;
}

function browserVerdict(
  b: BrowserName, ex: Exchange, chain: Chain | null, credentialsInclude: boolean,
  hops: NetworkEntry[], pfs: Array<NetworkEntry | undefined>, chromeOutcome: Outcome | undefined,
): BrowserVerdict {
  if (b === 'chrome') {
    if (!ex.consoleMessage && !ex.corsError) return plainBrowser(ex.verdict);
    return {
      verdict: ex.verdict,
      reason: ex.corsError,
      console: ex.consoleMessage ? [ex.consoleMessage] : [],
      warnings: [],
    };
  }
  // Other engines: re-run the rules where they differ, under the same credentials mode.
  if (!chain || ex.verdict === 'unknown' || ex.verdict === 'network-error' || ex.verdict === 'same-origin' || ex.opaque) {
    return plainBrowser(ex.verdict);
  }
  if (ex.corsError === 'LocalNetworkAccessPermissionDenied' || ex.corsError === 'DisallowedByMode') {
    return plainBrowser(b === 'firefox' ? 'allowed' : ex.verdict);
  }
  const o = chromeOutcome && !chromeOutcome.engineSensitive ? chromeOutcome : evaluateChain(chain, credentialsInclude, RULES[b]);
  const warnings = o.kind === 'pass' && o.usedAuthorizationWildcard && b === 'firefox' ? [firefoxAuthorizationWildcardWarning(ex.finalUrl)] : [];
  if (o.kind !== 'fail') return warnings.length ? { verdict: outcomeVerdict(o), reason: null, console: [], warnings } : plainBrowser(outcomeVerdict(o));
  const hop = hops[o.hop] as NetworkEntry;
  const pf = pfs[o.hop];
  const failing = o.preflight && pf ? pf : hop;
  const detail: FailureDetail = {
    corsError: o.corsError,
    failedParameter: o.failedParameter,
    preflight: o.preflight,
    url: hop.url,
    initialUrl: ex.url,
    status: failing.status,
    allowOriginLines: allowOriginLineCount(failing),
    method: hop.method,
    wireOrigin: o.wireOrigin,
    pageOrigin: chain.pageOrigin,
    resourceKind: ex.resourceKind,
    ...(o.redirectTarget ? { redirectTarget: o.redirectTarget } : {}),
  };
  if (o.corsError === 'HeaderDisallowedByPreflightResponse') {
    const sent = hop.requestHeaders.find((h) => h.name.toLowerCase() === o.failedParameter)?.name;
    if (sent) detail.headerAsSent = sent;
  }
  if (o.corsError === 'InvalidAllowMethodsPreflightResponse' || o.corsError === 'InvalidAllowHeadersPreflightResponse') {
    const header = o.corsError === 'InvalidAllowMethodsPreflightResponse' ? 'access-control-allow-methods' : 'access-control-allow-headers';
    const value = getAll(failing.responseHeaders, header).join(', ');
    detail.failedParameter = b === 'firefox' ? firstBadToken(value) : value;
  }
  const lines = b === 'firefox' ? firefoxConsoleLines(detail) : safariConsoleLines(detail);
  return { verdict: 'blocked', reason: lines[0]?.key ?? o.corsError, console: lines.map((l) => l.text), warnings };
}

function firstBadToken(value: string): string {
  for (const raw of value.split(',')) {
    const t = raw.trim();
    if (t && !/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(t)) return t;
  }
  return value;
}

