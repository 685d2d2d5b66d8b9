import type { CDPSession } from 'puppeteer-core';

/**
 * Records Chromium's Network domain over CDP and turns it into the HAR a DevTools extension gets from
 * chrome.devtools.network (the shape measured in shared/reference/extension-capture.md):
 * - a preflight is its own entry, `_resourceType: "preflight"`, `_initiator: {type: "preflight", url, requestId}`;
 * - a CORS-blocked simple request keeps its real status and raw response headers (from the ExtraInfo
 *   events) plus `response._error: "net::ERR_FAILED"`, and no body;
 * - a request blocked by its preflight has status 0, no response headers, and only the provisional
 *   request headers (no Origin);
 * - repeated header lines (CDP joins them with "\n") become separate HAR headers.
 * It also keeps the oracle the HAR does not carry: `loadingFailed.corsErrorStatus` per request.
 */

interface Hop {
  url: string;
  method: string;
  provisionalHeaders: Record<string, string>;
  postData?: string;
  wallTime: number;
  timestamp: number;
  initiator: { type?: string; url?: string; requestId?: string };
  type: string;
  extraRequestHeaders?: Record<string, string>;
  status?: number;
  statusText?: string;
  responseHeaders?: Record<string, string>;
  rawResponseHeaders?: Record<string, string>;
  rawStatus?: number;
  rawHeadersText?: string;
  mimeType?: string;
  endTimestamp?: number;
  error?: string;
  redirectURL?: string;
  body?: string;
}

interface Req {
  id: string;
  hops: Hop[];
  reqExtra: Array<Record<string, string>>;
  respExtra: Array<{ headers: Record<string, string>; statusCode: number; headersText?: string }>;
  finished: boolean;
  failed?: { errorText: string; corsError?: string; failedParameter?: string; blockedReason?: string };
}

export interface CorsOracle {
  url: string;
  method: string;
  corsError: string | null;
  failedParameter: string | null;
  errorText: string | null;
}

export class CdpHarRecorder {
  private reqs = new Map<string, Req>();
  private order: string[] = [];
  private lastEventAt = 0;

  constructor(private readonly cdp: CDPSession) {}

  async start(): Promise<void> {
    const c = this.cdp;
    await c.send('Network.enable', { maxPostDataSize: 65536 });
    c.on('Network.requestWillBeSent', (ev) => {
      const r = this.get(ev.requestId);
      if (ev.redirectResponse && r.hops.length > 0) {
        const prev = r.hops[r.hops.length - 1]!;
        prev.status = ev.redirectResponse.status;
        prev.statusText = ev.redirectResponse.statusText;
        prev.responseHeaders = ev.redirectResponse.headers as Record<string, string>;
        prev.redirectURL = ev.request.url;
        prev.endTimestamp = ev.timestamp;
      }
      r.hops.push({
        url: ev.request.url,
        method: ev.request.method,
        provisionalHeaders: ev.request.headers as Record<string, string>,
        postData: ev.request.postData,
        wallTime: ev.wallTime,
        timestamp: ev.timestamp,
        initiator: { type: ev.initiator.type, url: ev.initiator.url, requestId: (ev.initiator as { requestId?: string }).requestId },
        type: ev.type ?? 'Other',
      });
    });
    c.on('Network.requestWillBeSentExtraInfo', (ev) => this.get(ev.requestId).reqExtra.push(ev.headers as Record<string, string>));
    c.on('Network.responseReceivedExtraInfo', (ev) =>
      this.get(ev.requestId).respExtra.push({ headers: ev.headers as Record<string, string>, statusCode: ev.statusCode, headersText: ev.headersText }),
    );
    c.on('Network.responseReceived', (ev) => {
      const hop = this.lastHop(ev.requestId);
      if (!hop) return;
      hop.status = ev.response.status;
      hop.statusText = ev.response.statusText;
      hop.responseHeaders = ev.response.headers as Record<string, string>;
      hop.mimeType = ev.response.mimeType;
      if (ev.type === 'Preflight') hop.type = 'Preflight';
    });
    c.on('Network.loadingFinished', (ev) => {
      const r = this.get(ev.requestId);
      r.finished = true;
      const hop = this.lastHop(ev.requestId);
      if (hop) hop.endTimestamp = ev.timestamp;
    });
    c.on('Network.loadingFailed', (ev) => {
      const r = this.get(ev.requestId);
      r.finished = true;
      r.failed = {
        errorText: ev.errorText,
        corsError: ev.corsErrorStatus?.corsError,
        failedParameter: ev.corsErrorStatus?.failedParameter,
        blockedReason: ev.blockedReason,
      };
      const hop = this.lastHop(ev.requestId);
      if (hop) {
        hop.endTimestamp = ev.timestamp;
        hop.error = ev.errorText;
      }
    });
  }

  /** Forget everything recorded so far (start of a scenario). */
  reset(): void {
    this.reqs.clear();
    this.order = [];
  }

  /**
   * Wait until every recorded request finished or failed and the event stream has been quiet for a
   * while (the ExtraInfo events that carry raw headers may trail the loading events).
   */
  async settle(timeoutMs = 5000, quietMs = 150): Promise<void> {
    const end = Date.now() + timeoutMs;
    while (Date.now() < end) {
      const pending = [...this.reqs.values()].some((r) => !r.finished);
      if (!pending && Date.now() - this.lastEventAt >= quietMs) break;
      await new Promise((res) => setTimeout(res, 25));
    }
    // Bodies of completed, non-preflight requests, as "Save all as HAR with content" has them.
    for (const r of this.reqs.values()) {
      const hop = r.hops[r.hops.length - 1];
      if (!hop || r.failed || this.isPreflight(hop)) continue;
      try {
        const b = (await this.cdp.send('Network.getResponseBody', { requestId: r.id })) as { body: string; base64Encoded: boolean };
        hop.body = b.base64Encoded ? Buffer.from(b.body, 'base64').toString('utf8') : b.body;
      } catch {
        /* no body (e.g. 204) */
      }
    }
  }

