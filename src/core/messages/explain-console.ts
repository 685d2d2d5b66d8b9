import type { BrowserName, CorsError, NotCorsFinding } from '../model.js';
import { CORS_ERRORS, REASONS } from '../catalog/reasons.js';
import { chromeBody, hasPreflightPrefix } from './chrome.js';
import { netErrorFinding } from '../cors/not-cors.js';

/**
 * The reverse of the message builders: a console line pasted by the user (Chrome, Firefox or Safari)
 * → the reason, its explanation, and what the line says about URL and origin.
 */
export interface ConsoleExplanation {
  browser: BrowserName | null;
  /** The reason as a Chrome CDP name; null when the line is not a CORS failure or cannot be read. */
  corsError: CorsError | null;
  /** Other reasons the same text can stand for (Firefox and Safari use one text for several Chrome reasons). */
  candidates: CorsError[];
  failedParameter: string | null;
  url: string | null;
  redirectedFrom: string | null;
  origin: string | null;
  resourceKind: string | null;
  /** True when the line says the preflight failed; null when it does not say. */
  preflight: boolean | null;
  title: string;
  explanation: string;
  fixSummary: string;
  /** When the line is a look-alike (network error, CSP, mixed content …). */
  notCors: NotCorsFinding | null;
}

const esc = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const HOLE = '\u0000';

/** Body matchers built from the same templates that write the messages, so the two cannot drift. */
const CHROME_BODIES: Array<{ code: CorsError; re: RegExp }> = CORS_ERRORS.map((code) => {
  // The scheme list depends on the Chromium build, so any list is accepted.
  if (code === 'CorsDisabledScheme') return { code, re: /^Cross origin requests are only supported for protocol schemes: .*/s };
  const template = esc(chromeBody(code, HOLE, HOLE)).split(HOLE).join('(.*?)');
  return { code, re: new RegExp(`^${template}`, 's') };
});

