import type { NetworkEntry } from '../model.js';
import type { FixServer } from '../fixes/types.js';
import { header, headerValues, splitList } from '../fixes/facts.js';
import { DEFAULT_HEADERS } from '../fixes/django-settings.js';

/**
 * Response fingerprints of the servers CORS Lens has fixes for. Each rule looks at one response and
 * returns evidence (a short human sentence) or null; `weight` says how specific the evidence is.
 * Sources: each server's own defaults (Django SecurityMiddleware/XFrameOptions defaults, wsgiref's
 * Server string, Express's X-Powered-By, Starlette's 400 texts, Spring's Vary list, the CDNs' ids).
 */
export interface Fingerprint {
  server: FixServer;
  weight: number;
  /** Marks a proxy/CDN layer (sits in front of an app). */
  layer?: 'proxy';
  test: (e: NetworkEntry) => string | null;
}

const h = (e: NetworkEntry, name: string) => header(e.responseHeaders, name);
const DEFAULT_ACAH_3 = DEFAULT_HEADERS['3'].join(', ');
const DEFAULT_ACAH_4 = DEFAULT_HEADERS['4'].join(', ');
const setCookies = (e: NetworkEntry) => headerValues(e.responseHeaders, 'set-cookie').map((c) => c.split('=')[0]?.trim() ?? '');
const reqCookies = (e: NetworkEntry) =>
  headerValues(e.requestHeaders, 'cookie')
    .flatMap((c) => c.split(';'))
    .map((c) => c.split('=')[0]?.trim() ?? '');
const match = (value: string | null, re: RegExp): boolean => value !== null && re.test(value);
const vary = (e: NetworkEntry) => headerValues(e.responseHeaders, 'vary').flatMap(splitList).map((v) => v.toLowerCase());

/** Django's default security headers (X-Frame-Options DENY since 3.0, Referrer-Policy same-origin since 3.1, COOP since 4.0). */
function djangoSecurityHeaders(e: NetworkEntry): string | null {
  const xfo = h(e, 'x-frame-options');
  const rp = h(e, 'referrer-policy');
  const coop = h(e, 'cross-origin-opener-policy');
  const hits = [xfo === 'DENY' ? 'X-Frame-Options: DENY' : null, rp === 'same-origin' ? 'Referrer-Policy: same-origin' : null, coop === 'same-origin' ? 'Cross-Origin-Opener-Policy: same-origin' : null].filter(
    (x): x is string => x !== null,
  );
  return hits.length >= 2 ? `Django's default security headers (${hits.join(', ')})` : null;
}

