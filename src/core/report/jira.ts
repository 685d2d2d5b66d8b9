/**
 * Jira wiki-markup report (Jira Server/Data Center "Text Formatting Notation", also accepted by
 * Jira Cloud's wiki renderer): `h2.` headings, `||heading||` tables, `{code}` and `{noformat}`.
 *
 * Captured values go into `{noformat}` blocks, the only Jira construct that shows text exactly
 * as written, so the CORS headers stay verbatim there. In table cells and prose every character
 * that Jira reads as markup is backslash-escaped.
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

/** Languages Jira's `{code}` macro highlights; anything else renders as plain `{code}`. */
const JIRA_LANGUAGES = new Set(['bash', 'javascript', 'python', 'java', 'ruby', 'php', 'go', 'yaml', 'json', 'xml', 'sql']);

/** Prose or a table cell: every markup character escaped, newlines flattened. */
export function jiraText(s: string): string {
  const v = s.replace(/\r\n|\r|\n/g, ' ').replace(/[\\|{}[\]*_?\-+^~!#]/g, (c) => `\\${c}`);
  return v === '' ? ' ' : v;
}

/** Monospace text for a table cell or prose. */
export function jiraMono(s: string): string {
  return s === '' ? '_(empty)_' : `{{${jiraText(s)}}}`;
}

/**
 * A block body cannot contain its own closing tag; Jira has no escape inside blocks, so a
 * literal `{noformat}` / `{code}` in captured text is broken up with a space.
 */
function blockBody(body: string): string {
  return body.replace(/\{(noformat|code)([}:])/gi, '{ $1$2');
}

export function jiraNoformat(body: string): string {
  return `{noformat}\n${blockBody(body)}\n{noformat}`;
}

export function jiraCode(body: string, lang: string): string {
  const l = lang === 'sh' ? 'bash' : lang;
  const open = JIRA_LANGUAGES.has(l) ? `{code:${l}}` : '{code}';
  return `${open}\n${blockBody(body)}\n{code}`;
}

function parts(p: Fact['parts']): string {
  return p.map((x) => ('code' in x ? jiraMono(x.code) : jiraText(x.text))).join('');
}

function headerLines(headers: Header[]): string[] {
  return headers.map((h) => `${h.name}: ${h.value.replace(/\r\n|\r|\n/g, '\\n')}`);
}

/** One hop as a raw HTTP exchange: request line and relevant headers, then status and relevant headers. */
function hopBlock(hop: ReportHop, data: ReportData): string[] {
  const what = hop.role === 'preflight' ? 'Preflight' : hop.role === 'request' ? 'Request' : 'Redirect hop';
  const req = relevantRequestHeaders(hop.requestHeaders, data.exchange);
  const res = relevantResponseHeaders(hop.responseHeaders);
  const lines = [`${hop.method} ${hop.url}`, ...headerLines(req), ''];
  lines.push(`Status: ${statusLine(hop)}`);
  if (hop.responseHeaders.length === 0) lines.push('(no response headers: no response reached the page, or the capture lacks them)');
  lines.push(...headerLines(res));
  const out = [`h3. ${what}: ${jiraMono(`${hop.method} ${hop.url}`)} → ${jiraMono(statusLine(hop))}`, jiraNoformat(lines.join('\n'))];
  const hidden = hop.requestHeaders.length - req.length + (hop.responseHeaders.length - res.length);
  if (hidden > 0) out.push(`_${hidden} other header${hidden === 1 ? '' : 's'} (not CORS\\-relevant) are in the JSON report and the mini\\-HAR._`);
  out.push('');
  return out;
}

/** Renders the report as Jira wiki markup. */
export function renderJira(data: ReportData): string {
  const ex = data.exchange;
  const out: string[] = [];
  out.push(`h2. ${parts(reportTitle(data))}`, '');
  out.push('||Field||Value||');
  for (const f of facts(data)) out.push(`|${jiraText(f.label)}|${parts(f.parts)}|`);
  out.push('');

  out.push('h3. Console', '');
  for (const name of BROWSER_ORDER) {
    const b = ex.browsers[name];
    if (!b) continue;
    out.push(`h4. ${BROWSER_LABELS[name]}: ${jiraText(b.verdict)}${b.reason ? ` (${jiraMono(b.reason)})` : ''}`);
    out.push(b.console.length > 0 ? jiraNoformat(b.console.join('\n')) : '_Prints nothing to the console._');
    for (const w of b.warnings) out.push(`*Warning:* ${jiraText(w)}`);
    out.push('');
  }

  if (ex.preflight.needed) {
    out.push('h3. Why the browser sent a preflight', '');
    if (ex.preflight.reasons.length === 0) out.push('_The capture does not show which header or method required it._');
    for (const r of ex.preflight.reasons) out.push(`* ${parts(reasonSentence(r))}`);
    out.push('');
  }

  for (const hop of data.hops) out.push(...hopBlock(hop, data));

  if (ex.redirects.length > 0) {
    out.push('h3. Redirects', '', '||#||Status||URL||Location||');
    ex.redirects.forEach((r, i) => out.push(`|${i + 1}|${r.status}|${jiraMono(r.url)}|${jiraMono(r.location)}|`));
    out.push('');
  }

  const findings = [...ex.notCors.map((f) => `*${jiraText(f.kind)}:* ${jiraText(f.summary)}`), ...ex.notes.map((n) => jiraText(n)), ...ex.missing.map((m) => `Missing from the capture: ${jiraText(m)}`)];
  for (const a of ex.alternatives) findings.push(`If ${jiraText(a.assumption)}: ${jiraText(a.verdict)}${a.corsError ? ` (${jiraMono(a.corsError)})` : ''}`);
  if (findings.length > 0) {
    out.push('h3. Findings and notes', '');
    for (const f of findings) out.push(`* ${f}`);
    out.push('');
  }

  for (const fix of data.fixes) {
    out.push(`h3. Suggested fix: ${jiraText(fix.server)}`, '', jiraCode(fix.code, fixLanguage(fix.server)));
    for (const w of fix.warnings) out.push(`*Warning:* ${jiraText(w)}`);
    out.push('');
  }

  const repro = reproduction(data);
  out.push('h3. Reproduce', '');
  if (data.redaction.redactions.length > 0) out.push('_Replace each {{\\[REDACTED\\]}} with a real value to send an authenticated request._', '');
  if (repro.curlPreflight) out.push('Preflight:', jiraCode(repro.curlPreflight, 'bash'), '');
  out.push('Actual request:', jiraCode(repro.curlRequest, 'bash'), '');
  out.push('Copy as fetch (run in the page\'s console):', jiraCode(repro.fetch, 'javascript'), '');

  out.push('h3. Redaction', '', jiraText(redactionSummary(data)), '');
  out.push('_Generated by CORS Lens._', '');
  return out.join('\n');
}
