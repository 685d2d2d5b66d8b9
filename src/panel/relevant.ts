/**
 * Which headers of a request/response matter for a verdict, and which one the failure points at.
 * Drives the side-by-side view: important headers first (shown as "missing" when absent), the
 * culprit highlighted, everything else folded.
 */
import type { CorsError, Exchange, Header } from '../core/model.js';

export type Side = 'preflight-request' | 'preflight-response' | 'request' | 'response';

export interface HeaderRow {
  name: string;
  /** null: the header is missing. */
  value: string | null;
  important: boolean;
  culprit: boolean;
}

const PREFLIGHT_CULPRIT: Partial<Record<CorsError, string[]>> = {
  PreflightMissingAllowOriginHeader: ['access-control-allow-origin'],
  PreflightMultipleAllowOriginValues: ['access-control-allow-origin'],
  PreflightInvalidAllowOriginValue: ['access-control-allow-origin'],
  PreflightAllowOriginMismatch: ['access-control-allow-origin'],
  PreflightWildcardOriginNotAllowed: ['access-control-allow-origin'],
  PreflightInvalidAllowCredentials: ['access-control-allow-credentials'],
  PreflightDisallowedRedirect: ['location'],
  InvalidAllowMethodsPreflightResponse: ['access-control-allow-methods'],
  MethodDisallowedByPreflightResponse: ['access-control-allow-methods'],
  InvalidAllowHeadersPreflightResponse: ['access-control-allow-headers'],
  HeaderDisallowedByPreflightResponse: ['access-control-allow-headers'],
  PreflightMissingAllowPrivateNetwork: ['access-control-allow-private-network'],
  PreflightInvalidAllowPrivateNetwork: ['access-control-allow-private-network'],
};

const RESPONSE_CULPRIT: Partial<Record<CorsError, string[]>> = {
  MissingAllowOriginHeader: ['access-control-allow-origin'],
  MultipleAllowOriginValues: ['access-control-allow-origin'],
  InvalidAllowOriginValue: ['access-control-allow-origin'],
  AllowOriginMismatch: ['access-control-allow-origin'],
  WildcardOriginNotAllowed: ['access-control-allow-origin'],
  InvalidAllowCredentials: ['access-control-allow-credentials'],
};

/** The request header the failure is about (the method or header the preflight asked for). */
const PREFLIGHT_REQUEST_CULPRIT: Partial<Record<CorsError, string[]>> = {
  MethodDisallowedByPreflightResponse: ['access-control-request-method'],
  HeaderDisallowedByPreflightResponse: ['access-control-request-headers'],
};

function has(headers: readonly Header[], name: string): boolean {
  return headers.some((h) => h.name.toLowerCase() === name);
}

/** Header names worth showing for one side of an exchange, in display order. */
export function wantedHeaders(side: Side, x: Exchange, headers: readonly Header[], status = 0): string[] {
  const credentials = x.credentials.mode === 'include';
  const want: string[] = [];
  const addIf = (name: string, cond: boolean): void => {
    if (cond || has(headers, name)) want.push(name);
  };
  switch (side) {
    case 'preflight-request':
      want.push('origin', 'access-control-request-method');
      addIf('access-control-request-headers', x.preflight.reasons.some((r) => r.kind === 'header'));
      addIf('access-control-request-private-network', false);
      break;
    case 'preflight-response':
      want.push('access-control-allow-origin');
      addIf('access-control-allow-credentials', credentials);
      addIf('access-control-allow-methods', x.preflight.reasons.some((r) => r.kind === 'method'));
      addIf('access-control-allow-headers', x.preflight.reasons.some((r) => r.kind === 'header'));
      addIf('access-control-max-age', false);
      addIf('location', status >= 300 && status < 400);
      break;
    case 'request':
      want.push('origin');
      addIf('cookie', false);
      addIf('authorization', false);
      break;
    case 'response':
      want.push('access-control-allow-origin');
      addIf('access-control-allow-credentials', credentials);
      addIf('access-control-expose-headers', false);
      addIf('vary', false);
      addIf('location', status >= 300 && status < 400);
      break;
  }
  return want;
}

export function culpritNames(side: Side, x: Exchange): string[] {
  if (!x.corsError || x.verdict !== 'blocked') return [];
  if (side === 'preflight-response') return PREFLIGHT_CULPRIT[x.corsError] ?? [];
  if (side === 'preflight-request') return PREFLIGHT_REQUEST_CULPRIT[x.corsError] ?? [];
  if (side === 'response') return RESPONSE_CULPRIT[x.corsError] ?? [];
  return [];
}

/** The rows to render: wanted headers first (each line kept, missing ones as null), then the rest. */
export function headerRows(headers: readonly Header[], wanted: readonly string[], culprits: readonly string[]): HeaderRow[] {
  const rows: HeaderRow[] = [];
  for (const name of wanted) {
    const lines = headers.filter((h) => h.name.toLowerCase() === name);
    const culprit = culprits.includes(name);
    if (lines.length === 0) rows.push({ name: canonical(name), value: null, important: true, culprit });
    for (const h of lines) rows.push({ name: h.name, value: h.value, important: true, culprit });
  }
  for (const h of headers) {
    if (!wanted.includes(h.name.toLowerCase())) rows.push({ name: h.name, value: h.value, important: false, culprit: false });
  }
  return rows;
}

/** `access-control-allow-origin` → `Access-Control-Allow-Origin`. */
export function canonical(name: string): string {
  return name.replace(/(^|-)([a-z])/g, (_m, dash: string, c: string) => dash + c.toUpperCase());
}
