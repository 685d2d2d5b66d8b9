import { clientFix } from './common.js';
import { DEFAULT_HEADERS } from './django-settings.js';
import { py } from './literals.js';
import { makePlan, planTitle } from './plan.js';
import type { Diagnosis, Fix, OptionChange } from './types.js';

/**
 * A hand-written Django middleware for policies django-cors-headers cannot express. It is a complete
 * module: placed first in MIDDLEWARE it answers preflights itself (so auth, CSRF, APPEND_SLASH never see
 * them), decorates every response of an allowed origin — errors included, because Django turns inner
 * exceptions into responses before they reach it — and always adds Vary: Origin.
 * https://docs.djangoproject.com/en/stable/topics/http/middleware/
 *
 * `changes`: option = a constant of the module (ALLOWED_ORIGINS, ALLOW_METHODS, ALLOW_HEADERS,
 * ALLOW_CREDENTIALS, ALLOW_PRIVATE_NETWORK) or MIDDLEWARE (move-before).
 */
const SERVER = 'django-middleware' as const;
export const CUSTOM_MIDDLEWARE_PATH = 'myproject.cors.CorsMiddleware';

export function djangoMiddlewareFixes(d: Diagnosis): Fix[] {
  if (d.clientOnly !== null) return [clientFix(SERVER, d)];
  const p = makePlan(d, { methods: [], headers: [] });
  const headers = [...new Set([...DEFAULT_HEADERS['4'], ...p.headers.map((h) => h.toLowerCase())])];
  const methods = [...new Set([...p.methods, 'OPTIONS'])];
  const changes: OptionChange[] = [
    { option: 'MIDDLEWARE', op: 'move-before', value: CUSTOM_MIDDLEWARE_PATH, before: null },
    { option: 'ALLOWED_ORIGINS', op: p.originOp === 'set' ? 'set' : 'add', value: p.originOp === 'set' ? p.origins : p.origin },
    ...(p.addMethod ? [{ option: 'ALLOW_METHODS', op: 'add', value: p.addMethod } as OptionChange] : []),
    ...p.addHeaders.map((h): OptionChange => ({ option: 'ALLOW_HEADERS', op: 'add', value: h })),
    ...(p.credentials ? [{ option: 'ALLOW_CREDENTIALS', op: 'set', value: true } as OptionChange] : []),
    ...(p.privateNetwork ? [{ option: 'ALLOW_PRIVATE_NETWORK', op: 'set', value: true } as OptionChange] : []),
  ];
  const code = [
    '# myproject/cors.py — put "myproject.cors.CorsMiddleware" FIRST in MIDDLEWARE',
    '# (and remove corsheaders.middleware.CorsMiddleware: one CORS layer only).',
    'import os',
    '',
    'from django.http import HttpResponse',
    'from django.utils.cache import patch_vary_headers',
    '',
    '# Production: an explicit allow-list from the environment (comma-separated).',
    'ALLOWED_ORIGINS = frozenset(',
    `    o.strip() for o in os.environ.get("CORS_ALLOWED_ORIGINS", ${py(p.origins.join(','))}).split(",") if o.strip()`,
    ')',
    `ALLOW_METHODS = [${methods.map(py).join(', ')}]  # compared case-sensitively by browsers`,
    `ALLOW_HEADERS = [${headers.map(py).join(', ')}]`,
    'EXPOSE_HEADERS = []  # response headers JavaScript may read, e.g. ["Content-Disposition"]',
    `ALLOW_CREDENTIALS = ${p.credentials ? 'True' : 'False'}  # never combine with echoing every origin`,
    `ALLOW_PRIVATE_NETWORK = ${p.privateNetwork ? 'True' : 'False'}`,
    'MAX_AGE = 86400',
    '',
    '',
    'class CorsMiddleware:',
    '    def __init__(self, get_response):',
    '        self.get_response = get_response',
    '',
    '    def __call__(self, request):',
    '        origin = request.headers.get("Origin")',
    '        allowed = origin is not None and origin in ALLOWED_ORIGINS',
    '        preflight = request.method == "OPTIONS" and "Access-Control-Request-Method" in request.headers',
    '        # Preflights carry no cookies/Authorization: answer them here, before auth, CSRF or redirects.',
    '        response = HttpResponse(status=204) if preflight else self.get_response(request)',
    '        # Every answer depends on Origin, allowed or not: shared caches must keep one copy per origin.',
    '        patch_vary_headers(response, ("Origin",))',
    '        if not allowed:',
    '            return response',
    '        response["Access-Control-Allow-Origin"] = origin  # assign, never append: one value only',
    '        if ALLOW_CREDENTIALS:',
    '            response["Access-Control-Allow-Credentials"] = "true"',
    '        if EXPOSE_HEADERS:',
    '            response["Access-Control-Expose-Headers"] = ", ".join(EXPOSE_HEADERS)',
    '        if preflight:',
    '            response["Access-Control-Allow-Methods"] = ", ".join(ALLOW_METHODS)',
    '            response["Access-Control-Allow-Headers"] = ", ".join(ALLOW_HEADERS)',
    '            response["Access-Control-Max-Age"] = str(MAX_AGE)',
    '            if ALLOW_PRIVATE_NETWORK and request.headers.get("Access-Control-Request-Private-Network") == "true":',
    '                response["Access-Control-Allow-Private-Network"] = "true"',
    '        return response',
  ].join('\n');
  return [
    {
      server: SERVER,
      title: planTitle('Hand-written Django middleware', p),
      changes,
      code,
      warnings: [
        ...p.warnings,
        'Put it first in MIDDLEWARE: a middleware above it (auth, CommonMiddleware redirects, SecurityMiddleware https redirect) would answer without CORS headers.',
        'Cross-origin writes still need CSRF: CSRF_TRUSTED_ORIGINS and the X-CSRFToken header.',
      ],
    },
  ];
}
