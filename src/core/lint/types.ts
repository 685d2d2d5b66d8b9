/** Findings of the security lint (observed policy and generated fixes). */
export type LintRule =
  | 'reflected-origin-with-credentials'
  | 'null-origin-allowed'
  | 'unanchored-regex'
  | 'unescaped-dot'
  | 'regex-matches-lookalike'
  | 'regex-misses-origin'
  | 'insecure-origin-trusted'
  | 'wildcard-with-credentials'
  | 'allow-all-with-credentials'
  | 'missing-vary-origin'
  | 'shared-cache-mismatch'
  | 'invalid-origin';

export interface LintFinding {
  rule: LintRule;
  /** `hole`: any site (or a network attacker) could read responses; `error`: the config cannot work; `warning`: risky, check it. */
  severity: 'hole' | 'error' | 'warning';
  message: string;
  /** HAR entry index for findings on the observed policy. */
  entry?: number;
}

/** A fix with any of these is never shown. */
export function isBlocking(f: LintFinding): boolean {
  return f.severity === 'hole' || f.severity === 'error';
}
