import { chromeHar, e, type Pairs } from '../helpers/har.js';
import type { CorsError } from '../../src/core/model.js';

/**
 * At least one case per reason. `capture` cases are HARs the engine must read that reason from;
 * `console` cases are pasted console lines (for reasons a HAR cannot show).
 */
export type ReasonCase =
  | { kind: 'capture'; name: string; expect: CorsError; failedParameter: string; har: object; entry: number }
  | { kind: 'console'; name: string; expect: CorsError; line: string };

const APP = 'https://app.example.com';
const API = 'https://api.example.net';
const req = (extra: Pairs = []): Pairs => [['Origin', APP], ['Sec-Fetch-Mode', 'cors'], ...extra];
const provisional: Pairs = [['Referer', `${APP}/`]];
const pfReq = (method: string, headers?: string, extra: Pairs = []): Pairs => [
  ['Access-Control-Request-Method', method], ...(headers ? [['Access-Control-Request-Headers', headers] as [string, string]] : []), ['Origin', APP], ...extra,
];

/** A simple request whose response carries `res`, blocked by Chrome. */
function simple(name: string, expect: CorsError, failedParameter: string, res: Pairs, reqExtra: Pairs = []): ReasonCase {
  return { kind: 'capture', name, expect, failedParameter, entry: 0, har: chromeHar([e(`GET ${API}/r`, { req: req(reqExtra), res, error: 'net::ERR_FAILED', type: 'fetch' })]) };
}

/** A PUT with a preflight answered `status`/`res`; the PUT itself never went out. */
function preflighted(name: string, expect: CorsError, failedParameter: string, status: number, res: Pairs, opts: { method?: string; headers?: string; pfExtra?: Pairs; reqExtra?: Pairs; pfError?: string } = {}): ReasonCase {
  const method = opts.method ?? 'PUT';
  return {
    kind: 'capture', name, expect, failedParameter, entry: 1,
    har: chromeHar([
      e(`OPTIONS ${API}/r`, { req: pfReq(method, opts.headers, opts.pfExtra), status, res, type: 'preflight', t: 2, ...(opts.pfError ? { error: opts.pfError } : {}), ...(status >= 300 && status < 400 ? { redirectURL: `${API}/r/` } : {}) }),
      e(`${method} ${API}/r`, { req: [...provisional, ...(opts.reqExtra ?? [])], status: 0, error: 'net::ERR_FAILED', type: 'fetch' }),
    ]),
  };
}

const ok: Pairs = [['Access-Control-Allow-Origin', APP]];
const okCred: Pairs = [...ok, ['Access-Control-Allow-Credentials', 'true']];
const cookie: Pairs = [['Cookie', 'sessionid=abc']];

