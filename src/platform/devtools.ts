/**
 * The only module that touches the extension APIs (`browser.*` through webextension-polyfill,
 * which is a no-op where the native `browser` namespace exists: Firefox, Chrome ≥ 152).
 * Everything else in the extension talks to the `PanelHost` interface of `./types.ts`.
 */
import browser from 'webextension-polyfill';
import type { Entry, Page } from 'har-format';
import type { BrowserFamily, HarSnapshot, PanelHost, ThemeName, Unsubscribe } from './types.js';

const BROWSER: BrowserFamily = __BROWSER__;

/**
 * onRequestFinished hands a HAR entry that also carries a `getContent` function. The store copies
 * only the fields it reads (src/panel/ingest.ts slimEntry), so no deep copy is made here: a JSON
 * round trip of every entry of a large getHAR() cost tens of milliseconds in one task.
 */
function asEntry(request: unknown): Entry {
  return request as Entry;
}

/** Chrome names its themes `default`/`dark`, Firefox `light`/`dark`. */
export function themeFromName(name: string | undefined): ThemeName {
  return name === 'dark' ? 'dark' : 'light';
}

function subscribe<A extends unknown[]>(
  event: { addListener(cb: (...args: A) => void): void; removeListener(cb: (...args: A) => void): void },
  listener: (...args: A) => void,
): Unsubscribe {
  event.addListener(listener);
  return () => event.removeListener(listener);
}

/** Creates the "CORS" panel. Runs in the devtools_page. */
export async function createCorsPanel(): Promise<void> {
  // Absolute paths: Chrome resolves them against the extension root, Firefox against the devtools page.
  await browser.devtools.panels.create('CORS', '/icons/32.png', '/src/panel/panel.html');
}

export function createPanelHost(): PanelHost {
  const { network, panels, inspectedWindow } = browser.devtools;
  return {
    browser: BROWSER,
    async getHar(): Promise<HarSnapshot> {
      const log = (await network.getHAR()) as { entries?: unknown[]; pages?: Page[] };
      return { entries: (log.entries ?? []) as Entry[], pages: (log.pages ?? []).map((p) => ({ ...p })) };
    },
    onRequestFinished: (listener) => subscribe(network.onRequestFinished, (request: unknown) => listener(asEntry(request))),
    onNavigated: (listener) => subscribe(network.onNavigated, (url: string) => listener(url)),
    async inspectedPageUrl() {
      try {
        // The polyfill and Firefox resolve to [result, exceptionInfo].
        const result: unknown = await inspectedWindow.eval('location.href');
        const value = Array.isArray(result) ? result[0] : result;
        return typeof value === 'string' ? value : null;
      } catch {
        return null;
      }
    },
    theme: () => themeFromName(panels.themeName),
    onThemeChanged(listener) {
      // Firefox fires onThemeChanged; Chrome has no such event (the user reopens DevTools after a switch).
      const event = (panels as { onThemeChanged?: typeof panels.onThemeChanged }).onThemeChanged;
      if (!event) return () => {};
      return subscribe(event, (name: string) => listener(themeFromName(name)));
    },
    async load<T>(key: string) {
      const stored = await browser.storage.local.get(key);
      return stored[key] as T | undefined;
    },
    async save(key, value) {
      await browser.storage.local.set({ [key]: value });
    },
  };
}
