import { duplicateFix } from './app-flavour.js';
import { methodCaseWarning, clientFix, credentialsUnknownWarning, isCredentialedWrite, noPreflightAnswerWarning, originOrPlaceholder, WILDCARD_ADVICE } from './common.js';
import { missingHeaders, missingMethod, needsCredentials, needsOrigin } from './diagnose.js';
import {
  CORS_MIDDLEWARE,
  DEFAULT_HEADERS,
  DEFAULT_METHODS,
  csrfTrustedOrigin,
  type CorsHeadersMajor,
} from './django-settings.js';
import { firstSegment, uniq } from './facts.js';
import { py, pyRegex, pyValue } from './literals.js';
import { escapeRegex, subdomainFamilyRegex } from './regex.js';
import type { Diagnosis, DjangoChange, Fix } from './types.js';

/**
 * django-cors-headers (the main audience). `changes` are settings edits:
 *   {setting, op: add|set|remove, value} and {setting: 'MIDDLEWARE', op: 'move-before', value, before}.
 * `add` appends to the effective list (the default when unset); `remove` with a value drops that item,
 * with null deletes the setting (back to its default). Middleware behaviour, settings and defaults:
 * https://github.com/adamchainz/django-cors-headers/blob/main/src/corsheaders/middleware.py
 */

const SERVER = 'django-cors-headers' as const;

export function djangoCorsHeadersFixes(d: Diagnosis): Fix[] {
  if (d.clientOnly !== null) return [clientFix(SERVER, d)];
  const version: CorsHeadersMajor = d.djangoVersion ?? '4';
  const warnings: string[] = [];
  if (d.djangoVersion === null) {
    warnings.push('The capture does not show which django-cors-headers version answered; the settings below work on 3.x and 4.x (4.x names and defaults are assumed).');
  }

  if (d.duplicate) return [duplicateFix(SERVER, 'django-cors-headers', d)];
  const noAnswer = noPreflightAnswerWarning(d);
  if (noAnswer) warnings.push(noAnswer);

  const changes: DjangoChange[] = [];
  const titleParts: string[] = [];
  middlewareChanges(d, changes, titleParts, warnings);
  const origin = originChanges(d, changes, titleParts, warnings);
  listChanges(d, version, changes, titleParts, warnings);
  if (d.privateNetwork) {
    changes.push({ setting: 'CORS_ALLOW_PRIVATE_NETWORK', op: 'set', value: true });
    titleParts.push('allow private-network preflights');
    if (version === '3') {
      warnings.push('CORS_ALLOW_PRIVATE_NETWORK exists from django-cors-headers 4.0.0 on; 3.x ignores it. Upgrade (pip install "django-cors-headers>=4") or use the hand-written middleware.');
    }
  }
  csrfFollowUps(d, version, origin, changes, warnings, titleParts);

  if (changes.length === 0) {
    warnings.push('The capture shows nothing django-cors-headers settings can change for this request; check the other layers (proxy, CDN) listed in the other tabs.');
  }
  const fixes: Fix[] = [
    {
      server: SERVER,
      title: titleParts.length > 0 ? `django-cors-headers: ${titleParts.join('; ')}` : 'django-cors-headers: settings already fit this request',
      changes,
      code: renderSettings(changes, d, version, origin),
      warnings,
    },
  ];
  const alt = regexAlternative(d, changes, version, origin);
  if (alt) fixes.push(alt);
  return fixes;
}

