import type { ExchangeExtras } from './analyze.js';

/** Adds `fixes` to each blocked exchange in `analyze --json` (wired to src/core/fixes). */
export const fixExtras: ExchangeExtras | undefined = undefined;
