/**
 * Public API of the request report: one exchange, redacted, as Markdown (GitHub), Jira wiki
 * markup, JSON (schema in docs/report.md) or a mini-HAR.
 *
 * Pure: no browser globals, no Node APIs.
 */
import { collectReport, type ReportData } from './collect.js';
import { renderHar } from './har.js';
import { renderJira } from './jira.js';
import { renderJson } from './json.js';
import { renderMarkdown } from './markdown.js';
import type { Redaction, RedactionOptions } from './redact.js';
import type { ReportInput } from './types.js';

export type ReportFormat = 'md' | 'jira' | 'json' | 'har';
export const REPORT_FORMATS: readonly ReportFormat[] = ['md', 'jira', 'json', 'har'];

export interface ReportOptions {
  format: ReportFormat;
  /** Rules to turn off, e.g. `{ bodies: false }`; every rule is on by default. */
  redaction?: Partial<RedactionOptions> | null;
  /** CORS Lens version written into the mini-HAR's `log.creator`. */
  toolVersion?: string;
}

export interface RenderedReport {
  format: ReportFormat;
  text: string;
  mimeType: string;
  /** Suggested file name extension (without the dot). */
  extension: string;
  /** What was redacted, by field path (never the secret itself). */
  redactions: Redaction[];
}

const META: Record<ReportFormat, { mimeType: string; extension: string }> = {
  md: { mimeType: 'text/markdown', extension: 'md' },
  jira: { mimeType: 'text/plain', extension: 'jira.txt' },
  json: { mimeType: 'application/json', extension: 'json' },
  har: { mimeType: 'application/json', extension: 'har' },
};

/** Renders already collected report data in one format. */
export function renderReportData(data: ReportData, format: ReportFormat, toolVersion?: string): string {
  switch (format) {
    case 'md': return renderMarkdown(data);
    case 'jira': return renderJira(data);
    case 'json': return renderJson(data);
    case 'har': return renderHar(data, toolVersion !== undefined ? { toolVersion } : {});
  }
}

/**
 * One call for the panel's export button and the CLI: collects, redacts and renders.
 * Throws `ReportInputError` when the exchange's entries are not in the input.
 */
export function renderReport(input: ReportInput, options: ReportOptions): RenderedReport {
  const data = collectReport(input, options.redaction);
  return {
    format: options.format,
    text: renderReportData(data, options.format, options.toolVersion),
    ...META[options.format],
    redactions: data.redaction.redactions,
  };
}

/**
 * The redaction preview for a settings UI with one toggle per rule: the redacted data (hops,
 * exchange, pages) plus the list of what was redacted, by field path.
 */
export function previewRedaction(input: ReportInput, redaction?: Partial<RedactionOptions> | null): { data: ReportData; redactions: Redaction[] } {
  const data = collectReport(input, redaction);
  return { data, redactions: data.redaction.redactions };
}

export { collectReport, harEntryFromNetworkEntry, browserFromUserAgent, ReportInputError } from './collect.js';
export type { ReportData } from './collect.js';
export { renderMarkdown } from './markdown.js';
export { renderJira } from './jira.js';
export { renderJson, jsonReport, REPORT_SCHEMA_VERSION } from './json.js';
export { renderHar, miniHar } from './har.js';
export { reproduction, curlPreflight, curlRequest, fetchSnippet, shellQuote } from './reproduce.js';
export {
  MASK,
  REDACTION_RULES,
  DEFAULT_REDACTION,
  NO_REDACTION,
  redactionOptions,
  isCorsHeaderName,
  isSecretHeaderName,
  isSensitiveParamName,
  scrubText,
} from './redact.js';
export type { Redaction, RedactionOptions, RedactionRule } from './redact.js';
export type { ReportFix, ReportInput, ReportHop, HarLike, CaptureInfo } from './types.js';
