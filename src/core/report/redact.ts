/**
 * Redaction of everything secret in a report, on by default.
 *
 * Chrome's own "sanitized" HAR export drops only `Cookie`, `Set-Cookie` and `Authorization`
 * (devtools-frontend CL 5846648). A CORS ticket must go further: CSRF and API-key headers,
 * cookie values, JWTs anywhere, OAuth `code`/`state` and other secret query parameters, and
 * bodies. The CORS evidence itself (`Access-Control-*`, `Origin`, `Vary`) is never touched:
 * it is what the reader of the ticket needs, and none of it is a credential.
 *
 * Values are masked, not removed: a masked `Authorization` still shows that the request was
 * credentialed and which headers made the browser send a preflight, so a re-analysis of the
 * redacted mini-HAR reaches the same verdict.
 *
 * Pure: no browser globals, no Node APIs.
 */
import type { Header } from '../model.js';
import type { JsonObject } from './types.js';

/** The mask that replaces a secret. */
export const MASK = '[REDACTED]';

export type RedactionRule =
  | 'authorization'
  | 'cookies'
  | 'secretHeaders'
  | 'queryParams'
  | 'jwt'
  | 'bodies'
  | 'urlCredentials';

/** Which rules are on. Every rule is on by default. */
export type RedactionOptions = Record<RedactionRule, boolean>;

/** The rule catalog, in the order a settings UI shows it. */
export const REDACTION_RULES: ReadonlyArray<{ id: RedactionRule; label: string; description: string }> = [
  { id: 'authorization', label: 'Authorization headers', description: 'Authorization and Proxy-Authorization values (the scheme, e.g. "Bearer", is kept).' },
  { id: 'cookies', label: 'Cookie values', description: 'Values in Cookie, Set-Cookie and HAR cookie lists (names and Set-Cookie attributes are kept).' },
  { id: 'secretHeaders', label: 'Secret headers', description: 'X-CSRFToken, X-API-Key and any header whose name says token, secret, key, session, auth, password, signature or credential. Access-Control-*, Origin and Vary are never redacted.' },
  { id: 'queryParams', label: 'Secret query parameters', description: 'token, access_token, code, state, password, key, api_key, signature, sig, secret, session and similar, in every URL (request, Referer, Location, redirect, initiator, page title).' },
  { id: 'jwt', label: 'JWTs anywhere', description: 'Anything shaped like a JSON Web Token, in URLs, header values, bodies and messages.' },
  { id: 'bodies', label: 'Bodies', description: 'Request and response bodies are dropped.' },
  { id: 'urlCredentials', label: 'Credentials in URLs', description: 'user:password@ in URLs.' },
];

export const DEFAULT_REDACTION: Readonly<RedactionOptions> = Object.freeze({
  authorization: true, cookies: true, secretHeaders: true, queryParams: true, jwt: true, bodies: true, urlCredentials: true,
});

export const NO_REDACTION: Readonly<RedactionOptions> = Object.freeze({
  authorization: false, cookies: false, secretHeaders: false, queryParams: false, jwt: false, bodies: false, urlCredentials: false,
});

/** Fills in the rules a caller did not mention (on by default). */
export function redactionOptions(partial?: Partial<RedactionOptions> | null): RedactionOptions {
  return { ...DEFAULT_REDACTION, ...(partial ?? {}) };
}

export function redactionEnabled(options: RedactionOptions): boolean {
  return REDACTION_RULES.some((r) => options[r.id]);
}

/** One redacted value, for the UI's "what was redacted" list. Never holds the secret. */
export interface Redaction {
  /** Field path in the report data, e.g. `log.entries[1].request.headers[4].value`, `exchange.browsers.chrome.console[0]`. */
  path: string;
  /** The rule that fired; `knownValue` = a value already redacted elsewhere, found again here. */
  rule: RedactionRule | 'knownValue';
  /** Human description of the field, e.g. `request header X-Api-Key`. */
  label: string;
}

// ---------------------------------------------------------------------------------------------
// Classification

/**
 * The CORS evidence: `Access-Control-*` (request and response), `Origin`, `Vary`.
 * https://fetch.spec.whatwg.org/#http-cors-protocol
 */
export function isCorsHeaderName(name: string): boolean {
  const n = name.trim().toLowerCase();
  return n.startsWith('access-control-') || n === 'origin' || n === 'vary';
}

