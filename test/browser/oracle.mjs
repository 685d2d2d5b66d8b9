// The CDP oracle: Chromium's own verdict for every request of the lab scenarios.
//
// A CDP session on the inspected page with Network, Log and Audits enabled records raw events;
// everything is bound to requests only at the end, because CDP does not order events across
// sources: responseReceivedExtraInfo, Audits.issueAdded and Log.entryAdded can all arrive before
// the request's own Network.requestWillBeSent (observed in Chromium 156).
// What the events mean: /work/shared/reference/extension-capture.md, Part A.

import { scenarioIdOfUrl } from '../../scripts/lab/scenarios.mjs';

/**
 * @typedef {import('./capture.d.mts').OracleRow} OracleRow
 * @typedef {import('./capture.d.mts').OracleConsoleLine} ConsoleLine
 * @typedef {{ url: string, method: string, status: number, location: string | null }} Hop
 * @typedef {{ kind: 'finished' } | { kind: 'failed', errorText: string, blockedReason: string | null,
 *   corsErrorStatus: { corsError: string, failedParameter: string } | null, canceled: boolean }} End
 * @typedef {object} CdpRequest
 * @property {string} requestId
 * @property {number} order arrival order of the first requestWillBeSent
 * @property {number} wallMs wall-clock start time
 * @property {string} type CDP resource type (Fetch, XHR, Image, Script, Other, …)
 * @property {any} initiator
 * @property {Hop[]} hops one per redirect hop
 * @property {number | null} responseStatus status from Network.responseReceived (absent for blocked requests)
 * @property {End | null} end
 * @property {any} js what the page script saw (filled when rows are built)
 * @typedef {{ requestId: string | null, url: string, code: string,
 *   corsErrorStatus: { corsError: string, failedParameter: string } | null, isWarning: boolean, scenarioAtArrival: string | null }} IssueRecord
 */

export class OracleRecorder {
  /**
   * @param {import('puppeteer-core').CDPSession} cdp
   * @param {string} pageOrigin origin of the lab page (`same-origin` verdicts)
   */
  constructor(cdp, pageOrigin) {
    this.cdp = cdp;
    this.pageOrigin = pageOrigin;
    /** @type {Map<string, CdpRequest>} */
    this.requests = new Map();
    /** Status codes of Network.responseReceivedExtraInfo per requestId, in arrival order (one per hop). */
    /** @type {Map<string, number[]>} */
    this.extraStatuses = new Map();
    /** @type {{ entry: any, scenarioAtArrival: string | null }[]} */
    this.logs = [];
    /** @type {IssueRecord[]} */
    this.issues = [];
    /** Id of the scenario running now (set by the driver), or null between scenarios. @type {string | null} */
    this.current = null;
    /** What `runScenario` resolved with, per scenario (set by the driver). @type {Map<string, any>} */
    this.jsResults = new Map();
    this.order = 0;
    this.lastEventAt = Date.now();
  }

  async start() {
    const on = (/** @type {string} */ name, /** @type {(e: any) => void} */ fn) =>
      this.cdp.on(/** @type {any} */ (name), (/** @type {any} */ e) => {
        this.lastEventAt = Date.now();
        fn(e);
      });
    on('Network.requestWillBeSent', (e) => this.onRequestWillBeSent(e));
    on('Network.responseReceived', (e) => {
      const r = this.requests.get(e.requestId);
      if (r && typeof e.response?.status === 'number') r.responseStatus = e.response.status;
    });
    on('Network.responseReceivedExtraInfo', (e) => {
      this.extraStatuses.set(e.requestId, [...(this.extraStatuses.get(e.requestId) ?? []), e.statusCode]);
    });
    on('Network.loadingFinished', (e) => {
      const r = this.requests.get(e.requestId);
      if (r && !r.end) r.end = { kind: 'finished' };
    });
    on('Network.loadingFailed', (e) => {
      const r = this.requests.get(e.requestId);
      if (!r) return;
      r.end = {
        kind: 'failed',
        errorText: e.errorText ?? '',
        blockedReason: e.blockedReason ?? null,
        corsErrorStatus: e.corsErrorStatus ?? null,
        canceled: Boolean(e.canceled),
      };
    });
    on('Log.entryAdded', (e) => this.logs.push({ entry: e.entry, scenarioAtArrival: this.current }));
    on('Audits.issueAdded', (e) => {
      const details = e.issue?.details?.corsIssueDetails;
      if (!details) return;
      this.issues.push({
        requestId: details.request?.requestId ?? null,
        url: details.request?.url ?? '',
        code: e.issue.code,
        corsErrorStatus: details.corsErrorStatus ?? null,
        isWarning: Boolean(details.isWarning),
        scenarioAtArrival: this.current,
      });
    });
    await this.cdp.send('Network.enable');
    await this.cdp.send('Log.enable');
    await this.cdp.send('Audits.enable');
  }

