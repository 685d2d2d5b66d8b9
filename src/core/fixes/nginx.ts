import { clientFix, clientMethodChange, lowercaseMethodRejected } from './common.js';
import { confQuote } from './literals.js';
import { makePlan, planTitle, type Plan } from './plan.js';
import type { Diagnosis, Fix, OptionChange } from './types.js';

/**
 * nginx (ngx_http_headers_module + map). Facts that shape every fix:
 * - `add_header` only applies to 2xx/3xx unless it ends with `always`;
 * - a level with any `add_header` drops every inherited one (so the OPTIONS `if` block repeats them all);
 * - `add_header` adds: if the proxied app also sends Access-Control-Allow-Origin there are two values;
 * - an empty value is not sent, so `map $http_origin $cors_origin { default ""; … }` is an allow-list.
 * https://nginx.org/en/docs/http/ngx_http_headers_module.html#add_header
 *
 * `changes` vocabulary (OptionChange): option = directive name, value = its arguments, context =
 * `http` (the map; `add` makes sure the key is present once — nginx rejects duplicate keys), `location` (the API location) or `preflight` (the `if ($request_method = OPTIONS)`
 * block inside it, created on first use, ending in `return 204`). `set` replaces the directive with the
 * same name and first argument (or appends it), `remove` deletes it; option `map` adds an entry to
 * `map $http_origin $cors_origin`; option `preflight` with op `remove` deletes the whole OPTIONS block.
 */

const SERVER = 'nginx' as const;
export const NGINX_CORS_HEADERS = [
  'Access-Control-Allow-Origin',
  'Access-Control-Allow-Credentials',
  'Access-Control-Allow-Methods',
  'Access-Control-Allow-Headers',
  'Access-Control-Expose-Headers',
  'Access-Control-Max-Age',
];

export function nginxFixes(d: Diagnosis): Fix[] {
  if (d.clientOnly !== null) return [clientFix(SERVER, d)];
  const p = makePlan(d, { methods: [], headers: [] });
  if (d.duplicate) {
    const appValue = d.duplicate.values[0] ?? '';
    const appOk = appValue === d.origin || (appValue === '*' && !d.credentials);
    return appOk ? [removeNginxLayer(d), keepNginxLayer(d, p, true)] : [keepNginxLayer(d, p, true)];
  }
  return [keepNginxLayer(d, p, false)];
}

/** The whole CORS layer in nginx: allow-list map, OPTIONS answered with 204, headers with `always`. */
function keepNginxLayer(d: Diagnosis, plan: Plan, duplicate: boolean): Fix {
  // nginx answers a lower-case method with 400 before any location runs: only the client can fix it.
  const lowercase = plan.methods.find((m) => m !== m.toUpperCase()) ?? null;
  const p = lowercase ? { ...plan, methods: plan.methods.map((m) => m.toUpperCase()).filter((m, i, a) => a.indexOf(m) === i) } : plan;
  const acam = p.methods.includes('OPTIONS') ? p.methods : [...p.methods, 'OPTIONS'];
  const preflightHeaders: string[][] = [
    ['Access-Control-Allow-Origin', '$cors_origin', 'always'],
    ['Access-Control-Allow-Methods', confQuote(acam.join(', ')), 'always'],
    ['Access-Control-Allow-Headers', confQuote(p.headers.join(', ')), 'always'],
    ...(p.credentials ? [['Access-Control-Allow-Credentials', '"true"', 'always']] : []),
    ...(p.privateNetwork ? [['Access-Control-Allow-Private-Network', '"true"', 'always']] : []),
    ['Access-Control-Max-Age', '86400', 'always'],
    ['Vary', 'Origin', 'always'],
  ];
  const actualHeaders: string[][] = [
    ['Access-Control-Allow-Origin', '$cors_origin', 'always'],
    ...(p.credentials ? [['Access-Control-Allow-Credentials', '"true"', 'always']] : []),
    ['Vary', 'Origin', 'always'],
  ];
  const changes: OptionChange[] = [
    { option: 'map', op: 'add', context: 'http', value: [confQuote(p.origin), '$http_origin'] },
    ...preflightHeaders.map((args): OptionChange => ({ option: 'add_header', op: 'set', context: 'preflight', value: args })),
    ...['Access-Control-Allow-Origin', 'Access-Control-Allow-Credentials', 'Access-Control-Expose-Headers'].map(
      (h): OptionChange => ({ option: 'proxy_hide_header', op: 'set', context: 'location', value: [h] }),
    ),
    ...actualHeaders.map((args): OptionChange => ({ option: 'add_header', op: 'set', context: 'location', value: args })),
    ...(lowercase ? [clientMethodChange(lowercase)] : []),
  ];
  const warnings = [
    ...p.warnings.filter((w) => !lowercase || !w.startsWith('The page sends the method as')),
    'Use the map as the allow-list: never `add_header Access-Control-Allow-Origin $http_origin` on its own, which echoes every origin.',
    'Any add_header inside a location (or if) drops the server-level ones: keep all CORS lines together in the API location, each with `always` so 4xx/5xx answers keep them.',
  ];
  if (lowercase) warnings.unshift(lowercaseMethodRejected('nginx', lowercase));
  if (duplicate) warnings.unshift('The app behind nginx also sends CORS headers: proxy_hide_header drops its copies so that only nginx answers (one layer).');
  return {
    server: SERVER,
    title: duplicate ? 'nginx: answer CORS in nginx only and hide the app\'s copies' : planTitle('nginx', p),
    changes,
    code: renderNginx(p, preflightHeaders, actualHeaders, d.path),
    warnings,
  };
}

