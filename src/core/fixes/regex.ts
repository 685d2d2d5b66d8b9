import { isLoopbackHost, parseOrigin } from './facts.js';

/**
 * Origin regexes the fixes suggest. Every one is anchored at both ends and escapes its dots, because
 * django-cors-headers, Flask-CORS and Traefik use a prefix match (`re.match`) and an unescaped `.`
 * matches any character: `^https://app.example.com` also allows `https://app.example.com.evil.test`.
 * https://docs.python.org/3/library/re.html#re.match
 */

export function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** `^http://127\.0\.0\.1:5173$` — exactly one origin. */
export function exactOriginRegex(origin: string): string {
  return `^${escapeRegex(origin)}$`;
}

/**
 * `^https://[a-z0-9-]+\.example\.com$` — every direct subdomain of the origin's parent domain, same scheme
 * and port. Null when the host has no parent worth generalising (IP, localhost, two labels).
 */
export function subdomainFamilyRegex(origin: string): string | null {
  const o = parseOrigin(origin);
  if (!o || isLoopbackHost(o.host) || /^[\d.]+$/.test(o.host) || o.host.includes(':')) return null;
  const labels = o.host.split('.');
  if (labels.length < 3) return null;
  const parent = labels.slice(1).join('.');
  const port = o.port ? `:${o.port}` : '';
  return `^${o.scheme}://[a-z0-9-]+\\.${escapeRegex(parent)}${escapeRegex(port)}$`;
}

/** The origin as the `*.example.com` wildcard pattern used by Spring/ASP.NET/S3/rs-cors/Laravel. */
export function subdomainWildcard(origin: string): string | null {
  const o = parseOrigin(origin);
  if (!o || isLoopbackHost(o.host) || /^[\d.]+$/.test(o.host)) return null;
  const labels = o.host.split('.');
  if (labels.length < 3) return null;
  return `${o.scheme}://*.${labels.slice(1).join('.')}${o.port ? `:${o.port}` : ''}`;
}