  /** @param {any} e */
  onRequestWillBeSent(e) {
    const existing = this.requests.get(e.requestId);
    /** @type {Hop} */
    const hop = { url: e.request.url, method: e.request.method, status: 0, location: null };
    if (existing) {
      // Same requestId again: a redirect. The previous hop ends with the redirect response.
      const last = existing.hops[existing.hops.length - 1];
      if (last && e.redirectResponse) {
        last.status = e.redirectResponse.status;
        last.location = headerValue(e.redirectResponse.headers, 'location');
      }
      existing.hops.push(hop);
      return;
    }
    this.requests.set(e.requestId, {
      requestId: e.requestId,
      order: this.order++,
      wallMs: typeof e.wallTime === 'number' ? e.wallTime * 1000 : Date.now(),
      type: e.type ?? 'Other',
      initiator: e.initiator ?? null,
      hops: [hop],
      responseStatus: null,
      end: null,
      js: null,
    });
  }

  /**
   * A request is done when it ended, or when its response reached the page as an opaque
   * response: Blink never reads an opaque body, so such a load may never finish (no
   * loadingFinished until the page is gone).
   * @param {CdpRequest} r
   */
  isDone(r) {
    if (r.end !== null) return true;
    const js = this.jsResults.get(scenarioIdOfUrl(r.hops[0]?.url ?? '') ?? '');
    return r.responseStatus !== null && Boolean(js && !js.error && js.type === 'opaque');
  }

  /** Requests (page requests and preflights) whose first URL belongs to the scenario. */
  requestsOf(/** @type {string} */ scenarioId) {
    return [...this.requests.values()].filter((r) => scenarioIdOfUrl(r.hops[0]?.url ?? '') === scenarioId);
  }

