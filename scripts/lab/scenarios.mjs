// The CORS lab scenario table: one row per browser request pattern CORS Lens must explain.
//
// Each scenario says what the page does (`request`) and how the loopback servers answer on
// each path (`routes`). Every scenario lives under its own path `/s/<id>` so a URL alone
// tells which scenario produced a request. `expect` is only a human label: the real browser
// (Chromium, through CDP) is the oracle, see test/browser/differential.test.ts.
//
// URLs, header values and bodies may use placeholders that the lab fills in at run time,
// because ports are picked freshly each run:
//   {page}  http://127.0.0.1:<pagePort>   the page origin (where the lab page lives)
//   {api}   http://localhost:<apiPort>    the API origin (cross-origin to the page)
//   {other} http://127.0.0.1:<otherPort>  a third origin (for cross-origin redirect chains)
//   {closed} http://127.0.0.1:<port>      a port where nothing listens
//   {pagePort} {apiPort} {otherPort} {closedPort}  the bare port numbers
//
// Routes: `{ [path]: { options?: Reply, response?: Reply } }`; `options` answers OPTIONS
// (the preflight), `response` answers every other method. A Reply is
// `{ status, headers: [name, value][], body? }`; header lines are sent exactly as listed
// (order, casing and duplicates kept).

/** @typedef {[string, string]} HeaderLine */
/** @typedef {{ status: number, headers: HeaderLine[], body?: string }} Reply */
/** @typedef {{ options?: Reply, response?: Reply }} Route */
/**
 * @typedef {object} LabRequest
 * @property {'fetch'|'xhr'|'img'|'script'} kind how the page makes the request
 * @property {string} url first URL (with placeholders)
 * @property {string} [method] as written by the page script (case kept: 'patch' is not 'PATCH')
 * @property {HeaderLine[]} [headers] request headers set by the page script
 * @property {string} [body]
 * @property {'omit'|'same-origin'|'include'} [credentials] fetch credentials; for XHR 'include' means withCredentials
 * @property {'cors'|'no-cors'|'same-origin'} [mode] fetch mode
 * @property {'follow'|'error'|'manual'} [redirect] fetch redirect mode
 * @property {boolean} [uploadListener] XHR: register an upload progress listener (forces a preflight)
 * @property {'csp'|'sandbox'} [frame] run the request from an iframe: 'csp' is same-origin with
 *   `connect-src 'self'`; 'sandbox' is sandboxed (scripts only), so its origin is opaque ("null")
 * @property {number} [repeat] run the request this many times in a row (preflight cache)
 */
/**
 * @typedef {object} Scenario
 * @property {string} id kebab-case, unique; also the path `/s/<id>`
 * @property {string} title short button label
 * @property {string} description one sentence a newcomer can read next to the button
 * @property {string} group
 * @property {LabRequest} request
 * @property {Record<string, Route>} routes
 * @property {string} expect what a reader would expect Chrome to report (a label, not an oracle)
 */

// ---------------------------------------------------------------------------------------------
// Readable builders
// ---------------------------------------------------------------------------------------------

/** @returns {HeaderLine} */
const acao = (value = '{page}') => ['Access-Control-Allow-Origin', value];
/** @returns {HeaderLine} */
const acac = (value = 'true') => ['Access-Control-Allow-Credentials', value];
/** @returns {HeaderLine} */
const acam = (value) => ['Access-Control-Allow-Methods', value];
/** @returns {HeaderLine} */
const acah = (value) => ['Access-Control-Allow-Headers', value];
/** @returns {HeaderLine} */
const maxAge = (seconds) => ['Access-Control-Max-Age', String(seconds)];
/** @returns {HeaderLine} */
const location = (url) => ['Location', url];

/** @returns {Reply} */
const reply = (status, headers = [], body) => (body === undefined ? { status, headers } : { status, headers, body });
/** A 200 answer with the given header lines. */
const ok = (...headers) => reply(200, headers, 'ok');
/** A 204 preflight answer with the given header lines. */
const preflightOk = (...headers) => reply(204, headers);

const path = (id, hop = '') => `/s/${id}${hop ? `/${hop}` : ''}`;
const apiUrl = (id, hop) => `{api}${path(id, hop)}`;

/** A long Accept value: one byte over the 128-byte safelist limit. */
const accept129 = 'application/vnd.lab+json;q=0.9,'.padEnd(129, 'x');
const accept128 = 'application/vnd.lab+json;q=0.9,'.padEnd(128, 'x');
const acceptLanguage128 = 'en-US,en;q=0.9,fr;q=0.8,'.padEnd(128, 'a');
const contentLanguage128 = 'en, fr, de, '.padEnd(128, 'a');
const contentType128 = 'text/plain;charset=utf-8;x='.padEnd(128, 'a');

/** @type {Scenario[]} */
const table = [];

/**
 * Adds a scenario. `request.url` defaults to the API URL of the scenario, `routes` to the
 * answers given for the scenario's own path (`at`), plus any extra paths (`more`).
 * @param {string} id
 * @param {{ group: string, title: string, description: string, expect: string,
 *   request?: Partial<LabRequest>, at?: Route, more?: Record<string, Route> }} spec
 */
function add(id, { group, title, description, expect, request = {}, at, more = {} }) {
  /** @type {LabRequest} */
  const req = { kind: 'fetch', url: apiUrl(id), method: 'GET', ...request };
  /** @type {Record<string, Route>} */
  const routes = {};
  if (at) routes[path(id)] = at;
  for (const [hop, route] of Object.entries(more)) routes[path(id, hop)] = route;
  table.push({ id, title, description, group, request: req, routes, expect });
}

/** A credentialed fetch. */
const withCredentials = { credentials: /** @type {const} */ ('include') };
/** A PUT with a JSON body: needs a preflight. */
const putJson = { method: 'PUT', headers: /** @type {HeaderLine[]} */ ([['Content-Type', 'application/json']]), body: '{"a":1}' };
/** A preflight that allows a PUT with a JSON body from the page. */
const preflightAllowsPut = preflightOk(acao(), acam('PUT'), acah('Content-Type'));

// ---------------------------------------------------------------------------------------------
// Access-Control-Allow-Origin on a simple (non-preflighted) response
// ---------------------------------------------------------------------------------------------

