// Types of server.mjs.

export interface LabRequestRecord {
  server: 'page' | 'api' | 'other';
  method: string;
  path: string;
  /** name, value, name, value … as received. */
  rawHeaders: string[];
}

export interface Lab {
  /** URL of the lab page, e.g. `http://127.0.0.1:41234/`. */
  pageUrl: string;
  /** `http://127.0.0.1:<pagePort>` */
  pageOrigin: string;
  /** `http://localhost:<apiPort>` (listens on 127.0.0.1 and ::1). */
  apiOrigin: string;
  /** `http://127.0.0.1:<otherPort>`, target of cross-origin redirects. */
  otherOrigin: string;
  /** An origin on a loopback port where nothing listens. */
  closedOrigin: string;
  /** Values of {page}, {api}, {other}, {closed}, {pagePort}, {apiPort}, {otherPort}, {closedPort}. */
  placeholders: Record<string, string>;
  /** Every request the three servers received, in order. */
  requests: LabRequestRecord[];
  /** Replaces the placeholders in a scenario string. */
  fill(text: string): string;
  close(): Promise<void>;
}

export function startLab(options?: { pagePort?: number; apiPort?: number; otherPort?: number }): Promise<Lab>;
export function fillPlaceholders(text: string, values: Record<string, string>): string;
export function renderLabPage(fill: (text: string) => string): string;