  /** CDP's verdict for each page request (not preflights): the oracle. */
  oracle(): CorsOracle[] {
    const out: CorsOracle[] = [];
    for (const id of this.order) {
      const r = this.reqs.get(id)!;
      const first = r.hops[0];
      if (!first || this.isPreflight(first) || first.url.startsWith('data:')) continue;
      const last = r.hops[r.hops.length - 1]!;
      out.push({ url: last.url, method: first.method, corsError: r.failed?.corsError ?? null, failedParameter: r.failed?.failedParameter ?? null, errorText: r.failed?.errorText ?? null });
    }
    return out;
  }

  /** The HAR (1.2) a DevTools extension would export for what was recorded. */
  har(pageUrl: string): object {
    const entries: object[] = [];
    for (const id of this.order) {
      const r = this.reqs.get(id)!;
      r.hops.forEach((hop, i) => {
        if (hop.url.startsWith('data:') || hop.type === 'Document') return;
        entries.push(this.entry(r, hop, i));
      });
    }
    const started = entries.length > 0 ? (entries[0] as { startedDateTime: string }).startedDateTime : new Date().toISOString();
    return {
      log: {
        version: '1.2',
        creator: { name: 'WebInspector', version: '537.36' },
        pages: [{ startedDateTime: started, id: 'page_1', title: pageUrl, pageTimings: { onContentLoad: -1, onLoad: -1 } }],
        entries,
      },
    };
  }

  private entry(r: Req, hop: Hop, i: number): object {
    const isLast = i === r.hops.length - 1;
    const preflight = this.isPreflight(hop);
    const reqHeaders = r.reqExtra[i] ?? hop.provisionalHeaders;
    const extra = r.respExtra[i];
    const gotResponse = extra !== undefined || hop.status !== undefined;
    const status = extra?.statusCode ?? hop.status ?? 0;
    const statusText = hop.statusText ?? statusTextOf(extra?.headersText) ?? '';
    const respHeaders = gotResponse ? (extra?.headers ?? hop.responseHeaders ?? {}) : {};
    const error = isLast ? r.failed?.errorText : undefined;
    const timeMs = hop.endTimestamp !== undefined ? Math.max(0, (hop.endTimestamp - hop.timestamp) * 1000) : 0;
    const location = respHeaders['location'] ?? respHeaders['Location'] ?? '';
    return {
      pageref: 'page_1',
      startedDateTime: new Date(hop.wallTime * 1000).toISOString(),
      time: timeMs,
      request: {
        method: hop.method,
        url: hop.url,
        httpVersion: gotResponse ? 'HTTP/1.1' : '',
        headers: toHarHeaders(reqHeaders),
        queryString: [],
        cookies: [],
        headersSize: -1,
        bodySize: hop.postData ? hop.postData.length : 0,
        ...(hop.postData ? { postData: { mimeType: reqHeaders['Content-Type'] ?? reqHeaders['content-type'] ?? '', text: hop.postData } } : {}),
      },
      response: {
        status,
        statusText,
        httpVersion: gotResponse ? 'HTTP/1.1' : '',
        headers: toHarHeaders(respHeaders),
        cookies: [],
        content: { size: hop.body?.length ?? 0, mimeType: hop.mimeType ?? '', ...(hop.body !== undefined ? { text: hop.body } : {}) },
        redirectURL: hop.redirectURL ?? location,
        headersSize: -1,
        bodySize: -1,
        _transferSize: 0,
        _error: error ?? (preflight && status >= 300 && status < 400 ? 'net::ERR_INVALID_REDIRECT' : null),
      },
      cache: {},
      timings: { blocked: -1, dns: -1, ssl: -1, connect: -1, send: 0, wait: timeMs, receive: 0 },
      _initiator: preflight ? { type: 'preflight', url: hop.initiator.url, requestId: hop.initiator.requestId } : { type: hop.initiator.type ?? 'other' },
      _priority: 'High',
      _resourceType: preflight ? 'preflight' : hop.type.toLowerCase(),
    };
  }

  private isPreflight(hop: Hop): boolean {
    return hop.initiator.type === 'preflight' || hop.type === 'Preflight';
  }

  private get(id: string): Req {
    this.lastEventAt = Date.now();
    let r = this.reqs.get(id);
    if (!r) {
      r = { id, hops: [], reqExtra: [], respExtra: [], finished: false };
      this.reqs.set(id, r);
      this.order.push(id);
    }
    return r;
  }

  private lastHop(id: string): Hop | undefined {
    const r = this.reqs.get(id);
    return r?.hops[r.hops.length - 1];
  }
}

function toHarHeaders(h: Record<string, string>): Array<{ name: string; value: string }> {
  const out: Array<{ name: string; value: string }> = [];
  for (const [name, value] of Object.entries(h)) for (const v of String(value).split('\n')) out.push({ name, value: v });
  return out;
}

function statusTextOf(headersText: string | undefined): string | null {
  const m = /^HTTP\/[\d.]+ \d{3} ?([^\r\n]*)/.exec(headersText ?? '');
  return m ? (m[1] ?? '') : null;
}
