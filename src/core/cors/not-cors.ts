import type { NetworkEntry, NotCorsFinding } from '../model.js';
import { getCombined } from '../http/headers.js';
import { parseUrl } from '../http/origin.js';
import { isRedirectStatus, resolveLocation } from './redirects.js';

/**
 * Look-alikes: the console shows a CORS error (or fetch rejects) but the real problem is elsewhere.
 * Each finding names the real problem in one sentence.
 */

/** A Chromium net error that is not a CORS header failure. https://source.chromium.org/chromium/chromium/src/+/main:net/base/net_error_list.h */
export function netErrorFinding(error: string): NotCorsFinding {
  const e = error.replace(/^net::/, '');
  if (e.startsWith('ERR_BLOCKED_BY_CLIENT')) return { kind: 'blocked-by-client', summary: `Blocked inside the browser by an extension or content blocker (${error}); the request never reached the server.` };
  if (e.startsWith('ERR_BLOCKED_BY_CSP')) return { kind: 'csp', summary: `Blocked by the page's own Content-Security-Policy (connect-src) (${error}); the server's CORS headers are not involved.` };
  if (e.startsWith('ERR_BLOCKED_BY_RESPONSE')) return { kind: 'corp', summary: `Blocked by Cross-Origin-Resource-Policy / COEP (${error}): the response arrived but its CORP header forbids this use.` };
  if (e.startsWith('ERR_BLOCKED_BY_ORB')) return { kind: 'orb', summary: `Blocked by Opaque Response Blocking (${error}): a no-cors request got a response type it may not read (e.g. JSON or HTML).` };
  if (e.startsWith('ERR_ABORTED')) return { kind: 'connection-failed', summary: `The request was cancelled (${error}), e.g. by navigation or AbortController.` };
  if (e.includes('MIXED_CONTENT') || e.startsWith('ERR_INSECURE')) return { kind: 'mixed-content', summary: `Blocked as mixed content (${error}): an https page may not request http resources.` };
  return { kind: 'connection-failed', summary: `No HTTP response: ${error} (connection, DNS or TLS failure). Not a CORS header problem — check that the server is up and reachable at this address.` };
}

const looksLikeHtml = (e: NetworkEntry): boolean => /text\/html/i.test(getCombined(e.responseHeaders, 'content-type') ?? '');

/** What the preflight's answer says about the server, when it is not a 2xx. */
export function preflightFindings(pf: NetworkEntry): NotCorsFinding[] {
  const s = pf.status;
  if (isRedirectStatus(s)) return [redirectFinding(pf, 'The preflight')];
  if (s === 401 || s === 403) {
    return [{ kind: 'preflight-auth', summary: `The preflight got ${s}: an authentication or permission layer answered the OPTIONS request before the CORS layer. Browsers never send cookies or Authorization with a preflight, so OPTIONS must be let through unauthenticated.` }];
  }
  if (s === 404 || s === 405) {
    return [{ kind: 'preflight-not-found', summary: `The preflight got ${s}: no route answers OPTIONS for this URL (or the method is refused). The CORS layer must answer OPTIONS before routing.` }];
  }
  if (s >= 500) return [serverErrorFinding(pf, 'The preflight')];
  return [];
}

function serverErrorFinding(e: NetworkEntry, what: string): NotCorsFinding {
  const proxy = (s: number) => s === 502 || s === 503 || s === 504;
  if (proxy(e.status) && (looksLikeHtml(e) || /nginx|cloudflare|apache|envoy|haproxy/i.test(getCombined(e.responseHeaders, 'server') ?? ''))) {
    return { kind: 'proxy-error-page', summary: `${what} got a ${e.status} error page from a proxy/gateway (${getCombined(e.responseHeaders, 'server') ?? 'no Server header'}): the application behind it did not answer. Fix the upstream; the error page has no CORS headers, which is why the browser reports CORS.` };
  }
  return { kind: 'server-error', summary: `${what} got ${e.status} ${e.statusText}: the server failed before (or without) adding CORS headers. Fix the server error first; the missing CORS header is a symptom.` };
}

function redirectFinding(e: NetworkEntry, what: string): NotCorsFinding {
  const location = resolveLocation(e.redirectURL, e.url) ?? e.redirectURL;
  const from = parseUrl(e.url);
  const to = parseUrl(location);
  let why = 'a redirect';
  if (from && to) {
    if (from.scheme === 'http' && to.scheme === 'https') why = 'an http → https redirect (call the https URL directly)';
    else if (to.href === `${from.href.split(/[?#]/)[0]}/` || (to.href.split(/[?#]/)[0] === `${from.href.split(/[?#]/)[0]}/`)) why = "a trailing-slash redirect (Django's APPEND_SLASH / CommonMiddleware; call the URL with the slash, or put CorsMiddleware above CommonMiddleware)";
    else if (/login|signin|sign-in|auth|sso|oauth/i.test(to.href)) why = 'a redirect to a login page (an auth layer answered before CORS)';
    else if (from.host !== to.host) why = `a redirect to another host (${to.host})`;
  }
  return { kind: 'redirect', summary: `${what} was answered with ${e.status} → ${location}: ${why}.` };
}

/** Findings about the actual request's response (error statuses, redirects, CSRF). */
export function responseFindings(hops: readonly NetworkEntry[], blocked: boolean): NotCorsFinding[] {
  const out: NotCorsFinding[] = [];
  const last = hops[hops.length - 1];
  for (const h of hops) if (isRedirectStatus(h.status) && h.redirectURL && blocked) out.push(redirectFinding(h, 'The request'));
  if (!last || last.status === 0) return out;
  const body = last.bodyText ?? '';
  if (last.status === 403 && /CSRF (verification )?failed|CSRF token (missing|incorrect)|CSRF Failed/i.test(body)) {
    out.push({ kind: 'csrf', summary: "Django rejected the request with 403 CSRF verification failed: CORS passed, but a cross-origin unsafe request also needs the origin in CSRF_TRUSTED_ORIGINS and the X-CSRFToken header." });
    return out;
  }
  if (last.status >= 500) out.push(serverErrorFinding(last, 'The request'));
  else if (last.status >= 400 && !blocked) {
    out.push({ kind: 'http-error', summary: `CORS allowed the response, but the server answered ${last.status} ${last.statusText}: an application error, not a CORS one.` });
  } else if (last.status >= 400 && blocked && getCombined(last.responseHeaders, 'access-control-allow-origin') === null) {
    out.push({ kind: 'http-error', summary: `The server answered ${last.status} ${last.statusText} without CORS headers: many frameworks add CORS headers only to successful responses. Fix the ${last.status} first, and make error responses carry the CORS headers too.` });
  }
  return out;
}
