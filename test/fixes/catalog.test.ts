import { describe, expect, it } from 'vitest';
import { suggestFixes } from '../../src/core/fixes/index.js';
import { diagnose } from '../../src/core/fixes/diagnose.js';
import { FIX_SERVERS } from '../../src/core/fixes/types.js';
import { lintFix } from '../../src/core/lint/fix.js';
import { isBlocking } from '../../src/core/lint/types.js';
import { ALL_CORS_ERRORS, CLIENT_ONLY_ERRORS, caseFor } from './builders.js';

/**
 * The catalog meta-test: every CorsError of the model × every server flavour has a fix — code to paste,
 * or an explicit "no server change can fix this; do X on the client" — and no fix opens a hole.
 */
describe('fix catalog: every CorsError × every server flavour', () => {
  const grid = ALL_CORS_ERRORS.flatMap((error) => FIX_SERVERS.map((server) => [error, server] as const));

  it('covers all 28 errors and 16 flavours', () => {
    expect(ALL_CORS_ERRORS).toHaveLength(28);
    expect(FIX_SERVERS).toHaveLength(16);
  });

  it.each(grid)('%s → %s', (error, server) => {
    const { ex, ctx } = caseFor(error);
    const fixes = suggestFixes(ex, ctx).filter((f) => f.server === server);
    expect(fixes.length).toBeGreaterThan(0);
    for (const fix of fixes) {
      expect(fix.code.trim()).not.toBe('');
      expect(fix.title).not.toMatch(/withheld/);
      if (CLIENT_ONLY_ERRORS.includes(error)) {
        // Explicit: nothing to change on the server, and what to do on the client instead.
        expect(fix.changes).toEqual([]);
        expect(fix.title).toMatch(/No server change can fix this/);
        expect(fix.warnings.join(' ')).toMatch(/client|page|request|user|HTTPS/i);
      } else {
        expect(fix.changes.length + fix.warnings.length).toBeGreaterThan(0);
      }
      expect(lintFix(fix, diagnose(ex, ctx)).filter(isBlocking)).toEqual([]);
    }
  });

  it('puts every server error\'s django-cors-headers fix in settings terms', () => {
    for (const error of ALL_CORS_ERRORS.filter((e) => !CLIENT_ONLY_ERRORS.includes(e))) {
      const { ex, ctx } = caseFor(error);
      const fix = suggestFixes(ex, ctx).find((f) => f.server === 'django-cors-headers');
      for (const c of (fix?.changes ?? []) as Array<Record<string, unknown>>) {
        expect(Object.keys(c).sort(), error).toEqual(c.op === 'move-before' ? ['before', 'op', 'setting', 'value'] : ['op', 'setting', 'value']);
        expect(['add', 'set', 'remove', 'move-before']).toContain(c.op);
      }
    }
  });
});