add('acao-missing', {
  group: 'allow-origin', title: 'No Access-Control-Allow-Origin',
  description: 'A plain GET; the API answers 200 without any CORS header.',
  expect: 'MissingAllowOriginHeader',
  at: { response: ok() },
});
add('acao-missing-xhr', {
  group: 'allow-origin', title: 'No Access-Control-Allow-Origin (XMLHttpRequest)',
  description: 'The same missing header, requested with XMLHttpRequest instead of fetch.',
  expect: 'MissingAllowOriginHeader',
  request: { kind: 'xhr' }, at: { response: ok() },
});
add('acao-mismatch-other-site', {
  group: 'allow-origin', title: 'Allow-Origin names another site',
  description: 'The API allows http://evil.example, not the page origin.',
  expect: 'AllowOriginMismatch',
  at: { response: ok(acao('http://evil.example')) },
});
add('acao-mismatch-trailing-slash', {
  group: 'allow-origin', title: 'Allow-Origin with a trailing slash',
  description: 'The API sends the page origin followed by "/"; an origin never ends with a slash.',
  expect: 'AllowOriginMismatch',
  at: { response: ok(acao('{page}/')) },
});
add('acao-mismatch-wrong-port', {
  group: 'allow-origin', title: 'Allow-Origin with the wrong port',
  description: 'The API allows the page host on another port.',
  expect: 'AllowOriginMismatch',
  at: { response: ok(acao('{other}')) },
});
add('acao-mismatch-localhost-vs-ip', {
  group: 'allow-origin', title: 'Allow-Origin says localhost, the page is on 127.0.0.1',
  description: 'localhost and 127.0.0.1 are different origins even on the same port.',
  expect: 'AllowOriginMismatch',
  at: { response: ok(acao('http://localhost:{pagePort}')) },
});
add('acao-mismatch-scheme-case', {
  group: 'allow-origin', title: 'Allow-Origin in upper case',
  description: 'The API sends "HTTP://…"; the comparison is byte for byte.',
  expect: 'AllowOriginMismatch',
  at: { response: ok(acao('HTTP://127.0.0.1:{pagePort}')) },
});
add('acao-mismatch-https', {
  group: 'allow-origin', title: 'Allow-Origin with https',
  description: 'The API allows the https version of the page origin.',
  expect: 'AllowOriginMismatch',
  at: { response: ok(acao('https://127.0.0.1:{pagePort}')) },
});
add('acao-null-string', {
  group: 'allow-origin', title: 'Allow-Origin: null',
  description: 'The API sends the literal string null, which only matches opaque origins.',
  expect: 'AllowOriginMismatch',
  at: { response: ok(acao('null')) },
});
add('acao-multiple-lines-same', {
  group: 'allow-origin', title: 'Two Allow-Origin lines, same value',
  description: 'Two layers (app and proxy) both add the header with the page origin.',
  expect: 'MultipleAllowOriginValues',
  at: { response: ok(acao(), acao()) },
});
add('acao-multiple-lines-different', {
  group: 'allow-origin', title: 'Two Allow-Origin lines, different values',
  description: 'One header line with the page origin, one with another site.',
  expect: 'MultipleAllowOriginValues',
  at: { response: ok(acao(), acao('http://evil.example')) },
});
add('acao-multiple-one-line-comma', {
  group: 'allow-origin', title: 'Allow-Origin lists two origins',
  description: 'One header line "page, other": the header takes a single origin, not a list.',
  expect: 'MultipleAllowOriginValues',
  at: { response: ok(acao('{page}, http://evil.example')) },
});
add('acao-multiple-one-line-space', {
  group: 'allow-origin', title: 'Allow-Origin lists two origins separated by a space',
  description: 'One header line "page other" (space separated).',
  expect: 'MultipleAllowOriginValues',
  at: { response: ok(acao('{page} http://evil.example')) },
});
add('acao-invalid-bare-host', {
  group: 'allow-origin', title: 'Allow-Origin without a scheme',
  description: 'The API sends "example.com", which is not an origin at all.',
  expect: 'InvalidAllowOriginValue',
  at: { response: ok(acao('example.com')) },
});
add('acao-invalid-empty', {
  group: 'allow-origin', title: 'Empty Allow-Origin',
  description: 'The header is present but its value is empty.',
  expect: 'InvalidAllowOriginValue',
  at: { response: ok(acao('')) },
});
add('acao-invalid-quoted-star', {
  group: 'allow-origin', title: 'Allow-Origin: "*" with quotes',
  description: 'The wildcard wrapped in double quotes is not the wildcard.',
  expect: 'InvalidAllowOriginValue',
  at: { response: ok(acao('"*"')) },
});
add('acao-mismatch-xhr', {
  group: 'allow-origin', title: 'Allow-Origin names another site (XMLHttpRequest)',
  description: 'A mismatched origin seen from XMLHttpRequest.',
  expect: 'AllowOriginMismatch',
  request: { kind: 'xhr' }, at: { response: ok(acao('http://evil.example')) },
});
add('acao-invalid-xhr', {
  group: 'allow-origin', title: 'Allow-Origin without a scheme (XMLHttpRequest)',
  description: 'An invalid Allow-Origin value seen from XMLHttpRequest.',
  expect: 'InvalidAllowOriginValue',
  request: { kind: 'xhr' }, at: { response: ok(acao('example.com')) },
});
add('acao-multiple-xhr', {
  group: 'allow-origin', title: 'Two Allow-Origin lines (XMLHttpRequest)',
  description: 'Duplicate header lines seen from XMLHttpRequest.',
  expect: 'MultipleAllowOriginValues',
  request: { kind: 'xhr' }, at: { response: ok(acao(), acao()) },
});

// ---------------------------------------------------------------------------------------------
// Credentials: wildcard origin and Access-Control-Allow-Credentials
// ---------------------------------------------------------------------------------------------

add('wildcard-with-credentials', {
  group: 'credentials', title: 'Wildcard origin with credentials',
  description: 'fetch with credentials: "include"; the API answers Allow-Origin: * and Allow-Credentials: true.',
  expect: 'WildcardOriginNotAllowed',
  request: withCredentials, at: { response: ok(acao('*'), acac()) },
});
add('wildcard-with-credentials-xhr', {
  group: 'credentials', title: 'Wildcard origin with withCredentials (XMLHttpRequest)',
  description: 'XMLHttpRequest with withCredentials = true against Allow-Origin: *.',
  expect: 'WildcardOriginNotAllowed',
  request: { kind: 'xhr', credentials: 'include' }, at: { response: ok(acao('*'), acac()) },
});
add('acac-missing', {
  group: 'credentials', title: 'Credentials without Allow-Credentials',
  description: 'A credentialed fetch; the API allows the exact origin but sends no Allow-Credentials.',
  expect: 'InvalidAllowCredentials',
  request: withCredentials, at: { response: ok(acao()) },
});
add('acac-empty', {
  group: 'credentials', title: 'Allow-Credentials is empty',
  description: 'A credentialed fetch; Allow-Credentials is present with an empty value.',
  expect: 'InvalidAllowCredentials',
  request: withCredentials, at: { response: ok(acao(), acac('')) },
});
add('acac-uppercase', {
  group: 'credentials', title: 'Allow-Credentials: TRUE',
  description: 'The value must be the lower-case word true.',
  expect: 'InvalidAllowCredentials',
  request: withCredentials, at: { response: ok(acao(), acac('TRUE')) },
});
add('acac-one', {
  group: 'credentials', title: 'Allow-Credentials: 1',
  description: 'A framework serialises a boolean as 1.',
  expect: 'InvalidAllowCredentials',
  request: withCredentials, at: { response: ok(acao(), acac('1')) },
});
add('acac-two-lines', {
  group: 'credentials', title: 'Two Allow-Credentials lines',
  description: 'Both the app and a proxy add Allow-Credentials: true.',
  expect: 'InvalidAllowCredentials',
  request: withCredentials, at: { response: ok(acao(), acac(), acac()) },
});
add('acac-missing-xhr', {
  group: 'credentials', title: 'withCredentials without Allow-Credentials (XMLHttpRequest)',
  description: 'XMLHttpRequest with withCredentials = true; no Allow-Credentials header.',
  expect: 'InvalidAllowCredentials',
  request: { kind: 'xhr', credentials: 'include' }, at: { response: ok(acao()) },
});

// ---------------------------------------------------------------------------------------------
// The preflight's Access-Control-Allow-Origin / -Credentials
// ---------------------------------------------------------------------------------------------

