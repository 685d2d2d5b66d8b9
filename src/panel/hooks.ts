/**
 * Preact glue for the store: re-render when it changes, coalesced into one render per task so a
 * burst of store updates (analysis chunks) never renders more than once per turn of the event loop.
 */
import { useEffect, useState } from 'preact/hooks';
import type { PanelStore } from './store.js';

export function useStore(store: PanelStore): number {
  const [version, setVersion] = useState(store.version);
  useEffect(() => {
    let queued = false;
    const unsubscribe = store.subscribe(() => {
      if (queued) return;
      queued = true;
      setTimeout(() => {
        queued = false;
        setVersion(store.version);
      }, 0);
    });
    setVersion(store.version);
    return unsubscribe;
  }, [store]);
  return version;
}

/** A value remembered across panel sessions through the host's storage. */
export interface Prefs {
  load<T>(key: string): Promise<T | undefined>;
  save(key: string, value: unknown): Promise<void>;
}

export function usePref<T>(prefs: Prefs, key: string, fallback: T): [T, (value: T) => void] {
  const [value, setValue] = useState<T>(fallback);
  useEffect(() => {
    let live = true;
    prefs.load<T>(key).then(
      (stored) => {
        if (live && stored !== undefined) setValue(stored);
      },
      () => {},
    );
    return () => {
      live = false;
    };
  }, [prefs, key]);
  return [
    value,
    (next: T) => {
      setValue(next);
      void prefs.save(key, next).catch(() => {});
    },
  ];
}

/**
 * A module loaded on first use (the fix generators and report builders are big and only needed
 * when their tab opens, so they live in their own chunks). Undefined until loaded.
 */
export function useLazy<T>(load: () => Promise<T>, active = true): { value: T | undefined; error: string | null } {
  const [state, setState] = useState<{ value: T | undefined; error: string | null }>({ value: undefined, error: null });
  useEffect(() => {
    if (!active || state.value !== undefined) return;
    let live = true;
    load().then(
      (value) => live && setState({ value, error: null }),
      (e: unknown) => live && setState({ value: undefined, error: e instanceof Error ? e.message : String(e) }),
    );
    return () => {
      live = false;
    };
  }, [active]);
  return state;
}
