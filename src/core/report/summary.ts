/**
 * Wording shared by the Markdown and Jira reports: title, facts, preflight reasons, per-browser
 * outcomes. Plain strings; each format escapes them its own way.
 *
 * Pure: no browser globals, no Node APIs.
 */
import type { BrowserName, PreflightReason } from '../model.js';
import type { ReportData } from './collect.js';
import { REDACTION_RULES, type Redaction } from './redact.js';
import type { ReportHop } from './types.js';

/** A fact row: `code` values render as inline code (inert), `text` values as escaped prose. */
export interface Fact {
  label: string;
  parts: Array<{ code: string } | { text: string }>;
}

export const BROWSER_LABELS: Record<BrowserName, string> = { chrome: 'Chrome', firefox: 'Firefox', safari: 'Safari' };
export const BROWSER_ORDER: BrowserName[] = ['chrome', 'firefox', 'safari'];

export function verdictWord(verdict: string): string {
  switch (verdict) {
    case 'blocked': return 'blocked by CORS';
    case 'allowed': return 'allowed by CORS';
    case 'network-error': return 'failed before CORS (network error)';
    case 'same-origin': return 'same-origin (CORS does not apply)';
    default: return 'verdict unknown';
  }
}

export function reportTitle(data: ReportData): Fact['parts'] {
  const ex = data.exchange;
  const title: Fact['parts'] = [{ text: 'CORS report: ' }, { code: `${ex.method} ${ex.url}` }, { text: ` ${verdictWord(ex.verdict)}` }];
  if (ex.corsError) title.push({ text: ' (' }, { code: ex.corsError }, { text: ')' });
  return title;
}

/** `200 OK`, `0 (net::ERR_FAILED)`, `0 (no response)`. */
export function statusLine(hop: ReportHop): string {
  const text = hop.statusText ? ` ${hop.statusText}` : '';
  if (hop.status === 0) return `0${hop.error ? ` (${hop.error})` : ' (no response)'}`;
  return `${hop.status}${text}${hop.error ? ` (${hop.error})` : ''}`;
}

export function browserLine(data: ReportData): string {
  const b = data.capture.browser;
  if (!b) return 'unknown (the HAR names no browser)';
  const from = b.from === 'user-agent' ? ' (from the User-Agent header)' : b.from === 'har-creator' ? ' (from log.creator)' : '';
  return `${b.name} ${b.version}${from}`.trim();
}

export function creatorLine(data: ReportData): string | null {
  const c = data.capture.creator;
  return c ? `${c.name} ${c.version}`.trim() : null;
}

export function facts(data: ReportData): Fact[] {
  const ex = data.exchange;
  const rows: Fact[] = [];
  const verdict: Fact['parts'] = [{ text: verdictWord(ex.verdict) }];
  if (ex.corsError) verdict.push({ text: ': ' }, { code: ex.corsError });
  if (ex.failedParameter) verdict.push({ text: ', failed parameter ' }, { code: ex.failedParameter });
  rows.push({ label: 'Verdict', parts: verdict });
  rows.push({ label: 'Request', parts: [{ code: `${ex.method} ${ex.url}` }] });
  if (ex.finalUrl && ex.finalUrl !== ex.url) rows.push({ label: 'Final URL', parts: [{ code: ex.finalUrl }] });
  rows.push({ label: 'Page origin', parts: ex.origin ? [{ code: ex.origin }] : [{ text: 'unknown' }] });
  const req = data.hops.find((h) => h.role === 'request');
  if (req) rows.push({ label: 'Status', parts: [{ code: statusLine(req) }] });
  const pre = data.hops.find((h) => h.role === 'preflight');
  if (pre) rows.push({ label: 'Preflight status', parts: [{ code: statusLine(pre) }] });
  rows.push({ label: 'Preflight', parts: [{ text: preflightStatusText(data) }] });
  if (ex.resourceKind) rows.push({ label: 'Initiated by', parts: [{ code: ex.resourceKind }] });
  rows.push({ label: 'Credentials', parts: [{ code: ex.credentials.mode }, ...(ex.credentials.evidence ? [{ text: ` (${ex.credentials.evidence})` }] : [])] });
  rows.push({ label: 'Browser', parts: [{ text: browserLine(data) }] });
  const creator = creatorLine(data);
  if (creator) rows.push({ label: 'Captured with', parts: [{ text: creator }] });
  if (ex.disagree) rows.push({ label: 'Browsers disagree', parts: [{ text: 'yes (see the console section)' }] });
  return rows;
}

