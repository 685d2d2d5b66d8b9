/**
 * The "Explain" tab: verdict in one sentence, the reason (Chrome's CDP name, a plain explanation,
 * MDN), the console lines of each browser, why a preflight was needed, preflight and request side by
 * side, redirects, notes, look-alikes and — for an unknown verdict — the outcome under each assumption.
 */
import type { BrowserName, Exchange, NetworkEntry } from '../../core/model.js';
import { REASONS } from '../../core/index.js';
import { culpritNames, wantedHeaders } from '../relevant.js';
import { preflightReasonText, safeDocLink, verdictSentence, VERDICT_LABEL } from '../words.js';
import { HeaderTable } from './HeaderTable.js';

interface Props {
  x: Exchange;
  actual?: NetworkEntry;
  preflight?: NetworkEntry;
  last?: NetworkEntry;
}

const BROWSER_NAME: Record<BrowserName, string> = { chrome: 'Chrome / Edge', firefox: 'Firefox', safari: 'Safari' };

function startLine(e: NetworkEntry | undefined, fallbackMethod: string, fallbackUrl: string): string {
  return `${e?.method ?? fallbackMethod} ${e?.url ?? fallbackUrl}`;
}

function statusLine(e: NetworkEntry | undefined): string {
  if (!e) return 'Not captured';
  if (e.status === 0) return e.error ? `No response (${e.error})` : 'No response';
  return `${e.status} ${e.statusText}`.trim();
}

