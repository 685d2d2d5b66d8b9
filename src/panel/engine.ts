/**
 * The engine as the panel uses it. A seam so the store can be tested with a counting or slow engine;
 * production code always uses `defaultEngine`, i.e. `src/core`.
 */
import { analyzeEntries, normalizeHar } from '../core/index.js';
import type { CaptureSource, Exchange, NetworkEntry } from '../core/model.js';

export interface NormalizedBatch {
  source: CaptureSource;
  /** The producer records failures (`_error`), so a missing error means the request did not fail. */
  errorAware: boolean;
  entries: NetworkEntry[];
}

export interface AnalyzeContext {
  source: CaptureSource;
  errorAware: boolean;
}

export interface Engine {
  /** Throws the engine's `HarInputError` (one line) when `har` is not a usable HAR. */
  normalize(har: unknown): NormalizedBatch;
  analyze(entries: NetworkEntry[], context: AnalyzeContext): Exchange[];
}

export const defaultEngine: Engine = {
  normalize: (har) => normalizeHar(har),
  analyze: (entries, context) => analyzeEntries(entries, context).exchanges,
};
