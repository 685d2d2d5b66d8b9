/**
 * The detail of the selected exchange, in tabs: Explain, Learn, Fix, What if, Export.
 * Tabs follow the WAI-ARIA tabs pattern (arrow keys move between tabs).
 */
import { useMemo, useRef } from 'preact/hooks';
import type { Exchange, NetworkEntry } from '../../core/model.js';
import type { PanelStore } from '../store.js';
import { useLazy, usePref, type Prefs } from '../hooks.js';
import { Explain } from './Explain.js';
import { LearnView } from './LearnView.js';
import { WhatIf } from './WhatIf.js';

export type DetailTab = 'explain' | 'learn' | 'fix' | 'whatif' | 'export';
const TABS: Array<{ id: DetailTab; label: string }> = [
  { id: 'explain', label: 'Explain' },
  { id: 'learn', label: 'Learn' },
  { id: 'fix', label: 'Fix' },
  { id: 'whatif', label: 'What if' },
  { id: 'export', label: 'Export report' },
];

interface Props {
  store: PanelStore;
  x: Exchange;
  prefs: Prefs;
  headingRef?: { current: HTMLHeadingElement | null };
}

/** The captured entries of an exchange: request, preflight and last redirect hop. */
export function entriesOf(store: PanelStore, x: Exchange): { actual?: NetworkEntry; preflight?: NetworkEntry; last?: NetworkEntry } {
  const actual = store.entry(x.entry);
  const preflight = x.preflightEntry === null ? undefined : store.entry(x.preflightEntry);
  let last: NetworkEntry | undefined;
  if (x.redirects.length) {
    // The last hop is the entry whose URL is the final URL, after the last listed hop.
    const after = x.redirects[x.redirects.length - 1]!.entry;
    last = store.allEntries().find((e) => e.index > after && e.url === x.finalUrl && e.method !== 'OPTIONS');
  }
  return { ...(actual ? { actual } : {}), ...(preflight ? { preflight } : {}), ...(last ? { last } : {}) };
}

export function Detail({ store, x, prefs, headingRef }: Props) {
  const [tab, setTab] = usePref<DetailTab>(prefs, 'detail.tab', 'explain');
  const tablist = useRef<HTMLDivElement>(null);
  const parts = entriesOf(store, x);
  const needsFixes = tab === 'fix' || tab === 'export';
  // Loaded on first use: the fix generators and report builders are most of the code.
  const fixModule = useLazy(() => import('./FixView.js'), tab === 'fix');
  const exportModule = useLazy(() => import('./ExportView.js'), tab === 'export');
  const fixesModule = useLazy(() => import('../fixes.js'), needsFixes);
  const fixes = useMemo(() => (needsFixes && fixesModule.value ? fixesModule.value.fixesFor(x, store) : null), [x, store, needsFixes, fixesModule.value]);
  const FixView = fixModule.value?.FixView;
  const ExportView = exportModule.value?.ExportView;
  const loadError = fixModule.error ?? exportModule.error ?? fixesModule.error;
  const move = (i: number): void => {
    const next = TABS[(i + TABS.length) % TABS.length]!;
    setTab(next.id);
    setTimeout(() => tablist.current?.querySelector<HTMLElement>(`#tab-${next.id}`)?.focus(), 0);
  };
  const index = TABS.findIndex((t) => t.id === tab);
  return (
    <div class="detail" data-entry={x.entry}>
      <h2 class="detail-title" tabIndex={-1} ref={headingRef}>
        <span class="method">{x.method}</span> <span class="url-text">{x.url}</span>
      </h2>
      <div class="tabs" role="tablist" aria-label="Detail views" ref={tablist}>
        {TABS.map((t, i) => (
          <button
            key={t.id}
            id={`tab-${t.id}`}
            type="button"
            role="tab"
            aria-selected={t.id === tab}
            aria-controls={`panel-${t.id}`}
            tabIndex={t.id === tab ? 0 : -1}
            onClick={() => setTab(t.id)}
            onKeyDown={(e) => {
              if (e.key === 'ArrowRight') move(i + 1);
              else if (e.key === 'ArrowLeft') move(i - 1);
              else if (e.key === 'Home') move(0);
              else if (e.key === 'End') move(TABS.length - 1);
              else return;
              e.preventDefault();
            }}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div id={`panel-${tab}`} role="tabpanel" aria-labelledby={`tab-${tab}`} class="tab-panel" data-tab={tab} tabIndex={0}>
        {index === -1 || tab === 'explain' ? <Explain x={x} {...parts} /> : null}
        {tab === 'learn' ? <LearnView x={x} {...parts} /> : null}
        {tab === 'fix' && fixes && FixView ? <FixView fixes={fixes} prefs={prefs} /> : null}
        {tab === 'whatif' ? <WhatIf key={x.entry} x={x} {...parts} /> : null}
        {tab === 'export' && fixes && ExportView ? <ExportView x={x} har={store.har()} fixes={fixes.fixes} prefs={prefs} /> : null}
        {needsFixes && !loadError && !(tab === 'fix' ? FixView && fixes : ExportView && fixes) ? <p class="muted">Loading…</p> : null}
        {loadError ? <p role="alert" class="error-line">Could not load this view: {loadError}</p> : null}
      </div>
    </div>
  );
}
