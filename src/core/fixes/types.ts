import type { Exchange, NetworkEntry } from '../model.js';

/**
 * Types of the fix generators: one `Fix` per thing the user could paste into their server.
 * Pure data; every flavour renders the same `Diagnosis` in its own terms.
 */

export type FixServer =
  | 'django-cors-headers'
  | 'django-middleware'
  | 'nginx'
  | 'apache'
  | 'cloudfront'
  | 'cloudflare'
  | 'express'
  | 'fastapi'
  | 'flask-cors'
  | 'spring'
  | 'rails'
  | 'aspnet'
  | 'go-rs-cors'
  | 'laravel'
  | 'caddy'
  | 's3';

/** Every flavour, in the order fixes are listed when detection has no opinion. */
export const FIX_SERVERS: readonly FixServer[] = [
  'django-cors-headers',
  'django-middleware',
  'nginx',
  'apache',
  'express',
  'fastapi',
  'flask-cors',
  'spring',
  'rails',
  'aspnet',
  'go-rs-cors',
  'laravel',
  'caddy',
  'cloudfront',
  'cloudflare',
  's3',
];

export interface Fix {
  server: FixServer;
  title: string;
  /** Machine-readable edits in the flavour's own terms (see docs/fixes.md for each vocabulary). */
  changes: unknown[];
  /** What the user pastes. Never empty: when no server change helps it says what to do on the client. */
  code: string;
  warnings: string[];
}

export interface FixContext {
  preflight?: NetworkEntry;
  actual?: NetworkEntry;
  /** Every entry of the capture (used to find sibling responses of the same server and to detect it). */
  entries?: NetworkEntry[];
  /** Major version of django-cors-headers: 3.x (Debian 12, with Django 3.2) or 4.x (with Django ≥ 4.2). */
  djangoVersion?: '3' | '4';
}

/** django-cors-headers settings edits, exactly as `cors-lens analyze --json` prints them. */
export type DjangoChange =
  | { setting: string; op: 'add' | 'set' | 'remove'; value: unknown }
  | { setting: 'MIDDLEWARE'; op: 'move-before'; value: string; before: string | null };

/**
 * Edits for every other flavour: `option` is the flavour's own name for the knob (an Express `cors()` option,
 * a Starlette keyword, an nginx directive …). `op` semantics are the same as Django's:
 * `add` appends to the option's effective list, `set` replaces it, `remove` deletes an item (or the option
 * when `value` is null), `move-before` reorders middleware (`before: null` = first).
 */
export interface OptionChange {
  option: string;
  op: 'add' | 'set' | 'remove' | 'move-before';
  value: unknown;
  /** Where the edit goes when the flavour has several places (nginx `location` / `preflight` / `map`). */
  context?: string;
  before?: string | null;
}

/** What kind of layer answered: the CORS layer of the app, a layer in front of it, or nothing yet. */
export type AnsweredBy = 'cors-layer' | 'outside-cors-layer' | 'unknown';

/** Why the preflight was not a plain 2xx, as far as the capture tells. */
export interface PreflightTrouble {
  status: number;
  /** Location of a redirect (absolute), '' otherwise. */
  location: string;
  /** What most likely produced it. */
  cause:
    | 'append-slash'
    | 'https-redirect'
    | 'locale-redirect'
    | 'login-redirect'
    | 'redirect'
    | 'auth'
    | 'not-found'
    | 'method-not-allowed'
    | 'bad-request'
    | 'server-error'
    | 'other';
  /** Django middleware that produces this answer, when the capture names it. */
  djangoMiddleware: string | null;
  /** DRF (or another app view) answered the preflight: the CORS layer never saw it. */
  viewAnswered: boolean;
}

/** Requirements a passing exchange has, and which of them the current server already meets. */
export interface Diagnosis {
  exchange: Exchange;
  /** Origin the browser sent (serialized), or null if the capture cannot tell. */
  origin: string | null;
  /** Origin of the API (scheme://host[:port]). */
  target: string | null;
  path: string;
  /** Method exactly as sent (fetch leaves `patch` lower-case). */
  method: string;
  /** Whether a preflight is part of the exchange. */
  preflighted: boolean;
  /** Non-safelisted request header names the preflight asked for (lower-case). */
  requestHeaders: string[];
  credentials: boolean;
  /** The capture cannot show whether the request carried credentials (a failed preflight hides it). */
  credentialsUnknown: boolean;
  /** ACAO values the failing response carried (each header line), [] when absent. */
  acao: string[];
  acac: string | null;
  /** Allow-Methods / Allow-Headers the preflight answered with (null when unknown). */
  allowMethods: string[] | null;
  allowHeaders: string[] | null;
  /** The allow-list was given as a string and joined character by character ("G, E, T"). */
  allowMethodsCharJoined: string | null;
  allowHeadersCharJoined: string | null;
  /** Evidence that the origin already is in the allow-list (another response carried it as ACAO). */
  originKnownAllowed: boolean;
  /** True when the CORS layer processed the failing response (Vary: Origin / ACAC / any Access-Control-* header). */
  corsLayerSeen: boolean;
  /** The server's CORS layer is active on other paths of the same host (Vary: Origin seen elsewhere). */
  corsLayerActiveElsewhere: boolean;
  /** Path prefixes of the host that already get CORS (for CORS_URLS_REGEX unions). */
  enabledPrefixes: string[];
  preflightTrouble: PreflightTrouble | null;
  /** The actual request was redirected by a layer in front of CORS (a 3xx without CORS headers). */
  redirectTrouble: PreflightTrouble | null;
  /** The actual response was an error (status ≥ 400) that lacks CORS headers. */
  errorWithoutHeaders: number | null;
  /** Two or more ACAO values; `identical` when they are the same origin twice (two layers adding it). */
  duplicate: { values: string[]; identical: boolean } | null;
  /** One fixed origin is sent whatever the request's origin (a string option instead of a list). */
  fixedOrigin: string | null;
  /** ACAO was `*` and the request carried credentials. */
  wildcardWithCredentials: boolean;
  /** ACAO carried an invalid value (e.g. with a path or trailing slash) — configured wrongly. */
  invalidOrigin: string | null;
  /** A private-network preflight needs `Access-Control-Allow-Private-Network: true`. */
  privateNetwork: boolean;
  /** The page is an http:// origin on a non-loopback host calling an https:// API (never trust it). */
  insecureOrigin: boolean;
  /** When no server change can help: what to do on the client instead. */
  clientOnly: string | null;
  /** django-cors-headers major version, as given or detected from the headers; null when unknown. */
  djangoVersion: '3' | '4' | null;
  /** The page and the API are different sites (cookies then need SameSite=None; Secure). */
  crossSite: boolean;
}
