/**
 * Wires a `PanelHost` (the browser's DevTools network API) to a store:
 *  1. listen to onRequestFinished first, buffering, so nothing finishing during step 2 is lost;
 *  2. backfill with getHAR() (everything DevTools recorded before the panel was first shown);
 *  3. merge the buffer, then stream;
 *  4. onNavigated resets the list unless "Preserve log" is on (the store decides);
 *  5. poll getHAR again, because onRequestFinished does not report every request. Measured:
 *     Firefox ESR 153 never fires it for a request whose preflight failed, and Chromium 156 never
 *     fires it for a no-cors fetch with an opaque response; getHAR lists both (docs/panel.md).
 *     Polls run once the page is quiet, after each OPTIONS in Firefox, and every few seconds in
 *     Firefox; they back off when a poll is slow and stop being routine once the log is big.
 */
import type { Entry } from 'har-format';
import type { PanelHost, Unsubscribe } from '../platform/types.js';
import type { PanelStore } from './store.js';

export interface CaptureOptions {
  /** Poll at least this often (ms); 0 = no periodic poll (the Chrome default). */
  pollEveryMs?: number;
  /** Poll once the page has been quiet (no finished request) this long (ms). */
  pollAfterQuietMs?: number;
  /** Firefox: delays after an OPTIONS request at which getHAR is polled (ms). */
  pollAfterPreflightMs?: number[];
  /** Whether the panel is on screen; polling pauses while it is not. */
  visible?: () => boolean;
  /**
   * Above this many entries, routine polls (quiet-time and periodic) stop: DevTools hands getHAR()
   * to the panel as one message that is parsed in one task, about 20 ms per 1 000 entries measured
   * in Chromium 156. In Chrome only opaque no-cors responses are then missed (never CORS failures);
   * Firefox keeps polling after each OPTIONS request, which is how failed preflights' requests appear.
   */
  maxEntriesForRoutinePolls?: number;
  /** A poll whose getHAR() has not answered after this long is abandoned (ms). */
  pollTimeoutMs?: number;
}

export interface Capture {
  stop(): void;
  /** Resolves once the getHAR backfill is merged. */
  ready: Promise<void>;
  /** Polls getHAR now. */
  poll(): Promise<void>;
}

function isOptions(entry: Entry): boolean {
  return String(entry.request?.method ?? '').toUpperCase() === 'OPTIONS';
}

export function startCapture(host: PanelHost, store: PanelStore, options: CaptureOptions = {}): Capture {
  const firefox = host.browser === 'firefox';
  const pollEveryMs = options.pollEveryMs ?? (firefox ? 3000 : 0);
  const afterQuiet = options.pollAfterQuietMs ?? 1500;
  const afterPreflight = options.pollAfterPreflightMs ?? (firefox ? [400, 1500] : []);
  const visible = options.visible ?? (() => true);
  const pollTimeoutMs = options.pollTimeoutMs ?? 10_000;
  const routineLimit = options.maxEntriesForRoutinePolls ?? 500;
  const routine = (): boolean => visible() && store.entryCount <= routineLimit;
  const subscriptions: Unsubscribe[] = [];
  const timers = new Set<ReturnType<typeof setTimeout>>();
  let buffer: Entry[] | null = [];
  let stopped = false;
  let polling = false;
  let activityTimer: ReturnType<typeof setTimeout> | undefined;
  /** Grows when getHAR is slow, so a huge log is not re-read every few seconds. */
  let backoffMs = 0;

  const poll = async (): Promise<void> => {
    if (stopped || polling) return;
    polling = true;
    const started = Date.now();
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      // A getHAR() that never answers (seen in Firefox when two callers overlap) must not stop
      // polling for good.
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('getHAR timed out')), pollTimeoutMs);
      });
      const har = await Promise.race([host.getHar(), timeout]);
      if (!stopped) store.mergeSnapshot(har.entries, har.pages);
    } catch {
      // DevTools closing, the tab going away, or a lost answer: the next poll or event will tell.
    } finally {
      if (timer !== undefined) clearTimeout(timer);
      polling = false;
      // Chrome polls are a convenience (20× their cost); Firefox needs them for failed preflights (5×).
      backoffMs = Math.min(60_000, (firefox ? 5 : 20) * (Date.now() - started));
    }
  };
  const later = (ms: number): void => {
    const t = setTimeout(() => {
      timers.delete(t);
      if (visible()) void poll();
    }, ms + backoffMs);
    timers.add(t);
  };

  subscriptions.push(
    host.onRequestFinished((entry) => {
      if (buffer) buffer.push(entry);
      else store.addEntries([entry]);
      if (isOptions(entry)) for (const ms of afterPreflight) later(ms);
      // Quiet-time poll: restarted by every event, so it never runs during a burst of requests.
      if (activityTimer !== undefined) clearTimeout(activityTimer);
      activityTimer = setTimeout(() => {
        activityTimer = undefined;
        if (routine()) void poll();
      }, afterQuiet + backoffMs);
    }),
  );
  subscriptions.push(host.onNavigated((url) => store.navigated(url)));

  const ready = (async () => {
    const url = await host.inspectedPageUrl();
    if (url) store.setPageUrl(url);
    try {
      const har = await host.getHar();
      store.mergeSnapshot(har.entries, har.pages);
    } catch {
      // No backfill (e.g. Firefox before the Network panel was opened): live events still arrive.
    }
    const buffered = buffer ?? [];
    buffer = null;
    // Buffered events may also be in the snapshot: merge them as a snapshot, not as new requests.
    store.mergeSnapshot(buffered);
  })();

  let lastPeriodic = Date.now();
  const interval =
    pollEveryMs > 0
      ? setInterval(() => {
          if (!routine() || Date.now() - lastPeriodic < pollEveryMs + backoffMs) return;
          lastPeriodic = Date.now();
          void poll();
        }, Math.min(1000, pollEveryMs))
      : undefined;

  return {
    ready,
    poll,
    stop() {
      stopped = true;
      for (const u of subscriptions) u();
      for (const t of timers) clearTimeout(t);
      if (activityTimer !== undefined) clearTimeout(activityTimer);
      if (interval !== undefined) clearInterval(interval);
    },
  };
}
