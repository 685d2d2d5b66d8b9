import { describe, expect, it } from 'vitest';
import { analyzeHar, explainConsoleMessage } from '../../src/core/index.js';
import { REASON_CASES } from './reason-cases.js';

describe('one case per reason', () => {
  it.each(REASON_CASES.map((c) => [`${c.expect}: ${c.name}`, c] as const))('%s', (_n, c) => {
    if (c.kind === 'console') {
      expect(explainConsoleMessage(c.line).corsError).toBe(c.expect);
      return;
    }
    const ex = analyzeHar(c.har).exchanges.find((x) => x.entry === c.entry);
    expect(ex?.verdict).toBe('blocked');
    expect(ex?.corsError).toBe(c.expect);
    expect(ex?.failedParameter).toBe(c.failedParameter);
    expect(ex?.consoleMessage).toContain('has been blocked by CORS policy');
    // The engine's own console line reads back as the same reason.
    expect(explainConsoleMessage(ex?.consoleMessage ?? '').corsError).toBe(c.expect);
  });
});
