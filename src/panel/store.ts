/**
 * The panel's state: every captured request, the engine's verdicts, and the list's filter and
 * selection. Plain TypeScript (no DOM, no extension API): live capture, HAR import and the tests all
 * feed it through the same methods.
 *
 * Analysis is incremental. New entries mark the tail "dirty"; a loop re-analyses dirty windows in
 * tasks that stay under `taskBudgetMs`, yielding to the browser in between, so 10 000 arriving
 * entries never freeze DevTools. A window is a run of entries plus a margin on both sides and the
 * entries that share a URL with them (preflights and redirect hops of the same exchange), so that
 * pairing never depends on where a window happens to be cut.
 */
import type { Exchange, NetworkEntry, CaptureSource } from '../core/model.js';
import type { Page } from 'har-format';
import { createScheduler, type Scheduler } from './schedule.js';
import { completeness, creatorFor, entryKey, isUsableEntry, pageFor, slimEntry, type RawEntry } from './ingest.js';
import { defaultEngine, type Engine } from './engine.js';

export const DEFAULT_CAP = 50_000;

export interface StoreOptions {
  /** Which browser produced live entries (decides how the engine reads them). */
  source: CaptureSource;
  engine?: Engine;
  scheduler?: Scheduler;
  /** Most entries kept; later ones are counted but dropped. */
  cap?: number;
  /** Quiet time before analysing a burst of live entries. */
  debounceMs?: number;
  /** Upper bound of work per task. */
  taskBudgetMs?: number;
}

export interface ListFilter {
  problemsOnly: boolean;
  query: string;
}

/** Where the data on screen came from. */
export type Origin = { kind: 'live' } | { kind: 'file'; name: string };

/**
 * Entries around a chunk that are analysed with it but whose exchanges belong to neighbouring
 * chunks (a preflight starts 1–6 ms after its request; redirect hops follow each other).
 */
const MARGIN = 16;
/** How many same-URL preflights before/after a request join its window (preflights far away in the log). */
const RELATED = 2;
/** Bounds of a chunk: tiny at first while the engine's cost per entry is measured. */
const MIN_CHUNK = 8;
const MAX_CHUNK = 512;

/** A problem is anything a developer would read as "CORS failed" in JavaScript. */
export function isProblem(x: Exchange): boolean {
  return x.verdict === 'blocked' || x.verdict === 'network-error' || x.verdict === 'unknown' || x.disagree;
}

export function matchesQuery(x: Exchange, query: string): boolean {
  if (query === '') return true;
  const q = query.toLowerCase();
  return (
    x.url.toLowerCase().includes(q) ||
    x.method.toLowerCase().includes(q) ||
    x.verdict.includes(q) ||
    (x.corsError !== null && x.corsError.toLowerCase().includes(q)) ||
    (x.finalUrl !== x.url && x.finalUrl.toLowerCase().includes(q))
  );
}

export class PanelStore {
  readonly cap: number;
  private readonly engine: Engine;
  private readonly scheduler: Scheduler;
  private readonly debounceMs: number;
  private readonly taskBudgetMs: number;
  private source: CaptureSource;
  private errorAware = false;

  // ---- capture ----
  private raw: RawEntry[] = [];
  private entries: NetworkEntry[] = [];
  private claimed: boolean[] = [];
  private byKey = new Map<string, number[]>();
  /** URL → indices of OPTIONS entries (preflight candidates). */
  private preflightsByUrl = new Map<string, number[]>();
  /** URL → indices of entries (redirect hops are found through it). */
  private byUrl = new Map<string, number[]>();
  /** Resolved redirect target URL → indices of the 3xx entries that point at it. */
  private byRedirectTarget = new Map<string, number[]>();
  private pending: PendingEntry[] = [];
  private pendingByKey = new Map<string, PendingEntry[]>();
  private pages: Page[] = [];
  private currentPageRef: string | undefined;
  private pageCounter = 0;
  private droppedCount = 0;
  private origin: Origin = { kind: 'live' };

