import { credentialsUnknownWarning, isCredentialedWrite, methodCaseWarning, noPreflightAnswerWarning, originOrPlaceholder, WILDCARD_ADVICE } from './common.js';
import { methodNeedsListing, missingHeaders, missingMethod, needsCredentials, needsOrigin } from './diagnose.js';
import { isSerializedOrigin, uniq } from './facts.js';
import type { Diagnosis, PreflightTrouble } from './types.js';

/**
 * The flavour-independent plan: which origin/method/headers/credentials a server must allow for this
 * exchange to pass, and which of them are changes (the rest is already in place or a default).
 * Each non-Django flavour turns a Plan into its own option names and code.
 */
export interface Plan {
  origin: string;
  /** The explicit origin list a from-scratch config should name. */
  origins: string[];
  /** `add` the origin to the list, `set` the list to `origins` (replacing "*" or a single fixed string), or nothing. */
  originOp: 'add' | 'set' | null;
  credentials: boolean;
  setCredentials: boolean;
  methods: string[];
  addMethod: string | null;
  headers: string[];
  addHeaders: string[];
  /** The CORS layer must run before whatever answered (auth, redirect, router) or did not run at all. */
  moveFirst: boolean;
  trouble: PreflightTrouble | null;
  errorStatus: number | null;
  privateNetwork: boolean;
  /** No CORS header at all on the response: the layer may not cover this path. */
  notProcessed: boolean;
  credentialedWrite: boolean;
  warnings: string[];
}

export interface FlavourDefaults {
  methods: readonly string[];
  /** Allowed request headers when not configured; 'reflect' = the flavour echoes whatever was asked. */
  headers: readonly string[] | 'reflect';
}

const REST_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

export function makePlan(d: Diagnosis, defaults: FlavourDefaults): Plan {
  const warnings: string[] = [];
  const origin = originOrPlaceholder(d, warnings);
  let originOp: Plan['originOp'] = null;
  let origins = [origin];
  if (needsOrigin(d)) {
    if (d.wildcardWithCredentials) originOp = 'set';
    else if (d.fixedOrigin !== null || d.invalidOrigin !== null) {
      originOp = 'set';
      const kept = d.fixedOrigin !== null && isSerializedOrigin(d.fixedOrigin) ? [d.fixedOrigin] : [];
      origins = uniq([...kept, origin]);
      const bad = d.fixedOrigin ?? d.invalidOrigin;
      if (bad !== null && kept.length === 0) {
        warnings.push(`"${bad}" is not an origin as browsers send it (scheme://host[:port], no path or trailing slash); it can never match. Replace it.`);
      } else if (bad !== null) {
        warnings.push(`Access-Control-Allow-Origin was always "${bad}": a single origin configured as a string is sent whatever the request's origin. Configure a list so the matching origin is echoed.`);
      }
    } else originOp = 'add';
  }
  if (d.wildcardWithCredentials) {
    warnings.push('If the request does not need cookies, dropping credentials on the client (fetch credentials: "same-origin", xhr.withCredentials = false) also works, and then "*" is fine.', WILDCARD_ADVICE);
  }
  if (d.requestHeaders.includes('authorization') && (d.allowHeaders ?? []).includes('*')) warnings.push(WILDCARD_ADVICE);
  const missing = missingHeaders(d, defaults.headers === 'reflect' ? d.requestHeaders : defaults.headers);
  const method = missingMethod(d, defaults.methods);
  if (method) {
    const w = methodCaseWarning(method);
    if (w) warnings.push(w);
  }
  const baseMethods = d.allowMethods && d.allowMethodsCharJoined === null ? d.allowMethods.filter((m) => m !== '*') : REST_METHODS;
  const baseHeaders = d.allowHeaders && d.allowHeadersCharJoined === null ? d.allowHeaders.filter((h) => h !== '*') : ['Content-Type'];
  const trouble = d.preflightTrouble ?? d.redirectTrouble;
  const notProcessed = !d.corsLayerSeen && d.acao.length === 0 && trouble === null && d.errorWithoutHeaders === null;
  if (trouble) {
    warnings.push(`${d.preflightTrouble ? 'The preflight' : 'The request'} got ${trouble.status}${trouble.location ? ` → ${trouble.location}` : ''} from a layer that runs before CORS (${troubleText(trouble)}). Preflights carry no cookies or Authorization, and must get a 2xx without a redirect: let the CORS layer answer OPTIONS first.`);
  }
  if (d.errorWithoutHeaders !== null) {
    warnings.push(`The ${d.errorWithoutHeaders} response has no CORS headers, so the browser hides the real error. Fix the error itself (see the server log), and make sure the CORS layer also decorates error responses.`);
  }
  const noAnswer = noPreflightAnswerWarning(d);
  if (noAnswer) warnings.unshift(noAnswer);
  if (d.credentialsUnknown && d.preflighted && !d.credentials) warnings.push(credentialsUnknownWarning('credentials to true'));
  return {
    origin,
    origins,
    originOp,
    credentials: d.credentials,
    setCredentials: needsCredentials(d),
    methods: uniq([...baseMethods, ...(method ? [method] : []), ...(d.preflighted && methodNeedsListing(d.method) ? [d.method] : [])]),
    addMethod: method,
    headers: uniq([...baseHeaders, ...d.requestHeaders.filter((h) => !baseHeaders.some((b) => b.toLowerCase() === h))]),
    addHeaders: missing,
    moveFirst: trouble !== null || d.errorWithoutHeaders !== null,
    trouble,
    errorStatus: d.errorWithoutHeaders,
    privateNetwork: d.privateNetwork,
    notProcessed,
    credentialedWrite: isCredentialedWrite(d),
    warnings,
  };
}

function troubleText(t: PreflightTrouble): string {
  switch (t.cause) {
    case 'append-slash':
      return 'a trailing-slash redirect';
    case 'https-redirect':
      return 'an http → https redirect';
    case 'locale-redirect':
      return 'a language-prefix redirect';
    case 'login-redirect':
      return 'a login redirect';
    case 'auth':
      return 'authentication';
    case 'not-found':
      return 'no route for OPTIONS';
    case 'method-not-allowed':
      return 'OPTIONS not allowed on the route';
    case 'bad-request':
      return 'a 400 before CORS ran';
    case 'server-error':
      return 'a server error';
    default:
      return t.cause;
  }
}

/** A title built from what the plan changes. */
export function planTitle(label: string, p: Plan): string {
  const parts: string[] = [];
  if (p.moveFirst) parts.push(p.trouble ? 'answer preflights before auth/redirects' : 'add CORS headers to error responses');
  if (p.originOp === 'add') parts.push(`allow origin ${p.origin}`);
  if (p.originOp === 'set') parts.push(`list origins explicitly (${p.origins.join(', ')})`);
  if (p.setCredentials) parts.push('allow credentials');
  if (p.addMethod) parts.push(`allow method ${p.addMethod}`);
  if (p.addHeaders.length > 0) parts.push(`allow request header${p.addHeaders.length > 1 ? 's' : ''} ${p.addHeaders.join(', ')}`);
  if (p.privateNetwork) parts.push('allow private-network preflights');
  if (parts.length === 0) parts.push(p.notProcessed ? 'make the CORS layer cover this path' : 'configuration that fits this request');
  return `${label}: ${parts.join('; ')}`;
}