/** MIDDLEWARE order and CORS_URLS_REGEX: when CorsMiddleware never saw the request. */
function middlewareChanges(d: Diagnosis, changes: DjangoChange[], title: string[], warnings: string[]): void {
  const t = d.preflightTrouble ?? d.redirectTrouble;
  if (t) {
    const what = d.preflightTrouble ? 'The preflight' : 'The request';
    changes.push({ setting: 'MIDDLEWARE', op: 'move-before', value: CORS_MIDDLEWARE, before: t.djangoMiddleware });
    title.push(t.djangoMiddleware ? `put CorsMiddleware above ${t.djangoMiddleware.split('.').pop()}` : 'put CorsMiddleware first in MIDDLEWARE');
    warnings.push(
      d.preflightTrouble
        ? `The preflight got ${t.status}${t.location ? ` → ${t.location}` : ''} without CORS headers, so CorsMiddleware never answered it: with CorsMiddleware ${t.djangoMiddleware ? `above ${t.djangoMiddleware}` : 'at the top'} it answers every preflight itself (200, empty body) before auth, redirects or the view run.`
        : `${what} got ${t.status} → ${t.location} without CORS headers: a middleware above CorsMiddleware redirected it. With CorsMiddleware ${t.djangoMiddleware ? `above ${t.djangoMiddleware}` : 'first'} the redirect carries CORS headers and the browser follows it.`,
    );
    if (t.cause === 'append-slash') warnings.push(`The actual request will still be redirected to ${t.location}: call the URL with the trailing slash (a redirected POST/PUT with DEBUG=True even raises a RuntimeError).`);
    if (t.cause === 'https-redirect') warnings.push('Call the https:// URL directly: the actual request would be redirected too.');
    if (t.cause === 'locale-redirect') warnings.push('Call the URL with its language prefix, or keep the API out of i18n_patterns().');
    if (t.viewAnswered || d.corsLayerActiveElsewhere) urlsRegexChange(d, changes, warnings);
    return;
  }
  if (d.errorWithoutHeaders !== null) {
    changes.push({ setting: 'MIDDLEWARE', op: 'move-before', value: CORS_MIDDLEWARE, before: null });
    title.push('put CorsMiddleware first so error responses carry CORS headers');
    warnings.push(
      `The ${d.errorWithoutHeaders} answer carries no CORS headers. Django's own errors (500 from a view, 403 from CSRF, 404) get them when CorsMiddleware is first; a ${d.errorWithoutHeaders} from nginx, gunicorn or a load balancer never does: fix that error there (see the server logs), and add headers at the proxy only with "always".`,
    );
    return;
  }
  const notProcessed = !d.corsLayerSeen && d.acao.length === 0 && d.exchange.corsError !== null && /MissingAllowOriginHeader$/.test(d.exchange.corsError);
  if (notProcessed) {
    changes.push({ setting: 'MIDDLEWARE', op: 'move-before', value: CORS_MIDDLEWARE, before: null });
    title.push(`make CorsMiddleware handle ${d.path}`);
    warnings.push(`The response has no Vary: Origin, so CorsMiddleware did not process ${d.path}: it is missing from MIDDLEWARE (INSTALLED_APPS alone is not enough; MIDDLEWARE_CLASSES is ignored since Django 2.0), a middleware above it answered, or CORS_URLS_REGEX excludes the path.`);
    urlsRegexChange(d, changes, warnings);
  }
}

/** CORS_URLS_REGEX must match the path (re.match against request.path_info). */
function urlsRegexChange(d: Diagnosis, changes: DjangoChange[], warnings: string[]): void {
  const seg = firstSegment(d.path);
  if (d.corsLayerActiveElsewhere && seg !== '') {
    const prefixes = uniq([...d.enabledPrefixes, seg]).sort();
    const regex = `^/(?:${prefixes.map(escapeRegex).join('|')})/.*$`;
    changes.push({ setting: 'CORS_URLS_REGEX', op: 'set', value: regex });
    warnings.push(`CORS works for other paths of this server but not for ${d.path}: CORS_URLS_REGEX is matched with re.match against the path and takes a single regex, so list every prefix with "|". The value above covers the prefixes seen in this capture (${prefixes.map((p) => `/${p}/`).join(', ')}); keep any other prefix you need.`);
  } else {
    changes.push({ setting: 'CORS_URLS_REGEX', op: 'remove', value: null });
    warnings.push(`If you set CORS_URLS_REGEX on purpose, make it match ${d.path} instead of removing it (one regex, alternatives joined with "|").`);
  }
}

