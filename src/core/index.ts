/**
 * Public API of the CORS Lens engine. Pure: no browser globals, no Node APIs.
 */
export type * from './model.js';
export { analyzeHar, analyzeEntries } from './analyze.js';
export { HarInputError, parseHarText, normalizeHar } from './har/normalize.js';
export { explainConsoleMessage } from './messages/explain-console.js';
export type { ConsoleExplanation } from './messages/explain-console.js';
export { REASONS } from './catalog/reasons.js';
export type { ReasonInfo } from './catalog/reasons.js';