export const FINGERPRINTS: readonly Fingerprint[] = [
  // ---- Django / django-cors-headers ----
  { server: 'django-cors-headers', weight: 6, test: (e) => (match(h(e, 'server'), /^WSGIServer\/[\d.]+ CPython\//) ? `Server: ${h(e, 'server')} (Django runserver)` : null) },
  { server: 'django-cors-headers', weight: 3, test: djangoSecurityHeaders },
  { server: 'django-cors-headers', weight: 4, test: (e) => (setCookies(e).some((c) => c === 'csrftoken' || c === 'sessionid') ? 'Django csrftoken/sessionid cookie set' : null) },
  { server: 'django-cors-headers', weight: 2, test: (e) => (reqCookies(e).some((c) => c === 'csrftoken' || c === 'sessionid') ? 'Django csrftoken/sessionid cookie sent' : null) },
  { server: 'django-cors-headers', weight: 3, test: (e) => (vary(e).includes('origin') && vary(e).includes('cookie') ? 'Vary: Origin, Cookie (django-cors-headers + sessions)' : null) },
  {
    server: 'django-cors-headers',
    weight: 4,
    test: (e) => (match(h(e, 'allow'), /^(?:[A-Z]+, )*OPTIONS(?:, [A-Z]+)*$/) && vary(e).includes('accept') ? `Django REST framework Allow list (${h(e, 'allow')}) with Vary: Accept` : null),
  },
  { server: 'django-cors-headers', weight: 3, test: (e) => ((e.bodyText ?? '').trimStart().startsWith('{"detail":') && vary(e).includes('accept') ? 'Django REST framework {"detail": …} error body' : null) },
  {
    server: 'django-cors-headers',
    weight: 5,
    test: (e) => {
      const acah = h(e, 'access-control-allow-headers');
      if (acah === DEFAULT_ACAH_3) return 'Allow-Headers is django-cors-headers 3.x default_headers';
      if (acah === DEFAULT_ACAH_4) return 'Allow-Headers is django-cors-headers 4.x default_headers';
      return null;
    },
  },
  {
    server: 'django-cors-headers',
    weight: 1,
    test: (e) => (e.responseHeaders.some((x) => x.name === 'Access-Control-Allow-Origin') && headerValues(e.responseHeaders, 'vary').some((v) => /(^|, )Origin(,|$)/.test(v)) ? 'Title-cased Access-Control-Allow-Origin with Vary: Origin (as django-cors-headers 3.x writes them)' : null),
  },
  { server: 'django-cors-headers', weight: 3, test: (e) => (/CSRF verification failed|CSRF Failed:/.test(e.bodyText ?? '') ? 'Django CSRF failure page' : null) },
  { server: 'django-cors-headers', weight: 2, test: (e) => (match(h(e, 'server'), /gunicorn|daphne|uvicorn.*django/i) ? `Server: ${h(e, 'server')} (Python WSGI/ASGI server, usually Django)` : null) },
  // ---- Python: FastAPI / Flask ----
  { server: 'fastapi', weight: 6, test: (e) => (match(h(e, 'server'), /^uvicorn|hypercorn/i) ? `Server: ${h(e, 'server')} (ASGI server, usually FastAPI/Starlette)` : null) },
  { server: 'fastapi', weight: 6, test: (e) => (/^Disallowed CORS (origin|method|headers)/.test(e.bodyText ?? '') ? 'Starlette CORSMiddleware 400 "Disallowed CORS …"' : null) },
  {
    server: 'fastapi',
    weight: 3,
    test: (e) => (h(e, 'access-control-allow-methods') === 'DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT' && h(e, 'access-control-max-age') === '600' ? 'Starlette allow_methods=["*"] with max_age 600' : null),
  },
  { server: 'flask-cors', weight: 6, test: (e) => (match(h(e, 'server'), /^Werkzeug\//) ? `Server: ${h(e, 'server')} (Flask)` : null) },
  { server: 'flask-cors', weight: 2, test: (e) => (setCookies(e).includes('session') && match(h(e, 'server'), /Werkzeug|gunicorn/i) ? 'Flask session cookie' : null) },
  // ---- Node ----
  { server: 'express', weight: 6, test: (e) => (match(h(e, 'x-powered-by'), /^Express$/) ? 'X-Powered-By: Express' : null) },
  { server: 'express', weight: 4, test: (e) => (h(e, 'access-control-allow-methods') === 'GET,HEAD,PUT,PATCH,POST,DELETE' ? 'Allow-Methods "GET,HEAD,PUT,PATCH,POST,DELETE" (the cors package default)' : null) },
  { server: 'express', weight: 1, test: (e) => (setCookies(e).includes('connect.sid') ? 'connect.sid cookie (express-session)' : null) },
  // ---- JVM / .NET / Ruby / PHP / Go ----
  {
    server: 'spring',
    weight: 5,
    test: (e) => (['origin', 'access-control-request-method', 'access-control-request-headers'].every((v) => vary(e).includes(v)) && h(e, 'x-powered-by') === null && h(e, 'server') === null ? 'Vary: Origin, Access-Control-Request-Method, Access-Control-Request-Headers (Spring)' : null),
  },
  { server: 'spring', weight: 3, test: (e) => (setCookies(e).includes('JSESSIONID') ? 'JSESSIONID cookie (Java servlet)' : null) },
  { server: 'spring', weight: 3, test: (e) => (h(e, 'x-xss-protection') === '0' && match(h(e, 'cache-control'), /no-cache, no-store, max-age=0, must-revalidate/) ? 'Spring Security default headers' : null) },
  { server: 'spring', weight: 4, test: (e) => (/^Invalid CORS request$/.test(e.bodyText ?? '') ? 'Spring "Invalid CORS request" 403' : null) },
  { server: 'aspnet', weight: 6, test: (e) => (match(h(e, 'server'), /^(Kestrel|Microsoft-IIS)/) ? `Server: ${h(e, 'server')}` : null) },
  { server: 'aspnet', weight: 5, test: (e) => (match(h(e, 'x-powered-by'), /^ASP\.NET/) || h(e, 'x-aspnet-version') !== null ? 'X-Powered-By: ASP.NET' : null) },
  { server: 'rails', weight: 4, test: (e) => (h(e, 'x-runtime') !== null && h(e, 'x-request-id') !== null ? 'X-Runtime + X-Request-Id (Rails)' : null) },
  { server: 'rails', weight: 3, test: (e) => (setCookies(e).some((c) => /^_[a-z0-9_]+_session$/.test(c)) ? 'Rails _app_session cookie' : null) },
  { server: 'rails', weight: 3, test: (e) => (match(h(e, 'server'), /Puma|Passenger|WEBrick/i) ? `Server: ${h(e, 'server')} (Ruby)` : null) },
  { server: 'laravel', weight: 5, test: (e) => (setCookies(e).some((c) => c === 'laravel_session' || c === 'XSRF-TOKEN') ? 'laravel_session / XSRF-TOKEN cookie' : null) },
  { server: 'laravel', weight: 2, test: (e) => (match(h(e, 'x-powered-by'), /^PHP\//) ? `X-Powered-By: ${h(e, 'x-powered-by')}` : null) },
  { server: 'laravel', weight: 2, test: (e) => (h(e, 'access-control-max-age') === '0' ? 'Access-Control-Max-Age: 0 (Laravel config/cors.php default)' : null) },
  {
    server: 'go-rs-cors',
    weight: 2,
    test: (e) => (e.status === 404 && (e.bodyText ?? '') === '404 page not found\n' ? 'Go net/http "404 page not found"' : null),
  },
  {
    server: 'go-rs-cors',
    weight: 3,
    test: (e) => (e.status === 204 && e.method === 'OPTIONS' && ['origin', 'access-control-request-method', 'access-control-request-headers'].every((v) => vary(e).includes(v)) && h(e, 'server') === null && h(e, 'date') !== null && h(e, 'access-control-max-age') === null ? 'rs/cors 204 preflight with its Vary list' : null),
  },
  // ---- Proxies and CDNs (layers in front of an app) ----
  { server: 'nginx', weight: 6, layer: 'proxy', test: (e) => (match(h(e, 'server'), /^nginx/i) ? `Server: ${h(e, 'server')}` : null) },
  { server: 'nginx', weight: 3, layer: 'proxy', test: (e) => (/<center>nginx[^<]*<\/center>/.test(e.bodyText ?? '') ? 'nginx error page' : null) },
  { server: 'apache', weight: 6, layer: 'proxy', test: (e) => (match(h(e, 'server'), /^Apache/i) ? `Server: ${h(e, 'server')}` : null) },
  { server: 'caddy', weight: 6, layer: 'proxy', test: (e) => (match(h(e, 'server'), /^Caddy/i) ? `Server: ${h(e, 'server')}` : null) },
  {
    server: 'cloudfront',
    weight: 6,
    layer: 'proxy',
    test: (e) => (h(e, 'x-amz-cf-id') !== null || match(h(e, 'via'), /CloudFront/i) || match(h(e, 'x-cache'), /cloudfront/i) ? 'CloudFront (X-Amz-Cf-Id / Via / X-Cache)' : null),
  },
  { server: 'cloudflare', weight: 6, layer: 'proxy', test: (e) => (match(h(e, 'server'), /^cloudflare$/i) || h(e, 'cf-ray') !== null ? 'Cloudflare (Server: cloudflare / CF-RAY)' : null) },
  { server: 's3', weight: 6, layer: 'proxy', test: (e) => (match(h(e, 'server'), /^AmazonS3$/) || h(e, 'x-amz-request-id') !== null ? 'Amazon S3 (Server: AmazonS3 / x-amz-request-id)' : null) },
];
