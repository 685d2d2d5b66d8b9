/**
 * Which headers a ticket shows. A ticket stays short: the CORS evidence, the headers that made
 * the browser send a preflight, and the few that explain credentials, redirects and the server.
 * The full (redacted) header lists stay in the JSON report and the mini-HAR.
 *
 * Pure: no browser globals, no Node APIs.
 */
import type { Exchange, Header } from '../model.js';
import { isCorsHeaderName } from './redact.js';

/** Headers the browser sets by itself: they do not explain a CORS failure and a page cannot set them. */
const BROWSER_MANAGED = new Set([
  'host', 'connection', 'content-length', 'accept-encoding', 'accept-language', 'accept', 'user-agent', 'referer',
  'priority', 'pragma', 'cache-control', 'upgrade-insecure-requests', 'dnt', 'te', 'keep-alive', 'trailer',
  'transfer-encoding', 'upgrade', 'via', 'expect', 'date', 'cookie2',
]);

/** Request headers that always matter to CORS besides the CORS headers themselves. */
const REQUEST_ALWAYS = new Set(['content-type', 'authorization', 'proxy-authorization', 'cookie']);

/** Response headers that explain credentials, redirects, auth walls and which server answered. */
const RESPONSE_ALWAYS = new Set(['location', 'content-type', 'set-cookie', 'www-authenticate', 'server', 'via', 'x-powered-by']);

export function isPseudoHeader(name: string): boolean {
  return name.startsWith(':');
}

/** A header the page's script set (not CORS, not browser-managed, not `Sec-*`/`Proxy-*`, not pseudo). */
export function isAuthorHeader(name: string): boolean {
  const n = name.toLowerCase();
  return !isPseudoHeader(n) && !isCorsHeaderName(n) && !BROWSER_MANAGED.has(n) && !n.startsWith('sec-') && !n.startsWith('proxy-');
}

/** Header names (lowercase) that the exchange's preflight reasons name. */
function reasonHeaderNames(ex: Exchange): Set<string> {
  const names = new Set<string>();
  for (const r of ex.preflight.reasons) if (r.kind === 'header') names.add(r.name.toLowerCase());
  return names;
}

/** The request headers a ticket shows, in captured order. */
export function relevantRequestHeaders(headers: Header[], ex: Exchange): Header[] {
  const reasons = reasonHeaderNames(ex);
  return headers.filter((h) => {
    const n = h.name.toLowerCase();
    return isCorsHeaderName(n) || REQUEST_ALWAYS.has(n) || reasons.has(n) || isAuthorHeader(n);
  });
}

/** The response headers a ticket shows, in captured order. */
export function relevantResponseHeaders(headers: Header[]): Header[] {
  return headers.filter((h) => {
    const n = h.name.toLowerCase();
    return isCorsHeaderName(n) || RESPONSE_ALWAYS.has(n);
  });
}

export function findHeader(headers: Header[], name: string): Header | undefined {
  const n = name.toLowerCase();
  return headers.find((h) => h.name.toLowerCase() === n);
}
