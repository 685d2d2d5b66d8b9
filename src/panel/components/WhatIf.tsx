/**
 * The "What if" tab: edit the captured request or response and see the verdict recomputed by the
 * engine as you type. Editing never changes the capture.
 */
import { useMemo, useState } from 'preact/hooks';
import type { Exchange, Header, NetworkEntry } from '../../core/model.js';
import { REASONS } from '../../core/index.js';
import { draftFrom, evaluateDraft, type DraftResponse, type WhatIfDraft } from '../whatif.js';
import { VERDICT_LABEL } from '../words.js';

interface Props {
  x: Exchange;
  actual?: NetworkEntry;
  preflight?: NetworkEntry;
  last?: NetworkEntry;
}

let uid = 0;

function HeaderEditor({ label, headers, onChange }: { label: string; headers: Header[]; onChange(h: Header[]): void }) {
  const [id] = useState(() => `hdr-${++uid}`);
  const set = (i: number, patch: Partial<Header>): void => onChange(headers.map((h, k) => (k === i ? { ...h, ...patch } : h)));
  return (
    <fieldset class="header-editor">
      <legend>{label}</legend>
      {headers.map((h, i) => (
        <div class="header-edit-row" key={i}>
          <input aria-label={`${label}: name of header ${i + 1}`} id={`${id}-n${i}`} value={h.name} onInput={(e) => set(i, { name: (e.target as HTMLInputElement).value })} />
          <input aria-label={`${label}: value of header ${i + 1}`} class="value" value={h.value} onInput={(e) => set(i, { value: (e.target as HTMLInputElement).value })} />
          <button type="button" class="icon" aria-label={`Remove header ${h.name || i + 1} from ${label}`} onClick={() => onChange(headers.filter((_, k) => k !== i))}>
            ×
          </button>
        </div>
      ))}
      <button type="button" onClick={() => onChange([...headers, { name: '', value: '' }])}>
        Add header
      </button>
    </fieldset>
  );
}

function ResponseEditor({ label, value, onChange, note }: { label: string; value: DraftResponse; onChange(r: DraftResponse): void; note?: string }) {
  return (
    <div class="response-editor">
      <h3>{label}</h3>
      {note ? <p class="muted">{note}</p> : null}
      <label>
        Status{' '}
        <input type="number" min={0} max={999} class="status-input" value={value.status} onInput={(e) => onChange({ ...value, status: Number((e.target as HTMLInputElement).value) || 0 })} />
      </label>
      <HeaderEditor label={`${label} headers`} headers={value.headers} onChange={(headers) => onChange({ ...value, headers })} />
    </div>
  );
}

/** One-click edits for the usual fixes. */
function quickFixes(d: WhatIfDraft, preflightHeaderNames: string[]): Array<{ label: string; apply(d: WhatIfDraft): WhatIfDraft }> {
  const upsert = (headers: Header[], name: string, value: string): Header[] => [...headers.filter((h) => h.name.toLowerCase() !== name.toLowerCase()), { name, value }];
  const both = (d: WhatIfDraft, name: string, value: string): WhatIfDraft => ({
    ...d,
    preflightResponse: { ...d.preflightResponse, headers: upsert(d.preflightResponse.headers, name, value) },
    response: { ...d.response, headers: upsert(d.response.headers, name, value) },
  });
  const announced = preflightHeaderNames;
  return [
    { label: `Allow the origin ${d.origin}`, apply: (d) => both(d, 'Access-Control-Allow-Origin', d.origin) },
    { label: 'Allow credentials', apply: (d) => both(d, 'Access-Control-Allow-Credentials', 'true') },
    { label: `Allow the method ${d.method}`, apply: (d) => ({ ...d, preflightResponse: { ...d.preflightResponse, headers: upsert(d.preflightResponse.headers, 'Access-Control-Allow-Methods', d.method) } }) },
    ...(announced.length
      ? [{ label: `Allow the headers ${announced.join(', ')}`, apply: (d: WhatIfDraft) => ({ ...d, preflightResponse: { ...d.preflightResponse, headers: upsert(d.preflightResponse.headers, 'Access-Control-Allow-Headers', announced.join(', ')) } }) }]
      : []),
    { label: 'Answer the preflight 204', apply: (d) => ({ ...d, preflightResponse: { ...d.preflightResponse, status: 204 } }) },
  ];
}

