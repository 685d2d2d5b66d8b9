// Types of scenarios.mjs (the lab is plain Node ESM so `npm start` runs it without a build).

export type HeaderLine = [name: string, value: string];

/** One answer of a lab server: status and the exact header lines (order, casing, duplicates kept). */
export interface Reply {
  status: number;
  headers: HeaderLine[];
  body?: string;
}

/** How one path answers: `options` for the preflight, `response` for every other method. */
export interface Route {
  options?: Reply;
  response?: Reply;
}

export interface LabRequest {
  kind: 'fetch' | 'xhr' | 'img' | 'script';
  /** First URL, with placeholders ({page}, {api}, {other}, {closed}, {pagePort}, …). */
  url: string;
  /** As written by the page script (case kept: 'patch' is not 'PATCH'). */
  method?: string;
  headers?: HeaderLine[];
  body?: string;
  /** fetch credentials; for XHR 'include' means withCredentials = true. */
  credentials?: 'omit' | 'same-origin' | 'include';
  mode?: 'cors' | 'no-cors' | 'same-origin';
  redirect?: 'follow' | 'error' | 'manual';
  /** XHR: register an upload progress listener (forces a preflight). */
  uploadListener?: boolean;
  /**
   * Run from an iframe: 'csp' is same-origin and sends `Content-Security-Policy: connect-src 'self'`;
   * 'sandbox' is sandboxed without allow-same-origin, so its origin is opaque (`null`).
   */
  frame?: 'csp' | 'sandbox';
  /** Run the request this many times in a row (preflight cache). */
  repeat?: number;
}

export interface Scenario {
  /** kebab-case, unique; also the path `/s/<id>` every request of the scenario uses. */
  id: string;
  title: string;
  /** One sentence shown next to the button on the lab page. */
  description: string;
  group: string;
  request: LabRequest;
  /** Path → answers. */
  routes: Record<string, Route>;
  /** What a reader would expect Chrome to report. A label only: the browser is the oracle. */
  expect: string;
}

export const scenarios: readonly Scenario[];
export const groups: readonly { id: string; title: string }[];
export function scenarioById(id: string): Scenario;
export function scenarioPath(id: string): string;
/** The scenario a URL belongs to (from its `/s/<id>` path), or null. */
export function scenarioIdOfUrl(url: string): string | null;
