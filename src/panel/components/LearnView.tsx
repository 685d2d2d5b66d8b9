/** The "Learn" tab: the exchange as a numbered sequence of steps with ✓ / ✗ per check. */
import type { Exchange, NetworkEntry } from '../../core/model.js';
import { learnSteps, type StepState } from '../learn.js';

const MARK: Record<StepState, { symbol: string; label: string }> = {
  ok: { symbol: '✓', label: 'passed' },
  fail: { symbol: '✗', label: 'failed' },
  skipped: { symbol: '–', label: 'not checked' },
  info: { symbol: '→', label: '' },
  unknown: { symbol: '?', label: 'unknown from this capture' },
};

const ACTOR: Record<string, string> = { browser: 'Browser', server: 'Server', check: 'Check', result: 'Result' };

export function LearnView({ x, actual, preflight, last }: { x: Exchange; actual?: NetworkEntry; preflight?: NetworkEntry; last?: NetworkEntry }) {
  const steps = learnSteps(x, actual, preflight, last);
  return (
    <div class="learn">
      <p class="muted">What the browser did for this request, step by step. Checks run in order; the first one that fails stops everything after it.</p>
      <ol class="steps">
        {steps.map((s, i) => (
          <li key={i} class={`step step-${s.state} actor-${s.actor}`} data-state={s.state}>
            <span class="step-mark" aria-hidden="true">
              {MARK[s.state].symbol}
            </span>
            <div class="step-body">
              <p class="step-title">
                <span class="actor">{ACTOR[s.actor]}</span> {s.title}
                {MARK[s.state].label ? <span class="sr-only"> ({MARK[s.state].label})</span> : null}
              </p>
              <p class="step-detail">{s.detail}</p>
              {s.headers && s.headers.length ? (
                <ul class="step-headers">
                  {s.headers.map((h, k) => (
                    <li key={k}>
                      <code>
                        {h.name}: {h.value}
                      </code>
                    </li>
                  ))}
                </ul>
              ) : null}
            </div>
          </li>
        ))}
      </ol>
    </div>
  );
}