add('preflight-acao-missing', {
  group: 'preflight-allow-origin', title: 'Preflight without Allow-Origin',
  description: 'A PUT with JSON is preflighted; the OPTIONS answer has no CORS headers.',
  expect: 'PreflightMissingAllowOriginHeader',
  request: putJson, at: { options: preflightOk(acam('PUT'), acah('Content-Type')), response: ok(acao()) },
});
add('preflight-acao-mismatch', {
  group: 'preflight-allow-origin', title: 'Preflight allows another origin',
  description: 'The OPTIONS answer allows http://evil.example.',
  expect: 'PreflightAllowOriginMismatch',
  request: putJson, at: { options: preflightOk(acao('http://evil.example'), acam('PUT'), acah('Content-Type')), response: ok(acao()) },
});
add('preflight-acao-null', {
  group: 'preflight-allow-origin', title: 'Preflight allows origin null',
  description: 'The OPTIONS answer sends Allow-Origin: null.',
  expect: 'PreflightAllowOriginMismatch',
  request: putJson, at: { options: preflightOk(acao('null'), acam('PUT'), acah('Content-Type')), response: ok(acao()) },
});
add('preflight-acao-multiple', {
  group: 'preflight-allow-origin', title: 'Preflight with two Allow-Origin lines',
  description: 'The OPTIONS answer repeats Allow-Origin.',
  expect: 'PreflightMultipleAllowOriginValues',
  request: putJson, at: { options: preflightOk(acao(), acao(), acam('PUT'), acah('Content-Type')), response: ok(acao()) },
});
add('preflight-acao-invalid', {
  group: 'preflight-allow-origin', title: 'Preflight Allow-Origin without a scheme',
  description: 'The OPTIONS answer sends Allow-Origin: example.com.',
  expect: 'PreflightInvalidAllowOriginValue',
  request: putJson, at: { options: preflightOk(acao('example.com'), acam('PUT'), acah('Content-Type')), response: ok(acao()) },
});
add('preflight-wildcard-with-credentials', {
  group: 'preflight-allow-origin', title: 'Preflight wildcard with credentials',
  description: 'A credentialed PUT; the OPTIONS answer sends Allow-Origin: *.',
  expect: 'PreflightWildcardOriginNotAllowed',
  request: { ...putJson, ...withCredentials },
  at: { options: preflightOk(acao('*'), acac(), acam('PUT'), acah('Content-Type')), response: ok(acao(), acac()) },
});
add('preflight-acac-missing', {
  group: 'preflight-allow-origin', title: 'Preflight without Allow-Credentials',
  description: 'A credentialed PUT; the OPTIONS answer allows the origin but not credentials.',
  expect: 'PreflightInvalidAllowCredentials',
  request: { ...putJson, ...withCredentials },
  at: { options: preflightOk(acao(), acam('PUT'), acah('Content-Type')), response: ok(acao(), acac()) },
});
add('preflight-acac-uppercase', {
  group: 'preflight-allow-origin', title: 'Preflight Allow-Credentials: TRUE',
  description: 'A credentialed PUT; the OPTIONS answer sends Allow-Credentials: TRUE.',
  expect: 'PreflightInvalidAllowCredentials',
  request: { ...putJson, ...withCredentials },
  at: { options: preflightOk(acao(), acac('TRUE'), acam('PUT'), acah('Content-Type')), response: ok(acao(), acac()) },
});
add('preflight-acao-missing-xhr', {
  group: 'preflight-allow-origin', title: 'Preflight without Allow-Origin (XMLHttpRequest)',
  description: 'An XMLHttpRequest PUT whose preflight answer has no CORS headers.',
  expect: 'PreflightMissingAllowOriginHeader',
  request: { ...putJson, kind: 'xhr' }, at: { options: preflightOk(), response: ok(acao()) },
});

add('preflight-acao-mismatch-xhr', {
  group: 'preflight-allow-origin', title: 'Preflight allows another origin (XMLHttpRequest)',
  description: 'An XMLHttpRequest PUT whose preflight allows http://evil.example.',
  expect: 'PreflightAllowOriginMismatch',
  request: { ...putJson, kind: 'xhr' }, at: { options: preflightOk(acao('http://evil.example'), acam('PUT'), acah('Content-Type')), response: ok(acao()) },
});
add('preflight-wildcard-with-credentials-xhr', {
  group: 'preflight-allow-origin', title: 'Preflight wildcard with withCredentials (XMLHttpRequest)',
  description: 'An XMLHttpRequest PUT with withCredentials = true; the preflight answers Allow-Origin: *.',
  expect: 'PreflightWildcardOriginNotAllowed',
  request: { ...putJson, kind: 'xhr', credentials: 'include' },
  at: { options: preflightOk(acao('*'), acac(), acam('PUT'), acah('Content-Type')), response: ok(acao(), acac()) },
});
add('preflight-acac-missing-xhr', {
  group: 'preflight-allow-origin', title: 'Preflight without Allow-Credentials (XMLHttpRequest)',
  description: 'An XMLHttpRequest PUT with withCredentials = true; the preflight does not allow credentials.',
  expect: 'PreflightInvalidAllowCredentials',
  request: { ...putJson, kind: 'xhr', credentials: 'include' },
  at: { options: preflightOk(acao(), acam('PUT'), acah('Content-Type')), response: ok(acao(), acac()) },
});

// ---------------------------------------------------------------------------------------------
// Preflight status and redirects
// ---------------------------------------------------------------------------------------------

for (const status of [401, 403, 404, 405, 500]) {
  add(`preflight-status-${status}`, {
    group: 'preflight-status', title: `Preflight answered ${status}`,
    description: `The OPTIONS answer carries the right CORS headers but status ${status}.`,
    expect: 'PreflightInvalidStatus',
    request: putJson,
    at: { options: reply(status, [acao(), acam('PUT'), acah('Content-Type')], 'no'), response: ok(acao()) },
  });
}
add('preflight-status-200-with-body', {
  group: 'preflight-status', title: 'Preflight answered 200 with a body',
  description: 'Any 2xx status is fine for a preflight, 200 with a body included.',
  expect: 'allowed',
  request: putJson, at: { options: reply(200, [acao(), acam('PUT'), acah('Content-Type')], 'options body'), response: ok(acao()) },
});
for (const status of [301, 302, 307, 308]) {
  add(`preflight-redirect-${status}`, {
    group: 'preflight-redirect', title: `Preflight redirected with ${status}`,
    description: `The OPTIONS answer is a ${status} redirect (like a trailing-slash or https redirect); preflights never follow redirects.`,
    expect: 'PreflightDisallowedRedirect',
    request: putJson,
    at: { options: reply(status, [acao(), location(apiUrl(`preflight-redirect-${status}`, 'moved'))]), response: ok(acao()) },
    more: { moved: { options: preflightAllowsPut, response: ok(acao()) } },
  });
}

// ---------------------------------------------------------------------------------------------
// Preflight: Access-Control-Allow-Methods
// ---------------------------------------------------------------------------------------------

