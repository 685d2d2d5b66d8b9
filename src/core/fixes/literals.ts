/**
 * Literals for the languages the fixes are rendered in. Values come from a capture (origins, header
 * names), so every one is quoted/escaped here and never pasted raw into code.
 */

/** Python string literal (double quotes; JSON escapes are valid Python escapes). */
export function py(value: string): string {
  return JSON.stringify(value);
}

/** Python raw string for regexes: r"…" unless the pattern has a quote or ends with a backslash. */
export function pyRegex(pattern: string): string {
  if (!pattern.includes('"') && !pattern.endsWith('\\') && !/[\r\n]/.test(pattern)) return `r"${pattern}"`;
  return JSON.stringify(pattern);
}

/** Any JSON-like value as a Python expression (True/False/None, lists, dicts). */
export function pyValue(value: unknown): string {
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (value === null || value === undefined) return 'None';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return py(value);
  if (Array.isArray(value)) return `[${value.map(pyValue).join(', ')}]`;
  if (typeof value === 'object') {
    return `{${Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${py(k)}: ${pyValue(v)}`)
      .join(', ')}}`;
  }
  return py(String(value));
}

/** JavaScript / TypeScript / Java / C# / Go double-quoted string (JSON escaping is valid in all of them). */
export function js(value: string): string {
  return JSON.stringify(value);
}

/** JavaScript regex literal for a pattern (slashes escaped). */
export function jsRegex(pattern: string): string {
  return `/${pattern.replace(/\\?\//g, '\\/')}/`;
}

/** Ruby double-quoted string; `#` is escaped so `#{…}` cannot interpolate. */
export function rb(value: string): string {
  return JSON.stringify(value).replace(/#/g, '\\#');
}

/** PHP single-quoted string. */
export function php(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** nginx / Apache / Caddy double-quoted argument: quotes, backslashes and `$` (variables) escaped. */
export function confQuote(value: string): string {
  return `"${value.replace(/[\\"]/g, (c) => `\\${c}`).replace(/\$/g, '\\$')}"`;
}

/** YAML/JSON value (JSON is valid YAML). */
export function json(value: unknown, indent = 2): string {
  return JSON.stringify(value, null, indent);
}
