import { appFlavourFixes, type AppFlavour } from './app-flavour.js';
import { php } from './literals.js';
import type { Plan } from './plan.js';
import type { Diagnosis, Fix } from './types.js';

/**
 * Laravel config/cors.php (HandleCors, fruitcake/php-cors). Only `paths` get CORS; '*' origins with
 * supports_credentials echo every origin; exactly one listed origin is sent whatever the request origin.
 * https://laravel.com/docs/routing#cors
 */
const LARAVEL: AppFlavour = {
  server: 'laravel',
  label: 'Laravel config/cors.php',
  defaults: { methods: ['*'], headers: 'reflect' },
  options: {
    origins: 'allowed_origins',
    credentials: 'supports_credentials',
    methods: 'allowed_methods',
    headers: 'allowed_headers',
    order: { option: 'middleware', value: 'HandleCors' },
    paths: 'paths',
  },
  formatPath: (seg) => (seg === '' ? '*' : `${seg}/*`),
  render,
  notes: (p) => [
    ...(p.moveFirst ? ['HandleCors is global middleware in Laravel ≥ 9.2: keep it in the global stack (not only a route group), so auth middleware never sees preflights.'] : []),
    'Laravel 11+: run `php artisan config:publish cors` to get config/cors.php, and `php artisan config:clear` after editing it.',
  ],
  privateNetworkUnsupported: 'Laravel\'s HandleCors has no private-network option: add "Access-Control-Allow-Private-Network: true" to preflights in a middleware that runs before it.',
};

function render(p: Plan, d: Diagnosis): string {
  const seg = d.path.split('/').filter(Boolean)[0];
  return [
    '<?php // config/cors.php',
    'return [',
    `    'paths' => [${php(seg ? `${seg}/*` : '*')}, 'sanctum/csrf-cookie'],`,
    `    'allowed_methods' => [${p.methods.map(php).join(', ')}],`,
    `    'allowed_origins' => explode(',', env('CORS_ALLOWED_ORIGINS', ${php(p.origins.join(','))})),  // exact; never '*' with credentials`,
    "    'allowed_origins_patterns' => [],",
    `    'allowed_headers' => [${p.headers.map(php).join(', ')}],`,
    "    'exposed_headers' => [],",
    "    'max_age' => 600,",
    `    'supports_credentials' => ${p.credentials ? 'true' : 'false'},`,
    '];',
  ].join('\n');
}

export function laravelFixes(d: Diagnosis): Fix[] {
  return appFlavourFixes(LARAVEL, d);
}
