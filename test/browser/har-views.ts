// Views of a captured HAR used by the differential test: the HAR as other tools write it
// (without Chromium's `_` fields), and which requests stay decidable from headers alone.

import type { Entry, Har } from 'har-format';
import type { OracleRow } from './capture.mjs';

/**
 * A deep copy without any key starting with `_` (`_error`, `_initiator`, `_resourceType`, …):
 * roughly what a HAR from Firefox, a proxy or an older exporter carries.
 */
export function stripUnderscoreKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v) => stripUnderscoreKeys(v)) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) if (!key.startsWith('_')) out[key] = stripUnderscoreKeys(v);
    return out as T;
  }
  return value;
}

/** Failures of the response itself that do not depend on the (uncaptured) credentials mode. */
const RESPONSE_ORIGIN_FAILURES = new Set(['MissingAllowOriginHeader', 'AllowOriginMismatch', 'MultipleAllowOriginValues']);

/** Preflight failures that block whatever the credentials mode was. */
const PREFLIGHT_FAILURES = new Set([
  'PreflightMissingAllowOriginHeader',
  'PreflightAllowOriginMismatch',
  'PreflightMultipleAllowOriginValues',
  'PreflightInvalidAllowOriginValue',
  'PreflightInvalidStatus',
  'PreflightDisallowedRedirect',
  'InvalidAllowMethodsPreflightResponse',
  'InvalidAllowHeadersPreflightResponse',
]);

const header = (entry: Entry, side: 'request' | 'response', name: string): string[] =>
  entry[side].headers.filter((h) => h.name.toLowerCase() === name).map((h) => h.value);

/**
 * True when the HAR without `_` fields still clearly decides the request, so an engine that
 * answers `unknown` gives up too early:
 *   - a CORS-mode request (it carries `Origin`) whose captured response lacks Access-Control-Allow-Origin,
 *     or has a mismatched or repeated one (credentials do not matter for these);
 *   - a request whose one captured preflight failed in a way that blocks whatever the credentials
 *     mode (origin, status, redirect, unparsable lists, or a method/header missing from a list without `*`).
 * Redirect chains and repeated calls are left out: they need more than headers to pair.
 */
export function clearlyDecidableWithoutUnderscoreFields(row: OracleRow, strippedHar: Har): boolean {
  if (row.harIndex === null || row.hops.length !== 1 || row.call !== 0 || !row.corsError) return false;
  const entry = strippedHar.log.entries[row.harIndex];
  if (!entry) return false;

  if (RESPONSE_ORIGIN_FAILURES.has(row.corsError)) {
    return entry.response.status > 0 && entry.response.headers.length > 0 && header(entry, 'request', 'origin').length > 0;
  }

  if (row.preflights.length !== 1) return false;
  const preflightIndex = row.preflights[0]?.harIndex;
  const preflight = preflightIndex === null || preflightIndex === undefined ? undefined : strippedHar.log.entries[preflightIndex];
  if (!preflight || preflight.response.status === 0 || preflight.response.headers.length === 0) return false;
  if (PREFLIGHT_FAILURES.has(row.corsError)) return true;
  if (row.corsError === 'MethodDisallowedByPreflightResponse') {
    return !header(preflight, 'response', 'access-control-allow-methods').some((v) => v.split(',').some((t) => t.trim() === '*'));
  }
  if (row.corsError === 'HeaderDisallowedByPreflightResponse') {
    return !header(preflight, 'response', 'access-control-allow-headers').some((v) => v.split(',').some((t) => t.trim() === '*'));
  }
  return false;
}