  /**
   * Waits until every request of the scenario has ended and every CORS failure has its console
   * line. Binding is by request id and URL, not by time, so this only keeps the run calm.
   * @param {string} scenarioId
   */
  async settle(scenarioId) {
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      const mine = this.requestsOf(scenarioId);
      const lines = this.consoleByRequest().byRequest;
      const done = mine.every(
        (r) => this.isDone(r) && (!(r.end?.kind === 'failed' && r.end.corsErrorStatus) || (lines.get(r.requestId) ?? []).some(isCorsLine)),
      );
      if (done) break;
      await sleep(10);
    }
    // Requests refused before the network leave only console lines and issues.
    if (this.requestsOf(scenarioId).length === 0) await sleep(100);
  }

  /** Waits until every scenario request has ended and no event arrived for 300 ms. */
  async quiesce() {
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      const allEnded = [...this.requests.values()].every((r) => this.isDone(r) || !scenarioIdOfUrl(r.hops[0]?.url ?? ''));
      if (allEnded && Date.now() - this.lastEventAt > 300) return;
      await sleep(25);
    }
  }

  /**
   * Binds every console line to a request: by `networkRequestId` ("Failed to load resource"
   * lines), else by the scenario URL the text names (CORS lines quote the last URL; "Fetch API
   * cannot load <url>." names it bare; with repeated calls, the latest request started before
   * the line), else to a scenario (named in the text, or running when the line arrived).
   * `entry.url` is not used: for script-made requests it is the calling script's URL.
   */
  consoleByRequest() {
    /** @type {Map<string, ConsoleLine[]>} */
    const byRequest = new Map();
    /** @type {Map<string, ConsoleLine[]>} */
    const byScenario = new Map();
    const pageRequests = [...this.requests.values()].filter((r) => !isPreflight(r) && scenarioIdOfUrl(r.hops[0]?.url ?? ''));
    for (const { entry, scenarioAtArrival } of this.logs) {
      /** @type {ConsoleLine} */
      const line = { source: entry.source, level: entry.level, category: entry.category ?? null, text: entry.text };
      let target = entry.networkRequestId ? this.requests.get(entry.networkRequestId) : undefined;
      if (!target) {
        const named = pageRequests.filter((r) => r.hops.some((h) => namesUrl(entry.text, h.url)));
        const before = named.filter((r) => r.wallMs <= (entry.timestamp ?? Infinity));
        target = before[before.length - 1] ?? named[named.length - 1];
      }
      if (target) {
        byRequest.set(target.requestId, [...(byRequest.get(target.requestId) ?? []), line]);
        continue;
      }
      const scenarioId = scenarioIdOfText(entry.text) ?? scenarioAtArrival;
      if (scenarioId) byScenario.set(scenarioId, [...(byScenario.get(scenarioId) ?? []), line]);
    }
    return { byRequest, byScenario };
  }

  /**
   * The oracle: one row per page-level request of each scenario (repeated calls give several
   * rows), or one row with `cdpRequestId: null` when the request never reached the network.
   * @param {string[]} scenarioIds
   * @param {Map<string, any>} jsResults what `runScenario` resolved with, per scenario
   * @returns {OracleRow[]}
   */
  rows(scenarioIds, jsResults) {
    const { byRequest, byScenario } = this.consoleByRequest();
    /** @type {OracleRow[]} */
    const rows = [];
    for (const scenarioId of scenarioIds) {
      const mine = this.requestsOf(scenarioId);
      const pageRequests = mine.filter((r) => !isPreflight(r)).sort((a, b) => a.order - b.order);
      const js = jsResults.get(scenarioId) ?? null;
      const loose = byScenario.get(scenarioId) ?? [];
      if (pageRequests.length === 0) {
        const issues = this.issues.filter((i) => scenarioIdOfUrl(i.url) === scenarioId || (!i.url && i.scenarioAtArrival === scenarioId));
        rows.push(unsentRow(scenarioId, js, loose, issues));
        continue;
      }
      pageRequests.forEach((r, call) => {
        const preflights = mine.filter((p) => isPreflight(p) && p.initiator?.requestId === r.requestId).sort((a, b) => a.order - b.order);
        const lines = [
          ...(byRequest.get(r.requestId) ?? []),
          ...preflights.flatMap((p) => byRequest.get(p.requestId) ?? []),
          ...(call === 0 ? loose : []),
        ];
        const issues = this.issues.filter((i) => i.requestId === r.requestId);
        rows.push(this.row(scenarioId, call, r, preflights, js?.calls?.[call] ?? js, lines, issues));
      });
    }
    return rows;
  }

  /**
   * Status of each hop: redirect hops from their redirect response; the last hop from
   * responseReceived, else from the ExtraInfo event of that hop (blocked responses only get
   * ExtraInfo), else 0 (no response at all).
   * @param {CdpRequest} r
   * @returns {Hop[]}
   */
  hopsOf(r) {
    const extras = this.extraStatuses.get(r.requestId) ?? [];
    return r.hops.map((h, i) => {
      if (i < r.hops.length - 1) return { ...h };
      const status = r.responseStatus ?? (extras.length >= r.hops.length ? (extras[r.hops.length - 1] ?? 0) : 0);
      return { ...h, status };
    });
  }

  /**
   * @param {string} scenarioId @param {number} call @param {CdpRequest} r @param {CdpRequest[]} preflights
   * @param {any} js @param {ConsoleLine[]} rawLines @param {IssueRecord[]} issues
   * @returns {OracleRow}
   */
  row(scenarioId, call, r, preflights, js, rawLines, issues) {
    if (!this.isDone(r)) throw new Error(`${scenarioId}: request ${r.hops[0]?.url} never finished, so the oracle has no verdict for it`);
    const failed = r.end?.kind === 'failed' ? r.end : null;
    const cors = failed?.corsErrorStatus ?? null;
    const lines = sortConsole(rawLines);
    const corsLine = lines.find(isCorsLine) ?? null;
    const hops = this.hopsOf(r);
    const first = /** @type {Hop} */ (hops[0]);
    const last = /** @type {Hop} */ (hops[hops.length - 1]);
    const opaque = Boolean(js && !js.error && (js.type === 'opaque' || js.type === 'opaqueredirect'));
    // Chrome cancels (net::ERR_ABORTED, canceled) a load whose response it already handed to the
    // page as opaque: redirect: 'manual' (opaqueredirect) and ORB-emptied no-cors responses.
    // The page got its response, so that is not a network error.
    const deliveredThenCanceled = failed !== null && failed.canceled && failed.errorText === 'net::ERR_ABORTED' && opaque;
    const sameOrigin = hops.every((h) => originOf(h.url) === this.pageOrigin);
    /** @type {OracleRow['verdict']} */
    const verdict = cors ? 'blocked' : failed && !deliveredThenCanceled ? 'network-error' : sameOrigin ? 'same-origin' : 'allowed';
    return {
      scenarioId,
      call,
      cdpRequestId: r.requestId,
      method: first.method,
      url: first.url,
      finalUrl: last.url,
      hops,
      resourceType: r.type,
      status: last.status,
      verdict,
      errorText: failed ? failed.errorText : null,
      blockedReason: failed?.blockedReason ?? null,
      canceled: failed ? failed.canceled : false,
      corsError: cors ? cors.corsError : null,
      // Kept exactly as Chrome sends it: "" when the error has no parameter; null without an error.
      failedParameter: cors ? cors.failedParameter : null,
      corsConsoleMessage: corsLine ? corsLine.text : null,
      consoleMessages: lines.map((c) => c.text),
      console: lines,
      issues: issues.map(issueSummary),
      opaque,
      preflights: preflights.map((p) => ({
        cdpRequestId: p.requestId,
        url: p.hops[0]?.url ?? '',
        status: this.hopsOf(p)[0]?.status ?? 0,
        errorText: p.end?.kind === 'failed' ? p.end.errorText : null,
        harIndex: null,
      })),
      harIndex: null,
      harHopIndexes: [],
      js: js ? { ok: Boolean(js.ok), status: js.status ?? 0, error: js.error ?? null, type: js.type ?? null } : null,
    };
  }
}

