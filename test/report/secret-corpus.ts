/**
 * A generated corpus of secret-bearing HARs. Every HAR plants a unique marker (`SECRET-<n>-<slot>`)
 * in every place a secret can hide: each secret header kind, cookie values (header and HAR
 * lists), Set-Cookie, JWTs in the URL / a header / the body, each secret query parameter,
 * request and response bodies, Referer, Location, redirectURL, the page title, `_initiator`
 * URLs and stack frames. The CORS headers carry no marker: they must come out verbatim.
 */
import { isCorsHeaderName } from '../../src/core/report/redact.js';
import {
  actualBlockedAfterPreflight,
  API,
  entry,
  har,
  page,
  PAGE,
  preflightFailed,
  preflightRedirected,
  redirectedThenBlocked,
  simpleBlocked,
  type EntrySpec,
  type H,
  type Json,
  type ShapeOptions,
} from './builders.js';

export const MARKER_PREFIX = 'SECRET-';

/** The query parameters that must be redacted, each gets its own marker. */
export const SECRET_PARAMS = ['token', 'access_token', 'code', 'state', 'password', 'key', 'api_key', 'signature', 'sig', 'secret', 'session'];

/** A JWT whose payload and signature carry the marker (base64url-safe characters only). */
export function jwt(marker: string): string {
  return `eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOi${marker}.${marker}Sig`;
}

const UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.8078.79 Safari/537.36';

type Kind = 'simple' | 'preflighted';

/** The secret-bearing request headers a page can set (all of them force a preflight). */
function secretRequestHeaders(m: (s: string) => string): H[] {
  return [
    ['Authorization', `Bearer ${m('authz')}`],
    ['Proxy-Authorization', `Basic ${m('proxyauthz')}`],
    ['X-CSRFToken', m('xcsrftoken')],
    ['X-API-Key', m('xapikey')],
    ['X-Auth-Token', m('xauthtoken')],
    ['X-Session-Id', m('xsessionid')],
    ['X-Client-Secret', m('xclientsecret')],
    ['X-Signature', m('xsignature')],
    ['X-Password', m('xpassword')],
    ['X-Credential-Id', m('xcredential')],
    ['X-Trace-Context', jwt(m('jwtheader'))],
  ];
}

/** ACRH the browser would send for `secretRequestHeaders` + JSON content type (sorted, lowercase). */
export const SECRET_ACRH = 'authorization,content-type,proxy-authorization,x-api-key,x-auth-token,x-client-secret,x-credential-id,x-csrftoken,x-password,x-session-id,x-signature,x-trace-context';

function decorator(m: (s: string) => string, kind: Kind, variant: number): ShapeOptions['decorate'] {
  return (e: EntrySpec, role): EntrySpec => {
    const out: EntrySpec = { ...e, req: [...(e.req ?? [])], res: [...(e.res ?? [])] };
    const referer: H = ['Referer', variant === 2 ? `http://user:${m('userinfo')}@127.0.0.1:8001/dash?token=${m('referer')}` : `${PAGE}/dash?token=${m('referer')}`];
    out.req!.push(referer, ['User-Agent', UA]);
    if (role !== 'preflight') {
      out.req!.push(['Cookie', `sessionid=${m('sessionid')}; csrftoken=${m('csrftoken')}; theme=${m('cookietheme')}`]);
      if (kind === 'preflighted') out.req!.push(...secretRequestHeaders(m));
      out.reqCookies = [{ name: 'sessionid', value: m('cookielist') }, { name: 'csrftoken', value: m('cookielist2') }];
      if (out.method && !['GET', 'HEAD', 'OPTIONS'].includes(out.method)) {
        out.postData = { mimeType: kind === 'simple' ? 'text/plain' : 'application/json', text: `{"password":"${m('reqbody')}","jwt":"${jwt(m('jwtbody'))}"}` };
      }
      out.initiator = variant === 2
        ? { type: 'parser', url: `${PAGE}/page?access_token=${m('initurl')}`, lineNumber: 3 }
        : { type: 'script', stack: { callFrames: [{ functionName: 'load', scriptId: '7', url: `${PAGE}/app.js?sig=${m('stack')}`, lineNumber: 1, columnNumber: 2 }], parent: { description: 'await', callFrames: [{ functionName: '', scriptId: '8', url: `${PAGE}/main.js?token=${m('stackparent')}`, lineNumber: 4, columnNumber: 1 }] } } };
    } else {
      // A preflight carries no credentials, but the URL (and its initiator URL) has the query secrets.
      out.req!.push(['Cookie', `sessionid=${m('pfcookie')}`]);
    }
    if ((e.status ?? 200) !== 0) {
      out.res!.push(['Set-Cookie', `sessionid=${m('setcookie')}; Path=/; HttpOnly; SameSite=None; Secure`], ['X-Session-Token', m('resxsession')], ['WWW-Authenticate', `Bearer realm="api", error_description="${m('wwwauth')}"`]);
      out.resCookies = [{ name: 'sessionid', value: m('setcookielist') }];
      out.responseText = `{"secret":"${m('resbody')}","jwt":"${jwt(m('resjwt'))}"}`;
    }
    out.pageref = 'page_1';
    return out;
  };
}