const SECRET_HEADER_NAMES = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'cookie2', 'set-cookie2', 'x-csrftoken', 'x-api-key']);
const SECRET_NAME_WORDS = ['token', 'secret', 'key', 'session', 'auth', 'password', 'passwd', 'signature', 'credential', 'csrf', 'xsrf', 'jwt'];

/** A header whose value is a secret by its name. Never a CORS header, never an HTTP/2 pseudo-header. */
export function isSecretHeaderName(name: string): boolean {
  const n = name.trim().toLowerCase();
  if (isCorsHeaderName(n) || n.startsWith(':')) return false;
  if (SECRET_HEADER_NAMES.has(n)) return true;
  // `authority` is not an auth word (HTTP/2 `:authority` is excluded above; this catches `x-authority`).
  const words = n.replace(/authorit(y|ies)/g, '');
  return SECRET_NAME_WORDS.some((w) => words.includes(w));
}

function isAuthorizationName(n: string): boolean {
  return n === 'authorization' || n === 'proxy-authorization';
}

function isCookieName(n: string): boolean {
  return n === 'cookie' || n === 'cookie2';
}

function isSetCookieName(n: string): boolean {
  return n === 'set-cookie' || n === 'set-cookie2';
}

const SECRET_PARAM_EXACT = new Set([
  'code', 'state', 'sig', 'sid', 'key', 'pwd', 'pass', 'email', 'ticket', 'nonce', 'otp', 'pin',
]);
/** OAuth parameters that only describe a token (RFC 6749 §5.1) and are no secret themselves. */
const NOT_SECRET_PARAMS = new Set(['token_type', 'grant_type', 'response_type', 'expires_in', 'scope', 'token_type_hint']);
const SECRET_PARAM_WORDS = ['token', 'secret', 'passw', 'signature', 'session', 'credential', 'apikey', 'api_key', 'api-key', 'jwt', 'csrf', 'xsrf', 'saml', 'private'];

/** A query (or form) parameter whose value is a secret by its name. */
export function isSensitiveParamName(name: string): boolean {
  let n = name.trim().toLowerCase();
  try {
    n = decodeURIComponent(n);
  } catch {
    /* keep the raw name */
  }
  if (NOT_SECRET_PARAMS.has(n)) return false;
  if (SECRET_PARAM_EXACT.has(n)) return true;
  if (SECRET_PARAM_WORDS.some((w) => n.includes(w))) return true;
  if (/auth(?!or)/.test(n)) return true; // auth, oauth_verifier, authkey; not `author`
  if (/(^|[_.\-])(key|code|state)$/.test(n) || n.endsWith('key') || n.endsWith('state')) return true; // api-key, auth_code, RelayState
  if (n.startsWith('code_')) return true; // PKCE code_verifier / code_challenge
  return false;
}

/** HTTP authentication schemes worth keeping as a hint (IANA registry plus common ones). */
const AUTH_SCHEMES = new Set([
  'basic', 'bearer', 'digest', 'dpop', 'gnap', 'hoba', 'mutual', 'negotiate', 'ntlm', 'oauth', 'privatetoken',
  'scram-sha-1', 'scram-sha-256', 'vapid', 'aws4-hmac-sha256', 'token', 'apikey', 'kerberos',
]);

// ---------------------------------------------------------------------------------------------
// Text patterns