export function WhatIf({ x, actual, preflight, last }: Props) {
  const original = useMemo(() => draftFrom(x, actual, preflight, last), [x, actual, preflight, last]);
  const [draft, setDraft] = useState<WhatIfDraft>(original);
  const { result, error } = useMemo(() => {
    try {
      return { result: evaluateDraft(draft), error: null };
    } catch (e) {
      return { result: null, error: `Cannot evaluate this edit: ${e instanceof Error ? e.message : String(e)}` };
    }
  }, [draft]);
  const reason = result?.corsError ? REASONS[result.corsError] : undefined;

  return (
    <div class="whatif">
      <div class="whatif-result" aria-live="polite" data-testid="whatif-result" data-verdict={result?.verdict ?? ''} data-cors-error={result?.corsError ?? ''}>
        {result ? (
          <>
            <p>
              <span class={`badge badge-${result.verdict}`}>{VERDICT_LABEL[result.verdict]}</span>{' '}
              {result.verdict === 'blocked' ? (
                <>
                  <code>{result.corsError}</code> {reason ? `— ${reason.title}` : ''}
                </>
              ) : result.verdict === 'allowed' ? (
                'With these headers the page could read the response.'
              ) : (
                'The edited exchange cannot be decided.'
              )}
            </p>
            {result.consoleMessage ? <p class="console-line">{result.consoleMessage}</p> : null}
            <p class="muted">
              {result.preflightNeeded ? 'This request needs a preflight.' : 'No preflight needed for this request.'} Firefox: {VERDICT_LABEL[result.browsers.firefox.verdict]} · Safari:{' '}
              {VERDICT_LABEL[result.browsers.safari.verdict]}
            </p>
          </>
        ) : (
          <p role="alert">{error}</p>
        )}
      </div>

      <div class="quick">
        <span class="muted">Try:</span>
        {quickFixes(draft, result?.exchange.preflight.reasons.flatMap((r) => (r.kind === 'header' ? [r.name.toLowerCase()] : [])) ?? []).map((q) => (
          <button type="button" key={q.label} onClick={() => setDraft(q.apply(draft))}>
            {q.label}
          </button>
        ))}
        <button type="button" onClick={() => setDraft(original)}>
          Reset to captured
        </button>
      </div>

      <div class="whatif-grid">
        <div>
          <h3>Request</h3>
          <label class="field">
            Page origin <input value={draft.origin} onInput={(e) => setDraft({ ...draft, origin: (e.target as HTMLInputElement).value })} />
          </label>
          <label class="field">
            Method <input value={draft.method} onInput={(e) => setDraft({ ...draft, method: (e.target as HTMLInputElement).value })} />
          </label>
          <label class="field">
            URL <input value={draft.url} onInput={(e) => setDraft({ ...draft, url: (e.target as HTMLInputElement).value })} />
          </label>
          <label class="field checkbox">
            <input type="checkbox" checked={draft.credentials === 'include'} onChange={(e) => setDraft({ ...draft, credentials: (e.target as HTMLInputElement).checked ? 'include' : 'omit' })} /> Send
            credentials (cookies)
          </label>
          <HeaderEditor label="Request" headers={draft.requestHeaders} onChange={(requestHeaders) => setDraft({ ...draft, requestHeaders })} />
        </div>
        <div>
          <ResponseEditor label="Preflight response" value={draft.preflightResponse} onChange={(preflightResponse) => setDraft({ ...draft, preflightResponse })} note={result?.preflightNeeded ? undefined : 'Not used: this request needs no preflight.'} />
          <ResponseEditor
            label="Response"
            value={draft.response}
            onChange={(response) => setDraft({ ...draft, response })}
            note={draft.responseAssumed ? 'Assumed: the real request was never sent, so there is no captured response. Edit it to see what the server must answer.' : undefined}
          />
        </div>
      </div>
    </div>
  );
}