function secretUrl(m: (s: string) => string, path: string): string {
  const q = SECRET_PARAMS.map((p) => `${p}=${m(`q-${p}`)}`).join('&');
  return `${API}${path}/${jwt(m('jwtpath'))}/items?${q}&page=2`;
}

/** HTTP/2 captures: lowercase names and pseudo-headers (`:path` carries the query secrets too). */
function toHttp2(e: Json): Json {
  const req = e.request as Json;
  const res = e.response as Json;
  const url = new URL(req.url as string);
  const lower = (list: unknown): Array<{ name: string; value: string }> => (list as Array<{ name: string; value: string }>).map((h) => ({ name: h.name.toLowerCase(), value: h.value }));
  req.headers = [
    { name: ':authority', value: url.host },
    { name: ':method', value: req.method as string },
    { name: ':path', value: `${url.pathname}${url.search}` },
    { name: ':scheme', value: url.protocol.replace(':', '') },
    ...lower(req.headers),
  ];
  req.httpVersion = 'http/2.0';
  res.headers = lower(res.headers);
  if (res.status !== 0) res.httpVersion = 'http/2.0';
  return e;
}

export interface SecretCase {
  name: string;
  n: number;
  har: Json;
  /** Every marker planted in the HAR (each starts with MARKER_PREFIX). */
  markers: string[];
}

interface ShapeDef {
  name: string;
  kind: Kind;
  build: (o: ShapeOptions, m: (s: string) => string) => Json[];
}

const ACAH_ALL: H = ['Access-Control-Allow-Headers', SECRET_ACRH];

