/**
 * Chrome's own verdict, as the oracle of the panel's end-to-end test: a CDP session on the
 * inspected page records, per page-level request, `Network.loadingFailed.corsErrorStatus` and the
 * CORS console line (`Log.entryAdded`, source javascript). Requests are grouped by lab scenario
 * through their `/s/<id>` path.
 */
import type { CDPSession, Page } from 'puppeteer-core';
import { scenarioIdOfUrl } from '../../scripts/lab/scenarios.mjs';

export interface OracleRequest {
  requestId: string;
  scenarioId: string;
  order: number;
  method: string;
  url: string;
  /** Every hop's URL (redirects keep the requestId). */
  urls: string[];
  ended: boolean;
  errorText: string | null;
  corsError: string | null;
  failedParameter: string | null;
  /** The "… has been blocked by CORS policy: …" line, or null. */
  consoleLine: string | null;
}

const CORS_LINE = / has been blocked by CORS policy: /;
/** The URL a CORS console line names: "Access to fetch at '<url>' …". */
const NAMED_URL = /^Access to .+? at '(.+?)' /s;

export class ChromeOracle {
  private readonly requests = new Map<string, OracleRequest & { preflight: boolean }>();
  private readonly lines: string[] = [];
  private order = 0;
  private lastEventAt = Date.now();

  private constructor(private readonly cdp: CDPSession) {}

  static async attach(page: Page): Promise<ChromeOracle> {
    const oracle = new ChromeOracle(await page.createCDPSession());
    await oracle.start();
    return oracle;
  }

  private async start(): Promise<void> {
    const on = (name: string, fn: (e: any) => void): void => {
      this.cdp.on(name as never, (e: unknown) => {
        this.lastEventAt = Date.now();
        fn(e);
      });
    };
    on('Network.requestWillBeSent', (e) => {
      const scenarioId = scenarioIdOfUrl(e.request.url);
      const known = this.requests.get(e.requestId);
      if (known) {
        if (e.redirectResponse) known.urls.push(e.request.url);
        return;
      }
      if (!scenarioId) return;
      this.requests.set(e.requestId, {
        requestId: e.requestId,
        scenarioId,
        order: this.order++,
        method: e.request.method,
        url: e.request.url,
        urls: [e.request.url],
        ended: false,
        errorText: null,
        corsError: null,
        failedParameter: null,
        consoleLine: null,
        preflight: e.initiator?.type === 'preflight',
      });
    });
    on('Network.loadingFinished', (e) => {
      const r = this.requests.get(e.requestId);
      if (r) r.ended = true;
    });
    on('Network.loadingFailed', (e) => {
      const r = this.requests.get(e.requestId);
      if (!r) return;
      r.ended = true;
      r.errorText = e.errorText ?? null;
      r.corsError = e.corsErrorStatus?.corsError ?? null;
      r.failedParameter = e.corsErrorStatus ? e.corsErrorStatus.failedParameter || null : null;
    });
    on('Log.entryAdded', (e) => {
      const text: string = e.entry.text ?? '';
      if (e.entry.source === 'javascript' && CORS_LINE.test(text)) this.lines.push(text);
    });
    await this.cdp.send('Network.enable');
    await this.cdp.send('Log.enable');
  }

  /** Waits until every recorded request ended and nothing happened for `quietMs`. */
  async settle(quietMs = 400, timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const allEnded = [...this.requests.values()].every((r) => r.ended);
      if (allEnded && Date.now() - this.lastEventAt > quietMs) return;
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** The page-level (non-preflight) requests of a scenario, in order, with their console lines. */
  requestsOf(scenarioId: string): OracleRequest[] {
    const mine = [...this.requests.values()].filter((r) => r.scenarioId === scenarioId && !r.preflight).sort((a, b) => a.order - b.order);
    const used = new Set<string>();
    for (const r of mine) {
      if (!r.corsError) continue;
      // A CORS line names the last URL of the request (after redirects).
      const line = this.lines.find((l) => !used.has(l) && r.urls.includes(NAMED_URL.exec(l)?.[1] ?? ''));
      if (line) {
        used.add(line);
        r.consoleLine = line;
      }
    }
    return mine.map(({ preflight: _p, ...rest }) => rest);
  }

  async detach(): Promise<void> {
    await this.cdp.detach().catch(() => {});
  }
}