add('method-put-not-listed', {
  group: 'preflight-methods', title: 'PUT not in Allow-Methods',
  description: 'The preflight allows GET and POST only.',
  expect: 'MethodDisallowedByPreflightResponse',
  request: { method: 'PUT', body: 'x' }, at: { options: preflightOk(acao(), acam('GET, POST')), response: ok(acao()) },
});
add('method-delete-no-acam', {
  group: 'preflight-methods', title: 'DELETE with no Allow-Methods at all',
  description: 'The preflight allows the origin but sends no Allow-Methods.',
  expect: 'MethodDisallowedByPreflightResponse',
  request: { method: 'DELETE' }, at: { options: preflightOk(acao()), response: ok(acao()) },
});
add('method-patch-lowercase', {
  group: 'preflight-methods', title: "Lower-case 'patch' against Allow-Methods: PATCH",
  description: "fetch(url, {method: 'patch'}) is sent as 'patch' (only DELETE, GET, HEAD, OPTIONS, POST, PUT are upper-cased), and the comparison is case-sensitive.",
  expect: 'MethodDisallowedByPreflightResponse',
  request: { method: 'patch', body: 'x' }, at: { options: preflightOk(acao(), acam('PATCH')), response: ok(acao()) },
});
add('method-patch-acam-lowercase', {
  group: 'preflight-methods', title: "PATCH against Allow-Methods: patch",
  description: 'The server lists the method in lower case.',
  expect: 'MethodDisallowedByPreflightResponse',
  request: { method: 'PATCH', body: 'x' }, at: { options: preflightOk(acao(), acam('patch')), response: ok(acao()) },
});
add('method-patch-allowed', {
  group: 'preflight-methods', title: 'PATCH allowed',
  description: 'PATCH against Allow-Methods: GET, PATCH.',
  expect: 'allowed',
  request: { method: 'PATCH', body: 'x' }, at: { options: preflightOk(acao(), acam('GET, PATCH')), response: ok(acao()) },
});
add('method-put-lowercase-normalized', {
  group: 'preflight-methods', title: "Lower-case 'put' is normalised",
  description: "fetch(url, {method: 'put'}) is sent as PUT, so Allow-Methods: PUT matches.",
  expect: 'allowed',
  request: { method: 'put', body: 'x' }, at: { options: preflightOk(acao(), acam('PUT')), response: ok(acao()) },
});
add('method-acam-lowercase-put', {
  group: 'preflight-methods', title: 'PUT against Allow-Methods: put',
  description: 'The server lists PUT in lower case.',
  expect: 'MethodDisallowedByPreflightResponse',
  request: { method: 'PUT', body: 'x' }, at: { options: preflightOk(acao(), acam('put')), response: ok(acao()) },
});
add('method-custom-allowed', {
  group: 'preflight-methods', title: 'Custom method PROPFIND allowed',
  description: 'A WebDAV method listed in Allow-Methods.',
  expect: 'allowed',
  request: { method: 'PROPFIND' }, at: { options: preflightOk(acao(), acam('PROPFIND')), response: ok(acao()) },
});
add('method-custom-not-listed', {
  group: 'preflight-methods', title: 'Custom method PURGE not listed',
  description: 'A custom method missing from Allow-Methods: GET, PUT.',
  expect: 'MethodDisallowedByPreflightResponse',
  request: { method: 'PURGE' }, at: { options: preflightOk(acao(), acam('GET, PUT')), response: ok(acao()) },
});
add('method-wildcard-no-credentials', {
  group: 'preflight-methods', title: 'Allow-Methods: * without credentials',
  description: 'The wildcard allows any method when no credentials are sent.',
  expect: 'allowed',
  request: { method: 'DELETE' }, at: { options: preflightOk(acao(), acam('*')), response: ok(acao()) },
});
add('method-wildcard-with-credentials', {
  group: 'preflight-methods', title: 'Allow-Methods: * with credentials',
  description: 'With credentials, * only matches a method literally named *.',
  expect: 'MethodDisallowedByPreflightResponse',
  request: { method: 'PUT', body: 'x', ...withCredentials },
  at: { options: preflightOk(acao(), acac(), acam('*')), response: ok(acao(), acac()) },
});
add('method-acam-no-spaces', {
  group: 'preflight-methods', title: 'Allow-Methods without spaces and with empty items',
  description: 'Allow-Methods: GET,,PUT, is a valid list (empty items are ignored).',
  expect: 'allowed',
  request: { method: 'PUT', body: 'x' }, at: { options: preflightOk(acao(), acam('GET,,PUT,')), response: ok(acao()) },
});
add('acam-invalid-space-separated', {
  group: 'preflight-methods', title: 'Allow-Methods separated by spaces',
  description: 'Allow-Methods: GET PUT DELETE (spaces instead of commas) is not a list of tokens.',
  expect: 'InvalidAllowMethodsPreflightResponse',
  request: { method: 'PUT', body: 'x' }, at: { options: preflightOk(acao(), acam('GET PUT DELETE')), response: ok(acao()) },
});
add('acam-invalid-characters', {
  group: 'preflight-methods', title: 'Allow-Methods with illegal characters',
  description: 'Allow-Methods: GET, [PUT] contains brackets, which a token cannot hold.',
  expect: 'InvalidAllowMethodsPreflightResponse',
  request: { method: 'PUT', body: 'x' }, at: { options: preflightOk(acao(), acam('GET, [PUT]')), response: ok(acao()) },
});
add('method-put-not-listed-xhr', {
  group: 'preflight-methods', title: 'PUT not in Allow-Methods (XMLHttpRequest)',
  description: 'An XMLHttpRequest PUT against Allow-Methods: GET.',
  expect: 'MethodDisallowedByPreflightResponse',
  request: { kind: 'xhr', method: 'PUT', body: 'x' }, at: { options: preflightOk(acao(), acam('GET')), response: ok(acao()) },
});

// ---------------------------------------------------------------------------------------------
// Preflight: Access-Control-Allow-Headers
// ---------------------------------------------------------------------------------------------

