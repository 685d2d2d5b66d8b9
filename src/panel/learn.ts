/**
 * The "Learn" view: one real exchange told as the sequence the browser went through, each check
 * marked passed / failed / not reached, in words a newcomer can follow. The order of the checks is
 * Chromium's (redirect, then Allow-Origin and Allow-Credentials, then status, then methods and
 * headers — measured on Chromium 156, see extension-capture reference §2); which check failed comes
 * from the engine's verdict, so this view can never disagree with the Explain view.
 * https://fetch.spec.whatwg.org/#cors-preflight-fetch  https://fetch.spec.whatwg.org/#concept-cors-check
 */
import type { CorsError, Exchange, Header, NetworkEntry } from '../core/model.js';
import { preflightReasonText } from './words.js';

export type StepState = 'ok' | 'fail' | 'skipped' | 'info' | 'unknown';

export interface LearnStep {
  /** Who acts: the browser, the server, or a check the browser runs. */
  actor: 'browser' | 'server' | 'check' | 'result';
  title: string;
  detail: string;
  state: StepState;
  /** Header lines shown under the step (request or response). */
  headers?: Header[];
}

interface CheckDef {
  title: string;
  explain: string;
  fails: CorsError[];
  applies: boolean;
}

function get(headers: readonly Header[] | undefined, name: string): string | null {
  const lines = (headers ?? []).filter((h) => h.name.toLowerCase() === name);
  return lines.length ? lines.map((h) => h.value).join(', ') : null;
}

function corsHeaders(headers: readonly Header[] | undefined): Header[] {
  return (headers ?? []).filter((h) => /^(origin|access-control-|vary$|location$)/i.test(h.name));
}

/** Failures found on the preflight; any other response failure means the preflight passed. */
const PREFLIGHT_STAGE = new Set<CorsError>([
  'PreflightDisallowedRedirect', 'PreflightMissingAllowOriginHeader', 'PreflightMultipleAllowOriginValues',
  'PreflightInvalidAllowOriginValue', 'PreflightAllowOriginMismatch', 'PreflightWildcardOriginNotAllowed',
  'PreflightInvalidAllowCredentials', 'PreflightInvalidStatus', 'InvalidAllowMethodsPreflightResponse',
  'MethodDisallowedByPreflightResponse', 'InvalidAllowHeadersPreflightResponse', 'HeaderDisallowedByPreflightResponse',
  'PreflightMissingAllowPrivateNetwork', 'PreflightInvalidAllowPrivateNetwork',
]);
const RESPONSE_STAGE = new Set<CorsError>([
  'MissingAllowOriginHeader', 'MultipleAllowOriginValues', 'InvalidAllowOriginValue', 'AllowOriginMismatch',
  'WildcardOriginNotAllowed', 'InvalidAllowCredentials',
]);

/**
 * Pass/fail per check. `laterStage`: the failure happened in a later stage (so every check of this
 * one passed).
 */
function stateOf(defs: CheckDef[], x: Exchange, laterStage: boolean): StepState[] {
  const failing = x.verdict === 'blocked' && x.corsError ? defs.findIndex((d) => d.fails.includes(x.corsError!)) : -1;
  return defs.map((d, i) => {
    if (!d.applies) return 'skipped';
    if (x.verdict === 'allowed' || laterStage) return 'ok';
    if (x.verdict !== 'blocked' || failing === -1) return 'unknown';
    return i < failing ? 'ok' : i === failing ? 'fail' : 'skipped';
  });
}