/** CORS_ALLOWED_ORIGINS / allow-all. Returns the origin the settings name. */
function originChanges(d: Diagnosis, changes: DjangoChange[], title: string[], warnings: string[]): string {
  const origin = originOrPlaceholder(d, warnings);
  if (d.wildcardWithCredentials) {
    changes.push({ setting: 'CORS_ALLOW_ALL_ORIGINS', op: 'set', value: false });
    title.push('replace allow-all with an explicit origin list (credentials need the exact origin)');
    warnings.push('"*" can never work for a request with credentials (cookies, Authorization, TLS client certificates). Do not turn on CORS_ALLOW_CREDENTIALS together with CORS_ALLOW_ALL_ORIGINS: django-cors-headers then echoes every origin, so any website can read your users\' data.', WILDCARD_ADVICE);
  }
  if (needsOrigin(d)) {
    changes.push({ setting: 'CORS_ALLOWED_ORIGINS', op: 'add', value: origin });
    if (!d.wildcardWithCredentials) title.push(`allow origin ${origin}`);
    warnings.push(`Origins are compared exactly: ${origin} — scheme, host and port as the browser sends them, no path, no trailing slash, no default port (:443/:80), lower-case host. http://localhost and http://127.0.0.1 are different origins.`);
  }
  if (d.fixedOrigin !== null) {
    warnings.push(`The response said Access-Control-Allow-Origin: ${d.fixedOrigin}. django-cors-headers never sends a fixed origin (it echoes the allowed request origin), so a view, the proxy, or a shared cache serving another origin's answer set it: remove that header there.`);
  }
  if (d.invalidOrigin !== null) {
    warnings.push(`The response carried the invalid Access-Control-Allow-Origin value "${d.invalidOrigin}". django-cors-headers echoes the request's origin, so this value comes from a view or proxy that hard-codes it: remove it there and let CorsMiddleware answer.`);
  }
  if (needsOrigin(d)) {
    warnings.push('Still on the pre-3.5 names (CORS_ORIGIN_WHITELIST, CORS_ORIGIN_REGEX_WHITELIST, CORS_ORIGIN_ALLOW_ALL)? Rename them: when both names are set the new one wins, so a new CORS_ALLOWED_ORIGINS would hide your old list.');
  }
  return origin;
}

/** Credentials, methods, headers (including a string given where a sequence was expected). */
function listChanges(d: Diagnosis, version: CorsHeadersMajor, changes: DjangoChange[], title: string[], warnings: string[]): void {
  if (needsCredentials(d)) {
    changes.push({ setting: 'CORS_ALLOW_CREDENTIALS', op: 'set', value: true });
    title.push('allow credentials');
    warnings.push('Write CORS_ALLOW_CREDENTIALS = True with "=" (a colon makes it a type annotation that sets nothing).');
  } else if (d.credentialsUnknown && d.preflighted) {
    warnings.push(credentialsUnknownWarning('CORS_ALLOW_CREDENTIALS = True'));
  }
  const method = missingMethod(d, DEFAULT_METHODS);
  if (d.allowMethodsCharJoined !== null) {
    const intended = d.allowMethodsCharJoined.split(/[\s,]+/).filter((m) => m !== '');
    changes.push({ setting: 'CORS_ALLOW_METHODS', op: 'set', value: uniq([...intended, ...(method ? [method] : [])]) });
    title.push('make CORS_ALLOW_METHODS a list');
    warnings.push(`CORS_ALLOW_METHODS is a string ("${d.allowMethodsCharJoined}"), so it was sent one character at a time. Use a list or a tuple with a trailing comma.`);
  } else if (method) {
    changes.push({ setting: 'CORS_ALLOW_METHODS', op: 'add', value: method });
    title.push(`allow method ${method}`);
    const w = methodCaseWarning(method);
    if (w) warnings.push(w, "nginx and Node-based proxies answer a lower-case method with 400 before Django sees it: if one sits in front of Django, changing the client to upper case is the only fix.");
  } else if (d.exchange.corsError === 'InvalidAllowMethodsPreflightResponse') {
    changes.push({ setting: 'CORS_ALLOW_METHODS', op: 'set', value: cleanTokens(d.allowMethods ?? [], DEFAULT_METHODS, d.method) });
    title.push('make every CORS_ALLOW_METHODS entry a single method name');
  }

  const headers = missingHeaders(d, DEFAULT_HEADERS[version]);
  if (d.allowHeadersCharJoined !== null) {
    const intended = d.allowHeadersCharJoined.split(/[\s,]+/).filter((h) => h !== '').map((h) => h.toLowerCase());
    changes.push({ setting: 'CORS_ALLOW_HEADERS', op: 'set', value: uniq([...DEFAULT_HEADERS[version], ...intended, ...headers]) });
    title.push('make CORS_ALLOW_HEADERS a list');
    warnings.push(`CORS_ALLOW_HEADERS is a string ("${d.allowHeadersCharJoined}"), so it was sent one character at a time. Use (*default_headers, …) — a tuple needs its trailing comma.`);
  } else if (headers.length > 0) {
    for (const h of headers) changes.push({ setting: 'CORS_ALLOW_HEADERS', op: 'add', value: h });
    title.push(`allow request header${headers.length > 1 ? 's' : ''} ${headers.join(', ')}`);
  } else if (d.exchange.corsError === 'InvalidAllowHeadersPreflightResponse') {
    changes.push({ setting: 'CORS_ALLOW_HEADERS', op: 'set', value: cleanTokens(d.allowHeaders ?? [], DEFAULT_HEADERS[version], null, d.requestHeaders) });
    title.push('make every CORS_ALLOW_HEADERS entry a single header name');
  }
  if (d.requestHeaders.includes('authorization') && (d.allowHeaders ?? []).includes('*')) warnings.push(WILDCARD_ADVICE);
}

