/**
 * GitHub-flavoured Markdown report (https://github.github.com/gfm/).
 *
 * Every captured value (URL, header, console line) goes into an inline code span or a fenced
 * block, so it renders as inert text: no links, no HTML, no emphasis. Table cells escape `|`,
 * which GFM requires even inside code spans (GFM spec, example 200).
 *
 * Pure: no browser globals, no Node APIs.
 */
import type { Header } from '../model.js';
import type { ReportData } from './collect.js';
import { relevantRequestHeaders, relevantResponseHeaders } from './headers.js';
import { reproduction } from './reproduce.js';
import {
  BROWSER_LABELS,
  BROWSER_ORDER,
  facts,
  fixLanguage,
  reasonSentence,
  redactionSummary,
  reportTitle,
  statusLine,
  type Fact,
} from './summary.js';
import type { ReportHop } from './types.js';

function longestRun(s: string, ch: string): number {
  let best = 0;
  let run = 0;
  for (const c of s) {
    run = c === ch ? run + 1 : 0;
    if (run > best) best = run;
  }
  return best;
}

/** An inline code span that holds `s` literally (newlines shown as `\n`, empty as a visible marker). */
export function mdCode(s: string, inTable = false): string {
  let v = s.replace(/\r\n|\r|\n/g, '\\n');
  if (v === '') return '*(empty)*';
  if (inTable) v = v.replace(/\|/g, '\\|');
  const fence = '`'.repeat(longestRun(v, '`') + 1);
  const pad = v.startsWith('`') || v.endsWith('`') || (v.startsWith(' ') && v.endsWith(' ') && v.trim() !== '') ? ' ' : '';
  return `${fence}${pad}${v}${pad}${fence}`;
}

