import { clientFix } from './common.js';
import { js } from './literals.js';
import { makePlan, planTitle } from './plan.js';
import type { Diagnosis, Fix, OptionChange } from './types.js';

/**
 * Cloudflare: proxied sites have no CORS switch, so the fix is a Worker in front of the origin that
 * answers preflights and decorates responses (Transform Rules cannot do an allow-list with credentials
 * cleanly). Cloudflare's cache ignores Vary: Origin, so echoed-origin responses must bypass the cache.
 * Cloudflare Access redirects preflights to its login unless "Bypass OPTIONS requests to origin" is on.
 * https://developers.cloudflare.com/workers/examples/cors-header-proxy/
 *
 * `changes`: option = a constant of the Worker (ALLOWED_ORIGINS, ALLOW_CREDENTIALS, ALLOW_METHODS,
 * ALLOW_HEADERS) or a dashboard setting (`Access.BypassOptions`).
 */
const SERVER = 'cloudflare' as const;

export function cloudflareFixes(d: Diagnosis): Fix[] {
  if (d.clientOnly !== null) return [clientFix(SERVER, d)];
  const p = makePlan(d, { methods: [], headers: [] });
  const changes: OptionChange[] = [
    { option: 'ALLOWED_ORIGINS', op: p.originOp === 'set' ? 'set' : 'add', value: p.originOp === 'set' ? p.origins : p.origin },
    ...(p.credentials ? [{ option: 'ALLOW_CREDENTIALS', op: 'set', value: true } as OptionChange] : []),
    ...(p.addMethod ? [{ option: 'ALLOW_METHODS', op: 'add', value: p.addMethod } as OptionChange] : []),
    ...p.addHeaders.map((h): OptionChange => ({ option: 'ALLOW_HEADERS', op: 'add', value: h })),
    ...(p.trouble?.cause === 'login-redirect' ? [{ option: 'Access.BypassOptions', op: 'set', value: true } as OptionChange] : []),
  ];
  const acam = p.methods.includes('OPTIONS') ? p.methods : [...p.methods, 'OPTIONS'];
  const code = [
    '// Cloudflare Worker on the API route: answers preflights, decorates responses, one CORS layer.',
    `const ALLOWED_ORIGINS = new Set([${p.origins.map(js).join(', ')}]); // exact origins`,
    `const ALLOW_CREDENTIALS = ${p.credentials ? 'true' : 'false'};`,
    `const ALLOW_METHODS = ${js(acam.join(', '))};`,
    `const ALLOW_HEADERS = ${js(p.headers.join(', '))};`,
    '',
    'export default {',
    '  async fetch(request) {',
    "    const origin = request.headers.get('Origin');",
    '    const allowed = origin !== null && ALLOWED_ORIGINS.has(origin);',
    "    const preflight = request.method === 'OPTIONS' && request.headers.has('Access-Control-Request-Method');",
    '    const upstream = preflight ? new Response(null, { status: 204 }) : await fetch(request);',
    '    const response = new Response(upstream.body, upstream); // mutable copy',
    "    for (const h of ['Access-Control-Allow-Origin', 'Access-Control-Allow-Credentials']) response.headers.delete(h); // one layer",
    "    response.headers.append('Vary', 'Origin');",
    '    if (allowed) {',
    "      response.headers.set('Access-Control-Allow-Origin', origin);",
    "      if (ALLOW_CREDENTIALS) response.headers.set('Access-Control-Allow-Credentials', 'true');",
    '      if (preflight) {',
    "        response.headers.set('Access-Control-Allow-Methods', ALLOW_METHODS);",
    "        response.headers.set('Access-Control-Allow-Headers', ALLOW_HEADERS);",
    ...(p.privateNetwork ? ["        response.headers.set('Access-Control-Allow-Private-Network', 'true');"] : []),
    "        response.headers.set('Access-Control-Max-Age', '600');",
    '      }',
    '    }',
    "    if (!preflight) response.headers.set('Cache-Control', 'private'); // Cloudflare's cache ignores Vary: Origin",
    '    return response;',
    '  },',
    '};',
  ].join('\n');
  return [
    {
      server: SERVER,
      title: d.duplicate ? 'Cloudflare: one CORS layer — the Worker replaces the origin\'s copy' : planTitle('Cloudflare Worker', p),
      changes,
      code,
      warnings: [
        ...p.warnings,
        'Cloudflare\'s cache does not vary on Origin: a cached response with one origin\'s Access-Control-Allow-Origin is served to every origin (intermittent failures). Bypass the cache for these responses or add Origin to a custom cache key.',
        ...(p.trouble?.cause === 'login-redirect' ? ['Cloudflare Access redirects preflights to its login page: enable "Bypass OPTIONS requests to origin" in the Access application\'s CORS settings.'] : []),
      ],
    },
  ];
}
