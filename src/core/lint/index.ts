/** Security lint: the observed CORS policy of a capture, and every fix before it is shown. */
export { lintObservedPolicy } from './policy.js';
export { lintFix } from './fix.js';
export { lintOriginRegex, lookalikes } from './regex.js';
export { diagnoseFollowUps } from './follow-ups.js';
export { isBlocking } from './types.js';
export type { LintFinding, LintRule } from './types.js';