export function Explain({ x, actual, preflight, last }: Props) {
  const reason = x.corsError ? REASONS[x.corsError] : undefined;
  const mdn = safeDocLink(reason?.mdn);
  const response = last ?? actual;
  return (
    <div class="explain">
      <p class={`verdict-sentence verdict-${x.verdict}`} data-testid="verdict-sentence">
        <span class={`badge badge-${x.verdict}`}>{VERDICT_LABEL[x.verdict]}</span> {verdictSentence(x)}
      </p>

      {x.corsError ? (
        <section aria-labelledby="h-reason">
          <h3 id="h-reason">Reason</h3>
          <p>
            <code class="cors-error" data-testid="cors-error">{x.corsError}</code>
            {x.failedParameter ? (
              <>
                {' '}
                <span class="muted">failed value:</span> <code data-testid="failed-parameter">{x.failedParameter}</code>
              </>
            ) : null}
          </p>
          {reason ? <p>{reason.explanation}</p> : null}
          {reason ? (
            <p>
              <strong>What to change: </strong>
              {reason.fixSummary}
            </p>
          ) : null}
          {mdn ? (
            <p>
              <a href={mdn} target="_blank" rel="noopener noreferrer">
                Read more on MDN
              </a>
            </p>
          ) : null}
        </section>
      ) : null}

      {x.browsers.chrome.console.length + x.browsers.firefox.console.length + x.browsers.safari.console.length > 0 || x.consoleMessage ? (
        <section aria-labelledby="h-console">
          <h3 id="h-console">Console message</h3>
          {x.disagree ? <p class="note">The browsers do not agree on this request; see each one below.</p> : null}
          <dl class="console">
            {(['chrome', 'firefox', 'safari'] as const).map((b) => {
              const v = x.browsers[b];
              return (
                <div key={b} class="console-browser" data-browser={b}>
                  <dt>
                    {BROWSER_NAME[b]} <span class={`badge badge-${v.verdict}`}>{VERDICT_LABEL[v.verdict]}</span>
                  </dt>
                  {v.console.length === 0 ? <dd class="muted">Prints no CORS error.</dd> : null}
                  {v.console.map((line, i) => (
                    <dd key={i}>
                      <code class="console-line" data-testid={`console-${b}`}>{line}</code>
                    </dd>
                  ))}
                  {v.warnings.map((w, i) => (
                    <dd key={`w${i}`} class="warning">{w}</dd>
                  ))}
                </div>
              );
            })}
          </dl>
        </section>
      ) : null}

      {/* A preflight only exists for a cross-origin request in cors mode (not a navigation or no-cors load). */}
      {x.preflight.needed && x.verdict !== 'same-origin' && !x.opaque ? (
        <section aria-labelledby="h-why">
          <h3 id="h-why">Why a preflight was sent</h3>
          {x.preflight.reasons.length ? (
            <ul>
              {x.preflight.reasons.map((r, i) => (
                <li key={i}>{preflightReasonText(r)}</li>
              ))}
            </ul>
          ) : (
            <p>The capture shows an OPTIONS preflight for this request.</p>
          )}
          {x.preflight.status === 'cached-or-not-captured' ? (
            <p class="note" data-testid="preflight-missing">
              The preflight is not in the capture: it was answered from the browser's preflight cache
              (Access-Control-Max-Age), or sent before DevTools was opened. Reload the page with DevTools open to capture it.
            </p>
          ) : null}
        </section>
      ) : null}

      <section aria-labelledby="h-exchange">
        <h3 id="h-exchange">{preflight ? 'Preflight and request' : 'Request and response'}</h3>
        <div class={`side-by-side${preflight ? ' two' : ''}`}>
          {preflight ? (
            <div class="side">
              <HeaderTable
                title="Preflight request"
                line={startLine(preflight, 'OPTIONS', x.url)}
                headers={preflight.requestHeaders}
                wanted={wantedHeaders('preflight-request', x, preflight.requestHeaders)}
                culprits={culpritNames('preflight-request', x)}
              />
              <HeaderTable
                title="Preflight response"
                line={statusLine(preflight)}
                statusCulprit={x.corsError === 'PreflightInvalidStatus' || x.corsError === 'PreflightDisallowedRedirect'}
                headers={preflight.responseHeaders}
                wanted={wantedHeaders('preflight-response', x, preflight.responseHeaders, preflight.status)}
                culprits={culpritNames('preflight-response', x)}
              />
            </div>
          ) : null}
          <div class="side">
            <HeaderTable
              title="Request"
              line={startLine(actual, x.method, x.url)}
              headers={actual?.requestHeaders ?? []}
              wanted={wantedHeaders('request', x, actual?.requestHeaders ?? [])}
              culprits={[]}
              {...(actual && actual.status === 0 && !actual.requestHeaders.some((h) => h.name.toLowerCase() === 'origin') && preflight
                ? { emptyNote: 'Never sent: the browser stopped after the preflight. DevTools shows only the headers the page script set.' }
                : {})}
            />
            <HeaderTable
              title={x.redirects.length ? 'Response (last hop)' : 'Response'}
              line={statusLine(response)}
              headers={response?.responseHeaders ?? []}
              wanted={wantedHeaders('response', x, response?.responseHeaders ?? [], response?.status ?? 0)}
              culprits={culpritNames('response', x)}
              {...(response && response.status === 0 ? { emptyNote: 'No response was received.' } : {})}
            />
          </div>
        </div>
      </section>

      {x.redirects.length ? (
        <section aria-labelledby="h-redirects">
          <h3 id="h-redirects">Redirect chain</h3>
          <ol class="redirects">
            {x.redirects.map((r, i) => (
              <li key={i}>
                <code>{r.status}</code> <span class="url-text">{r.url}</span> → <span class="url-text">{r.location}</span>
              </li>
            ))}
            <li>
              <span class="url-text">{x.finalUrl}</span>
            </li>
          </ol>
        </section>
      ) : null}

      {x.notCors.length ? (
        <section aria-labelledby="h-notcors">
          <h3 id="h-notcors">Not (only) a CORS problem</h3>
          <ul>
            {x.notCors.map((f, i) => (
              <li key={i} data-kind={f.kind}>
                {f.summary}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {x.verdict === 'unknown' && (x.alternatives.length || x.missing.length) ? (
        <section aria-labelledby="h-alt">
          <h3 id="h-alt">What the capture cannot tell</h3>
          {x.missing.length ? (
            <ul>
              {x.missing.map((m, i) => (
                <li key={i}>Missing: {m}</li>
              ))}
            </ul>
          ) : null}
          {x.alternatives.length ? (
            <table class="alternatives">
              <thead>
                <tr>
                  <th scope="col">If…</th>
                  <th scope="col">Verdict</th>
                  <th scope="col">Reason</th>
                </tr>
              </thead>
              <tbody>
                {x.alternatives.map((a, i) => (
                  <tr key={i}>
                    <td>{a.assumption}</td>
                    <td>
                      <span class={`badge badge-${a.verdict}`}>{VERDICT_LABEL[a.verdict]}</span>
                    </td>
                    <td>{a.corsError ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </section>
      ) : null}

      {x.notes.length ? (
        <section aria-labelledby="h-notes">
          <h3 id="h-notes">Notes</h3>
          <ul>
            {x.notes.map((n, i) => (
              <li key={i}>{n}</li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