/**
 * A scenario whose request Blink refused before it reached the network (no CDP request, no HAR
 * entry): the console and the Issues panel are all there is. Chromium reports DisallowedByMode
 * and NoCorsRedirectModeNotFollow this way, as a CORS issue without a request id.
 * @param {string} scenarioId @param {any} js @param {ConsoleLine[]} rawLines @param {IssueRecord[]} issues
 * @returns {OracleRow}
 */
function unsentRow(scenarioId, js, rawLines, issues) {
  const lines = sortConsole(rawLines);
  const corsLine = lines.find(isCorsLine) ?? null;
  const cors = issues.find((i) => i.corsErrorStatus && !i.isWarning)?.corsErrorStatus ?? null;
  return {
    scenarioId,
    call: 0,
    cdpRequestId: null,
    method: null,
    url: null,
    finalUrl: null,
    hops: [],
    resourceType: null,
    status: 0,
    verdict: cors ? 'blocked' : 'network-error',
    errorText: null,
    blockedReason: null,
    canceled: false,
    corsError: cors ? cors.corsError : null,
    failedParameter: cors ? cors.failedParameter : null,
    corsConsoleMessage: corsLine ? corsLine.text : null,
    consoleMessages: lines.map((c) => c.text),
    console: lines,
    issues: issues.map(issueSummary),
    opaque: false,
    preflights: [],
    harIndex: null,
    harHopIndexes: [],
    js: js ? { ok: Boolean(js.ok), status: js.status ?? 0, error: js.error ?? null, type: js.type ?? null } : null,
  };
}

/** @param {IssueRecord} i */
function issueSummary(i) {
  return { code: i.code, corsError: i.corsErrorStatus?.corsError ?? null, isWarning: i.isWarning };
}

/**
 * The console line Chrome prints for a CORS failure: source javascript, category cors
 * ("Access to fetch at … has been blocked by CORS policy: …", "Fetch API cannot load …").
 * The companion "Failed to load resource: net::ERR_FAILED" line is source network (it carries
 * category cors too for CORS failures).
 * @param {{ source: string, category: string | null }} c
 */
export function isCorsLine(c) {
  return c.source === 'javascript' && c.category === 'cors';
}

/** Does the console text name this URL ('url' quoted, or "cannot load url.")? @param {string} text @param {string} url */
function namesUrl(text, url) {
  return text.includes(`'${url}'`) || text.includes(`load ${url}.`);
}

/** CORS line first, then by source and text (arrival order across sources is not stable); duplicates dropped. */
function sortConsole(/** @type {ConsoleLine[]} */ lines) {
  const rank = (/** @type {ConsoleLine} */ c) => (isCorsLine(c) ? 0 : 1);
  const seen = new Set();
  return [...lines]
    .sort((a, b) => rank(a) - rank(b) || a.source.localeCompare(b.source) || a.text.localeCompare(b.text))
    .filter((c) => {
      const key = `${c.source}\u0000${c.text}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}

/** @param {{ initiator: any }} r */
function isPreflight(r) {
  return r.initiator?.type === 'preflight';
}

/** @param {Record<string, string> | undefined} headers @param {string} name */
function headerValue(headers, name) {
  if (!headers) return null;
  for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() === name) return v;
  return null;
}

/** @param {string} url */
function originOf(url) {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/** A scenario id named in console text (`…/s/<id>…`). @param {string} text */
function scenarioIdOfText(text) {
  const m = /\/s\/([a-z0-9-]+)/.exec(text);
  return m ? (m[1] ?? null) : null;
}

/** @param {number} ms */
function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
