import type { Exchange } from '../model.js';
import { renderSettings } from './django-cors-headers.js';
import { diagnose } from './diagnose.js';
import { entryAt, header, headerValues, isPreflightEntry, splitList, urlOrigin } from './facts.js';
import type { DjangoChange, Fix, FixContext } from './types.js';

/**
 * Advice for exchanges CORS allowed, where something still does not work as the page expects:
 * - response headers JavaScript cannot read (not CORS-safelisted, not in Access-Control-Expose-Headers:
 *   `response.headers.get('X-Total-Count')` is null) → CORS_EXPOSE_HEADERS;
 * - the same preflight sent again and again (no or a short Access-Control-Max-Age) → CORS_PREFLIGHT_MAX_AGE.
 * Not blocks, so they are not part of suggestFixes; the panel/CLI may show them as hints.
 * https://fetch.spec.whatwg.org/#cors-safelisted-response-header-name
 */

const SAFELISTED_RESPONSE = new Set(['cache-control', 'content-language', 'content-length', 'content-type', 'expires', 'last-modified', 'pragma']);
/** Headers apps add for their JavaScript to read (the rest — Date, Server, Vary … — nobody reads). */
const APP_READABLE = /^(x-(?!frame-options|content-type-options|xss-protection|powered-by|request-id$|runtime$|cache)|content-disposition$|link$|etag$|location$|retry-after$|ratelimit)/i;

export function suggestAdvisories(exchange: Exchange, ctx: FixContext = {}): Fix[] {
  if (exchange.verdict !== 'allowed' || exchange.origin === null || exchange.opaque) return [];
  const entries = ctx.entries ?? [];
  const actual = ctx.actual ?? entryAt(entries, exchange.entry);
  if (!actual || urlOrigin(actual.url) === exchange.origin) return [];
  const d = diagnose(exchange, ctx);
  const version = d.djangoVersion ?? '4';
  const out: Fix[] = [];

  const exposed = splitList(header(actual.responseHeaders, 'access-control-expose-headers')).map((h) => h.toLowerCase());
  const hidden = [
    ...new Set(
      actual.responseHeaders
        .map((h) => h.name.toLowerCase())
        .filter((n) => !SAFELISTED_RESPONSE.has(n) && !n.startsWith('access-control-') && APP_READABLE.test(n) && !exposed.includes(n) && !exposed.includes('*')),
    ),
  ];
  if (hidden.length > 0) {
    const changes: DjangoChange[] = hidden.map((h) => ({ setting: 'CORS_EXPOSE_HEADERS', op: 'add', value: h }));
    out.push({
      server: 'django-cors-headers',
      title: `Let JavaScript read ${hidden.join(', ')} (CORS_EXPOSE_HEADERS)`,
      changes,
      code: renderSettings(changes, d, version, d.origin ?? ''),
      warnings: [
        `The response carries ${hidden.join(', ')}, but without Access-Control-Expose-Headers response.headers.get() returns null for them in the page (only Cache-Control, Content-Language, Content-Length, Content-Type, Expires, Last-Modified and Pragma are readable). Not a block; add them only if the page reads them.`,
      ],
    });
  }

  const preflights = entries.filter((e) => isPreflightEntry(e) && e.url === exchange.url && e.status >= 200 && e.status < 300);
  const maxAge = preflights.map((p) => Number(header(p.responseHeaders, 'access-control-max-age') ?? '5'));
  if (preflights.length >= 3 && maxAge.every((m) => !(m >= 600))) {
    const changes: DjangoChange[] = [{ setting: 'CORS_PREFLIGHT_MAX_AGE', op: 'set', value: 7200 }];
    out.push({
      server: 'django-cors-headers',
      title: `Cache preflights: ${preflights.length} identical preflights in this capture (CORS_PREFLIGHT_MAX_AGE)`,
      changes,
      code: renderSettings(changes, d, version, d.origin ?? ''),
      warnings: [
        `Without Access-Control-Max-Age (or with a small one) the browser caches a preflight for 5 s only. Chromium caps the value at 7200 s (2 h). django-cors-headers sends 86400 by default; 0 or a falsy value leaves the header out. Seen: ${headerValues(preflights[0]?.responseHeaders, 'access-control-max-age').join(', ') || 'no Access-Control-Max-Age'}.`,
      ],
    });
  }
  return out;
}

