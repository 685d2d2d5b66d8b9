/**
 * Reproduction snippets: `curl` for the preflight and for the actual request, and
 * "copy as fetch". They are built from the redacted hops, so a masked value stays masked here.
 *
 * A server only sends CORS headers when the request carries `Origin`; a curl test without it
 * is the classic false negative (django-cors-headers #335, #527, #862), so `Origin` is always set.
 *
 * Pure: no browser globals, no Node APIs.
 */
import type { Exchange, Header } from '../model.js';
import type { ReportData } from './collect.js';
import { findHeader, isAuthorHeader, isPseudoHeader } from './headers.js';
import { MASK } from './redact.js';
import type { ReportHop } from './types.js';

/**
 * POSIX shell single-quoting: everything between single quotes is literal; an embedded `'`
 * closes the quote, adds an escaped quote and reopens (`'\''`).
 * https://pubs.opengroup.org/onlinepubs/9699919799/utilities/V3_chap02.html#tag_02_02_02
 */
export function shellQuote(s: string): string {
  return `'${s.replace(/\0/g, '').replace(/'/g, `'\\''`)}'`;
}

/** A header value as one line: a CR/LF would split the header in a curl argument. */
function oneLine(s: string): string {
  return s.replace(/[\r\n]+/g, ' ');
}

/** Joins curl arguments into a multi-line command with `\` continuations. */
function commandLines(head: string[], options: string[][]): string {
  const lines = [head.join(' ')];
  for (const opt of options) lines.push(`  ${opt.join(' ')}`);
  return lines.join(' \\\n');
}

/** Request headers to carry over to a reproduction of the actual request (not `Origin`; added separately). */
function actualRequestHeaders(hop: ReportHop, ex: Exchange): Header[] {
  const reasonNames = new Set(ex.preflight.reasons.filter((r) => r.kind === 'header').map((r) => (r.kind === 'header' ? r.name.toLowerCase() : '')));
  return hop.requestHeaders.filter((h) => {
    const n = h.name.toLowerCase();
    if (isPseudoHeader(n) || n === 'origin' || n.startsWith('access-control-')) return false;
    return n === 'content-type' || n === 'authorization' || n === 'cookie' || reasonNames.has(n) || isAuthorHeader(n);
  });
}

function requestHop(data: ReportData): ReportHop | undefined {
  return data.hops.find((h) => h.role === 'request') ?? data.hops.find((h) => h.role !== 'preflight');
}

function preflightHop(data: ReportData): ReportHop | undefined {
  return data.hops.find((h) => h.role === 'preflight');
}

/** The page origin to send: the exchange's, else the captured `Origin` header. */
function originFor(data: ReportData): string | null {
  if (data.exchange.origin) return data.exchange.origin;
  for (const hop of data.hops) {
    const o = findHeader(hop.requestHeaders, 'origin');
    if (o) return o.value;
  }
  return null;
}

/**
 * `Access-Control-Request-Headers` the browser would send: the unsafe header names, lowercased,
 * sorted, joined by `,` (https://fetch.spec.whatwg.org/#cors-preflight-fetch step 5).
 */
function synthesizedRequestHeaders(ex: Exchange): string {
  const names = new Set<string>();
  for (const r of ex.preflight.reasons) if (r.kind === 'header') names.add(r.name.toLowerCase());
  return [...names].sort().join(',');
}

/** `curl` for the preflight, or null when no preflight was needed. */
export function curlPreflight(data: ReportData): string | null {
  const ex = data.exchange;
  const hop = preflightHop(data);
  if (!hop && !ex.preflight.needed) return null;
  const url = hop?.url ?? ex.url;
  const origin = (hop && findHeader(hop.requestHeaders, 'origin')?.value) ?? originFor(data);
  const acrm = (hop && findHeader(hop.requestHeaders, 'access-control-request-method')?.value) ?? ex.method;
  const acrh = hop ? findHeader(hop.requestHeaders, 'access-control-request-headers')?.value : synthesizedRequestHeaders(ex) || undefined;
  const opts: string[][] = [];
  if (origin !== null && origin !== undefined) opts.push(['-H', shellQuote(`Origin: ${oneLine(origin)}`)]);
  opts.push(['-H', shellQuote(`Access-Control-Request-Method: ${oneLine(acrm)}`)]);
  if (acrh) opts.push(['-H', shellQuote(`Access-Control-Request-Headers: ${oneLine(acrh)}`)]);
  return commandLines(['curl', '-i', '--globoff', '-X', 'OPTIONS', shellQuote(url)], opts);
}

/** `curl` for the actual request, with the page's origin and the headers the page set. */
export function curlRequest(data: ReportData): string {
  const ex = data.exchange;
  const hop = requestHop(data);
  const method = (hop?.method ?? ex.method).toUpperCase();
  const url = hop?.url ?? ex.url;
  const origin = originFor(data);
  const head = ['curl', '-i', '--globoff'];
  const hasBody = hop !== undefined && hop.hasRequestBody && method !== 'GET' && method !== 'HEAD';
  if (method === 'HEAD') head.push('-I');
  else if (!(method === 'GET' && !hasBody) && !(method === 'POST' && hasBody)) head.push('-X', shellQuote(method));
  head.push(shellQuote(url));
  const opts: string[][] = [];
  if (origin !== null) opts.push(['-H', shellQuote(`Origin: ${oneLine(origin)}`)]);
  for (const h of hop ? actualRequestHeaders(hop, ex) : []) opts.push(['-H', shellQuote(`${h.name}: ${oneLine(h.value)}`)]);
  if (hasBody) opts.push(['--data-raw', shellQuote(hop.requestBody ?? MASK)]);
  return commandLines(head, opts);
}

/** Request headers a script may not set (https://fetch.spec.whatwg.org/#forbidden-request-header); fetch() adds them itself. */
const FORBIDDEN = new Set([
  'accept-charset', 'accept-encoding', 'access-control-request-headers', 'access-control-request-method', 'connection',
  'content-length', 'cookie', 'cookie2', 'date', 'dnt', 'expect', 'host', 'keep-alive', 'origin', 'referer', 'set-cookie',
  'te', 'trailer', 'transfer-encoding', 'upgrade', 'via',
]);

/** "Copy as fetch": the call the page made, as far as the capture shows it. */
export function fetchSnippet(data: ReportData): string {
  const ex = data.exchange;
  const hop = requestHop(data);
  const method = (hop?.method ?? ex.method).toUpperCase();
  const url = hop?.url ?? ex.url;
  const headers = (hop ? actualRequestHeaders(hop, ex) : []).filter((h) => {
    const n = h.name.toLowerCase();
    return !FORBIDDEN.has(n) && !n.startsWith('sec-') && !n.startsWith('proxy-');
  });
  const credentials = ex.credentials.mode === 'include' ? 'include' : ex.credentials.mode === 'omit' ? 'omit' : 'same-origin';
  const lines: string[] = [];
  if (ex.credentials.mode === 'unknown') lines.push('// The capture does not show the credentials mode; "same-origin" is the fetch() default.');
  lines.push(`await fetch(${JSON.stringify(url)}, {`);
  lines.push(`  method: ${JSON.stringify(method)},`);
  if (headers.length > 0) {
    lines.push('  headers: {');
    for (const h of headers) lines.push(`    ${JSON.stringify(h.name)}: ${JSON.stringify(oneLine(h.value))},`);
    lines.push('  },');
  }
  if (hop && hop.hasRequestBody && method !== 'GET' && method !== 'HEAD') lines.push(`  body: ${JSON.stringify(hop.requestBody ?? MASK)},`);
  lines.push(`  credentials: ${JSON.stringify(credentials)},`);
  lines.push(`  mode: ${JSON.stringify(ex.opaque ? 'no-cors' : 'cors')},`);
  lines.push('});');
  return lines.join('\n');
}

export interface Reproduction {
  curlPreflight: string | null;
  curlRequest: string;
  fetch: string;
}

export function reproduction(data: ReportData): Reproduction {
  return { curlPreflight: curlPreflight(data), curlRequest: curlRequest(data), fetch: fetchSnippet(data) };
}