/** A JWS/JWE compact serialization: base64url(`{"...`) segments joined by dots (RFC 7515 §7.1, RFC 7516 §7.1). */
const JWT_RE = /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]*){2,4}/g;
/** `user:password@` right after a URL scheme. */
const USERINFO_RE = /\b([a-zA-Z][a-zA-Z0-9+.-]*:\/\/)([^/\s@?#'"<>]+)@/g;
/** `name=value` after `?`, `&`, `;`, `#`, whitespace or the start of a line (URLs, form bodies, fragments). */
const PARAM_RE = /(^|[?&;#\s])([^=&#?;\s'"<>]+)=([^&#;\s'"<>]*)/gm;

/** Knows which secrets were already masked, so the same value is masked wherever it shows up again. */
interface KnownValues {
  values: Map<string, RedactionRule>;
}

const KNOWN_MIN_LENGTH = 6;

function remember(known: KnownValues, value: string, rule: RedactionRule): void {
  const v = value.trim();
  if (v.length >= KNOWN_MIN_LENGTH && v !== MASK && !known.values.has(v)) known.values.set(v, rule);
}

/**
 * Masks secrets inside free text (a URL, a header value that is not a CORS header, a body,
 * a console message). Returns the new text and the rules that fired.
 */
export function scrubText(
  text: string,
  options: RedactionOptions,
  known?: { values: Map<string, RedactionRule> },
): { text: string; rules: Array<RedactionRule | 'knownValue'> } {
  const rules = new Set<RedactionRule | 'knownValue'>();
  let out = text;
  if (options.urlCredentials) {
    out = out.replace(USERINFO_RE, (all, scheme: string, info: string) => {
      if (info === MASK) return all;
      if (known) remember(known, info, 'urlCredentials');
      rules.add('urlCredentials');
      return `${scheme}${MASK}@`;
    });
  }
  if (options.jwt) {
    out = out.replace(JWT_RE, (jwt) => {
      // A bare "eyJ" prefix with empty segments is not a token.
      if (jwt.replace(/\./g, '').length < 16) return jwt;
      if (known) remember(known, jwt, 'jwt');
      rules.add('jwt');
      return MASK;
    });
  }
  if (options.queryParams) {
    out = out.replace(PARAM_RE, (all, sep: string, name: string, value: string) => {
      if (value === '' || value === MASK || !isSensitiveParamName(name)) return all;
      if (known) remember(known, value, 'queryParams');
      rules.add('queryParams');
      return `${sep}${name}=${MASK}`;
    });
  }
  if (known && known.values.size > 0) {
    // Longest first, so a value that contains another is masked whole.
    const values = [...known.values.keys()].sort((a, b) => b.length - a.length);
    for (const v of values) {
      if (out.includes(v)) {
        out = out.split(v).join(MASK);
        rules.add('knownValue');
      }
    }
  }
  return { text: out, rules: [...rules] };
}

// ---------------------------------------------------------------------------------------------
// Header values

/** `sessionid=abc; csrftoken=def` → `sessionid=[REDACTED]; csrftoken=[REDACTED]` (names kept). */
export function maskCookieHeader(value: string, onValue?: (v: string) => void): string {
  return value
    .split(';')
    .map((part) => {
      const trimmed = part.trim();
      if (trimmed === '') return trimmed;
      const eq = trimmed.indexOf('=');
      if (eq < 0) {
        onValue?.(trimmed);
        return MASK;
      }
      const name = trimmed.slice(0, eq).trim();
      const v = trimmed.slice(eq + 1).trim();
      if (v === '' || v === MASK) return `${name}=${v}`;
      onValue?.(v);
      return `${name}=${MASK}`;
    })
    .filter((p) => p !== '')
    .join('; ');
}

/**
 * `sessionid=abc; Path=/; SameSite=None; Secure` → `sessionid=[REDACTED]; Path=/; SameSite=None; Secure`.
 * The attributes stay: SameSite/Secure decide whether a credentialed CORS request carries the cookie.
 * Some tools join several Set-Cookie lines with a newline; each line is handled.
 */
export function maskSetCookieHeader(value: string, onValue?: (v: string) => void): string {
  return value
    .split('\n')
    .map((line) => {
      const semi = line.indexOf(';');
      const pair = semi < 0 ? line : line.slice(0, semi);
      const rest = semi < 0 ? '' : line.slice(semi);
      const eq = pair.indexOf('=');
      if (eq < 0) {
        if (pair.trim() === '') return line;
        onValue?.(pair.trim());
        return `${MASK}${rest}`;
      }
      const v = pair.slice(eq + 1).trim();
      if (v === '' || v === MASK) return line;
      onValue?.(v);
      return `${pair.slice(0, eq + 1)}${MASK}${rest}`;
    })
    .join('\n');
}

/** `Bearer abc.def` → `Bearer [REDACTED]`; anything without a known scheme → `[REDACTED]`. */
export function maskAuthValue(value: string, onValue?: (v: string) => void): string {
  const m = /^\s*([A-Za-z][A-Za-z0-9._~+/-]*)\s+(\S[\s\S]*)$/.exec(value);
  if (m && m[1] && m[2] && AUTH_SCHEMES.has(m[1].toLowerCase())) {
    if (m[2] === MASK) return value;
    onValue?.(m[2]);
    return `${m[1]} ${MASK}`;
  }
  if (value.trim() === '' || value === MASK) return value;
  if (AUTH_SCHEMES.has(value.trim().toLowerCase())) return value; // a bare scheme (e.g. in a challenge) is no secret
  onValue?.(value);
  return MASK;
}

/** Which rule applies to a header by its name, or null (CORS headers and ordinary headers). */
export function headerRule(name: string): RedactionRule | null {
  const n = name.trim().toLowerCase();
  if (isCorsHeaderName(n)) return null;
  if (isAuthorizationName(n)) return 'authorization';
  if (isCookieName(n) || isSetCookieName(n)) return 'cookies';
  if (isSecretHeaderName(n)) return 'secretHeaders';
  return null;
}

/** Masks a header value by the header's name (no free-text scrubbing). Returns the value unchanged when no rule applies. */
export function maskHeaderValue(
  name: string,
  value: string,
  options: RedactionOptions,
  onValue?: (v: string) => void,
): { value: string; rule: RedactionRule | null } {
  const rule = headerRule(name);
  if (!rule || !options[rule]) return { value, rule: null };
  const n = name.trim().toLowerCase();
  let masked: string;
  if (rule === 'cookies') masked = isSetCookieName(n) ? maskSetCookieHeader(value, onValue) : maskCookieHeader(value, onValue);
  else if (rule === 'authorization' || n.includes('auth')) masked = maskAuthValue(value, onValue);
  else if (value === '' || value === MASK) masked = value;
  else {
    onValue?.(value);
    masked = MASK;
  }
  return { value: masked, rule: masked === value ? null : rule };
}

// ---------------------------------------------------------------------------------------------
// The redactor: structured rules first (they learn the secret values), then a sweep of every string.

const BODY_NOTE = 'Body removed by CORS Lens redaction.';

function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** JSON deep copy of untrusted data (drops functions/undefined, keeps the shape HAR readers expect). */
export function cloneJson<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

export interface Redactor {
  readonly options: RedactionOptions;
  readonly redactions: Redaction[];
  /** Structured pass over one HAR entry (headers, cookies, query list, bodies). Mutates `entry`. `role` names the hop in labels. */
  entry(entry: JsonObject, path: string, role: string): void;
  /** Masks one header by its name and remembers the secret. Returns the new value. */
  header(name: string, value: string, path: string, label: string): string;
  /** Second pass: scrub every string under `node` (except CORS header values and `keep` keys). Mutates `node`. `where` names it in labels. */
  sweep(node: unknown, path: string, where: string, keep?: ReadonlySet<string>): void;
  /** Scrubs one string and records it. */
  text(value: string, path: string, label: string): string;
}

export function createRedactor(options: RedactionOptions): Redactor {
  const redactions: Redaction[] = [];
  const known: KnownValues = { values: new Map() };
  const seen = new Set<string>();

  function record(path: string, rule: Redaction['rule'], label: string): void {
    const key = `${path}\u0000${rule}`;
    if (seen.has(key)) return;
    seen.add(key);
    redactions.push({ path, rule, label });
  }

  function header(name: string, value: string, path: string, label: string): string {
    const res = maskHeaderValue(name, value, options, (v) => remember(known, v, headerRule(name) ?? 'secretHeaders'));
    if (res.rule) record(path, res.rule, label);
    return res.value;
  }

  function headers(list: unknown, path: string, side: string, role: string): void {
    if (!Array.isArray(list)) return;
    list.forEach((h, i) => {
      if (!isObject(h) || typeof h.name !== 'string' || typeof h.value !== 'string') return;
      h.value = header(h.name, h.value, `${path}[${i}].value`, `${side} header ${h.name} (${role})`);
    });
  }

  function cookieList(list: unknown, path: string, side: string, role: string): void {
    if (!options.cookies || !Array.isArray(list)) return;
    list.forEach((c, i) => {
      if (!isObject(c) || typeof c.value !== 'string' || c.value === '' || c.value === MASK) return;
      remember(known, c.value, 'cookies');
      c.value = MASK;
      record(`${path}[${i}].value`, 'cookies', `${side} cookie ${typeof c.name === 'string' ? c.name : ''} (${role})`);
    });
  }

  function paramList(list: unknown, path: string, kind: string, role: string): void {
    if (!options.queryParams || !Array.isArray(list)) return;
    list.forEach((p, i) => {
      if (!isObject(p) || typeof p.name !== 'string' || typeof p.value !== 'string') return;
      if (p.value === '' || p.value === MASK || !isSensitiveParamName(p.name)) return;
      remember(known, p.value, 'queryParams');
      p.value = MASK;
      record(`${path}[${i}].value`, 'queryParams', `${kind} parameter ${p.name} (${role})`);
    });
  }

  function bodies(entry: JsonObject, path: string, role: string): void {
    if (!options.bodies) return;
    const req = entry.request;
    if (isObject(req) && isObject(req.postData)) {
      const pd = req.postData;
      const hadText = typeof pd.text === 'string' && pd.text !== '' && pd.text !== MASK;
      const hadParams = Array.isArray(pd.params) && pd.params.length > 0;
      if (hadText || hadParams) {
        req.postData = { mimeType: typeof pd.mimeType === 'string' ? pd.mimeType : '', text: MASK, comment: BODY_NOTE };
        record(`${path}.request.postData.text`, 'bodies', `request body (${role})`);
      }
    }
    const res = entry.response;
    if (isObject(res) && isObject(res.content)) {
      const c = res.content;
      if (typeof c.text === 'string' && c.text !== '') {
        delete c.text;
        delete c.encoding;
        c.comment = BODY_NOTE;
        record(`${path}.response.content.text`, 'bodies', `response body (${role})`);
      }
    }
    if (entry._webSocketMessages !== undefined) {
      delete entry._webSocketMessages;
      record(`${path}._webSocketMessages`, 'bodies', `WebSocket messages (${role})`);
    }
  }

  function entry(e: JsonObject, path: string, role: string): void {
    const req = e.request;
    const res = e.response;
    if (isObject(req)) {
      headers(req.headers, `${path}.request.headers`, 'request', role);
      cookieList(req.cookies, `${path}.request.cookies`, 'request', role);
      paramList(req.queryString, `${path}.request.queryString`, 'query', role);
      if (isObject(req.postData)) paramList(req.postData.params, `${path}.request.postData.params`, 'form', role);
    }
    if (isObject(res)) {
      headers(res.headers, `${path}.response.headers`, 'response', role);
      cookieList(res.cookies, `${path}.response.cookies`, 'response', role);
    }
    bodies(e, path, role);
  }

  function text(value: string, path: string, label: string): string {
    const r = scrubText(value, options, known);
    for (const rule of r.rules) record(path, rule, label);
    return r.text;
  }

  /** `what` is the nearest field name (or header name) above a string, for its label. */
  function sweep(node: unknown, path: string, where: string, keep?: ReadonlySet<string>, what = ''): void {
    const label = (w: string): string => `${w || 'text'} (${where})`;
    if (Array.isArray(node)) {
      node.forEach((item, i) => {
        const p = `${path}[${i}]`;
        if (typeof item === 'string') node[i] = text(item, p, label(what));
        else if (isObject(item) && typeof item.name === 'string' && typeof item.value === 'string') {
          // A header, cookie or parameter. CORS evidence stays verbatim.
          if (isCorsHeaderName(item.name) && what.endsWith('headers')) return;
          const kind = what.replace(/headers$/, 'header').replace(/cookies$/, 'cookie').replace(/(queryString|params)$/, 'parameter');
          item.value = text(item.value, `${p}.value`, label(`${kind} ${item.name}`.trim()));
        } else sweep(item, p, where, keep, what);
      });
      return;
    }
    if (!isObject(node)) return;
    for (const key of Object.keys(node)) {
      if (keep?.has(key)) continue;
      const v = node[key];
      const p = `${path}.${key}`;
      const w = key === 'headers' || key === 'cookies' || key === 'queryString' || key === 'params' ? `${path.endsWith('.response') ? 'response' : 'request'} ${key}` : key;
      if (typeof v === 'string') node[key] = text(v, p, label(w));
      else sweep(v, p, where, keep, w);
    }
  }

  return { options, redactions, entry, header, sweep, text };
}
