/**
 * The "Fix" tab: one tab per server flavour (the detected one first), each with the exact change to
 * make, the snippet to paste and its caveats. The chosen flavour is remembered.
 */
import { useRef, useState } from 'preact/hooks';
import type { FixesForExchange } from '../fixes.js';
import { usePref, type Prefs } from '../hooks.js';
import { copyText } from '../share.js';

export const SERVER_LABEL: Record<string, string> = {
  'django-cors-headers': 'django-cors-headers',
  'django-middleware': 'Django middleware',
  nginx: 'nginx',
  apache: 'Apache',
  cloudfront: 'CloudFront',
  cloudflare: 'Cloudflare',
  express: 'Express',
  fastapi: 'FastAPI',
  'flask-cors': 'Flask-CORS',
  spring: 'Spring',
  rails: 'Rails',
  aspnet: 'ASP.NET Core',
  'go-rs-cors': 'Go rs/cors',
  laravel: 'Laravel',
  caddy: 'Caddy',
  s3: 'Amazon S3',
};

interface Props {
  fixes: FixesForExchange;
  prefs: Prefs;
}

function CopyButton({ text }: { text: string }) {
  const [state, setState] = useState('');
  return (
    <>
      <button type="button" class="copy" onClick={async () => setState((await copyText(text)) ? 'Copied' : 'Copy failed')}>
        {state || 'Copy'}
      </button>
    </>
  );
}

export function FixView({ fixes, prefs }: Props) {
  const [chosen, setChosen] = usePref<string | null>(prefs, 'fix.server', null);
  const tabs = useRef<HTMLDivElement>(null);
  const { servers, detected } = fixes;
  if (servers.length === 0) return <p class="muted">No server change is needed for this request.</p>;
  const ordered = detected ? [...servers.filter((s) => s.server === detected.server), ...servers.filter((s) => s.server !== detected.server)] : servers;
  const active = ordered.find((s) => s.server === chosen) ?? ordered[0]!;
  const focusTab = (i: number): void => {
    const next = ordered[(i + ordered.length) % ordered.length]!;
    setChosen(next.server);
    setTimeout(() => tabs.current?.querySelector<HTMLElement>(`[data-server="${next.server}"]`)?.focus(), 0);
  };
  return (
    <div class="fix">
      <div class="server-tabs" role="tablist" aria-label="Server software" ref={tabs}>
        {ordered.map((s, i) => (
          <button
            key={s.server}
            type="button"
            role="tab"
            id={`fix-tab-${s.server}`}
            data-server={s.server}
            aria-selected={s === active}
            aria-controls="fix-panel"
            tabIndex={s === active ? 0 : -1}
            onClick={() => setChosen(s.server)}
            onKeyDown={(e) => {
              if (e.key === 'ArrowRight') focusTab(i + 1);
              else if (e.key === 'ArrowLeft') focusTab(i - 1);
              else if (e.key === 'Home') focusTab(0);
              else if (e.key === 'End') focusTab(ordered.length - 1);
              else return;
              e.preventDefault();
            }}
          >
            {SERVER_LABEL[s.server] ?? s.server}
            {detected?.server === s.server ? <span class="tag">detected</span> : null}
          </button>
        ))}
      </div>
      <div id="fix-panel" role="tabpanel" aria-labelledby={`fix-tab-${active.server}`} class="fix-panel" data-testid="fix-panel" data-server={active.server}>
        {detected?.server === active.server && detected.evidence.length ? (
          <p class="muted">Detected ({detected.confidence} confidence): {detected.evidence.join(' ')}</p>
        ) : null}
        {active.fixes.map((fix, i) => (
          <div class="fix-item" key={i}>
            <h3>{fix.title}</h3>
            <div class="code-wrap">
              <pre class="code">
                <code>{fix.code}</code>
              </pre>
              <CopyButton text={fix.code} />
            </div>
            {fix.warnings.length ? (
              <ul class="warnings">
                {fix.warnings.map((w, k) => (
                  <li key={k}>{w}</li>
                ))}
              </ul>
            ) : null}
          </div>
        ))}
      </div>
    </div>
  );
}