function originChecks(prefix: 'Preflight' | '', credentials: boolean): CheckDef[] {
  const p = (code: string) => `${prefix}${code}` as CorsError;
  return [
    {
      title: 'Is there an Access-Control-Allow-Origin header?',
      explain: 'Without it the server has not opted in to cross-origin reads.',
      fails: [p('MissingAllowOriginHeader')],
      applies: true,
    },
    {
      title: 'Does it hold exactly one valid value?',
      explain: 'One origin, "*" or "null" — never a list, a pattern or a host without scheme.',
      fails: [p('MultipleAllowOriginValues'), p('InvalidAllowOriginValue')],
      applies: true,
    },
    {
      title: credentials ? 'Is it exactly the page origin (not "*")?' : 'Is it "*" or exactly the page origin?',
      explain: credentials
        ? 'With cookies or HTTP auth the wildcard is not enough; the exact origin must be echoed.'
        : 'The value is compared character by character with the Origin the browser sent.',
      fails: [p('AllowOriginMismatch'), p('WildcardOriginNotAllowed')],
      applies: true,
    },
    {
      title: 'Does Access-Control-Allow-Credentials say "true"?',
      explain: 'Needed only when the request carries credentials (cookies, HTTP auth).',
      fails: [p('InvalidAllowCredentials')],
      applies: credentials,
    },
  ];
}