/** The app already answers CORS correctly: delete nginx's copies. */
function removeNginxLayer(d: Diagnosis): Fix {
  const changes: OptionChange[] = [
    { option: 'preflight', op: 'remove', context: 'location', value: null },
    ...NGINX_CORS_HEADERS.map((h): OptionChange => ({ option: 'add_header', op: 'remove', context: 'location', value: [h] })),
  ];
  const values = d.duplicate?.values.join(', ') ?? '';
  return {
    server: SERVER,
    title: 'nginx: remove nginx\'s CORS headers — the app already sends them (two Access-Control-Allow-Origin values)',
    changes,
    code: [
      `# Access-Control-Allow-Origin arrived twice (${values.replace(/[\r\n]/g, ' ')}): the app and nginx both add it.`,
      '# Configure CORS in ONE layer. The app answers correctly, so delete these from the server/location blocks:',
      ...NGINX_CORS_HEADERS.map((h) => `#   add_header ${h} …;`),
      '# and the `if ($request_method = OPTIONS) { … return 204; }` block, so preflights reach the app.',
      'location /api/ {',
      '    proxy_pass http://app;   # no Access-Control-* lines here',
      '}',
    ].join('\n'),
    warnings: [
      d.duplicate?.identical
        ? 'Two identical values are the tell of two layers both adding the header.'
        : 'Two different values: a proxy layer and the app disagree; keep the app\'s allow-list.',
    ],
  };
}

function renderNginx(p: Plan, preflight: string[][], actual: string[][], path: string): string {
  const seg = path.split('/').filter(Boolean)[0];
  const loc = seg ? `/${seg}/` : '/';
  const line = (indent: string, args: string[]) => `${indent}add_header ${args.join(' ')};`;
  return [
    '# http { } context (e.g. /etc/nginx/conf.d/cors-map.conf): the origin allow-list',
    'map $http_origin $cors_origin {',
    '    default "";                       # not allowed: the header is left out',
    ...p.origins.map((o) => `    ${confQuote(o)} $http_origin;`),
    '    # "~^https://[a-z0-9-]+\\.example\\.com$" $http_origin;   # a regex must be anchored ^…$ with escaped dots',
    '}',
    '',
    '# server { } block: the API location',
    `location ${loc} {`,
    '    if ($request_method = OPTIONS) {   # preflight: answered here, never reaches auth or the app',
    ...preflight.map((a) => line('        ', a)),
    '        return 204;',
    '    }',
    '    proxy_hide_header Access-Control-Allow-Origin;        # the app must not add a second copy',
    '    proxy_hide_header Access-Control-Allow-Credentials;',
    '    proxy_hide_header Access-Control-Expose-Headers;',
    ...actual.map((a) => line('    ', a)),
    '    proxy_pass http://app;',
    '}',
  ].join('\n');
}