/** Prose with every Markdown/HTML-active character escaped (GFM §2.4 backslash escapes). */
export function mdText(s: string): string {
  const v = s.replace(/\r\n|\r|\n/g, ' ').replace(/[\\`*_[\]<>|~&]/g, (c) => (c === '&' ? '&amp;' : `\\${c}`));
  // A line that starts with a block marker would become a heading, list or quote.
  return v.replace(/^([#+\-=>])/, '\\$1').replace(/^(\d+)([.)])/, '$1\\$2');
}

/** A fenced code block whose fence is longer than any backtick run inside. */
export function mdFence(body: string, lang = ''): string {
  const fence = '`'.repeat(Math.max(3, longestRun(body, '`') + 1));
  return `${fence}${lang}\n${body}\n${fence}`;
}

function parts(p: Fact['parts'], inTable: boolean): string {
  return p.map((x) => ('code' in x ? mdCode(x.code, inTable) : mdText(x.text))).join('');
}

function headerTable(headers: Header[]): string {
  const rows = headers.map((h) => `| ${mdCode(h.name, true)} | ${mdCode(h.value, true)} |`);
  return ['| Header | Value |', '| --- | --- |', ...rows].join('\n');
}

function hopTitle(hop: ReportHop): string {
  const what = hop.role === 'preflight' ? 'Preflight' : hop.role === 'request' ? 'Request' : 'Redirect hop';
  return `### ${what}: ${mdCode(`${hop.method} ${hop.url}`)} → ${mdCode(statusLine(hop))}`;
}

function hopSection(hop: ReportHop, data: ReportData): string[] {
  const out = [hopTitle(hop), ''];
  const req = relevantRequestHeaders(hop.requestHeaders, data.exchange);
  const res = relevantResponseHeaders(hop.responseHeaders);
  out.push('**Request headers**', '');
  out.push(req.length > 0 ? headerTable(req) : '*No CORS-relevant request headers in the capture.*', '');
  if (hop.role !== 'preflight' && !hop.requestHeaders.some((h) => h.name.toLowerCase() === 'origin')) {
    out.push('*The capture has no `Origin` request header for this hop (Chromium records only the provisional headers of a request blocked at the preflight).*', '');
  }
  out.push('**Response headers**', '');
  if (res.length > 0) out.push(headerTable(res), '');
  else if (hop.responseHeaders.length === 0) out.push('*No response headers: no response reached the page, or the capture lacks them.*', '');
  else out.push('*No CORS headers in the response.*', '');
  const hidden = hop.requestHeaders.length - req.length + (hop.responseHeaders.length - res.length);
  if (hidden > 0) out.push(`*${hidden} other header${hidden === 1 ? '' : 's'} (not CORS-relevant) are in the JSON report and the mini-HAR.*`, '');
  return out;
}

/** Renders the report as GitHub-flavoured Markdown. */
export function renderMarkdown(data: ReportData): string {
  const ex = data.exchange;
  const out: string[] = [];
  out.push(`## ${parts(reportTitle(data), false)}`, '');
  out.push('| Field | Value |', '| --- | --- |');
  for (const f of facts(data)) out.push(`| ${mdText(f.label)} | ${parts(f.parts, true)} |`);
  out.push('');

  out.push('### Console', '');
  for (const name of BROWSER_ORDER) {
    const b = ex.browsers[name];
    if (!b) continue;
    const reason = b.reason ? `: ${mdCode(b.reason)}` : '';
    out.push(`#### ${BROWSER_LABELS[name]}: ${mdText(b.verdict)}${reason}`, '');
    out.push(b.console.length > 0 ? mdFence(b.console.join('\n'), 'text') : '*Prints nothing to the console.*', '');
    for (const w of b.warnings) out.push(`> **Warning:** ${mdText(w)}`, '');
  }

  if (ex.preflight.needed) {
    out.push('### Why the browser sent a preflight', '');
    if (ex.preflight.reasons.length === 0) out.push('*The capture does not show which header or method required it.*');
    for (const r of ex.preflight.reasons) out.push(`- ${parts(reasonSentence(r), false)}`);
    out.push('');
  }

  for (const hop of data.hops) out.push(...hopSection(hop, data));

  if (ex.redirects.length > 0) {
    out.push('### Redirects', '', '| # | Status | URL | Location |', '| --- | --- | --- | --- |');
    ex.redirects.forEach((r, i) => out.push(`| ${i + 1} | ${r.status} | ${mdCode(r.url, true)} | ${mdCode(r.location, true)} |`));
    out.push('');
  }

  const findings = [...ex.notCors.map((f) => `**${mdText(f.kind)}:** ${mdText(f.summary)}`), ...ex.notes.map((n) => mdText(n)), ...ex.missing.map((m) => `Missing from the capture: ${mdText(m)}`)];
  for (const a of ex.alternatives) {
    findings.push(`If ${mdText(a.assumption)}: ${mdText(a.verdict)}${a.corsError ? ` (${mdCode(a.corsError)})` : ''}`);
  }
  if (findings.length > 0) {
    out.push('### Findings and notes', '');
    for (const f of findings) out.push(`- ${f}`);
    out.push('');
  }

  for (const fix of data.fixes) {
    out.push(`### Suggested fix: ${mdText(fix.server)}`, '', mdFence(fix.code, fixLanguage(fix.server)), '');
    for (const w of fix.warnings) out.push(`> **Warning:** ${mdText(w)}`, '');
  }

  const repro = reproduction(data);
  out.push('### Reproduce', '');
  if (data.redaction.redactions.length > 0) out.push('*Replace each `[REDACTED]` with a real value to send an authenticated request.*', '');
  if (repro.curlPreflight) out.push('Preflight:', '', mdFence(repro.curlPreflight, 'sh'), '');
  out.push('Actual request:', '', mdFence(repro.curlRequest, 'sh'), '');
  out.push('Copy as fetch (run in the page\'s console):', '', mdFence(repro.fetch, 'js'), '');

  out.push('### Redaction', '', mdText(redactionSummary(data)), '');
  out.push('*Generated by CORS Lens.*', '');
  return out.join('\n');
}
