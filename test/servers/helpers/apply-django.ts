import type { DjangoChange } from '../../../src/core/fixes/types.js';
import { SETTING_ALIASES, settingDefault, type CorsHeadersMajor } from '../../../src/core/fixes/django-settings.js';

/**
 * Applies django-cors-headers `changes` to a settings object with exactly the documented semantics:
 * - `add`: append to the setting's effective list — its current value, else the value of its pre-3.5
 *   alias (conf.py falls back to it), else the version's default; a string is a sequence of characters,
 *   as Python sees it;
 * - `set`: replace the value;
 * - `remove`: drop the item from the effective list, or (value null) delete the setting and its alias;
 * - MIDDLEWARE `move-before`: take the middleware out (if present) and insert it right before `before`,
 *   or at the top when `before` is null or not in the list.
 */
export function applyDjangoChanges(settings: Record<string, unknown>, changes: readonly DjangoChange[], version: CorsHeadersMajor): Record<string, unknown> {
  const out: Record<string, unknown> = structuredClone(settings);
  for (const c of changes) {
    if (c.op === 'move-before') {
      const list = ((out.MIDDLEWARE as string[] | undefined) ?? []).filter((m) => m !== c.value);
      const at = c.before === null ? -1 : list.indexOf(c.before);
      list.splice(at === -1 ? 0 : at, 0, c.value);
      out.MIDDLEWARE = list;
      continue;
    }
    if (c.op === 'set') {
      out[c.setting] = structuredClone(c.value);
      continue;
    }
    if (c.op === 'add') {
      out[c.setting] = [...effectiveList(out, c.setting, version), c.value];
      continue;
    }
    if (c.value === null) {
      delete out[c.setting];
      const alias = SETTING_ALIASES[c.setting];
      if (alias) delete out[alias];
    } else {
      out[c.setting] = effectiveList(out, c.setting, version).filter((v) => v !== c.value);
    }
  }
  return out;
}

function effectiveList(settings: Record<string, unknown>, name: string, version: CorsHeadersMajor): unknown[] {
  const alias = SETTING_ALIASES[name];
  const value = name in settings ? settings[name] : alias && alias in settings ? settings[alias] : settingDefault(name, version);
  if (typeof value === 'string') return [...value];
  if (Array.isArray(value)) return [...value];
  if (value === undefined || value === null) return [];
  throw new Error(`${name} is not a sequence: ${JSON.stringify(value)}`);
}