export function preflightStatusText(data: ReportData): string {
  const p = data.exchange.preflight;
  if (!p.needed) return 'not needed (a simple request)';
  if (p.status === 'captured') return 'sent and captured';
  return 'needed, but not in the capture (served from the preflight cache, or sent before DevTools opened)';
}

/** One sentence per preflight cause. https://fetch.spec.whatwg.org/#cors-safelisted-request-header */
export function reasonSentence(r: PreflightReason): Fact['parts'] {
  if (r.kind === 'method') {
    return [{ text: 'Method ' }, { code: r.method }, { text: ' is not a CORS-safelisted method (GET, HEAD, POST).' }, ...(r.note ? [{ text: ` ${r.note}` }] : [])];
  }
  const h: Fact['parts'] = [{ text: 'Header ' }, { code: r.value === '' ? r.name : `${r.name}: ${r.value}` }];
  switch (r.why) {
    case 'not-safelisted': return [...h, { text: ' is not a CORS-safelisted request header.' }];
    case 'content-type': return [...h, { text: ' is not one of application/x-www-form-urlencoded, multipart/form-data, text/plain.' }];
    case 'value-too-long': return [...h, { text: ' has a value longer than 128 bytes.' }];
    case 'unsafe-byte': return [...h, { text: ' has a byte that a safelisted header may not contain.' }];
    case 'range': return [...h, { text: ' is not a single simple byte range.' }];
    case 'total-over-1024': return [...h, { text: ' pushes the safelisted headers over 1024 bytes in total.' }];
    case 'language-chars': return [...h, { text: ' has characters outside the language-tag safelist.' }];
    default: return [...h, { text: ' makes the request non-simple.' }];
  }
}

/** "3 values redacted: Authorization headers (1), Cookie values (2)" or the warning when redaction was off. */
export function redactionSummary(data: ReportData): string {
  const r = data.redaction;
  if (!r.enabled) return 'Redaction was turned off: this report may contain cookies, tokens and other secrets.';
  const off = REDACTION_RULES.filter((rule) => !r.options[rule.id]).map((rule) => rule.label);
  const counts = countByRule(r.redactions);
  const parts = [...counts].map(([label, n]) => `${label} (${n})`);
  const head = r.redactions.length === 0
    ? 'Redaction was on; nothing secret was found.'
    : `Redacted before export: ${r.redactions.length} field${r.redactions.length === 1 ? '' : 's'}: ${parts.join(', ')}.`;
  return off.length > 0 ? `${head} Rules turned off: ${off.join(', ')}.` : head;
}

function countByRule(list: Redaction[]): Map<string, number> {
  const labels = new Map<string, string>(REDACTION_RULES.map((r) => [r.id, r.label]));
  labels.set('knownValue', 'Secrets repeated elsewhere');
  const counts = new Map<string, number>();
  for (const item of list) {
    const label = labels.get(item.rule) ?? item.rule;
    counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  return counts;
}

/** Language of a fix snippet, for syntax highlighting. */
export function fixLanguage(server: string): string {
  const s = server.toLowerCase();
  if (/django|flask|fastapi|starlette|python/.test(s)) return 'python';
  if (/express|node|koa|hono|fastify|next|javascript|typescript|worker/.test(s)) return 'javascript';
  if (/nginx/.test(s)) return 'nginx';
  if (/apache|httpd|htaccess/.test(s)) return 'apache';
  if (/caddy/.test(s)) return 'caddy';
  if (/spring|java/.test(s)) return 'java';
  if (/rails|rack|ruby/.test(s)) return 'ruby';
  if (/laravel|php/.test(s)) return 'php';
  if (/go\b|gin|echo|rs\/cors/.test(s)) return 'go';
  if (/yaml|traefik|kubernetes|ingress/.test(s)) return 'yaml';
  return '';
}
