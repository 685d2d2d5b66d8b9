/**
 * Builders shared by the panel's tests: the real Chromium lab capture (recorded by the browser-diff
 * suite in test/fixtures/captured), a store fed from it like the live capture feeds it, and a fake
 * PanelHost.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Entry, Page } from 'har-format';
import { PanelStore, type StoreOptions } from '../../src/panel/store.js';
import type { PanelHost, ThemeName } from '../../src/platform/types.js';
import type { Scheduler } from '../../src/panel/schedule.js';

export interface LabCapture {
  har: { log: { entries: Entry[]; pages?: Page[]; creator: { name: string; version: string } } };
  oracle: Array<{ scenarioId: string; call: number; url: string | null; corsError: string | null; verdict: string; corsConsoleMessage: string | null; harIndex: number | null }>;
  lab: { pageOrigin: string; apiOrigin: string };
}

let cached: LabCapture | undefined;

/** Chromium 156's getHAR() of every lab scenario, with Chrome's own verdicts (CDP). */
export function labCapture(): LabCapture {
  cached ??= JSON.parse(readFileSync(join(import.meta.dirname, '../fixtures/captured/chromium-lab.json'), 'utf8')) as LabCapture;
  return cached;
}

/** A scheduler that runs tasks back to back (tests that do not measure timing). */
export function fastScheduler(): Scheduler {
  return {
    now: () => performance.now(),
    yieldTask: () => new Promise((r) => setImmediate(r)),
    delay: () => new Promise((r) => setImmediate(r)),
  };
}

export function liveStore(options: Partial<StoreOptions> = {}): PanelStore {
  return new PanelStore({ source: 'chrome', scheduler: fastScheduler(), ...options });
}

/** A store fed entry by entry in capture order, as onRequestFinished would. */
export async function storeFromLab(options: Partial<StoreOptions> = {}): Promise<PanelStore> {
  const { har, lab } = labCapture();
  const store = liveStore(options);
  store.setPageUrl(`${lab.pageOrigin}/`);
  for (const e of har.log.entries) store.addEntries([e]);
  await store.idle();
  return store;
}

/** The entry of a lab scenario's request (first hop) in the fixture. */
export function labUrl(scenarioId: string): string {
  const { lab } = labCapture();
  return `${lab.apiOrigin}/s/${scenarioId}`;
}

export interface FakeHost extends PanelHost {
  finish(entry: Entry): void;
  navigate(url: string): void;
  harEntries: Entry[];
  stored: Map<string, unknown>;
  getHarCalls: number;
}

export function fakeHost(browser: 'chrome' | 'firefox' = 'chrome', theme: ThemeName = 'light'): FakeHost {
  const finished = new Set<(e: Entry) => void>();
  const navigated = new Set<(u: string) => void>();
  const host: FakeHost = {
    browser,
    harEntries: [],
    stored: new Map(),
    getHarCalls: 0,
    async getHar() {
      host.getHarCalls++;
      return { entries: structuredClone(host.harEntries), pages: [] };
    },
    onRequestFinished(l) {
      finished.add(l);
      return () => finished.delete(l);
    },
    onNavigated(l) {
      navigated.add(l);
      return () => navigated.delete(l);
    },
    async inspectedPageUrl() {
      return 'http://127.0.0.1:8001/';
    },
    theme: () => theme,
    onThemeChanged: () => () => {},
    async load<T>(key: string) {
      return host.stored.get(key) as T | undefined;
    },
    async save(key, value) {
      host.stored.set(key, value);
    },
    finish(entry) {
      for (const l of finished) l(structuredClone(entry));
    },
    navigate(url) {
      for (const l of navigated) l(url);
    },
  };
  return host;
}
