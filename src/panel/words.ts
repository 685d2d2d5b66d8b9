/**
 * Plain-language sentences the panel shows, built from an Exchange. Pure: tested in test/panel.
 */
import type { Exchange, PreflightReason, Verdict } from '../core/model.js';
import { REASONS } from '../core/index.js';

export const VERDICT_LABEL: Record<Verdict, string> = {
  allowed: 'Allowed',
  blocked: 'Blocked',
  'network-error': 'Network error',
  'same-origin': 'Same origin',
  unknown: 'Unknown',
};

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** The verdict in one sentence. */
export function verdictSentence(x: Exchange): string {
  const from = x.origin === null ? 'the page' : `the page at ${x.origin}`;
  const target = hostOf(x.finalUrl);
  switch (x.verdict) {
    case 'blocked': {
      const title = x.corsError ? REASONS[x.corsError]?.title : undefined;
      return `The browser did not let ${from} read the response from ${target}${title ? `: ${title.charAt(0).toLowerCase()}${title.slice(1)}` : ''}.`;
    }
    case 'allowed':
      return x.opaque
        ? `The request went through in no-cors mode: the response is opaque, ${from} cannot read it.`
        : `${from.charAt(0).toUpperCase()}${from.slice(1)} can read the response from ${target}.`;
    case 'same-origin':
      return 'The page and the URL share scheme, host and port: CORS does not apply.';
    case 'network-error':
      return `The request to ${target} failed before any CORS check: not a CORS header problem.`;
    case 'unknown':
      return `This capture cannot tell whether the browser allowed it${x.missing.length ? `: it lacks ${x.missing.join('; ')}` : ''}.`;
  }
}

/** Short text for the list's reason column. */
export function reasonShort(x: Exchange): string {
  if (x.corsError) return x.corsError;
  if (x.notCors[0]) return x.notCors[0].summary;
  if (x.verdict === 'unknown') return x.alternatives.length ? 'Depends on credentials mode' : 'Not enough data';
  if (x.disagree) return 'Browsers disagree';
  if (x.opaque) return 'Opaque (no-cors)';
  return '';
}

/** Why a preflight was needed, one sentence per cause. */
export function preflightReasonText(r: PreflightReason): string {
  if (r.kind === 'method') return `The method ${r.method} is not GET, HEAD or POST${r.note ? ` (${r.note})` : ''}.`;
  const what = `The header ${r.name}: ${r.value}`;
  switch (r.why) {
    case 'not-safelisted':
      return `${what} is not one of the CORS-safelisted request headers.`;
    case 'value-too-long':
      return `${what} is longer than 128 bytes, so it is no longer safelisted.`;
    case 'unsafe-byte':
      return `${what} contains a byte that CORS treats as unsafe.`;
    case 'content-type':
      return `${what} is not application/x-www-form-urlencoded, multipart/form-data or text/plain.`;
    case 'range':
      return `${what} is not a single simple byte range.`;
    case 'total-over-1024':
      return `${what} pushes the safelisted headers over 1024 bytes in total.`;
    case 'language-chars':
      return `${what} contains characters not allowed in a safelisted language header.`;
  }
}

/** Only links we generate ourselves, and only to MDN over https, become clickable. */
export function safeDocLink(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === 'https:' && u.hostname === 'developer.mozilla.org' ? u.href : null;
  } catch {
    return null;
  }
}
