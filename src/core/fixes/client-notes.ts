import type { CorsError, Exchange } from '../model.js';
import { isLoopbackHost, parseOrigin } from './facts.js';

/**
 * Failures no server setting can cure, with what to do on the client instead.
 * Each text names the cause and the client-side change; flavours show it as-is.
 * https://fetch.spec.whatwg.org/#main-fetch (mode, scheme and redirect rules) and
 * https://wicg.github.io/local-network-access/ for the local-network errors.
 */
export const CLIENT_ONLY: Partial<Record<CorsError, string>> = {
  DisallowedByMode:
    "No server change can fix this: the page asked for mode 'same-origin', which refuses every cross-origin URL before anything is sent. Use the default mode ('cors') in fetch(), or call a same-origin URL (e.g. through a dev-server proxy).",
  CorsDisabledScheme:
    'No server change can fix this: the URL uses a scheme without CORS (file:, a custom scheme, …). Serve the resource over http(s) and request that URL instead.',
  RedirectContainsCredentials:
    'No CORS setting can fix this: a redirect pointed to a URL with a user name or password (https://user:pass@host/…), which browsers refuse for cross-origin requests. Request the final URL directly, and remove the credentials from the redirect target on the server that sends the redirect; send credentials in an Authorization header instead.',
  NoCorsRedirectModeNotFollow:
    "No server change can fix this: a mode 'no-cors' request may only use redirect: 'follow'. Drop the redirect option (or set it to 'follow'), or use mode 'cors'.",
  InsecureLocalNetwork:
    'No CORS header can fix this: a page that is not a secure context (http://, not localhost) may not reach a more private address space (local network or loopback). Serve the page over HTTPS, or call the API through a public address.',
  InvalidLocalNetworkAccess:
    "No server change can fix this: the request declared a target address space (fetch's targetAddressSpace) that does not match where the server really is. Fix or remove that option on the client.",
  LocalNetworkAccessPermissionDenied:
    "No server change can fix this: the user (or a policy) denied this site's permission to reach the local network. Re-allow 'Local network access' in the site settings, or have an administrator allow it by policy.",
};

/** When no server change can help: why, and what to do on the client instead; null otherwise. */
export function clientOnlyNote(exchange: Exchange, origin: string | null, target: string | null): string | null {
  const err = exchange.corsError;
  const fixed = err ? CLIENT_ONLY[err] : undefined;
  if (fixed) return fixed;
  if (origin === 'null') {
    return "No safe server change can fix this: the browser sent Origin: null (sandboxed iframe, file:// or data: page, or a request redirected across origins). Allowing 'null' would let every sandboxed document read the response. Request the final URL directly (no cross-origin redirect) and serve the page from a real https:// origin, then allow that origin.";
  }
  const o = origin ? parseOrigin(origin) : null;
  const t = target ? parseOrigin(target) : null;
  if (o && t && o.scheme === 'http' && t.scheme === 'https' && !isLoopbackHost(o.host)) {
    return `No safe server change can fix this: the page runs on ${origin} (plain http) and an https API should not trust it, because anyone on the network can inject script into an http page. Serve the page over https:// and allow https://${o.host}${o.port ? `:${o.port}` : ''} instead.`;
  }
  return null;
}