add('header-not-listed', {
  group: 'preflight-headers', title: 'X-Api-Key not in Allow-Headers',
  description: 'A GET with an X-Api-Key header; the preflight only allows Content-Type.',
  expect: 'HeaderDisallowedByPreflightResponse',
  request: { headers: [['X-Api-Key', 'k1']] }, at: { options: preflightOk(acao(), acah('Content-Type')), response: ok(acao()) },
});
add('header-authorization-wildcard', {
  group: 'preflight-headers', title: 'Authorization against Allow-Headers: *',
  description: 'The Fetch standard says the wildcard never covers Authorization; see what this browser does.',
  expect: 'HeaderDisallowedByPreflightResponse (per the Fetch spec)',
  request: { headers: [['Authorization', 'Bearer t']] }, at: { options: preflightOk(acao(), acah('*')), response: ok(acao()) },
});
add('header-wildcard-with-credentials', {
  group: 'preflight-headers', title: 'Allow-Headers: * with credentials',
  description: 'With credentials, * only matches a header literally named *.',
  expect: 'HeaderDisallowedByPreflightResponse',
  request: { headers: [['X-Api-Key', 'k1']], ...withCredentials },
  at: { options: preflightOk(acao(), acac(), acah('*')), response: ok(acao(), acac()) },
});
add('header-wildcard-no-credentials', {
  group: 'preflight-headers', title: 'Allow-Headers: * without credentials',
  description: 'The wildcard allows X-Api-Key when no credentials are sent.',
  expect: 'allowed',
  request: { headers: [['X-Api-Key', 'k1']] }, at: { options: preflightOk(acao(), acah('*')), response: ok(acao()) },
});
add('header-several-first-failing', {
  group: 'preflight-headers', title: 'Three custom headers, one allowed',
  description: 'X-Zeta, X-Alpha and X-Mid are sent; only X-Mid is allowed. Which one does Chrome name?',
  expect: 'HeaderDisallowedByPreflightResponse',
  request: { headers: [['X-Zeta', 'z'], ['X-Alpha', 'a'], ['X-Mid', 'm']] },
  at: { options: preflightOk(acao(), acah('X-Mid')), response: ok(acao()) },
});
add('header-two-not-listed-order', {
  group: 'preflight-headers', title: 'Two custom headers, none allowed',
  description: 'X-Beta then X-Alpha are sent and the preflight allows no headers. Which one does Chrome name?',
  expect: 'HeaderDisallowedByPreflightResponse',
  request: { headers: [['X-Beta', 'b'], ['X-Alpha', 'a']] },
  at: { options: preflightOk(acao()), response: ok(acao()) },
});
add('header-several-first-failing-xhr', {
  group: 'preflight-headers', title: 'Three custom headers, one allowed (XMLHttpRequest)',
  description: 'setRequestHeader for X-Zeta, X-Alpha and X-Mid; only X-Mid is allowed.',
  expect: 'HeaderDisallowedByPreflightResponse',
  request: { kind: 'xhr', headers: [['X-Zeta', 'z'], ['X-Alpha', 'a'], ['X-Mid', 'm']] },
  at: { options: preflightOk(acao(), acah('X-Mid')), response: ok(acao()) },
});
add('header-case-insensitive', {
  group: 'preflight-headers', title: 'Allow-Headers in another case',
  description: 'Header names compare case-insensitively: X-API-KEY allows x-api-key.',
  expect: 'allowed',
  request: { headers: [['x-api-key', 'k1']] }, at: { options: preflightOk(acao(), acah('X-API-KEY')), response: ok(acao()) },
});
add('header-authorization-listed', {
  group: 'preflight-headers', title: 'Authorization listed by name',
  description: 'Allow-Headers: Authorization allows the Authorization header.',
  expect: 'allowed',
  request: { headers: [['Authorization', 'Bearer t']] }, at: { options: preflightOk(acao(), acah('Authorization')), response: ok(acao()) },
});
add('acah-invalid-space', {
  group: 'preflight-headers', title: 'Allow-Headers with a space inside a name',
  description: 'Allow-Headers: X-Api Key is not a list of tokens.',
  expect: 'InvalidAllowHeadersPreflightResponse',
  request: { headers: [['X-Api-Key', 'k1']] }, at: { options: preflightOk(acao(), acah('X-Api Key')), response: ok(acao()) },
});
add('acah-invalid-characters', {
  group: 'preflight-headers', title: 'Allow-Headers with illegal characters',
  description: 'Allow-Headers: X-Api-Key, {X-Other} contains braces.',
  expect: 'InvalidAllowHeadersPreflightResponse',
  request: { headers: [['X-Api-Key', 'k1']] }, at: { options: preflightOk(acao(), acah('X-Api-Key, {X-Other}')), response: ok(acao()) },
});
add('header-not-listed-xhr', {
  group: 'preflight-headers', title: 'X-Api-Key not in Allow-Headers (XMLHttpRequest)',
  description: 'An XMLHttpRequest with X-Api-Key; the preflight allows no headers.',
  expect: 'HeaderDisallowedByPreflightResponse',
  request: { kind: 'xhr', headers: [['X-Api-Key', 'k1']] }, at: { options: preflightOk(acao()), response: ok(acao()) },
});

// ---------------------------------------------------------------------------------------------
// What triggers a preflight (the preflight answers without Allow-Headers, so the header that
// caused it is named in the error)
// ---------------------------------------------------------------------------------------------

add('trigger-content-type-json', {
  group: 'preflight-triggers', title: 'POST with Content-Type: application/json',
  description: 'JSON is not a "simple" content type, so the POST is preflighted; the preflight allows no headers.',
  expect: 'HeaderDisallowedByPreflightResponse',
  request: { method: 'POST', headers: [['Content-Type', 'application/json']], body: '{"a":1}' },
  at: { options: preflightOk(acao()), response: ok(acao()) },
});
add('trigger-accept-129-bytes', {
  group: 'preflight-triggers', title: 'Accept header of 129 bytes',
  description: 'A safelisted header longer than 128 bytes is no longer safelisted.',
  expect: 'HeaderDisallowedByPreflightResponse',
  request: { headers: [['Accept', accept129]] }, at: { options: preflightOk(acao()), response: ok(acao()) },
});
add('trigger-accept-128-bytes', {
  group: 'preflight-triggers', title: 'Accept header of exactly 128 bytes',
  description: '128 bytes is still safelisted: no preflight.',
  expect: 'allowed',
  request: { headers: [['Accept', accept128]] }, at: { response: ok(acao()) },
});
add('trigger-accept-unsafe-byte', {
  group: 'preflight-triggers', title: 'Accept with a quoted parameter',
  description: 'Accept: application/vnd.api+json; profile="…" contains " and :, which are CORS-unsafe bytes.',
  expect: 'HeaderDisallowedByPreflightResponse',
  request: { headers: [['Accept', 'application/vnd.api+json; profile="https://example.com/p"']] },
  at: { options: preflightOk(acao()), response: ok(acao()) },
});
add('trigger-accept-language-underscore', {
  group: 'preflight-triggers', title: 'Accept-Language: en_US',
  description: 'An underscore is not allowed in a safelisted Accept-Language value.',
  expect: 'HeaderDisallowedByPreflightResponse',
  request: { headers: [['Accept-Language', 'en_US']] }, at: { options: preflightOk(acao()), response: ok(acao()) },
});
add('trigger-range-suffix', {
  group: 'preflight-triggers', title: 'Range: bytes=-500 (suffix range)',
  description: 'Only bytes=N- and bytes=N-M ranges are safelisted.',
  expect: 'HeaderDisallowedByPreflightResponse',
  request: { headers: [['Range', 'bytes=-500']] }, at: { options: preflightOk(acao()), response: ok(acao()) },
});
add('trigger-range-simple', {
  group: 'preflight-triggers', title: 'Range: bytes=0-99',
  description: 'A simple range is safelisted: no preflight.',
  expect: 'allowed',
  request: { headers: [['Range', 'bytes=0-99']] }, at: { response: ok(acao()) },
});
add('trigger-safelisted-512-bytes', {
  group: 'preflight-triggers', title: 'Four safelisted headers of 128 bytes each',
  description: 'Accept, Accept-Language, Content-Language and Content-Type at 128 bytes each (512 in total): no preflight. Script cannot exceed the 1024-byte total with single values of at most 128 bytes.',
  expect: 'allowed',
  request: {
    method: 'POST', body: 'x',
    headers: [['Accept', accept128], ['Accept-Language', acceptLanguage128], ['Content-Language', contentLanguage128], ['Content-Type', contentType128]],
  },
  at: { response: ok(acao()) },
});
add('trigger-text-plain-no-preflight', {
  group: 'preflight-triggers', title: 'POST text/plain;charset=utf-8',
  description: 'A text/plain POST with a charset parameter stays simple: no preflight.',
  expect: 'allowed',
  request: { method: 'POST', headers: [['Content-Type', 'text/plain;charset=utf-8']], body: 'hi' },
  at: { response: ok(acao()) },
});
add('trigger-xhr-upload-listener', {
  group: 'preflight-triggers', title: 'XMLHttpRequest with an upload listener',
  description: 'A simple text/plain POST becomes preflighted once xhr.upload has an event listener.',
  expect: 'allowed',
  request: { kind: 'xhr', method: 'POST', headers: [['Content-Type', 'text/plain']], body: 'hi', uploadListener: true },
  at: { options: preflightOk(acao()), response: ok(acao()) },
});
add('trigger-xhr-upload-listener-blocked', {
  group: 'preflight-triggers', title: 'XMLHttpRequest upload listener, preflight without CORS headers',
  description: 'The forced preflight fails although the request itself is "simple".',
  expect: 'PreflightMissingAllowOriginHeader',
  request: { kind: 'xhr', method: 'POST', headers: [['Content-Type', 'text/plain']], body: 'hi', uploadListener: true },
  at: { options: preflightOk(), response: ok(acao()) },
});

