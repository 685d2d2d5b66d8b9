/**
 * Origins as the browser serializes them.
 * https://html.spec.whatwg.org/multipage/browsers.html#ascii-serialisation-of-an-origin
 */

export interface ParsedUrl {
  scheme: string; // without ':'
  host: string;
  port: string; // '' when default
  href: string;
  username: string;
  password: string;
}

/** Parsed URLs by string: a capture repeats the same few URLs thousands of times. */
const PARSED = new Map<string, ParsedUrl | null>();

export function parseUrl(url: string): ParsedUrl | null {
  let p = PARSED.get(url);
  if (p === undefined) {
    if (PARSED.size > 50_000) PARSED.clear();
    p = parseUrlUncached(url);
    PARSED.set(url, p);
  }
  return p;
}

function parseUrlUncached(url: string): ParsedUrl | null {
  try {
    const u = new URL(url);
    return {
      scheme: u.protocol.replace(/:$/, ''),
      host: u.hostname,
      port: u.port,
      href: u.href,
      username: u.username,
      password: u.password,
    };
  } catch {
    return null;
  }
}

/** Tuple origins exist for http(s) (and ws(s)/ftp); every other scheme gives an opaque origin, serialized "null". */
const TUPLE_SCHEMES = new Set(['http', 'https', 'ws', 'wss', 'ftp']);

const ORIGINS = new Map<string, string | null>();

export function serializeOrigin(url: string): string | null {
  let o = ORIGINS.get(url);
  if (o === undefined) {
    if (ORIGINS.size > 50_000) ORIGINS.clear();
    o = serializeOriginUncached(url);
    ORIGINS.set(url, o);
  }
  return o;
}

function serializeOriginUncached(url: string): string | null {
  const u = parseUrl(url);
  if (!u) return null;
  // A blob: URL has the origin of the URL it wraps. https://url.spec.whatwg.org/#concept-url-origin
  if (u.scheme === 'blob') {
    const inner = parseUrl(url.slice(5));
    return inner && (inner.scheme === 'http' || inner.scheme === 'https') ? serializeOrigin(url.slice(5)) : 'null';
  }
  if (!TUPLE_SCHEMES.has(u.scheme)) return 'null';
  return `${u.scheme}://${u.host}${u.port ? `:${u.port}` : ''}`;
}

/** Same origin: equal serializations, and not opaque. https://html.spec.whatwg.org/#same-origin */
export function isSameOrigin(a: string | null, b: string | null): boolean {
  return a !== null && b !== null && a !== 'null' && a === b;
}

export function isHttpScheme(url: string): boolean {
  const u = parseUrl(url);
  return u !== null && (u.scheme === 'http' || u.scheme === 'https');
}

/** Chromium treats a URL as valid in the sense of GURL::is_valid(); `new URL` is a close stand-in. */
export function isValidUrl(s: string): boolean {
  return parseUrl(s) !== null;
}