const CHROME_LINE =
  /Access to (.+?) at '(.+?)' (?:\(redirected from '(.+?)'\) )?from origin '(.*?)' has been blocked by CORS policy: (Response to preflight request doesn't pass access control check: )?(.*)$/s;

function base(): ConsoleExplanation {
  return {
    browser: null, corsError: null, candidates: [], failedParameter: null, url: null, redirectedFrom: null, origin: null,
    resourceKind: null, preflight: null, title: 'Not recognised',
    explanation: 'This text is not a CORS console message from Chrome, Edge, Firefox or Safari that CORS Lens knows.',
    fixSummary: 'Paste the whole red console line, starting at "Access to …" (Chrome/Edge), "Cross-Origin Request Blocked" (Firefox) or the Safari [Error] line.',
    notCors: null,
  };
}

function withReason(e: ConsoleExplanation, code: CorsError, candidates: CorsError[] = []): ConsoleExplanation {
  const r = REASONS[code];
  return { ...e, corsError: code, candidates, title: r.title, explanation: r.explanation, fixSummary: r.fixSummary };
}

export function explainConsoleMessage(text: string): ConsoleExplanation {
  const line = text.replace(/\r/g, '').trim().replace(/^\[(Error|Warning)\]\s*/i, '');
  return explainChrome(line) ?? explainFirefox(line) ?? explainSafari(line) ?? explainLookAlike(line) ?? base();
}

function explainChrome(line: string): ConsoleExplanation | null {
  const noCors = /Fetch API cannot load (\S+)\. Request mode is "no-cors" but the redirect mode is not "follow"/.exec(line);
  if (noCors) return withReason({ ...base(), browser: 'chrome', url: noCors[1] ?? null }, 'NoCorsRedirectModeNotFollow');
  // Blink refuses mode "same-origin" before the network service (fetch_manager.cc).
  const sameOriginMode = /Fetch API cannot load (\S+)\. Request mode is "same-origin" but the URL's origin is not same as the request origin (\S+?)\.?$/.exec(line);
  if (sameOriginMode) return withReason({ ...base(), browser: 'chrome', url: sameOriginMode[1] ?? null, origin: sameOriginMode[2] ?? null }, 'DisallowedByMode');
  const m = CHROME_LINE.exec(line);
  if (!m) return null;
  const [, kind, url, redirectedFrom, origin, prefix, body = ''] = m;
  const e: ConsoleExplanation = {
    ...base(), browser: 'chrome', url: url ?? null, redirectedFrom: redirectedFrom ?? null, origin: origin ?? null,
    resourceKind: kind ?? null, preflight: prefix !== undefined,
  };
  const wantPrefix = prefix !== undefined;
  for (const { code, re } of CHROME_BODIES) {
    if (hasPreflightPrefix(code) !== wantPrefix) continue;
    const b = re.exec(body);
    if (!b) continue;
    const param = b[1] ?? '';
    const out = withReason(e, code);
    out.failedParameter = /\(\.\*\?\)/.test(re.source) ? param : '';
    if (['MethodDisallowedByPreflightResponse', 'HeaderDisallowedByPreflightResponse', 'InvalidAllowMethodsPreflightResponse', 'InvalidAllowHeadersPreflightResponse'].includes(code)) out.preflight = true;
    return out;
  }
  return { ...e, title: 'Unrecognised CORS reason', explanation: `Chrome blocked the request, but the reason text is one CORS Lens does not know: "${body}".` };
}

/** Firefox reason phrases → (key, Chrome reason, preflight?). Old wordings included. */
const FIREFOX: Array<{ re: RegExp; key: string; code: CorsError; candidates?: CorsError[]; preflight?: boolean; param?: number }> = [
  { re: /CORS header .Access-Control-Allow-Origin. missing/, key: 'CORSMissingAllowOrigin2', code: 'MissingAllowOriginHeader', candidates: ['PreflightMissingAllowOriginHeader'] },
  { re: /Multiple CORS header .Access-Control-Allow-Origin. not allowed/, key: 'CORSMultipleAllowOriginNotAllowed', code: 'MultipleAllowOriginValues', candidates: ['PreflightMultipleAllowOriginValues'] },
  { re: /CORS header .Access-Control-Allow-Origin. does not match [‘'](.*?)[’']\)/, key: 'CORSAllowOriginNotMatchingOrigin', code: 'AllowOriginMismatch', candidates: ['PreflightAllowOriginMismatch', 'InvalidAllowOriginValue', 'PreflightInvalidAllowOriginValue', 'MultipleAllowOriginValues', 'PreflightMultipleAllowOriginValues'], param: 1 },
  { re: /Credential is not supported if the CORS header .Access-Control-Allow-Origin. is .\*./, key: 'CORSNotSupportingCredentials', code: 'WildcardOriginNotAllowed', candidates: ['PreflightWildcardOriginNotAllowed'] },
  { re: /expected .true. in CORS header .Access-Control-Allow-Credentials./, key: 'CORSMissingAllowCredentials', code: 'InvalidAllowCredentials', candidates: ['PreflightInvalidAllowCredentials'] },
  { re: /CORS request external redirect not allowed/, key: 'CORSExternalRedirectNotAllowed', code: 'PreflightDisallowedRedirect', preflight: true },
  { re: /CORS preflight (response|channel) did not succeed/, key: 'CORSPreflightDidNotSucceed3', code: 'PreflightInvalidStatus', preflight: true },
  { re: /invalid token [‘'](.*?)[’'] in CORS header .Access-Control-Allow-Methods./, key: 'CORSInvalidAllowMethod', code: 'InvalidAllowMethodsPreflightResponse', preflight: true, param: 1 },
  { re: /invalid token [‘'](.*?)[’'] in CORS header .Access-Control-Allow-Headers./, key: 'CORSInvalidAllowHeader', code: 'InvalidAllowHeadersPreflightResponse', preflight: true, param: 1 },
  { re: /Did not find method in CORS header .Access-Control-Allow-Methods./, key: 'CORSMethodNotFound', code: 'MethodDisallowedByPreflightResponse', preflight: true },
  { re: /header [‘'](.*?)[’'] is not allowed according to header .Access-Control-Allow-Headers./, key: 'CORSMissingAllowHeaderFromPreflight2', code: 'HeaderDisallowedByPreflightResponse', preflight: true, param: 1 },
  { re: /missing token [‘'](.*?)[’'] in CORS header .Access-Control-Allow-Headers./, key: 'CORSMissingAllowHeaderFromPreflight', code: 'HeaderDisallowedByPreflightResponse', preflight: true, param: 1 },
  { re: /CORS request not http/, key: 'CORSRequestNotHttp', code: 'CorsDisabledScheme' },
];

