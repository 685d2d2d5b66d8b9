import type { Exchange, NetworkEntry, NotCorsFinding } from '../model.js';
import { entryAt, header, headerValues } from '../fixes/facts.js';

/**
 * What a cross-origin cookie/session user hits once CORS passes: Django's CSRF 403. CORS never exempts
 * a request from CSRF; Django ≥ 4.0 also checks Origin against CSRF_TRUSTED_ORIGINS.
 * https://docs.djangoproject.com/en/stable/ref/csrf/
 *
 * Returns the findings the engine's `notCors` does not already carry.
 */
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The texts Django (and DRF's SessionAuthentication) put in a CSRF 403. */
const CSRF_BODY = /CSRF verification failed|CSRF Failed:|CSRF token (missing|incorrect)|CSRF cookie not set|Origin checking failed|Referer checking failed/;

export function diagnoseFollowUps(exchange: Exchange, entries: readonly NetworkEntry[]): NotCorsFinding[] {
  if (exchange.notCors.some((n) => n.kind === 'csrf')) return [];
  if (exchange.verdict !== 'allowed' || !UNSAFE.has(exchange.method.toUpperCase())) return [];
  const actual = finalEntry(exchange, entries);
  if (!actual || actual.status !== 403) return [];
  const body = actual.bodyText ?? '';
  const reason = CSRF_BODY.exec(body)?.[0];
  const djangoish =
    headerValues(actual.responseHeaders, 'set-cookie').some((c) => c.startsWith('csrftoken=')) ||
    headerValues(actual.requestHeaders, 'cookie').some((c) => /(^|;\s*)csrftoken=/.test(c)) ||
    header(actual.responseHeaders, 'x-frame-options') === 'DENY';
  if (!reason && !(body === '' && djangoish && exchange.credentials.mode === 'include')) return [];
  const sentToken = header(actual.requestHeaders, 'x-csrftoken') !== null;
  const origin = exchange.origin ?? 'the page origin';
  const detail = reason ? `Django refused it: "${reason}"` : 'a 403 from Django on a cookie-authenticated write is almost always the CSRF check';
  return [
    {
      kind: 'csrf',
      summary: `CORS passed, but ${detail}. Add ${origin} to CSRF_TRUSTED_ORIGINS (with scheme on Django ≥ 4.0)${sentToken ? '' : ' and send the csrftoken cookie value in an X-CSRFToken header'}; x-csrftoken is in django-cors-headers' default allowed headers.`,
    },
  ];
}

function finalEntry(exchange: Exchange, entries: readonly NetworkEntry[]): NetworkEntry | undefined {
  if (exchange.redirects.length === 0) return entryAt(entries, exchange.entry);
  return entries.find((e) => e.url === exchange.finalUrl && e.method.toUpperCase() === exchange.method.toUpperCase() && e.index >= exchange.entry) ?? entryAt(entries, exchange.entry);
}
