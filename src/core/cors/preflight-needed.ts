import type { NetworkEntry, PreflightReason } from '../model.js';
import { getCombined } from '../http/headers.js';
import { isCorsSafelistedMethod, hasNonCanonicalCase } from '../http/methods.js';
import { corsUnsafeRequestHeaderNames, pageSetHeaders } from './safelist.js';

/**
 * Why the browser had to send a preflight for this request: a method that is not CORS-safelisted, and
 * each CORS-unsafe request-header. Empty when a preflight was not needed.
 * https://fetch.spec.whatwg.org/#cors-preflight-fetch (main fetch step "use-CORS-preflight flag … or …")
 *
 * When the preflight was captured, its `Access-Control-Request-Headers` is the browser's own answer
 * for the header part, so it wins over recomputing from the (sometimes provisional) request headers.
 */
/** Last answer per request (the engine asks about the same request and preflight several times). */
const MEMO = new WeakMap<NetworkEntry, { preflight: NetworkEntry | undefined; reasons: PreflightReason[] }>();

export function preflightReasons(actual: NetworkEntry, preflight?: NetworkEntry): PreflightReason[] {
  const m = MEMO.get(actual);
  if (m && m.preflight === preflight) return m.reasons;
  const reasons = computePreflightReasons(actual, preflight);
  MEMO.set(actual, { preflight, reasons });
  return reasons;
}

function computePreflightReasons(actual: NetworkEntry, preflight?: NetworkEntry): PreflightReason[] {
  const reasons: PreflightReason[] = [];
  if (!isCorsSafelistedMethod(actual.method)) {
    reasons.push(
      hasNonCanonicalCase(actual.method)
        ? {
            kind: 'method',
            method: actual.method,
            note: `fetch() and XMLHttpRequest upper-case only DELETE, GET, HEAD, OPTIONS, POST and PUT; '${actual.method}' is sent exactly as written, so the server must allow '${actual.method}' in that case.`,
          }
        : { kind: 'method', method: actual.method },
    );
  }
  const computed = corsUnsafeRequestHeaderNames(pageSetHeaders(actual.requestHeaders));
  if (preflight) {
    const acrh = (getCombined(preflight.requestHeaders, 'access-control-request-headers') ?? '')
      .split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
    for (const name of acrh) {
      const known = computed.find((c) => c.name === name);
      const value = actual.requestHeaders.find((h) => h.name.toLowerCase() === name)?.value ?? '';
      reasons.push({ kind: 'header', name, value, why: known?.why ?? 'not-safelisted' });
    }
    return reasons;
  }
  for (const c of computed) reasons.push({ kind: 'header', name: c.name, value: c.value, why: c.why });
  return reasons;
}

/**
 * The unsafe header names the preflight had to ask about, in the order Chromium checks them against
 * Access-Control-Allow-Headers: the order the page set them (a captured request keeps it — measured on
 * Chromium 156: headers set as X-Zeta, X-Alpha fail on x-zeta first), then any others (sorted, as in ACRH).
 */
export function unsafeHeaderNames(actual: NetworkEntry, preflight?: NetworkEntry): string[] {
  const unsafe = new Set(preflightReasons(actual, preflight).flatMap((r) => (r.kind === 'header' ? [r.name] : [])));
  const ordered: string[] = [];
  for (const h of actual.requestHeaders) {
    const n = h.name.toLowerCase();
    if (unsafe.has(n) && !ordered.includes(n)) ordered.push(n);
  }
  for (const n of unsafe) if (!ordered.includes(n)) ordered.push(n);
  return ordered;
}
