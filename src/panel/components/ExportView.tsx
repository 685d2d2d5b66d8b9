/**
 * The "Export" tab: the report exactly as it will be shared (the preview is the text that gets
 * copied or saved), a toggle per redaction rule, and the format. Choices are remembered.
 */
import { useMemo, useState } from 'preact/hooks';
import type { Exchange } from '../../core/model.js';
import { REDACTION_RULES, REPORT_FORMATS, renderReport, type RedactionOptions, type ReportFormat, type ReportFix } from '../../core/report/index.js';
import { usePref, type Prefs } from '../hooks.js';
import { copyText, saveText } from '../share.js';

const FORMAT_LABEL: Record<ReportFormat, string> = { md: 'Markdown', jira: 'Jira', json: 'JSON', har: 'Mini-HAR' };

interface Props {
  x: Exchange;
  har: { log: Record<string, unknown> };
  fixes: ReportFix[];
  prefs: Prefs;
}

export function ExportView({ x, har, fixes, prefs }: Props) {
  const [format, setFormat] = usePref<ReportFormat>(prefs, 'export.format', 'md');
  const [redaction, setRedaction] = usePref<Partial<RedactionOptions>>(prefs, 'export.redaction', {});
  const [status, setStatus] = useState('');
  const rendered = useMemo(() => {
    try {
      return { report: renderReport({ exchange: x, har, fixes }, { format, redaction }), error: null };
    } catch (e) {
      return { report: null, error: e instanceof Error ? e.message : String(e) };
    }
  }, [x, har, fixes, format, redaction]);
  const report = rendered.report;
  const fileName = report ? `cors-report-${x.entry}.${report.extension}` : '';

  return (
    <div class="export">
      <div class="export-controls">
        <fieldset>
          <legend>Format</legend>
          {REPORT_FORMATS.map((f) => (
            <label key={f} class="radio">
              <input type="radio" name="export-format" value={f} checked={format === f} onChange={() => setFormat(f)} /> {FORMAT_LABEL[f]}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>Redact</legend>
          {REDACTION_RULES.map((r) => (
            <label key={r.id} class="checkbox" title={r.description}>
              <input
                type="checkbox"
                checked={redaction[r.id] ?? true}
                onChange={(e) => setRedaction({ ...redaction, [r.id]: (e.target as HTMLInputElement).checked })}
              />{' '}
              {r.label}
            </label>
          ))}
        </fieldset>
        <div class="export-actions">
          <button
            type="button"
            class="primary"
            disabled={!report}
            onClick={async () => {
              if (!report) return;
              setStatus((await copyText(report.text)) ? 'Copied to the clipboard.' : 'Copy failed: select the preview and copy it by hand.');
            }}
          >
            Copy to clipboard
          </button>
          <button
            type="button"
            disabled={!report}
            onClick={() => {
              if (!report) return;
              saveText(report.text, fileName, report.mimeType);
              setStatus(`Saved as ${fileName}.`);
            }}
          >
            Save as file
          </button>
          <span role="status" class="muted">
            {status}
          </span>
        </div>
        {report ? (
          <p class="muted">
            {report.redactions.length === 0 ? 'Nothing was redacted.' : `${report.redactions.length} value${report.redactions.length > 1 ? 's' : ''} redacted: `}
            {[...new Set(report.redactions.map((r) => r.label))].slice(0, 8).join(', ')}
            {new Set(report.redactions.map((r) => r.label)).size > 8 ? ', …' : ''}
          </p>
        ) : null}
      </div>
      {rendered.error ? <p role="alert" class="error">Cannot build the report: {rendered.error}</p> : null}
      <label class="preview-label" for="export-preview">
        Preview — exactly what will be shared
      </label>
      <textarea id="export-preview" class="preview" readOnly value={report?.text ?? ''} spellcheck={false} data-testid="export-preview" />
    </div>
  );
}