// ---------------------------------------------------------------------------------------------
// After the preflight: the actual response
// ---------------------------------------------------------------------------------------------

add('actual-acao-missing-after-preflight', {
  group: 'after-preflight', title: 'Preflight passes, actual response lacks Allow-Origin',
  description: 'The OPTIONS handler is configured for CORS, the PUT handler is not.',
  expect: 'MissingAllowOriginHeader',
  request: putJson, at: { options: preflightAllowsPut, response: ok() },
});
add('actual-acac-missing-after-preflight', {
  group: 'after-preflight', title: 'Credentialed preflight passes, actual response lacks Allow-Credentials',
  description: 'The preflight allows credentials; the PUT answer forgets Allow-Credentials.',
  expect: 'InvalidAllowCredentials',
  request: { ...putJson, ...withCredentials },
  at: { options: preflightOk(acao(), acac(), acam('PUT'), acah('Content-Type')), response: ok(acao()) },
});

// ---------------------------------------------------------------------------------------------
// Redirects of CORS requests
// ---------------------------------------------------------------------------------------------

add('redirect-same-to-cross-ok', {
  group: 'redirect', title: 'Same-origin URL redirects to the API (allowed)',
  description: 'The page fetches its own origin, which redirects (302) to the API; the API allows the page.',
  expect: 'allowed',
  request: { url: `{page}${path('redirect-same-to-cross-ok')}` },
  at: { response: reply(302, [location(apiUrl('redirect-same-to-cross-ok', '2'))]) },
  more: { 2: { response: ok(acao()) } },
});
add('redirect-same-to-cross-missing-acao', {
  group: 'redirect', title: 'Same-origin URL redirects to the API (no Allow-Origin)',
  description: 'After a same-origin redirect to the API, the API answers without CORS headers.',
  expect: 'MissingAllowOriginHeader',
  request: { url: `{page}${path('redirect-same-to-cross-missing-acao')}` },
  at: { response: reply(302, [location(apiUrl('redirect-same-to-cross-missing-acao', '2'))]) },
  more: { 2: { response: ok() } },
});
add('redirect-cross-to-cross-null-ok', {
  group: 'redirect', title: 'API redirects to a third origin that allows null',
  description: 'After a redirect between two foreign origins the Origin becomes null; the third origin answers Allow-Origin: null.',
  expect: 'allowed',
  at: { response: reply(302, [acao(), location('{other}/s/redirect-cross-to-cross-null-ok/2')]) },
  more: { 2: { response: ok(acao('null')) } },
});
add('redirect-cross-to-cross-page-origin', {
  group: 'redirect', title: 'API redirects to a third origin that allows the page origin',
  description: 'The Origin is null after the cross-origin hop, so allowing the page origin no longer matches.',
  expect: 'AllowOriginMismatch',
  at: { response: reply(302, [acao(), location('{other}/s/redirect-cross-to-cross-page-origin/2')]) },
  more: { 2: { response: ok(acao()) } },
});
add('redirect-cross-to-cross-wildcard', {
  group: 'redirect', title: 'API redirects to a third origin that allows *',
  description: 'The wildcard matches the null origin too.',
  expect: 'allowed',
  at: { response: reply(302, [acao(), location('{other}/s/redirect-cross-to-cross-wildcard/2')]) },
  more: { 2: { response: ok(acao('*')) } },
});
add('redirect-response-missing-acao', {
  group: 'redirect', title: 'The redirect response itself lacks Allow-Origin',
  description: 'A 302 from the API without CORS headers: the redirect is checked before it is followed.',
  expect: 'MissingAllowOriginHeader',
  at: { response: reply(302, [location('{other}/s/redirect-response-missing-acao/2')]) },
  more: { 2: { response: ok(acao('*')) } },
});
add('redirect-contains-credentials', {
  group: 'redirect', title: 'Redirect to a URL with user:password',
  description: 'The API redirects to http://user:pass@… on another origin.',
  expect: 'RedirectContainsCredentials',
  at: { response: reply(302, [acao(), location('http://user:pass@127.0.0.1:{otherPort}/s/redirect-contains-credentials/2')]) },
  more: { 2: { response: ok(acao('*')) } },
});
add('redirect-cross-to-page-origin', {
  group: 'redirect', title: 'API redirects back to the page origin',
  description: 'Once the request has left the page origin, even the page origin must answer with CORS headers (Origin is null).',
  expect: 'MissingAllowOriginHeader',
  at: { response: reply(302, [acao(), location('{page}/s/redirect-cross-to-page-origin/2')]) },
  more: { 2: { response: ok() } },
});
add('redirect-303-post-to-get', {
  group: 'redirect', title: 'POST answered 303 See Other',
  description: 'A simple POST is redirected with 303 to another API path and continues as GET.',
  expect: 'allowed',
  request: { method: 'POST', headers: [['Content-Type', 'text/plain']], body: 'hi' },
  at: { response: reply(303, [acao(), location(apiUrl('redirect-303-post-to-get', '2'))]) },
  more: { 2: { response: ok(acao()) } },
});
add('redirect-preflighted-307', {
  group: 'redirect', title: 'Preflighted PUT answered 307 to a third origin',
  description: 'The PUT is redirected across origins; the browser preflights again at the new origin, with Origin: null.',
  expect: 'allowed',
  request: putJson,
  at: { options: preflightAllowsPut, response: reply(307, [acao(), location('{other}/s/redirect-preflighted-307/2')]) },
  more: { 2: { options: preflightOk(acao('null'), acam('PUT'), acah('Content-Type')), response: ok(acao('null')) } },
});
/** Twenty-one redirects: one more than the browser follows. */
const loopRoutes = Object.fromEntries(Array.from({ length: 22 }, (_, i) => [
  String(i + 1),
  { response: reply(302, [acao(), location(apiUrl('redirect-too-many', String(i + 2)))]) },
]));
add('redirect-too-many', {
  group: 'redirect', title: 'Redirect loop',
  description: 'The API keeps redirecting (each hop with correct CORS headers); Chrome gives up after 20.',
  expect: 'network error (net::ERR_TOO_MANY_REDIRECTS)',
  at: { response: reply(302, [acao(), location(apiUrl('redirect-too-many', '1'))]) },
  more: loopRoutes,
});
add('redirect-to-ftp', {
  group: 'redirect', title: 'Redirect to an ftp: URL',
  description: 'A CORS request redirected to a scheme that does not support CORS.',
  expect: 'CorsDisabledScheme (or a network error)',
  at: { response: reply(302, [acao(), location('ftp://127.0.0.1:{closedPort}/s/redirect-to-ftp/2')]) },
});
add('redirect-mode-error', {
  group: 'redirect', title: "fetch with redirect: 'error' gets a 302",
  description: 'The page refuses redirects; the API redirects anyway.',
  expect: 'network error (not CORS)',
  request: { redirect: 'error' },
  at: { response: reply(302, [acao(), location(apiUrl('redirect-mode-error', '2'))]) },
  more: { 2: { response: ok(acao()) } },
});
add('redirect-mode-manual', {
  group: 'redirect', title: "fetch with redirect: 'manual' gets a 302",
  description: "The page asks for the redirect itself (an 'opaqueredirect' response); the redirect allows the page.",
  expect: 'allowed',
  request: { redirect: 'manual' },
  at: { response: reply(302, [acao(), location(apiUrl('redirect-mode-manual', '2'))]) },
  more: { 2: { response: ok(acao()) } },
});