  // ---- analysis ----
  /** Exchange by the entry index of its request; undefined for preflights, hops and unanalysed entries. */
  private slots: Array<Exchange | undefined> = [];
  /** Entry index → entry index of the exchange that holds it as preflight or redirect hop. */
  private owner = new Map<number, number>();
  private dirtyFrom = Infinity;
  private loop: Promise<void> | null = null;
  /** Measured engine cost, pessimistic until measured (JIT warm-up makes the first calls slow). */
  private msPerEntry = 0.25;
  /** Window size over (chunk + margins): > 1 when many related entries join. */
  private windowRatio = 1;
  private generation = 0;

  // ---- view ----
  private listFilter: ListFilter = { problemsOnly: false, query: '' };
  private selectedEntry: number | null = null;
  private cachedRows: { version: number; filter: ListFilter; rows: Exchange[] } | null = null;
  private cachedAll: { version: number; list: Exchange[] } | null = null;
  preserveLog = false;

  private listeners = new Set<() => void>();
  /** Bumped on every change; views compare it to skip work. */
  version = 0;

  constructor(options: StoreOptions) {
    this.source = options.source;
    this.engine = options.engine ?? defaultEngine;
    this.scheduler = options.scheduler ?? createScheduler();
    this.cap = options.cap ?? DEFAULT_CAP;
    this.debounceMs = options.debounceMs ?? 30;
    this.taskBudgetMs = options.taskBudgetMs ?? 6;
  }

  // ------------------------------------------------------------------ subscription

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(): void {
    this.version++;
    for (const l of [...this.listeners]) l();
  }

  // ------------------------------------------------------------------ capture input

  /**
   * Live entries (onRequestFinished). Each one is a new request, unless a getHAR poll already
   * delivered an unclaimed copy of it, which it then replaces.
   */
  addEntries(entries: readonly unknown[]): void {
    for (const e of entries) {
      if (!isUsableEntry(e)) continue;
      const key = entryKey(e);
      const twin = (this.byKey.get(key) ?? []).find((i) => !this.claimed[i]);
      if (twin !== undefined) {
        this.claimed[twin] = true;
        this.replace(twin, e);
        continue;
      }
      const queued = this.pendingByKey.get(key)?.find((p) => !p.claimed);
      if (queued) {
        queued.entry = slimEntry(e, this.pageRefFor(e));
        queued.claimed = true;
        continue;
      }
      this.enqueue(e, true);
    }
    this.schedule();
  }

  /**
   * A full getHAR() result. Merged as a multiset: a request is added only as many times as the
   * snapshot has more copies of it than the store; a more complete copy replaces an unclaimed one.
   */
  mergeSnapshot(entries: readonly unknown[], pages: readonly Page[] = []): void {
    for (const p of pages) this.addPage(p);
    const seen = new Map<string, number>();
    for (const e of entries) {
      if (!isUsableEntry(e)) continue;
      const key = entryKey(e);
      const n = (seen.get(key) ?? 0) + 1;
      seen.set(key, n);
      const stored = this.byKey.get(key) ?? [];
      const queued = this.pendingByKey.get(key)?.length ?? 0;
      if (n > stored.length + queued) {
        this.enqueue(e, false);
        continue;
      }
      const copy = stored[n - 1];
      if (copy !== undefined && !this.claimed[copy] && completeness(e) > completeness(this.raw[copy]!)) this.replace(copy, e);
    }
    this.schedule();
  }