function explainFirefox(line: string): ConsoleExplanation | null {
  if (/^Cross-Origin Request Warning: .*the `Authorization` header is not covered/s.test(line)) {
    const url = /remote resource at (\S+) soon/.exec(line)?.[1] ?? null;
    return {
      ...base(), browser: 'firefox', url, failedParameter: 'authorization', preflight: true,
      title: 'Warning: Authorization is not covered by Access-Control-Allow-Headers: *',
      explanation: "Firefox still let this request through, but warns: the preflight answered Access-Control-Allow-Headers: * and the request sends Authorization, which '*' does not cover. Chrome already blocks it (HeaderDisallowedByPreflightResponse).",
      fixSummary: 'List authorization explicitly in Access-Control-Allow-Headers.',
      candidates: ['HeaderDisallowedByPreflightResponse'],
    };
  }
  const m = /Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at [‘']?(.+?)[’']?\. \(Reason: (.*)$/s.exec(line);
  if (!m) return null;
  const url = m[1] ?? null;
  const reason = m[2] ?? '';
  const e: ConsoleExplanation = { ...base(), browser: 'firefox', url };
  if (/CORS request did not succeed/.test(reason)) {
    return {
      ...e, title: 'CORS request did not succeed',
      explanation: 'Firefox got no usable HTTP response: the server is unreachable (connection refused, DNS, TLS), or the preflight failed — then an earlier console line names the preflight problem. Firefox prints this for non-CORS network failures too.',
      fixSummary: 'Look for another "Cross-Origin Request Blocked" line just above this one; if there is none, check that the server is reachable at this URL.',
      notCors: { kind: 'connection-failed', summary: 'No response reached Firefox for this request (or its preflight failed, see the line above).' },
    };
  }
  for (const f of FIREFOX) {
    const r = f.re.exec(reason);
    if (!r) continue;
    const out = withReason(e, f.code, f.candidates ?? []);
    out.preflight = f.preflight ?? null;
    out.failedParameter = f.param ? (r[f.param] ?? null) : null;
    return out;
  }
  return { ...e, title: 'Unrecognised Firefox CORS reason', explanation: `Firefox blocked the request; reason: ${reason}` };
}

const SAFARI: Array<{ re: RegExp; code: CorsError; candidates?: CorsError[]; preflight?: boolean; param?: number }> = [
  { re: /Origin (\S+) is not allowed by Access-Control-Allow-Origin/, code: 'AllowOriginMismatch', candidates: ['MissingAllowOriginHeader', 'InvalidAllowOriginValue', 'PreflightMissingAllowOriginHeader', 'PreflightAllowOriginMismatch', 'PreflightInvalidAllowOriginValue'] },
  { re: /Cannot use wildcard in Access-Control-Allow-Origin when credentials flag is true/, code: 'WildcardOriginNotAllowed', candidates: ['PreflightWildcardOriginNotAllowed'] },
  { re: /Access-Control-Allow-Origin cannot contain more than one origin/, code: 'MultipleAllowOriginValues', candidates: ['PreflightMultipleAllowOriginValues'] },
  { re: /Credentials flag is true, but Access-Control-Allow-Credentials is not "true"/, code: 'InvalidAllowCredentials', candidates: ['PreflightInvalidAllowCredentials'] },
  { re: /Preflight response is not successful/, code: 'PreflightInvalidStatus', candidates: ['PreflightDisallowedRedirect', 'PreflightMissingAllowOriginHeader', 'PreflightAllowOriginMismatch', 'PreflightInvalidAllowOriginValue', 'PreflightMultipleAllowOriginValues', 'PreflightWildcardOriginNotAllowed', 'PreflightInvalidAllowCredentials'], preflight: true },
  { re: /Header Access-Control-Allow-Methods has an invalid value: (.*)$/, code: 'InvalidAllowMethodsPreflightResponse', preflight: true, param: 1 },
  { re: /Header Access-Control-Allow-Headers has an invalid value: (.*)$/, code: 'InvalidAllowHeadersPreflightResponse', preflight: true, param: 1 },
  { re: /Method (\S+) is not allowed by Access-Control-Allow-Methods/, code: 'MethodDisallowedByPreflightResponse', preflight: true, param: 1 },
  { re: /Request header field (\S+) is not allowed by Access-Control-Allow-Headers/, code: 'HeaderDisallowedByPreflightResponse', preflight: true, param: 1 },
  { re: /redirection URL (\S+) has credentials/, code: 'RedirectContainsCredentials', param: 1 },
  { re: /Domains, protocols and ports must match/, code: 'DisallowedByMode' },
];

function explainSafari(line: string): ConsoleExplanation | null {
  for (const s of SAFARI) {
    const r = s.re.exec(line);
    if (!r) continue;
    const out = withReason({ ...base(), browser: 'safari' }, s.code, s.candidates ?? []);
    out.preflight = s.preflight ?? null;
    out.failedParameter = s.param ? (r[s.param] ?? null) : null;
    if (s.code === 'HeaderDisallowedByPreflightResponse' && out.failedParameter) out.failedParameter = out.failedParameter.toLowerCase();
    if (s.code === 'AllowOriginMismatch') out.origin = r[1] ?? null;
    return out;
  }
  const cannot = /(?:Fetch API|XMLHttpRequest|EventSource)? ?[Cc]annot load (\S+) due to access control checks/.exec(line);
  if (cannot) {
    return {
      ...base(), browser: 'safari', url: cannot[1] ?? null, title: 'Blocked by access control checks',
      explanation: 'Safari blocked the response but this line does not say why; the [Error] line just above it (or the "Failed to load resource" line) names the reason.',
      fixSummary: 'Paste the line above this one.',
    };
  }
  return null;
}

function explainLookAlike(line: string): ConsoleExplanation | null {
  const net = /(net::ERR_[A-Z_]+(?:\.[A-Za-z]+)?)/.exec(line);
  const e = base();
  if (/^Mixed Content:|requested an insecure|Blocked loading mixed active content|requested insecure content from/.test(line)) {
    return { ...e, title: 'Mixed content (not CORS)', explanation: 'An https page requested an http URL; the browser blocked it before sending. No CORS header can allow it.', fixSummary: 'Call the API over https.', notCors: { kind: 'mixed-content', summary: 'Blocked as mixed content.' } };
  }
  if (/Content Security Policy|violates the following directive/.test(line)) {
    return { ...e, title: "Blocked by the page's Content-Security-Policy (not CORS)", explanation: "The page's own CSP (connect-src) forbids this URL; the request never left the browser.", fixSummary: "Add the API origin to the page's connect-src directive.", notCors: { kind: 'csp', summary: 'Blocked by CSP connect-src.' } };
  }
  if (/Cross-Origin-Resource-Policy/.test(line)) {
    return { ...e, title: 'Blocked by Cross-Origin-Resource-Policy (not CORS)', explanation: "The response arrived, but its Cross-Origin-Resource-Policy header (or the page's COEP) forbids embedding it here. CORS headers do not override CORP.", fixSummary: 'Send Cross-Origin-Resource-Policy: cross-origin on the resource (or same-site), or relax the page\'s Cross-Origin-Embedder-Policy.', notCors: { kind: 'corp', summary: 'Blocked by Cross-Origin-Resource-Policy.' } };
  }
  if (/OpaqueResponseBlocking|Cross-Origin Read Blocking|ERR_BLOCKED_BY_ORB/.test(line)) {
    return { ...e, title: 'Opaque Response Blocking (not CORS)', explanation: 'A no-cors request (e.g. <img>, <script>, fetch mode "no-cors") got a response type it may not read, such as JSON or HTML, so the browser withheld it.', fixSummary: 'Request it in cors mode with CORS headers on the server, or serve the right Content-Type for the element.', notCors: { kind: 'orb', summary: 'Blocked by ORB/CORB.' } };
  }
  if (/Failed to load resource: (Could not connect to the server|A server with the specified hostname could not be found|The certificate for this server is invalid|The network connection was lost|The request timed out)/.test(line)) {
    return { ...e, browser: 'safari', title: 'Network failure (not CORS)', explanation: 'Safari could not reach the server (connection, DNS or TLS); no response was received, so no CORS check ran.', fixSummary: 'Check that the server is up and reachable at this address.', notCors: { kind: 'connection-failed', summary: 'No HTTP response reached Safari.' } };
  }
  if (net && net[1] !== 'net::ERR_FAILED') {
    const f = netErrorFinding(net[1] as string);
    return { ...e, title: 'Not a CORS error', explanation: f.summary, fixSummary: 'Fix the network problem; CORS headers are not involved.', notCors: f };
  }
  if (/TypeError: (Failed to fetch|NetworkError when attempting to fetch resource|Load failed)/.test(line)) {
    return { ...e, title: 'Generic fetch failure', explanation: 'JavaScript only ever sees this generic TypeError, whatever the cause (CORS, network, CSP). The console line above it says which.', fixSummary: 'Paste the red console line that names the reason (e.g. "Access to fetch at … has been blocked by CORS policy: …").' };
  }
  return null;
}