export const REASON_CASES: ReasonCase[] = [
  {
    kind: 'capture', name: 'fetch with mode same-origin to another origin', expect: 'DisallowedByMode', failedParameter: '', entry: 0,
    har: chromeHar([e(`GET ${API}/r`, { req: [['Origin', APP], ['Sec-Fetch-Mode', 'same-origin']], status: 0, error: 'net::ERR_FAILED', type: 'fetch' })]),
  },
  simple('ACAO * on a request with cookies', 'WildcardOriginNotAllowed', '', [['Access-Control-Allow-Origin', '*']], cookie),
  simple('no ACAO', 'MissingAllowOriginHeader', '', [['Content-Type', 'text/plain']]),
  simple('ACAO as a list', 'MultipleAllowOriginValues', `${APP}, https://other.example`, [['Access-Control-Allow-Origin', `${APP}, https://other.example`]]),
  simple('ACAO without scheme', 'InvalidAllowOriginValue', 'app.example.com', [['Access-Control-Allow-Origin', 'app.example.com']]),
  simple('ACAO with a trailing slash', 'AllowOriginMismatch', `${APP}/`, [['Access-Control-Allow-Origin', `${APP}/`]]),
  simple('ACAC TRUE in capitals with cookies', 'InvalidAllowCredentials', 'TRUE', [...ok, ['Access-Control-Allow-Credentials', 'TRUE']], cookie),
  {
    kind: 'capture', name: 'CORS request to a non-HTTP scheme', expect: 'CorsDisabledScheme', failedParameter: '', entry: 0,
    har: chromeHar([e('GET ftp://files.example.net/r', { req: req(), status: 0, error: 'net::ERR_FAILED', type: 'fetch' })]),
  },
  preflighted('preflight 401 with ACAO', 'PreflightInvalidStatus', '', 401, ok),
  preflighted('preflight 301 (APPEND_SLASH)', 'PreflightDisallowedRedirect', '', 301, ok, { pfError: 'net::ERR_INVALID_REDIRECT' }),
  preflighted('preflight ACAO * with cookies on the page request', 'PreflightWildcardOriginNotAllowed', '', 204, [['Access-Control-Allow-Origin', '*'], ['Access-Control-Allow-Methods', 'PUT']], { reqExtra: cookie }),
  preflighted('preflight without ACAO', 'PreflightMissingAllowOriginHeader', '', 204, [['Access-Control-Allow-Methods', 'PUT']]),
  preflighted('preflight with two ACAO lines', 'PreflightMultipleAllowOriginValues', `${APP}, ${APP}`, 204, [...ok, ...ok, ['Access-Control-Allow-Methods', 'PUT']]),
  preflighted('preflight ACAO without scheme', 'PreflightInvalidAllowOriginValue', 'app.example.com', 204, [['Access-Control-Allow-Origin', 'app.example.com']]),
  preflighted('preflight allows another origin', 'PreflightAllowOriginMismatch', 'https://other.example', 204, [['Access-Control-Allow-Origin', 'https://other.example']]),
  preflighted('preflight without ACAC for a credentialed request', 'PreflightInvalidAllowCredentials', '', 204, [...ok, ['Access-Control-Allow-Methods', 'PUT']], { reqExtra: cookie }),
  preflighted('Allow-Methods with a space inside an item', 'InvalidAllowMethodsPreflightResponse', '', 204, [...ok, ['Access-Control-Allow-Methods', 'PUT POST']]),
  preflighted('Allow-Headers with a quote', 'InvalidAllowHeadersPreflightResponse', '', 204, [...ok, ['Access-Control-Allow-Methods', 'PUT'], ['Access-Control-Allow-Headers', '"x-api-key"']], { headers: 'x-api-key', reqExtra: [['X-Api-Key', 'k']] }),
  preflighted("fetch sends 'patch' as written; PATCH is allowed", 'MethodDisallowedByPreflightResponse', 'patch', 204, [...ok, ['Access-Control-Allow-Methods', 'GET, POST, PATCH']], { method: 'patch' }),
  preflighted('Authorization not in Allow-Headers', 'HeaderDisallowedByPreflightResponse', 'authorization', 204, [...ok, ['Access-Control-Allow-Methods', 'PUT'], ['Access-Control-Allow-Headers', 'content-type']], { headers: 'authorization', reqExtra: [['Authorization', 'Bearer t']] }),
  {
    kind: 'capture', name: 'redirect to a URL with user:password', expect: 'RedirectContainsCredentials', failedParameter: '', entry: 0,
    har: chromeHar([e(`GET ${API}/r`, { req: req(), status: 302, res: [...ok, ['Location', 'https://user:pw@cdn.example.net/r']], redirectURL: 'https://user:pw@cdn.example.net/r', error: 'net::ERR_FAILED', type: 'fetch' })]),
  },
  {
    kind: 'capture', name: 'public page → private address, permission denied', expect: 'LocalNetworkAccessPermissionDenied', failedParameter: '', entry: 0,
    har: chromeHar([e('GET http://192.168.1.20/api', { req: provisional, status: 0, error: 'net::ERR_FAILED', type: 'fetch' })]),
  },
  preflighted('old Chrome PNA preflight without the allow header', 'PreflightMissingAllowPrivateNetwork', '', 204, [...ok, ['Access-Control-Allow-Methods', 'PUT']], { pfExtra: [['Access-Control-Request-Private-Network', 'true']] }),
  preflighted('old Chrome PNA preflight answered false', 'PreflightInvalidAllowPrivateNetwork', 'false', 204, [...ok, ['Access-Control-Allow-Methods', 'PUT'], ['Access-Control-Allow-Private-Network', 'false']], { pfExtra: [['Access-Control-Request-Private-Network', 'true']] }),
  { kind: 'console', name: 'DevTools invalid response', expect: 'InvalidResponse', line: "Access to fetch at 'http://api.test/x' from origin 'http://app.test' has been blocked by CORS policy: The response is invalid." },
  { kind: 'console', name: 'insecure page → local network', expect: 'InsecureLocalNetwork', line: "Access to fetch at 'http://192.168.0.2/x' from origin 'http://app.test' has been blocked by CORS policy: The request client is not a secure context and the resource is in more-private address space `local`." },
  { kind: 'console', name: 'wrong targetAddressSpace', expect: 'InvalidLocalNetworkAccess', line: "Access to fetch at 'http://10.0.0.2/x' from origin 'https://app.test' has been blocked by CORS policy: Request had a target IP address space of `local` yet the resource is in address space `public`." },
  { kind: 'console', name: 'no-cors with redirect manual', expect: 'NoCorsRedirectModeNotFollow', line: 'Fetch API cannot load http://api.test/x. Request mode is "no-cors" but the redirect mode is not "follow".' },
  { kind: 'console', name: 'Local Network Access denied (console)', expect: 'LocalNetworkAccessPermissionDenied', line: "Access to fetch at 'http://localhost:8080/x' from origin 'https://app.test' has been blocked by CORS policy: Permission was denied for this request to access the `loopback` address space." },
];
