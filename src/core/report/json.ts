/**
 * JSON report, schema version 1 (documented in docs/report.md). Keys are emitted in a fixed
 * order so two reports of the same exchange diff cleanly.
 *
 * Pure: no browser globals, no Node APIs.
 */
import type { BrowserName, BrowserVerdict, Header } from '../model.js';
import type { ReportData } from './collect.js';
import { reproduction } from './reproduce.js';
import { REDACTION_RULES } from './redact.js';

export const REPORT_SCHEMA_VERSION = 1;

function headers(list: Header[]): Header[] {
  return list.map((h) => ({ name: h.name, value: h.value }));
}

function browserVerdict(b: BrowserVerdict | undefined): BrowserVerdict | null {
  if (!b) return null;
  return { verdict: b.verdict, reason: b.reason, console: [...b.console], warnings: [...b.warnings] };
}

/** The JSON report as an object (see `renderJson` for the string). */
export function jsonReport(data: ReportData): Record<string, unknown> {
  const ex = data.exchange;
  const repro = reproduction(data);
  const position = new Map(data.harOrder.map((h, k) => [h.harIndex, k]));
  const browsers: Record<BrowserName, BrowserVerdict | null> = {
    chrome: browserVerdict(ex.browsers.chrome),
    firefox: browserVerdict(ex.browsers.firefox),
    safari: browserVerdict(ex.browsers.safari),
  };
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    generator: 'CORS Lens',
    capture: {
      creator: data.capture.creator,
      browser: data.capture.browser,
    },
    exchange: {
      entryIndex: ex.entry,
      preflightEntryIndex: ex.preflightEntry,
      method: ex.method,
      url: ex.url,
      finalUrl: ex.finalUrl,
      pageOrigin: ex.origin,
      resourceKind: ex.resourceKind,
      verdict: ex.verdict,
      corsError: ex.corsError,
      failedParameter: ex.failedParameter,
      consoleMessage: ex.consoleMessage,
      credentials: { mode: ex.credentials.mode, evidence: ex.credentials.evidence },
      preflight: { needed: ex.preflight.needed, status: ex.preflight.status, reasons: ex.preflight.reasons.map((r) => ({ ...r })) },
      browsers,
      disagree: ex.disagree,
      opaque: ex.opaque,
      redirects: ex.redirects.map((r) => ({ entryIndex: r.entry, url: r.url, status: r.status, location: r.location })),
      notCors: ex.notCors.map((f) => ({ kind: f.kind, summary: f.summary })),
      notes: [...ex.notes],
      missing: [...ex.missing],
      alternatives: ex.alternatives.map((a) => ({ assumption: a.assumption, verdict: a.verdict, corsError: a.corsError, failedParameter: a.failedParameter })),
    },
    hops: data.hops.map((h) => ({
      role: h.role,
      entryIndex: h.harIndex,
      miniHarIndex: position.get(h.harIndex) ?? null,
      method: h.method,
      url: h.url,
      resourceType: h.resourceType,
      status: h.status,
      statusText: h.statusText,
      error: h.error,
      redirectURL: h.redirectURL,
      request: { headers: headers(h.requestHeaders), hasBody: h.hasRequestBody, body: h.requestBody, bodyMimeType: h.requestBodyMimeType },
      response: { headers: headers(h.responseHeaders) },
    })),
    fixes: data.fixes.map((f) => ({ server: f.server, code: f.code, warnings: [...f.warnings] })),
    reproduce: { curlPreflight: repro.curlPreflight, curlRequest: repro.curlRequest, fetch: repro.fetch },
    redaction: {
      enabled: data.redaction.enabled,
      rules: Object.fromEntries(REDACTION_RULES.map((r) => [r.id, data.redaction.options[r.id]])),
      redacted: data.redaction.redactions.map((r) => ({ path: r.path, rule: r.rule, label: r.label })),
    },
  };
}

export function renderJson(data: ReportData): string {
  return `${JSON.stringify(jsonReport(data), null, 2)}\n`;
}