/** The steps for an exchange. `preflight`/`actual`/`last` are the captured entries, when present. */
export function learnSteps(x: Exchange, actual?: NetworkEntry, preflight?: NetworkEntry, last?: NetworkEntry): LearnStep[] {
  const steps: LearnStep[] = [];
  const origin = x.origin ?? 'an unknown origin';
  const credentials = x.credentials.mode === 'include';
  steps.push({
    actor: 'browser',
    title: `The page at ${origin} asks for ${x.method} ${x.url}`,
    detail: `Made with ${x.resourceKind}. ${credentials ? 'Credentials (cookies / HTTP auth) are included.' : x.credentials.mode === 'omit' ? 'No credentials are included.' : 'Whether credentials are included is not recorded.'}`,
    state: 'info',
  });
  if (x.verdict === 'same-origin') {
    steps.push({ actor: 'result', title: 'Same origin: no CORS checks at all', detail: 'The page and the URL share scheme, host and port, so the browser hands the response to the page.', state: 'ok' });
    return steps;
  }
  if (x.verdict === 'network-error') {
    steps.push({
      actor: 'result',
      title: 'The request failed before any CORS check',
      detail: `${x.notCors[0]?.summary ?? 'The connection failed or the request was stopped before a response came back.'} JavaScript still sees only "TypeError: Failed to fetch".`,
      state: 'fail',
    });
    return steps;
  }

  // 1. Does it need a preflight?
  if (x.preflight.needed) {
    steps.push({
      actor: 'check',
      title: 'The request is not "simple", so the browser must ask first (a preflight)',
      detail: x.preflight.reasons.map(preflightReasonText).join(' ') || 'The capture shows an OPTIONS preflight for it.',
      state: 'info',
    });
  } else {
    steps.push({
      actor: 'check',
      title: 'A "simple" request: no preflight needed',
      detail: 'GET, HEAD or POST with only safelisted headers goes straight to the server; the browser checks the answer afterwards.',
      state: 'info',
    });
  }

  // 2. The preflight exchange.
  let actualSent = true;
  if (x.preflight.needed) {
    if (preflight) {
      steps.push({
        actor: 'browser',
        title: `Browser → OPTIONS ${preflight.url}`,
        detail: 'The preflight says who is asking (Origin) and what the real request will use (Access-Control-Request-Method / -Headers). No cookies, no body.',
        state: 'info',
        headers: corsHeaders(preflight.requestHeaders),
      });
      steps.push({
        actor: 'server',
        title: preflight.status ? `Server answers ${preflight.status} ${preflight.statusText}`.trim() : 'No answer was received',
        detail: 'These response headers are what the browser checks next.',
        state: 'info',
        headers: corsHeaders(preflight.responseHeaders),
      });
      const defs: CheckDef[] = [
        { title: 'Is the answer not a redirect?', explain: 'A preflight may never be redirected.', fails: ['PreflightDisallowedRedirect'], applies: true },
        ...originChecks('Preflight', credentials),
        { title: 'Is the status 2xx (e.g. 200 or 204)?', explain: 'An auth layer answering 401/403, or a 404/405 for OPTIONS, fails here.', fails: ['PreflightInvalidStatus'], applies: true },
        {
          title: `Does Access-Control-Allow-Methods allow ${x.method}?`,
          explain: `Allowed: ${get(preflight.responseHeaders, 'access-control-allow-methods') ?? '(header missing)'}. GET, HEAD and POST never need to be listed.`,
          fails: ['InvalidAllowMethodsPreflightResponse', 'MethodDisallowedByPreflightResponse'],
          applies: x.preflight.reasons.some((r) => r.kind === 'method'),
        },
        {
          title: `Does Access-Control-Allow-Headers allow ${get(preflight.requestHeaders, 'access-control-request-headers') ?? 'the request headers'}?`,
          explain: `Allowed: ${get(preflight.responseHeaders, 'access-control-allow-headers') ?? '(header missing)'}.`,
          fails: ['InvalidAllowHeadersPreflightResponse', 'HeaderDisallowedByPreflightResponse'],
          applies: get(preflight.requestHeaders, 'access-control-request-headers') !== null,
        },
      ];
      const states = stateOf(defs, x, x.corsError !== null && RESPONSE_STAGE.has(x.corsError));
      defs.forEach((d, i) => steps.push({ actor: 'check', title: d.title, detail: d.explain, state: states[i]! }));
      actualSent = !(x.verdict === 'blocked' && x.corsError !== null && PREFLIGHT_STAGE.has(x.corsError));
    } else {
      steps.push({
        actor: 'browser',
        title: 'The preflight is not in the capture',
        detail: 'It was answered from the browser\'s preflight cache (Access-Control-Max-Age), or it happened before DevTools was opened. Reload with DevTools open to see it.',
        state: 'unknown',
      });
    }
  }

  // 3. The actual request and the checks on its response.
  if (!actualSent) {
    steps.push({
      actor: 'result',
      title: `The real ${x.method} request is never sent`,
      detail: 'The preflight failed, so the browser stops here. The server never sees the request; JavaScript gets "TypeError: Failed to fetch" and the console shows the reason.',
      state: 'fail',
    });
    return steps;
  }
  steps.push({
    actor: 'browser',
    title: `Browser → ${x.method} ${x.url}`,
    detail: 'The real request, with the Origin header.',
    state: 'info',
    headers: actual ? corsHeaders(actual.requestHeaders) : [],
  });
  for (const hop of x.redirects) {
    steps.push({
      actor: 'server',
      title: `Server redirects (${hop.status}) to ${hop.location}`,
      detail: 'The redirect response passed the same Allow-Origin checks, so the browser followed it.',
      state: 'ok',
    });
  }
  const response = last ?? actual;
  const answered = response !== undefined && response.status > 0;
  steps.push({
    actor: 'server',
    title: answered ? `Server answers ${response.status} ${response.statusText}`.trim() : 'No response in the capture',
    detail: answered ? 'Whatever the status, the browser now decides whether the page may read this response.' : 'Without a response nothing can be checked.',
    state: answered ? 'info' : 'unknown',
    headers: answered ? corsHeaders(response.responseHeaders) : [],
  });
  const defs = originChecks('', credentials);
  const states = answered ? stateOf(defs, x, false) : defs.map((): StepState => 'skipped');
  defs.forEach((d, i) => steps.push({ actor: 'check', title: d.title, detail: d.explain, state: states[i]! }));

  if (x.verdict === 'allowed') {
    steps.push({
      actor: 'result',
      title: x.opaque ? 'Response delivered, but opaque' : 'The page can read the response',
      detail: x.opaque ? 'A no-cors request: the page gets an empty, opaque response.' : 'Every check passed.',
      state: 'ok',
    });
  } else if (x.verdict === 'blocked') {
    steps.push({
      actor: 'result',
      title: 'The browser hides the response from the page',
      detail: 'The server did answer, but JavaScript only sees "TypeError: Failed to fetch"; the console shows the reason.',
      state: 'fail',
    });
  } else {
    steps.push({ actor: 'result', title: 'The outcome cannot be told from this capture', detail: x.missing.join('; ') || 'Some evidence is missing.', state: 'unknown' });
  }
  return steps;
}
