import { methodCovered, missingHeaders, missingMethod } from './diagnose.js';
import { uniq } from './facts.js';
import type { Diagnosis, Fix, FixServer, OptionChange } from './types.js';

/**
 * Pieces shared by the flavours: the client-only fix, the origin placeholder, the full method/header
 * lists a from-scratch config should allow, and comment syntax.
 */

/** Used only when the capture does not show the page's origin. */
export const PLACEHOLDER_ORIGIN = 'https://app.example.com';

export type CommentStyle = '#' | '//' | ';';

export function comment(style: CommentStyle, text: string): string {
  return text
    .split('\n')
    .map((l) => (l === '' ? style : `${style} ${l}`))
    .join('\n');
}

/** How each flavour writes a comment (the client note is rendered as one). */
export const COMMENT_STYLE: Record<FixServer, CommentStyle> = {
  'django-cors-headers': '#',
  'django-middleware': '#',
  nginx: '#',
  apache: '#',
  cloudfront: '#',
  cloudflare: '//',
  express: '//',
  fastapi: '#',
  'flask-cors': '#',
  spring: '//',
  rails: '#',
  aspnet: '//',
  'go-rs-cors': '//',
  laravel: '//',
  caddy: '#',
  s3: '#',
};

/** The fix for failures no server change can cure: no changes, the client-side note as code. */
export function clientFix(server: FixServer, d: Diagnosis): Fix {
  const note = d.clientOnly ?? '';
  return {
    server,
    title: 'No server change can fix this: change the client',
    changes: [],
    code: comment(COMMENT_STYLE[server], `Client-side change needed (nothing to paste into the server):\n${wrap(note)}`),
    warnings: [note],
  };
}

/** The page's origin, or a placeholder plus a warning when the capture lacks it. */
export function originOrPlaceholder(d: Diagnosis, warnings: string[]): string {
  if (d.origin !== null && d.origin !== 'null') return d.origin;
  warnings.push(`The capture does not show the page's origin; replace ${PLACEHOLDER_ORIGIN} with the exact origin shown in the browser's address bar (scheme://host[:port]).`);
  return PLACEHOLDER_ORIGIN;
}

/** Methods a config written from scratch should allow: the usual REST set plus the one that failed. */
export function methodsToAllow(d: Diagnosis, base: readonly string[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']): string[] {
  const list = [...base];
  if (!methodCovered(list, d.method, true)) list.push(d.method);
  return uniq(list);
}

/** Request headers a config written from scratch should allow: Content-Type plus everything the preflight asked for. */
export function headersToAllow(d: Diagnosis, base: readonly string[] = ['Content-Type']): string[] {
  const lower = new Set(base.map((h) => h.toLowerCase()));
  return [...base, ...d.requestHeaders.filter((h) => !lower.has(h))];
}

/** Headers / method the current server is known or assumed (from its defaults) not to allow. */
export function missingFor(d: Diagnosis, defaults: { headers: readonly string[]; methods: readonly string[] }): { headers: string[]; method: string | null } {
  return { headers: missingHeaders(d, defaults.headers), method: missingMethod(d, defaults.methods) };
}

/** Warning for a method that fetch leaves in lower case (only the six standard ones are upper-cased). */
export function methodCaseWarning(method: string): string | null {
  if (method === method.toUpperCase()) return null;
  return `The page sends the method as '${method}': fetch only upper-cases DELETE, GET, HEAD, OPTIONS, POST and PUT, and Access-Control-Allow-Methods is compared case-sensitively. Prefer changing the client to '${method.toUpperCase()}'; the change below allows the exact spelling it sends today.`;
}

/** Follow-up the page meets once CORS passes for a credentialed write. */
export function isCredentialedWrite(d: Diagnosis): boolean {
  return d.credentials && !['GET', 'HEAD', 'OPTIONS'].includes(d.method.toUpperCase());
}

function wrap(text: string, width = 100): string {
  const words = text.split(/\s+/);
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    if (line !== '' && line.length + w.length + 1 > width) {
      lines.push(line);
      line = w;
    } else line = line === '' ? w : `${line} ${w}`;
  }
  if (line !== '') lines.push(line);
  return lines.join('\n');
}

export function describeProblem(d: Diagnosis): string {
  const e = d.exchange.corsError ?? 'blocked';
  return `${d.exchange.method} ${d.path} from ${d.origin ?? 'the page'} (${e})`;
}

/** Said when the capture cannot show the credentials mode (it is not in a HAR, and a failed preflight hides the Cookie header). */
export function credentialsUnknownWarning(setting: string): string {
  return `The capture cannot show whether this request is sent with credentials (fetch credentials: "include", xhr.withCredentials): its preflight failed before any cookie was sent. If it is, also set ${setting}; otherwise the next attempt fails with "Access-Control-Allow-Credentials … must be 'true'".`;
}

/**
 * A change on the client, in the same vocabulary: `context: 'client'`, option `fetch.method`.
 * Used where the server cannot accept the request as sent: nginx and Node's HTTP parser answer a
 * lower-case method (`patch`) with 400 before any CORS code runs.
 */
export function clientMethodChange(method: string): OptionChange {
  return { option: 'fetch.method', op: 'set', value: method.toUpperCase(), context: 'client' };
}

export function lowercaseMethodRejected(server: string, method: string): string {
  return `${server} answers a lower-case method ('${method}') with 400 Bad Request before any CORS code runs, so listing it cannot help: send '${method.toUpperCase()}' from the client (fetch only upper-cases DELETE, GET, HEAD, OPTIONS, POST and PUT by itself).`;
}

/** When "*" is the right answer and when it can never work. https://fetch.spec.whatwg.org/#cors-protocol-and-credentials */
export const WILDCARD_ADVICE =
  '"*" is right for a public API read without cookies: Access-Control-Allow-Origin: *, plus Access-Control-Expose-Headers naming any response header JavaScript must read (X-Total-Count, Content-Disposition …). It can never work for a request with credentials (cookies, fetch credentials: "include", xhr.withCredentials): those need the exact origin echoed and Access-Control-Allow-Credentials: true. And "*" in Access-Control-Allow-Headers never covers Authorization: list it by name.';

/** InvalidResponse: the preflight got no HTTP answer at all. */
export function noPreflightAnswerWarning(d: Diagnosis): string | null {
  if (d.exchange.corsError !== 'InvalidResponse') return null;
  return 'The preflight got no HTTP answer at all (the connection was reset, refused or timed out): a proxy, firewall or WAF dropped the OPTIONS request, or the server crashed on it. Check that OPTIONS reaches the server (curl -si -X OPTIONS -H "Origin: …" -H "Access-Control-Request-Method: …" URL); the settings below are what it must answer once it does.';
}
