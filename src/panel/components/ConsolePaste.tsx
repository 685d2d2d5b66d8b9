/**
 * "Explain a console error": paste the red console line from any browser and get the reason, the
 * explanation and what to change. Works with no capture at all (nothing is sent anywhere).
 */
import { useMemo, useState } from 'preact/hooks';
import { explainConsoleMessage, REASONS } from '../../core/index.js';
import { safeDocLink } from '../words.js';

const BROWSER: Record<string, string> = { chrome: 'Chrome / Edge', firefox: 'Firefox', safari: 'Safari' };

export function ConsolePaste({ onClose }: { onClose(): void }) {
  const [text, setText] = useState('');
  const result = useMemo(() => (text.trim() ? explainConsoleMessage(text.trim()) : null), [text]);
  const mdn = result?.corsError ? safeDocLink(REASONS[result.corsError]?.mdn) : null;
  return (
    <section class="paste" aria-labelledby="paste-title">
      <div class="paste-head">
        <h2 id="paste-title">Explain a console error</h2>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
      <label for="paste-input" class="muted">
        Paste the red CORS line from the Console of Chrome, Edge, Firefox or Safari.
      </label>
      <textarea
        id="paste-input"
        rows={3}
        value={text}
        spellcheck={false}
        placeholder="Access to fetch at 'https://api.example.com/' from origin 'https://app.example.com' has been blocked by CORS policy: …"
        onInput={(e) => setText((e.target as HTMLTextAreaElement).value)}
      />
      {result ? (
        <div class="paste-result" aria-live="polite" data-testid="paste-result" data-cors-error={result.corsError ?? ''}>
          <p>
            <strong>{result.title}</strong>
            {result.browser ? <span class="muted"> — {BROWSER[result.browser] ?? result.browser} message</span> : null}
          </p>
          {result.corsError ? (
            <p>
              Chrome's name for it: <code>{result.corsError}</code>
              {result.failedParameter ? (
                <>
                  {' '}
                  (value <code>{result.failedParameter}</code>)
                </>
              ) : null}
              {result.candidates.length > 1 ? <span class="muted"> — the same text can also mean {result.candidates.filter((c) => c !== result.corsError).join(', ')}</span> : null}
            </p>
          ) : null}
          {result.url || result.origin ? (
            <p class="muted">
              {result.url ? (
                <>
                  Request: <span class="url-text">{result.url}</span>{' '}
                </>
              ) : null}
              {result.origin ? (
                <>
                  from <span class="url-text">{result.origin}</span>
                </>
              ) : null}
              {result.preflight ? ' (the preflight failed)' : ''}
            </p>
          ) : null}
          <p>{result.explanation}</p>
          {result.notCors ? <p class="note">{result.notCors.summary}</p> : null}
          <p>
            <strong>What to change: </strong>
            {result.fixSummary}
          </p>
          {mdn ? (
            <p>
              <a href={mdn} target="_blank" rel="noopener noreferrer">
                Read more on MDN
              </a>
            </p>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