/** Keep the valid tokens of a list that failed to parse, plus what the request needs. */
function cleanTokens(items: readonly string[], defaults: readonly string[], method: string | null, extra: readonly string[] = []): string[] {
  const tokens = items.flatMap((i) => i.split(/\s+/)).filter((t) => /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(t));
  return uniq([...(tokens.length > 0 ? tokens : defaults), ...(method ? [method] : []), ...extra]);
}

/** The next wall a cookie/session user hits: CSRF (and SameSite cookies across sites). */
function csrfFollowUps(d: Diagnosis, version: CorsHeadersMajor, origin: string, changes: DjangoChange[], warnings: string[], title: string[]): void {
  const csrf = d.exchange.notCors.some((n) => n.kind === 'csrf');
  if (!isCredentialedWrite(d) && !csrf) return;
  if (csrf) title.push(`CORS passed; Django's CSRF check refused it: trust ${origin} in CSRF_TRUSTED_ORIGINS and send X-CSRFToken`);
  changes.push({ setting: 'CSRF_TRUSTED_ORIGINS', op: 'add', value: csrfTrustedOrigin(origin, version) });
  warnings.push(
    version === '4'
      ? `CORS does not exempt ${d.method} from CSRF: Django ≥ 4.0 compares the Origin header with CSRF_TRUSTED_ORIGINS (entries need their scheme), and the page must send the csrftoken cookie's value in an X-CSRFToken header (x-csrftoken is in the default CORS_ALLOW_HEADERS).`
      : `CORS does not exempt ${d.method} from CSRF: the page must send the csrftoken cookie's value in an X-CSRFToken header (x-csrftoken is in the default CORS_ALLOW_HEADERS); over https Django 3.2 also checks the Referer host against CSRF_TRUSTED_ORIGINS (host[:port] entries, no scheme before Django 4.0).`,
  );
  if (d.crossSite) {
    changes.push(
      { setting: 'SESSION_COOKIE_SAMESITE', op: 'set', value: 'None' },
      { setting: 'CSRF_COOKIE_SAMESITE', op: 'set', value: 'None' },
      { setting: 'SESSION_COOKIE_SECURE', op: 'set', value: true },
      { setting: 'CSRF_COOKIE_SECURE', op: 'set', value: true },
    );
    warnings.push('The page and the API are different sites, so the session and CSRF cookies are only sent with SameSite="None" (the string; Python None means "no attribute" = Lax) and Secure, which needs https.');
  }
}

/** A second fix for origins from a family of subdomains: one anchored regex instead of a list. */
function regexAlternative(d: Diagnosis, primary: DjangoChange[], version: CorsHeadersMajor, origin: string): Fix | null {
  const regex = d.origin ? subdomainFamilyRegex(d.origin) : null;
  if (regex === null || !primary.some((c) => c.setting === 'CORS_ALLOWED_ORIGINS')) return null;
  const changes = primary.map((c): DjangoChange => (c.setting === 'CORS_ALLOWED_ORIGINS' ? { setting: 'CORS_ALLOWED_ORIGIN_REGEXES', op: 'add', value: regex } : c));
  return {
    server: SERVER,
    title: `django-cors-headers: allow every subdomain matching ${regex}`,
    changes,
    code: renderSettings(changes, d, version, origin),
    warnings: [
      'django-cors-headers matches these with re.match, which anchors only the start: keep the final "$" and the escaped dots, or https://app.example.com.evil.test would match too.',
      'Every subdomain matching the pattern can read responses (with cookies, if credentials are on): use it only if no subdomain hosts content you do not control.',
    ],
  };
}

