/**
 * The whole panel: toolbar, the list of exchanges, the detail of the selected one, a status line.
 * A HAR file (drag-and-drop or "Import HAR…") opens in its own store, so the live capture keeps
 * running underneath and a bad file costs nothing but a one-line error.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { BrowserFamily, ThemeName } from '../../platform/types.js';
import { parseHarText } from '../../core/index.js';
import { PanelStore, isProblem } from '../store.js';
import { useStore, usePref, type Prefs } from '../hooks.js';
import { Toolbar } from './Toolbar.js';
import { ExchangeList } from './ExchangeList.js';
import { Detail } from './Detail.js';
import { ConsolePaste } from './ConsolePaste.js';

export interface AppProps {
  live: PanelStore;
  prefs: Prefs;
  browser: BrowserFamily;
  theme: ThemeName;
  /** Creates the store a HAR file is loaded into (tests pass their own scheduler). */
  createFileStore?: () => PanelStore;
}

/** Reads, parses and loads a HAR file into a fresh store. Throws a one-line Error on a bad file. */
export async function loadHarFile(file: File, create: () => PanelStore): Promise<PanelStore> {
  const text = await file.text();
  const store = create();
  store.loadHar(parseHarText(text), file.name);
  return store;
}

function StatusLine({ store }: { store: PanelStore }) {
  const version = store.version;
  const counts = useMemo(() => {
    const all = store.exchanges();
    let problems = 0;
    for (const x of all) if (isProblem(x)) problems++;
    return { all: all.length, problems };
  }, [store, version]);
  const shown = store.rows().length;
  return (
    <footer class="statusbar">
      <div role="status">
      <span>
        {shown === counts.all ? `${counts.all} requests` : `${shown} of ${counts.all} requests`} · {counts.problems} with CORS problems
      </span>
      {store.analyzing ? <span class="muted"> · analysing {store.entryCount} entries…</span> : null}
      {store.dropped > 0 ? (
        <span class="cap-notice" data-testid="cap-notice">
          {' '}
          · Limit reached: only the first {store.cap.toLocaleString('en-US')} requests are kept; {store.dropped.toLocaleString('en-US')} later ones were not. Clear or import a smaller HAR.
        </span>
      ) : null}
      </div>
    </footer>
  );
}

function EmptyState({ browser, live }: { browser: BrowserFamily; live: boolean }) {
  return (
    <div class="empty">
      <h2>No requests yet</h2>
      {live ? (
        <>
          <p>CORS Lens lists every request of this tab and explains the ones the browser blocked. Reload the page or use it to capture requests; requests made before DevTools was opened are not visible.</p>
          {browser === 'firefox' ? <p>In Firefox, open the Network panel once so DevTools starts recording.</p> : null}
        </>
      ) : (
        <p>The file holds no requests.</p>
      )}
      <p>You can also drop a HAR file here, or paste a console error with "Explain a console error".</p>
    </div>
  );
}

export function App({ live, prefs, browser, theme, createFileStore }: AppProps) {
  const [fileStore, setFileStore] = useState<PanelStore | null>(null);
  const [importError, setImportError] = useState<string | null>(null);
  const [pasteOpen, setPasteOpen] = useState(false);
  const [dragging, setDragging] = useState(false);
  const [preserve, setPreserve] = usePref<boolean>(prefs, 'preserveLog', false);
  const store = fileStore ?? live;
  useStore(store);
  const heading = useRef<HTMLHeadingElement | null>(null);

  useEffect(() => {
    live.setPreserveLog(preserve);
  }, [live, preserve]);

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);

  const importFile = async (file: File): Promise<void> => {
    try {
      const loaded = await loadHarFile(file, createFileStore ?? (() => new PanelStore({ source: 'other' })));
      setFileStore(loaded);
      setImportError(null);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      setImportError(`Could not import ${file.name}: ${message.split('\n')[0]}`);
    }
  };

  const rows = store.rows();
  const selected = store.selected;
  const empty = store.entryCount === 0;

  return (
    <div
      class={`app${dragging ? ' dragging' : ''}`}
      onDragOver={(e) => {
        if (!e.dataTransfer?.types.includes('Files')) return;
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={(e) => {
        if (e.currentTarget === e.target) setDragging(false);
      }}
      onDrop={(e) => {
        e.preventDefault();
        setDragging(false);
        const file = e.dataTransfer?.files[0];
        if (file) void importFile(file);
      }}
    >
      <header>
      <h1 class="sr-only">CORS Lens</h1>
      <Toolbar
        store={store}
        live={fileStore === null}
        fileName={store.dataOrigin.kind === 'file' ? store.dataOrigin.name : null}
        onImport={(f) => void importFile(f)}
        onBackToLive={() => setFileStore(null)}
        pasteOpen={pasteOpen}
        onTogglePaste={() => setPasteOpen(!pasteOpen)}
        onPreserveLog={setPreserve}
      />
      {importError ? (
        <p class="error-line" role="alert" data-testid="import-error">
          {importError}{' '}
          <button type="button" class="link" onClick={() => setImportError(null)}>
            Dismiss
          </button>
        </p>
      ) : null}
      </header>
      {pasteOpen ? <ConsolePaste onClose={() => setPasteOpen(false)} /> : null}
      <main class="main">
        <section class="list-pane" aria-label="Requests">
          {empty ? <EmptyState browser={browser} live={fileStore === null} /> : <ExchangeList store={store} rows={rows} onOpen={() => heading.current?.focus()} />}
        </section>
        <section class="detail-pane" aria-label="Details">
          {selected ? (
            <Detail key={selected.entry} store={store} x={selected} prefs={prefs} headingRef={heading} />
          ) : (
            <div class="empty">
              <p>{empty ? 'Details of a request appear here.' : 'Select a request to see why it was allowed or blocked.'}</p>
            </div>
          )}
        </section>
      </main>
      <StatusLine store={store} />
      {dragging ? (
        <div class="drop-hint" aria-hidden="true">
          Drop a HAR file to open it
        </div>
      ) : null}
    </div>
  );
}