// ---------------------------------------------------------------------------------------------
// Request modes
// ---------------------------------------------------------------------------------------------

add('mode-same-origin-cross-origin', {
  group: 'mode', title: "mode: 'same-origin' to another origin",
  description: "fetch(url, {mode: 'same-origin'}) to the API.",
  expect: 'DisallowedByMode',
  request: { mode: 'same-origin' }, at: { response: ok(acao()) },
});
add('mode-no-cors-redirect-manual', {
  group: 'mode', title: "mode: 'no-cors' with redirect: 'manual'",
  description: 'A no-cors request must follow redirects.',
  expect: 'NoCorsRedirectModeNotFollow',
  request: { mode: 'no-cors', redirect: 'manual' }, at: { response: ok() },
});
add('mode-xhr-custom-scheme', {
  group: 'mode', title: 'XMLHttpRequest to a foo: URL',
  description: 'Cross-origin requests only support some schemes (http, https, data, …).',
  expect: 'CorsDisabledScheme',
  request: { kind: 'xhr', url: 'foo://127.0.0.1/s/mode-xhr-custom-scheme' },
});
add('mode-xhr-ftp-scheme', {
  group: 'mode', title: 'XMLHttpRequest to an ftp: URL',
  description: 'Chromium no longer speaks FTP at all.',
  expect: "network error ('FTP is not supported.')",
  request: { kind: 'xhr', url: 'ftp://127.0.0.1:{closedPort}/s/mode-xhr-ftp-scheme' },
});
add('no-cors-opaque', {
  group: 'mode', title: "mode: 'no-cors' (opaque response)",
  description: 'The API sends no CORS headers; the fetch succeeds but script cannot read the response.',
  expect: 'allowed (opaque)',
  request: { mode: 'no-cors' }, at: { response: ok() },
});
add('no-cors-json-orb', {
  group: 'mode', title: "mode: 'no-cors' fetching JSON",
  description: 'Opaque Response Blocking may drop a JSON response fetched in no-cors mode.',
  expect: 'network error (ORB) or opaque',
  request: { mode: 'no-cors' },
  at: { response: reply(200, [['Content-Type', 'application/json'], ['X-Content-Type-Options', 'nosniff']], '{"secret":1}') },
});

// ---------------------------------------------------------------------------------------------
// Elements with crossorigin
// ---------------------------------------------------------------------------------------------

add('img-crossorigin-missing-acao', {
  group: 'elements', title: '<img crossorigin> without Allow-Origin',
  description: 'An image requested with crossorigin="anonymous" is a CORS request.',
  expect: 'MissingAllowOriginHeader',
  request: { kind: 'img' }, at: { response: ok() },
});
add('script-crossorigin-missing-acao', {
  group: 'elements', title: '<script crossorigin> without Allow-Origin',
  description: 'A script requested with crossorigin="anonymous" is a CORS request.',
  expect: 'MissingAllowOriginHeader',
  request: { kind: 'script' }, at: { response: reply(200, [['Content-Type', 'text/javascript']], 'void 0;') },
});

add('img-crossorigin-mismatch', {
  group: 'elements', title: '<img crossorigin> with the wrong Allow-Origin',
  description: 'The image answer allows another site.',
  expect: 'AllowOriginMismatch',
  request: { kind: 'img' }, at: { response: ok(acao('http://evil.example')) },
});

// ---------------------------------------------------------------------------------------------
// Opaque origin: a sandboxed frame (origin "null") makes the request
// ---------------------------------------------------------------------------------------------

add('opaque-origin-acao-null', {
  group: 'opaque-origin', title: 'Sandboxed frame, Allow-Origin: null',
  description: 'A frame sandboxed without allow-same-origin has the origin null; the API allows null.',
  expect: 'allowed',
  request: { frame: 'sandbox' }, at: { response: ok(acao('null')) },
});
add('opaque-origin-acao-page-origin', {
  group: 'opaque-origin', title: 'Sandboxed frame, Allow-Origin names the page',
  description: 'The frame lives on the page origin but its origin is null, so the page origin does not match.',
  expect: 'AllowOriginMismatch',
  request: { frame: 'sandbox' }, at: { response: ok(acao()) },
});
add('opaque-origin-wildcard', {
  group: 'opaque-origin', title: 'Sandboxed frame, Allow-Origin: *',
  description: 'The wildcard matches the null origin.',
  expect: 'allowed',
  request: { frame: 'sandbox' }, at: { response: ok(acao('*')) },
});
add('opaque-origin-preflight-page-origin', {
  group: 'opaque-origin', title: 'Sandboxed frame, preflight allows the page origin',
  description: 'A PUT from the null origin; the preflight allows the page origin instead of null.',
  expect: 'PreflightAllowOriginMismatch',
  request: { ...putJson, frame: 'sandbox' }, at: { options: preflightAllowsPut, response: ok(acao()) },
});

// ---------------------------------------------------------------------------------------------
// Not CORS: failures that look like CORS errors to JavaScript
// ---------------------------------------------------------------------------------------------