const SHAPES: ShapeDef[] = [
  { name: 'c1 simple, no ACAO', kind: 'simple', build: (o) => simpleBlocked([], o) },
  { name: 'c2 simple, ACAO mismatch', kind: 'simple', build: (o) => simpleBlocked([['Access-Control-Allow-Origin', 'http://evil.example'], ['Vary', 'Origin']], o) },
  { name: 'c3 credentialed, ACAO *', kind: 'simple', build: (o) => simpleBlocked([['Access-Control-Allow-Origin', '*'], ['Access-Control-Allow-Credentials', 'true']], o) },
  { name: 'c9 two ACAO lines', kind: 'simple', build: (o) => simpleBlocked([['Access-Control-Allow-Origin', PAGE], ['Access-Control-Allow-Origin', PAGE]], o) },
  { name: 'c13 credentialed, no ACAC', kind: 'simple', build: (o) => simpleBlocked([['Access-Control-Allow-Origin', PAGE], ['Vary', 'Origin'], ['Access-Control-Expose-Headers', 'X-Total-Count']], o) },
  { name: 'POST text/plain, ACAO mismatch', kind: 'simple', build: (o) => simpleBlocked([['Access-Control-Allow-Origin', 'https://app.example']], { ...o, method: 'POST' }) },
  { name: 'c4 method not allowed', kind: 'preflighted', build: (o) => preflightFailed(204, [['Access-Control-Allow-Origin', PAGE], ['Access-Control-Allow-Methods', 'GET, POST'], ACAH_ALL, ['Access-Control-Allow-Credentials', 'true'], ['Access-Control-Max-Age', '600'], ['Vary', 'Origin, Access-Control-Request-Headers']], { ...o, acrh: SECRET_ACRH }) },
  { name: 'c5 header not allowed', kind: 'preflighted', build: (o) => preflightFailed(204, [['Access-Control-Allow-Origin', PAGE], ['Access-Control-Allow-Methods', 'GET, PUT'], ['Access-Control-Allow-Headers', 'authorization, content-type'], ['Access-Control-Allow-Credentials', 'true']], { ...o, acrh: SECRET_ACRH }) },
  { name: 'c7 preflight 401 with ACAO', kind: 'preflighted', build: (o) => preflightFailed(401, [['Access-Control-Allow-Origin', PAGE], ['Access-Control-Allow-Credentials', 'true']], { ...o, acrh: SECRET_ACRH }) },
  { name: 'c12 preflight without ACAO', kind: 'preflighted', build: (o) => preflightFailed(204, [['Access-Control-Allow-Methods', 'PUT'], ['Vary', 'Origin']], { ...o, acrh: SECRET_ACRH }) },
  { name: 'c11 actual lacks ACAO', kind: 'preflighted', build: (o) => actualBlockedAfterPreflight([['Access-Control-Allow-Origin', PAGE], ['Access-Control-Allow-Methods', 'PUT'], ACAH_ALL, ['Access-Control-Allow-Credentials', 'true']], [['Content-Type', 'application/json']], { ...o, acrh: SECRET_ACRH }) },
  { name: 'redirect, then no ACAO', kind: 'simple', build: (o, m) => redirectedThenBlocked(`http://localhost:8003/next?code=${m('location')}&state=${m('locstate')}`, o) },
  { name: 'c6 preflight redirected', kind: 'preflighted', build: (o, m) => preflightRedirected(`${API}/c6/?code=${m('pflocation')}`, { ...o, acrh: SECRET_ACRH }) },
];

/** Builds case `n` (shape = n mod shapes, variant = n div shapes mod 3). */
export function secretCase(n: number): SecretCase {
  const shape = SHAPES[n % SHAPES.length]!;
  const variant = Math.floor(n / SHAPES.length) % 3;
  const markers = new Set<string>();
  const m = (slot: string): string => {
    const v = `${MARKER_PREFIX}${n}-${slot}`;
    markers.add(v);
    return v;
  };
  const path = `/v${n}`;
  const o: ShapeOptions = { url: secretUrl(m, path), decorate: decorator(m, shape.kind, variant), pageref: 'page_1' };
  let entries = shape.build(o, m);
  if (variant === 1) entries = entries.map(toHttp2);
  // A decoy outside the exchange: the report must not carry it at all.
  const decoy = entry({ url: `${PAGE}/?access_token=${m('decoy')}`, resourceType: 'document', req: [['Cookie', `sessionid=${m('decoycookie')}`]], status: 200, res: [['Content-Type', 'text/html']], startedMs: Date.UTC(2026, 10, 21, 11, 59, 0), pageref: 'page_1', initiator: { type: 'other' } });
  const doc = har({
    entries: [decoy, ...entries],
    pages: [page('page_1', `${PAGE}/dash?session=${m('title')}&sig=${m('titlesig')}`)],
    ...(variant === 1 ? { browser: { name: 'Chrome', version: '156.0.8078.79' } } : {}),
  });
  return { name: `#${n} ${shape.name} (variant ${variant})`, n, har: doc, markers: [...markers] };
}

export const SHAPE_COUNT = SHAPES.length;

/** The corpus: every shape in every variant (39 HARs). */
export function secretCorpus(): SecretCase[] {
  return Array.from({ length: SHAPES.length * 3 }, (_, n) => secretCase(n));
}

/** Every CORS header (name, value) of the given HAR entries. */
export function corsHeadersOf(entries: Json[]): Array<{ name: string; value: string }> {
  const out: Array<{ name: string; value: string }> = [];
  for (const e of entries) {
    for (const side of ['request', 'response'] as const) {
      const list = ((e[side] as Json).headers ?? []) as Array<{ name: string; value: string }>;
      for (const h of list) if (isCorsHeaderName(h.name)) out.push({ name: h.name, value: h.value });
    }
  }
  return out;
}