/** A settings.py excerpt applying the changes, with the development/production split. */
export function renderSettings(changes: readonly DjangoChange[], d: Diagnosis, version: CorsHeadersMajor, origin: string): string {
  const out: string[] = [];
  out.push(
    `# settings.py — django-cors-headers ${version}.x${version === '3' ? ' (Debian 12 ships 3.14 with Django 3.2)' : ''}`,
    'import os',
    '',
    'from corsheaders.defaults import default_headers, default_methods',
    '',
    'INSTALLED_APPS = [',
    '    # ...',
    '    "corsheaders",',
    ']',
  );
  const move = changes.find((c) => c.op === 'move-before');
  if (move && move.op === 'move-before') {
    out.push(
      '',
      'MIDDLEWARE = [',
      `    ${py(CORS_MIDDLEWARE)},  # first${move.before ? `: it must be above ${move.before}` : ': above every middleware that can answer or redirect'}`,
      '    # ... the rest of your middleware, in the same order',
      ']',
    );
  }
  const set = (name: string) => changes.filter((c) => c.setting === name);
  const origins = set('CORS_ALLOWED_ORIGINS').map((c) => String(c.value));
  if (origins.length > 0) {
    out.push(
      '',
      '# Production: an explicit allow-list from the environment (comma-separated), e.g.',
      `#   CORS_ALLOWED_ORIGINS="${origins.join(',')},https://admin.example.com"`,
      'CORS_ALLOWED_ORIGINS = [',
      `    o.strip() for o in os.environ.get("CORS_ALLOWED_ORIGINS", ${py(origins.join(','))}).split(",") if o.strip()`,
      ']',
    );
  }
  const regexes = set('CORS_ALLOWED_ORIGIN_REGEXES').map((c) => String(c.value));
  if (regexes.length > 0) {
    out.push('', '# re.match anchors only the start: keep ^…$ and the escaped dots.', `CORS_ALLOWED_ORIGIN_REGEXES = [${regexes.map(pyRegex).join(', ')}]`);
  }
  const credentials = changes.some((c) => c.setting === 'CORS_ALLOW_CREDENTIALS' && c.value === true) || d.credentials;
  for (const c of set('CORS_ALLOW_ALL_ORIGINS')) out.push('', `CORS_ALLOW_ALL_ORIGINS = ${pyValue(c.value)}  # never together with CORS_ALLOW_CREDENTIALS`);
  if ((origins.length > 0 || regexes.length > 0) && !credentials) {
    out.push('if DEBUG:', '    # Development only: any origin may read responses ("*", no cookies).', '    CORS_ALLOW_ALL_ORIGINS = True');
  } else if (origins.length > 0 || regexes.length > 0) {
    out.push('# Credentials are on: list origins in development too (allow-all would echo every origin with cookies).');
  }
  if (set('CORS_ALLOW_CREDENTIALS').length > 0) out.push('', 'CORS_ALLOW_CREDENTIALS = True');
  out.push(...listLine('CORS_ALLOW_METHODS', set('CORS_ALLOW_METHODS'), 'default_methods'));
  out.push(...listLine('CORS_ALLOW_HEADERS', set('CORS_ALLOW_HEADERS'), 'default_headers'));
  for (const c of changes) {
    if (['CORS_ALLOW_PRIVATE_NETWORK', 'CORS_PREFLIGHT_MAX_AGE', 'CORS_URLS_REGEX', 'SESSION_COOKIE_SAMESITE', 'CSRF_COOKIE_SAMESITE', 'SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE'].includes(c.setting)) {
      if (c.op === 'remove') out.push('', `# Delete ${c.setting} (its default r"^.*$" lets CorsMiddleware handle every path).`);
      else out.push('', `${c.setting} = ${c.setting === 'CORS_URLS_REGEX' ? pyRegex(String(c.value)) : pyValue(c.value)}`);
    }
  }
  const expose = set('CORS_EXPOSE_HEADERS').map((c) => String(c.value));
  if (expose.length > 0) out.push('', '# Response headers JavaScript may read (response.headers.get).', `CORS_EXPOSE_HEADERS = [${expose.map(py).join(', ')}]  # add to your existing list`);
  const csrf = set('CSRF_TRUSTED_ORIGINS').map((c) => String(c.value));
  if (csrf.length > 0) {
    out.push('', `# CSRF (${version === '4' ? 'Django ≥ 4.0: with scheme' : 'Django 3.2: host[:port], no scheme'}); the page sends the csrftoken cookie as X-CSRFToken.`, `CSRF_TRUSTED_ORIGINS = [${csrf.map(py).join(', ')}]  # add to your existing list`);
  }
  return out.join('\n');
}

function listLine(name: string, changes: readonly DjangoChange[], defaultsName: string): string[] {
  if (changes.length === 0) return [];
  const setChange = changes.find((c) => c.op === 'set');
  if (setChange) return ['', `${name} = ${pyValue(setChange.value)}`];
  const added = changes.map((c) => py(String(c.value)));
  return ['', `${name} = (*${defaultsName}, ${added.join(', ')})  # or append to your own list`];
}
