/** The toolbar: search, "CORS problems only", "Preserve log", clear, HAR import, console paste. */
import { useRef } from 'preact/hooks';
import type { PanelStore } from '../store.js';

interface Props {
  store: PanelStore;
  live: boolean;
  fileName: string | null;
  onImport(file: File): void;
  onBackToLive(): void;
  onTogglePaste(): void;
  pasteOpen: boolean;
  onPreserveLog(on: boolean): void;
}

export function Toolbar({ store, live, fileName, onImport, onBackToLive, onTogglePaste, pasteOpen, onPreserveLog }: Props) {
  const file = useRef<HTMLInputElement>(null);
  const filter = store.filter;
  return (
    <div class="toolbar">
      <input
        type="search"
        class="search"
        placeholder="Filter URL, method, reason"
        aria-label="Filter requests"
        value={filter.query}
        onInput={(e) => store.setFilter({ query: (e.target as HTMLInputElement).value })}
      />
      <label class="checkbox">
        <input type="checkbox" checked={filter.problemsOnly} onChange={(e) => store.setFilter({ problemsOnly: (e.target as HTMLInputElement).checked })} /> CORS problems only
      </label>
      {live ? (
        <>
          <label class="checkbox">
            <input type="checkbox" checked={store.preserveLog} onChange={(e) => onPreserveLog((e.target as HTMLInputElement).checked)} /> Preserve log
          </label>
          <button type="button" onClick={() => store.clear()}>
            Clear
          </button>
        </>
      ) : (
        <span class="file-chip">
          <span class="muted">File:</span> {fileName}{' '}
          <button type="button" onClick={onBackToLive}>
            Back to live capture
          </button>
        </span>
      )}
      <span class="spacer" />
      <button type="button" onClick={() => file.current?.click()}>
        Import HAR…
      </button>
      <input
        ref={file}
        type="file"
        accept=".har,.json,application/json"
        class="offscreen"
        tabIndex={-1}
        aria-label="HAR file to import"
        onChange={(e) => {
          const input = e.target as HTMLInputElement;
          const chosen = input.files?.[0];
          if (chosen) onImport(chosen);
          input.value = '';
        }}
      />
      <button type="button" aria-expanded={pasteOpen} onClick={onTogglePaste}>
        Explain a console error
      </button>
    </div>
  );
}