add('connection-refused', {
  group: 'not-cors', title: 'Nothing listening on the port',
  description: 'A fetch to a closed port: a network error, not a CORS error.',
  expect: 'network error (net::ERR_CONNECTION_REFUSED)',
  request: { url: '{closed}/s/connection-refused' },
});
add('connection-refused-preflighted', {
  group: 'not-cors', title: 'Preflighted request to a closed port',
  description: 'The preflight itself cannot connect.',
  expect: 'network error (net::ERR_CONNECTION_REFUSED)',
  request: { ...putJson, url: '{closed}/s/connection-refused-preflighted' },
});
add('same-origin-get', {
  group: 'not-cors', title: 'Same-origin request',
  description: 'The page fetches its own origin: CORS does not apply.',
  expect: 'same-origin',
  request: { url: `{page}${path('same-origin-get')}` }, at: { response: ok() },
});
add('csp-connect-src', {
  group: 'not-cors', title: 'Blocked by the page\'s Content-Security-Policy',
  description: "A frame whose page says connect-src 'self' fetches the API; the browser never sends it.",
  expect: 'network error (CSP)',
  request: { frame: 'csp' }, at: { response: ok(acao()) },
});
add('preflight-401-auth-layer', {
  group: 'not-cors', title: 'Auth layer answers the preflight 401',
  description: 'An authentication middleware runs before the CORS middleware and rejects the OPTIONS request (no CORS headers).',
  expect: 'PreflightMissingAllowOriginHeader',
  request: { ...putJson, headers: [['Content-Type', 'application/json'], ['Authorization', 'Bearer t']] },
  at: { options: reply(401, [['WWW-Authenticate', 'Bearer realm="api"']], 'unauthorized'), response: ok(acao()) },
});
add('preflight-404-no-route', {
  group: 'not-cors', title: 'No OPTIONS route (404)',
  description: 'The framework has no OPTIONS handler and answers 404 without CORS headers.',
  expect: 'PreflightMissingAllowOriginHeader',
  request: putJson, at: { options: reply(404, [], 'not found'), response: ok(acao()) },
});
add('proxy-502-without-cors', {
  group: 'not-cors', title: 'Proxy 502 page without CORS headers',
  description: 'The app is down; the reverse proxy answers 502 with its own page and no CORS headers.',
  expect: 'MissingAllowOriginHeader (the real problem is the 502)',
  at: { response: reply(502, [['Content-Type', 'text/html']], '<h1>502 Bad Gateway</h1>') },
});
add('server-500-with-acao', {
  group: 'not-cors', title: 'Server error 500 with CORS headers',
  description: 'CORS passes; the response is an HTTP error the page can read.',
  expect: 'allowed (HTTP 500)',
  at: { response: reply(500, [acao()], 'boom') },
});
add('server-403-with-acao-credentials', {
  group: 'not-cors', title: 'Credentialed request answered 403 with CORS headers',
  description: 'CORS passes (exact origin and credentials allowed); the server refuses the request.',
  expect: 'allowed (HTTP 403)',
  request: withCredentials, at: { response: reply(403, [acao(), acac()], 'forbidden') },
});

// ---------------------------------------------------------------------------------------------
// Successes
// ---------------------------------------------------------------------------------------------

add('success-simple-get', {
  group: 'success', title: 'Simple GET allowed',
  description: 'The API echoes the page origin.',
  expect: 'allowed',
  at: { response: ok(acao()) },
});
add('success-wildcard-no-credentials', {
  group: 'success', title: 'Allow-Origin: * without credentials',
  description: 'The wildcard is fine for requests without credentials (a stray Allow-Credentials is ignored).',
  expect: 'allowed',
  at: { response: ok(acao('*'), acac()) },
});
add('success-wildcard-credentials-same-origin-mode', {
  group: 'success', title: "credentials: 'same-origin' against Allow-Origin: *",
  description: 'Credentials are not sent cross-origin in this mode, so the wildcard is fine.',
  expect: 'allowed',
  request: { credentials: 'same-origin' }, at: { response: ok(acao('*')) },
});
add('success-simple-get-xhr', {
  group: 'success', title: 'Simple GET allowed (XMLHttpRequest)',
  description: 'An XMLHttpRequest GET; the API echoes the page origin.',
  expect: 'allowed',
  request: { kind: 'xhr' }, at: { response: ok(acao()) },
});
add('success-preflighted-put', {
  group: 'success', title: 'Preflighted PUT allowed',
  description: 'The preflight allows PUT and Content-Type; the PUT answer allows the origin.',
  expect: 'allowed',
  request: putJson, at: { options: preflightAllowsPut, response: ok(acao()) },
});
add('success-credentialed-get', {
  group: 'success', title: 'Credentialed GET allowed',
  description: 'Exact origin plus Allow-Credentials: true.',
  expect: 'allowed',
  request: withCredentials, at: { response: ok(acao(), acac()) },
});
add('success-credentialed-preflighted', {
  group: 'success', title: 'Credentialed preflighted PUT allowed',
  description: 'Both the preflight and the PUT answer allow the exact origin and credentials.',
  expect: 'allowed',
  request: { ...putJson, ...withCredentials },
  at: { options: preflightOk(acao(), acac(), acam('PUT'), acah('Content-Type')), response: ok(acao(), acac()) },
});
add('success-cached-preflight', {
  group: 'success', title: 'Preflight cached with Max-Age (two calls)',
  description: 'The same PUT twice; the preflight says Max-Age: 600, so the second call sends no OPTIONS.',
  expect: 'allowed (second call: preflight from cache)',
  request: { ...putJson, repeat: 2 },
  at: { options: preflightOk(acao(), acam('PUT'), acah('Content-Type'), maxAge(600)), response: ok(acao()) },
});
add('success-post-form', {
  group: 'success', title: 'Simple form POST allowed',
  description: 'POST application/x-www-form-urlencoded needs no preflight.',
  expect: 'allowed',
  request: { method: 'POST', headers: [['Content-Type', 'application/x-www-form-urlencoded']], body: 'a=1' },
  at: { response: ok(acao()) },
});
add('success-head', {
  group: 'success', title: 'HEAD allowed',
  description: 'HEAD is a simple method.',
  expect: 'allowed',
  request: { method: 'HEAD' }, at: { response: ok(acao()) },
});
add('success-preflighted-xhr', {
  group: 'success', title: 'Preflighted PUT allowed (XMLHttpRequest)',
  description: 'An XMLHttpRequest PUT with JSON, preflight and answer both correct.',
  expect: 'allowed',
  request: { ...putJson, kind: 'xhr' }, at: { options: preflightAllowsPut, response: ok(acao()) },
});

/** Every scenario, in lab order. */
export const scenarios = Object.freeze(table);

/** @param {string} id */
export function scenarioById(id) {
  const found = scenarios.find((s) => s.id === id);
  if (!found) throw new Error(`unknown lab scenario: ${id}`);
  return found;
}

/** The path prefix every request of a scenario uses: `/s/<id>`. */
export function scenarioPath(id) {
  return path(id);
}

/**
 * The scenario a URL belongs to, from its `/s/<id>` path, or null.
 * @param {string} url
 */
export function scenarioIdOfUrl(url) {
  let pathname;
  try {
    pathname = new URL(url).pathname;
  } catch {
    return null;
  }
  const m = /^\/s\/([a-z0-9-]+)(?:\/|$)/.exec(pathname);
  return m ? m[1] ?? null : null;
}

/** Display order and headings of the groups. */
export const groups = Object.freeze([
  { id: 'allow-origin', title: 'Access-Control-Allow-Origin on the response' },
  { id: 'credentials', title: 'Credentials (cookies, withCredentials)' },
  { id: 'preflight-allow-origin', title: 'Allow-Origin and Allow-Credentials on the preflight' },
  { id: 'preflight-status', title: 'Preflight status' },
  { id: 'preflight-redirect', title: 'Preflight redirects' },
  { id: 'preflight-methods', title: 'Preflight: Access-Control-Allow-Methods' },
  { id: 'preflight-headers', title: 'Preflight: Access-Control-Allow-Headers' },
  { id: 'preflight-triggers', title: 'What triggers a preflight' },
  { id: 'after-preflight', title: 'After a successful preflight' },
  { id: 'redirect', title: 'Redirects' },
  { id: 'mode', title: 'Request modes' },
  { id: 'elements', title: 'Elements with crossorigin' },
  { id: 'opaque-origin', title: 'Opaque origin (sandboxed frame)' },
  { id: 'not-cors', title: 'Not CORS (but it looks like it)' },
  { id: 'success', title: 'Working requests' },
]);