  /**
   * The page an entry belongs to: its own `pageref` when that names a known page whose title is a
   * URL (how the engine learns the requesting origin), otherwise the page the tab shows now.
   */
  private pageRefFor(e: RawEntry): string | undefined {
    const own = (e as { pageref?: unknown }).pageref;
    if (typeof own === 'string' && this.pages.some((p) => p.id === own && /^[a-z][a-z0-9+.-]*:\/\//i.test(p.title))) return own;
    return this.currentPageRef;
  }

  /** The page the inspected tab shows now (live capture); used as the origin of entries lacking one. */
  setPageUrl(url: string): void {
    // Own namespace: DevTools' HAR pages are called page_1, page_2 …
    const id = `cors-lens-page-${++this.pageCounter}`;
    this.addPage(pageFor(id, url));
    this.currentPageRef = id;
  }

  /** The inspected tab navigated: start over unless "Preserve log" is on. */
  navigated(url: string): void {
    if (this.origin.kind !== 'live') return;
    if (!this.preserveLog) this.reset();
    this.setPageUrl(url);
    this.emit();
  }

  clear(): void {
    this.reset();
    this.emit();
  }

  /**
   * Replace the contents with a HAR file's. `har` is the parsed JSON; throws the engine's one-line
   * `HarInputError` before touching the current contents when it is not a usable HAR.
   */
  loadHar(har: unknown, name: string): void {
    const normalized = this.engine.normalize(har);
    const log = (har as { log: { entries: unknown[]; pages?: Page[] } }).log;
    this.reset();
    this.origin = { kind: 'file', name };
    this.source = normalized.source;
    this.errorAware = normalized.errorAware;
    this.harCreator = (har as { log: Record<string, unknown> }).log.creator;
    this.harBrowser = (har as { log: Record<string, unknown> }).log.browser;
    for (const p of log.pages ?? []) this.addPage(p);
    for (const n of normalized.entries) {
      const rawEntry = log.entries[n.index];
      if (this.raw.length >= this.cap) {
        this.droppedCount++;
        continue;
      }
      const index = this.raw.length;
      this.raw.push(slimEntry(rawEntry as RawEntry));
      this.entries.push({ ...n, index });
      this.claimed.push(true);
      this.index(index);
    }
    this.dirtyFrom = 0;
    this.emit();
    this.schedule();
  }

  private harCreator: unknown;
  private harBrowser: unknown;

  private addPage(page: Page): void {
    if (!this.pages.some((p) => p.id === page.id)) this.pages.push({ ...page });
  }

  private enqueue(e: RawEntry, claimed: boolean): void {
    if (this.raw.length + this.pending.length >= this.cap) {
      this.droppedCount++;
      return;
    }
    const item: PendingEntry = { key: entryKey(e), entry: slimEntry(e, this.pageRefFor(e)), claimed };
    this.pending.push(item);
    const list = this.pendingByKey.get(item.key);
    if (list) list.push(item);
    else this.pendingByKey.set(item.key, [item]);
  }

  private replace(index: number, e: RawEntry): void {
    const slim = slimEntry(e, this.pageRefFor(e));
    const normalized = this.normalizeBatch([slim])[0];
    if (!normalized) return;
    this.raw[index] = slim;
    this.entries[index] = { ...normalized, index };
    this.markDirty(index);
  }

  private reset(): void {
    this.generation++;
    this.raw = [];
    this.entries = [];
    this.claimed = [];
    this.byKey.clear();
    this.byUrl.clear();
    this.preflightsByUrl.clear();
    this.byRedirectTarget.clear();
    this.pending = [];
    this.pendingByKey.clear();
    this.pages = this.pages.filter((p) => p.id === this.currentPageRef);
    this.slots = [];
    this.owner.clear();
    this.dirtyFrom = Infinity;
    this.droppedCount = 0;
    this.origin = { kind: 'live' };
    this.errorAware = false;
    this.harCreator = undefined;
    this.harBrowser = undefined;
    this.selectedEntry = null;
  }

  private index(i: number): void {
    const e = this.entries[i]!;
    const key = entryKey(this.raw[i]);
    const keyed = this.byKey.get(key);
    if (keyed) keyed.push(i);
    else this.byKey.set(key, [i]);
    push(this.byUrl, e.url, i);
    if (e.method.toUpperCase() === 'OPTIONS') push(this.preflightsByUrl, e.url, i);
    if (e.redirectURL) push(this.byRedirectTarget, resolveUrl(e.redirectURL, e.url), i);
  }

  private markDirty(index: number): void {
    this.dirtyFrom = Math.min(this.dirtyFrom, Math.max(0, index - MARGIN));
  }

  // ------------------------------------------------------------------ analysis loop

  /** Resolves once every entry received so far is analysed. */
  async idle(): Promise<void> {
    while (this.loop || this.hasWork()) {
      if (!this.loop) this.schedule();
      await this.loop;
    }
  }

  get analyzing(): boolean {
    return this.hasWork();
  }

  private hasWork(): boolean {
    return this.pending.length > 0 || this.dirtyFrom < this.entries.length;
  }

  private schedule(): void {
    if (this.loop || !this.hasWork()) return;
    this.loop = this.runLoop().finally(() => {
      this.loop = null;
      this.schedule();
    });
  }

  private async runLoop(): Promise<void> {
    await this.scheduler.delay(this.debounceMs);
    while (this.hasWork()) {
      const generation = this.generation;
      const start = this.scheduler.now();
      const deadline = start + this.taskBudgetMs;
      this.ingestPending(start + this.taskBudgetMs / 2);
      while (this.dirtyFrom < this.entries.length && this.scheduler.now() < deadline) {
        this.analyzeNextChunk(deadline - this.scheduler.now());
      }
      if (generation === this.generation) this.emit();
      await this.scheduler.yieldTask();
    }
  }

  private ingestPending(deadline: number): void {
    while (this.pending.length > 0) {
      const batch = this.pending.splice(0, 64);
      for (const b of batch) {
        const list = this.pendingByKey.get(b.key)!;
        list.splice(list.indexOf(b), 1);
        if (list.length === 0) this.pendingByKey.delete(b.key);
      }
      const normalized = this.normalizeBatch(batch.map((b) => b.entry));
      const byBatchIndex = new Map(normalized.map((n) => [n.index, n]));
      batch.forEach((b, k) => {
        const n = byBatchIndex.get(k);
        if (!n) return;
        const index = this.raw.length;
        this.raw.push(b.entry);
        this.entries.push({ ...n, index });
        this.claimed.push(b.claimed);
        this.index(index);
        this.markDirty(index);
      });
      if (this.scheduler.now() >= deadline) break;
    }
  }

  private normalizeBatch(entries: RawEntry[]): NetworkEntry[] {
    const har = { log: { version: '1.2', creator: creatorFor(this.source), pages: this.pages, entries } };
    try {
      const result = this.engine.normalize(har);
      // Chromium records failures in `_error`; once one entry shows it, a missing one means success.
      this.errorAware ||= result.errorAware;
      return result.entries;
    } catch {
      return [];
    }
  }

  /** Analyse the next dirty chunk, sized so the engine call fits in `budgetMs`. */
  private analyzeNextChunk(budgetMs: number): void {
    const n = this.entries.length;
    const start = this.dirtyFrom;
    // Windows are larger than chunks (margins, related entries): size by the measured ratio.
    const size = Math.max(MIN_CHUNK, Math.min(MAX_CHUNK, Math.floor(budgetMs / (this.msPerEntry * this.windowRatio)) - 2 * MARGIN));
    const end = Math.min(n, start + size);
    const members = this.windowFor(start, end);
    this.windowRatio = Math.max(1, 0.7 * this.windowRatio + (0.3 * members.length) / Math.max(1, end - start + 2 * MARGIN));
    const t0 = this.scheduler.now();
    let exchanges: Exchange[] = [];
    try {
      exchanges = this.engine.analyze(members.map((i) => this.entries[i]!), { source: this.source, errorAware: this.errorAware });
    } catch {
      exchanges = [];
    }
    const spent = this.scheduler.now() - t0;
    // Moving average of the engine's cost per entry, to size the next chunk; a slow call (GC, JIT)
    // counts fully at once so the next chunk shrinks immediately.
    const observed = spent / Math.max(1, members.length);
    this.msPerEntry = Math.max(0.001, observed > this.msPerEntry ? observed : 0.8 * this.msPerEntry + 0.2 * observed);
    this.commit(start, end, exchanges);
    this.dirtyFrom = end >= n ? Infinity : end;
  }

  /**
   * Entry indices analysed together for the chunk [start, end): the chunk, a margin on each side,
   * and, wherever they are in the log, the nearest same-URL preflights of each request and the
   * neighbouring hops of each redirect.
   */
  private windowFor(start: number, end: number): number[] {
    const set = new Set<number>();
    const lo = Math.max(0, start - MARGIN);
    const hi = Math.min(this.entries.length, end + MARGIN);
    for (let i = lo; i < hi; i++) set.add(i);
    for (let i = start; i < end; i++) {
      const e = this.entries[i]!;
      nearest(set, this.preflightsByUrl.get(e.url), i, RELATED);
      this.addChain(set, i);
    }
    return [...set].sort((a, b) => a - b);
  }

  /**
   * The whole redirect chain around entry `i` (a chain is judged as one exchange; Chromium stops at
   * 20 redirects), following 3xx Locations forward and the 3xx pointing at each URL backward.
   */
  private addChain(set: Set<number>, i: number): void {
    const e = this.entries[i]!;
    if (!e.redirectURL && !this.byRedirectTarget.has(e.url)) return;
    // Walk through hops already in the window too (the margin), so the walk never stops early.
    const walked = new Set<number>([i]);
    let cur = i;
    for (let hop = 0; hop < 25; hop++) {
      const c = this.entries[cur]!;
      if (!c.redirectURL) break;
      // Nearest on either side: getHAR does not list hops in order.
      const next = closestTo(this.byUrl.get(resolveUrl(c.redirectURL, c.url)), cur, walked);
      if (next === undefined) break;
      walked.add(next);
      set.add(next);
      cur = next;
    }
    cur = i;
    for (let hop = 0; hop < 25; hop++) {
      const prev = closestTo(this.byRedirectTarget.get(this.entries[cur]!.url), cur, walked);
      if (prev === undefined) break;
      walked.add(prev);
      set.add(prev);
      cur = prev;
    }
  }

  private commit(start: number, end: number, exchanges: Exchange[]): void {
    for (let i = start; i < end; i++) {
      const old = this.slots[i];
      if (old) {
        for (const m of members(old)) if (this.owner.get(m) === i) this.owner.delete(m);
        this.slots[i] = undefined;
      }
    }
    for (const x of exchanges) {
      if (x.entry < start || x.entry >= end) continue;
      if (x.redirectOf !== null) {
        // A later hop of a redirect chain: its story is told by the chain's first request.
        this.owner.set(x.entry, x.redirectOf);
        continue;
      }
      const holder = this.owner.get(x.entry);
      // Already a preflight or hop of an exchange outside this chunk, paired with more context.
      if (holder !== undefined && holder !== x.entry && (holder < start || holder >= end) && this.slots[holder]) continue;
      this.slots[x.entry] = x;
      for (const m of members(x)) {
        if (m === x.entry) continue;
        this.owner.set(m, x.entry);
        if (m < start || m >= end) this.slots[m] = undefined;
      }
    }
  }

  // ------------------------------------------------------------------ reading

  get entryCount(): number {
    return this.entries.length + this.pending.length;
  }

  /** Requests not kept because the cap was reached. */
  get dropped(): number {
    return this.droppedCount;
  }

  get dataOrigin(): Origin {
    return this.origin;
  }

  get captureSource(): CaptureSource {
    return this.source;
  }

  entry(index: number): NetworkEntry | undefined {
    return this.entries[index];
  }

  /** All exchanges, in capture order. */
  exchanges(): readonly Exchange[] {
    if (this.cachedAll?.version === this.version) return this.cachedAll.list;
    const list: Exchange[] = [];
    for (const x of this.slots) if (x) list.push(x);
    this.cachedAll = { version: this.version, list };
    return list;
  }

  exchangeAt(entryIndex: number): Exchange | undefined {
    return this.slots[entryIndex];
  }

  /** The capture as a HAR object (slim copies), indexed like `entry(i)`; for reports and export. */
  har(): { log: Record<string, unknown> } {
    return {
      log: {
        version: '1.2',
        creator: this.harCreator ?? creatorFor(this.source),
        ...(this.harBrowser ? { browser: this.harBrowser } : {}),
        pages: this.pages,
        entries: this.raw,
      },
    };
  }

  allEntries(): readonly NetworkEntry[] {
    return this.entries;
  }

  // ------------------------------------------------------------------ list view

  get filter(): ListFilter {
    return this.listFilter;
  }

  setFilter(patch: Partial<ListFilter>): void {
    this.listFilter = { ...this.listFilter, ...patch };
    this.emit();
  }

  /** The exchanges the list shows, filtered. */
  rows(): readonly Exchange[] {
    const c = this.cachedRows;
    if (c && c.version === this.version && c.filter === this.listFilter) return c.rows;
    const { problemsOnly, query } = this.listFilter;
    const rows = this.exchanges().filter((x) => (!problemsOnly || isProblem(x)) && matchesQuery(x, query.trim()));
    this.cachedRows = { version: this.version, filter: this.listFilter, rows };
    return rows;
  }

  get selected(): Exchange | undefined {
    return this.selectedEntry === null ? undefined : this.slots[this.selectedEntry];
  }

  get selectedIndex(): number | null {
    return this.selectedEntry;
  }

  select(entryIndex: number | null): void {
    if (entryIndex === this.selectedEntry) return;
    this.selectedEntry = entryIndex;
    this.emit();
  }

  /** Keyboard navigation over the filtered rows. */
  move(to: 'next' | 'prev' | 'first' | 'last' | { by: number }): void {
    const rows = this.rows();
    if (rows.length === 0) return;
    const current = this.selectedEntry === null ? -1 : rows.findIndex((x) => x.entry === this.selectedEntry);
    let next: number;
    if (to === 'first') next = 0;
    else if (to === 'last') next = rows.length - 1;
    else {
      const by = to === 'next' ? 1 : to === 'prev' ? -1 : to.by;
      next = current === -1 ? (by > 0 ? 0 : rows.length - 1) : current + by;
    }
    next = Math.max(0, Math.min(rows.length - 1, next));
    this.select(rows[next]!.entry);
  }

  setPreserveLog(on: boolean): void {
    this.preserveLog = on;
    this.emit();
  }
}

interface PendingEntry {
  key: string;
  entry: RawEntry;
  claimed: boolean;
}

function members(x: Exchange): number[] {
  const list = [x.entry];
  if (x.preflightEntry !== null) list.push(x.preflightEntry);
  for (const hop of x.redirects) list.push(hop.entry);
  return list;
}

function push(map: Map<string, number[]>, key: string, index: number): void {
  const list = map.get(key);
  if (list) list.push(index);
  else map.set(key, [index]);
}

/** Adds the `count` indices of the sorted `list` nearest to `around` on each side. */
function nearest(set: Set<number>, list: readonly number[] | undefined, around: number, count: number): void {
  if (!list) return;
  const k = lowerBound(list, around);
  for (let j = Math.max(0, k - count); j < Math.min(list.length, k + count + 1); j++) set.add(list[j]!);
}

/** The index of the sorted `list` nearest to `i` (either side) that is not in `taken`. */
function closestTo(list: readonly number[] | undefined, i: number, taken: ReadonlySet<number>): number | undefined {
  if (!list) return undefined;
  const k = lowerBound(list, i);
  let lo = k - 1;
  let hi = k;
  while (lo >= 0 || hi < list.length) {
    const before = lo >= 0 ? list[lo]! : undefined;
    const after = hi < list.length ? list[hi]! : undefined;
    const pick = after === undefined || (before !== undefined && i - before <= after - i) ? before! : after;
    if (pick === before) lo--;
    else hi++;
    if (pick !== i && !taken.has(pick)) return pick;
  }
  return undefined;
}

function lowerBound(list: readonly number[], value: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function resolveUrl(location: string, base: string): string {
  try {
    return new URL(location, base).href;
  } catch {
    return location;
  }
}
