/**
 * What the panel needs from the browser, as plain types. `src/platform/devtools.ts` implements it
 * over `browser.devtools.*`; tests implement it with a fake. The UI and the store only see this.
 */
import type { Entry, Page } from 'har-format';

export type BrowserFamily = 'chrome' | 'firefox';
export type ThemeName = 'light' | 'dark';

/** A HAR log as far as the panel reads it. */
export interface HarSnapshot {
  entries: Entry[];
  pages: Page[];
}

export type Unsubscribe = () => void;

export interface PanelHost {
  readonly browser: BrowserFamily;
  /** Everything DevTools recorded for the inspected tab so far. */
  getHar(): Promise<HarSnapshot>;
  /** One call per finished request (a plain HAR entry, functions stripped). */
  onRequestFinished(listener: (entry: Entry) => void): Unsubscribe;
  /** The inspected tab navigated to `url`. */
  onNavigated(listener: (url: string) => void): Unsubscribe;
  /** URL of the inspected page, or null when it cannot be read. */
  inspectedPageUrl(): Promise<string | null>;
  theme(): ThemeName;
  onThemeChanged(listener: (theme: ThemeName) => void): Unsubscribe;
  /** Remembered UI choices (extension storage; never synced, never sent anywhere). */
  load<T>(key: string): Promise<T | undefined>;
  save(key: string, value: unknown): Promise<void>;
}
