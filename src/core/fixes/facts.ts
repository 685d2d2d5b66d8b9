import type { Header, NetworkEntry } from '../model.js';

/**
 * Small readers over captured entries used by the fix generators, the detector and the lint.
 * Header names compare case-insensitively; values stay as captured.
 */

export function headerValues(headers: readonly Header[] | undefined, name: string): string[] {
  if (!headers) return [];
  const n = name.toLowerCase();
  return headers.filter((h) => h.name.toLowerCase() === n).map((h) => h.value.trim());
}

export function header(headers: readonly Header[] | undefined, name: string): string | null {
  const v = headerValues(headers, name);
  return v.length === 0 ? null : v.join(', ');
}

/** The captured spelling of a header name (first occurrence), or null. */
export function headerSpelling(headers: readonly Header[] | undefined, name: string): string | null {
  const n = name.toLowerCase();
  return headers?.find((h) => h.name.toLowerCase() === n)?.name ?? null;
}

/** Split a comma list into trimmed, non-empty items. */
export function splitList(value: string | null): string[] {
  if (value === null) return [];
  return value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** Lower-case tokens of `Vary` over every Vary line. */
export function varyTokens(headers: readonly Header[] | undefined): string[] {
  return headerValues(headers, 'vary').flatMap((v) => splitList(v).map((t) => t.toLowerCase()));
}

export function hasVaryOrigin(headers: readonly Header[] | undefined): boolean {
  return varyTokens(headers).includes('origin');
}

export function hasAnyCorsResponseHeader(headers: readonly Header[] | undefined): boolean {
  return (headers ?? []).some((h) => h.name.toLowerCase().startsWith('access-control-'));
}

export function urlOrigin(url: string): string | null {
  try {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    return u.origin;
  } catch {
    return null;
  }
}

export function urlPath(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return '/';
  }
}

/** `/api/items/3` → `api`; `/` → ''. */
export function firstSegment(path: string): string {
  return path.split('/').filter((s) => s !== '')[0] ?? '';
}

/** Resolve a Location against the URL it came from; '' when it cannot be read. */
export function resolveLocation(location: string, base: string): string {
  if (location === '') return '';
  try {
    return new URL(location, base).href;
  } catch {
    return '';
  }
}

export function parseOrigin(origin: string): { scheme: string; host: string; port: string } | null {
  try {
    const u = new URL(origin);
    if (u.origin === 'null') return null;
    return { scheme: u.protocol.replace(/:$/, ''), host: u.hostname, port: u.port };
  } catch {
    return null;
  }
}

/** A serialized origin as the browser sends it: scheme://host[:port], no path, no trailing slash. */
export function isSerializedOrigin(value: string): boolean {
  try {
    return new URL(value).origin === value;
  } catch {
    return false;
  }
}

export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host.endsWith('.localhost') || /^127\./.test(host) || host === '[::1]' || host === '::1';
}

/** Second-level public suffixes common enough to matter for the same-site test (no full PSL in a pure module). */
const TWO_LABEL_SUFFIXES = new Set(['co.uk', 'org.uk', 'ac.uk', 'com.au', 'net.au', 'co.jp', 'co.nz', 'com.br', 'co.in', 'com.cn', 'github.io', 'vercel.app', 'netlify.app', 'pages.dev', 'herokuapp.com', 'azurewebsites.net', 'cloudfront.net', 'appspot.com']);

/**
 * Registrable domain ("site") of a host, approximated without the Public Suffix List.
 * https://html.spec.whatwg.org/multipage/browsers.html#obtain-a-site
 */
export function siteOf(host: string): string {
  if (/^[\d.]+$/.test(host) || host.includes(':') || host.startsWith('[')) return host;
  const labels = host.split('.');
  if (labels.length <= 2) return host;
  const lastTwo = labels.slice(-2).join('.');
  return TWO_LABEL_SUFFIXES.has(lastTwo) ? labels.slice(-3).join('.') : lastTwo;
}

export function isCrossSite(a: string | null, b: string | null): boolean {
  if (a === null || b === null) return false;
  const pa = parseOrigin(a);
  const pb = parseOrigin(b);
  if (!pa || !pb) return true;
  return pa.scheme !== pb.scheme || siteOf(pa.host) !== siteOf(pb.host);
}

export function isPreflightEntry(e: NetworkEntry): boolean {
  if (e.resourceType === 'preflight' || e.initiator?.type === 'preflight') return true;
  return e.method.toUpperCase() === 'OPTIONS' && header(e.requestHeaders, 'access-control-request-method') !== null;
}

/** The entry of the capture with this index, if any. */
export function entryAt(entries: readonly NetworkEntry[] | undefined, index: number | null): NetworkEntry | undefined {
  if (index === null || !entries) return undefined;
  return entries.find((e) => e.index === index);
}

/** Unique, in first-seen order. */
export function uniq<T>(items: Iterable<T>): T[] {
  return [...new Set(items)];
}
