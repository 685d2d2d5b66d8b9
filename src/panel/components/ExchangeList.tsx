/**
 * The list of exchanges: one row per logical request (its preflight folded in), virtualised with a
 * fixed row height so only the visible rows exist in the DOM, whatever the capture size.
 * Keyboard: ↑/↓, PageUp/PageDown, Home/End move the selection; Enter opens the detail.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { Exchange } from '../../core/model.js';
import type { PanelStore } from '../store.js';
import { reasonShort, VERDICT_LABEL } from '../words.js';

export const ROW_HEIGHT = 24;
const OVERSCAN = 8;

interface Props {
  store: PanelStore;
  rows: readonly Exchange[];
  /** Called when the user presses Enter on a row (moves focus to the detail). */
  onOpen(): void;
}

export function rowId(entry: number): string {
  return `exchange-${entry}`;
}

function statusText(store: PanelStore, x: Exchange): string {
  const e = store.entry(x.entry);
  if (!e) return '';
  if (e.status > 0) return String(e.status);
  return e.error ? 'failed' : '—';
}

function splitUrl(url: string): { host: string; rest: string } {
  try {
    const u = new URL(url);
    return { host: u.host, rest: `${u.pathname}${u.search}` };
  } catch {
    return { host: '', rest: url };
  }
}

function Row({ store, x, top, selected, onPick }: { store: PanelStore; x: Exchange; top: number; selected: boolean; onPick(): void }) {
  const { host, rest } = splitUrl(x.url);
  const reason = reasonShort(x);
  return (
    <div
      id={rowId(x.entry)}
      role="option"
      aria-selected={selected}
      class={`row verdict-${x.verdict}${selected ? ' selected' : ''}`}
      style={{ transform: `translateY(${top}px)` }}
      onMouseDown={(e) => {
        e.preventDefault();
        onPick();
      }}
      data-entry={x.entry}
      data-verdict={x.verdict}
      data-cors-error={x.corsError ?? ''}
    >
      <span class="cell method">{x.method}</span>
      <span class="cell url" title={x.url}>
        <span class="path">{rest}</span> <span class="host">{host}</span>
        {x.preflightEntry !== null || x.preflight.status === 'captured' ? <span class="tag">+ preflight</span> : null}
        {x.redirects.length > 0 ? <span class="tag">{x.redirects.length} redirect{x.redirects.length > 1 ? 's' : ''}</span> : null}
      </span>
      <span class="cell status">{statusText(store, x)}</span>
      <span class="cell verdict">
        <span class={`badge badge-${x.verdict}`}>{VERDICT_LABEL[x.verdict]}</span>
      </span>
      <span class="cell reason" title={reason}>
        {reason}
      </span>
    </div>
  );
}

export function ExchangeList({ store, rows, onOpen }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(600);
  const selected = store.selectedIndex;
  const selectedPos = selected === null ? -1 : rows.findIndex((x) => x.entry === selected);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    setHeight(el.clientHeight || 600);
    if (typeof ResizeObserver !== 'function') return;
    const ro = new ResizeObserver(() => setHeight(el.clientHeight || 600));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  // Keep the selected row in view after keyboard moves.
  useEffect(() => {
    const el = scroller.current;
    if (!el || selectedPos < 0) return;
    const top = selectedPos * ROW_HEIGHT;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + ROW_HEIGHT > el.scrollTop + el.clientHeight) el.scrollTop = top + ROW_HEIGHT - el.clientHeight;
    setScrollTop(el.scrollTop);
  }, [selectedPos]);

  // When the rows shrink (a filter), the browser clamps scrollTop without always firing "scroll":
  // re-read it, and never trust a remembered offset past the end of the list.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (el && el.scrollTop !== scrollTop) setScrollTop(el.scrollTop);
  }, [rows]);
  const top = Math.max(0, Math.min(scrollTop, rows.length * ROW_HEIGHT - height));
  const first = Math.max(0, Math.floor(top / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(rows.length, Math.ceil((top + height) / ROW_HEIGHT) + OVERSCAN);
  const visible = rows.slice(first, last);
  const page = Math.max(1, Math.floor(height / ROW_HEIGHT) - 1);

  const onKeyDown = (e: KeyboardEvent): void => {
    const moves: Record<string, Parameters<PanelStore['move']>[0]> = {
      ArrowDown: 'next',
      ArrowUp: 'prev',
      Home: 'first',
      End: 'last',
      PageDown: { by: page },
      PageUp: { by: -page },
    };
    const move = moves[e.key];
    if (move) {
      e.preventDefault();
      store.move(move);
    } else if (e.key === 'Enter' && selected !== null) {
      e.preventDefault();
      onOpen();
    }
  };

  return (
    <div class="list">
      <div class="list-head" aria-hidden="true">
        <span class="cell method">Method</span>
        <span class="cell url">URL</span>
        <span class="cell status">Status</span>
        <span class="cell verdict">Verdict</span>
        <span class="cell reason">Reason</span>
      </div>
      <div
        ref={scroller}
        class="list-scroll"
        role="listbox"
        tabIndex={0}
        aria-label={`Requests, ${rows.length} shown`}
        data-query={store.filter.query}
        aria-activedescendant={selectedPos >= 0 && selectedPos >= first && selectedPos < last ? rowId(selected!) : undefined}
        onKeyDown={onKeyDown}
        onFocus={() => {
          // Read the store, not this render's value: a click selects before it focuses the list.
          if (store.selectedIndex === null && rows.length > 0) store.move('first');
        }}
        onScroll={(e) => setScrollTop((e.currentTarget as HTMLDivElement).scrollTop)}
      >
        <div class="list-body" style={{ height: `${rows.length * ROW_HEIGHT}px` }}>
          {visible.map((x, k) => (
            <Row key={x.entry} store={store} x={x} top={(first + k) * ROW_HEIGHT} selected={x.entry === selected} onPick={() => {
              store.select(x.entry);
              scroller.current?.focus();
            }} />
          ))}
        </div>
      </div>
    </div>
  );
}
