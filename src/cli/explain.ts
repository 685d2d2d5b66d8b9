import { explainConsoleMessage } from '../core/index.js';
import { EXIT, type CliIo } from './io.js';

export function runExplain(argv: string[], io: CliIo): number {
  const json = argv.includes('--json');
  const text = argv.filter((a) => a !== '--json').join(' ').trim();
  if (!text) {
    io.stderr('cors-lens: usage: cors-lens explain "<console message>" [--json]\n');
    return EXIT.usage;
  }
  const e = explainConsoleMessage(text);
  if (json) {
    io.stdout(`${JSON.stringify(e, null, 2)}\n`);
    return EXIT.ok;
  }
  const lines = [
    `${e.browser ? `[${e.browser}] ` : ''}${e.corsError ?? 'no CORS reason'} — ${e.title}`,
  ];
  if (e.candidates.length) lines.push(`(the same text also stands for: ${e.candidates.join(', ')})`);
  if (e.url) lines.push(`URL:     ${e.url}${e.redirectedFrom ? ` (redirected from ${e.redirectedFrom})` : ''}`);
  if (e.origin) lines.push(`Origin:  ${e.origin}`);
  if (e.failedParameter) lines.push(`Value:   ${e.failedParameter}`);
  if (e.preflight !== null) lines.push(`Stage:   ${e.preflight ? 'the preflight (OPTIONS) response' : 'the response itself'}`);
  lines.push(`Why:     ${e.explanation}`, `Fix:     ${e.fixSummary}`);
  io.stdout(`${lines.join('\n')}\n`);
  return EXIT.ok;
}
