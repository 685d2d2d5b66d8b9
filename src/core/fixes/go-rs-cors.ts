import { appFlavourFixes, type AppFlavour } from './app-flavour.js';
import { js } from './literals.js';
import type { Plan } from './plan.js';
import type { Diagnosis, Fix } from './types.js';

/**
 * Go github.com/rs/cors (1.11). Defaults: AllowedMethods GET, POST, HEAD; AllowedHeaders Accept,
 * Content-Type, X-Requested-With. A preflight with a disallowed method or header gets 204 WITHOUT
 * Access-Control-Allow-Origin, so the browser blames the origin. https://pkg.go.dev/github.com/rs/cors
 */
const GO: AppFlavour = {
  server: 'go-rs-cors',
  label: 'Go rs/cors',
  defaults: { methods: ['GET', 'POST', 'HEAD'], headers: ['accept', 'content-type', 'x-requested-with'] },
  options: {
    origins: 'AllowedOrigins',
    credentials: 'AllowCredentials',
    methods: 'AllowedMethods',
    headers: 'AllowedHeaders',
    privateNetwork: 'AllowPrivateNetwork',
    order: { option: 'handler', value: 'c.Handler(mux)' },
  },
  render,
  notes: () => ['rs/cors leaves Access-Control-Allow-Origin out of the preflight when the method or a header is not allowed, so "No Access-Control-Allow-Origin header" can mean a missing method or header: allow all three.'],
};

function render(p: Plan): string {
  return [
    '// main.go — github.com/rs/cors',
    `origins := strings.Split(envOr("CORS_ORIGINS", ${js(p.origins.join(','))}), ",")`,
    'c := cors.New(cors.Options{',
    '\tAllowedOrigins:   origins, // exact origins; never "*" with AllowCredentials',
    `\tAllowedMethods:   []string{${p.methods.map(js).join(', ')}},`,
    `\tAllowedHeaders:   []string{${p.headers.map(js).join(', ')}},`,
    ...(p.credentials ? ['\tAllowCredentials: true,'] : []),
    ...(p.privateNetwork ? ['\tAllowPrivateNetwork: true,'] : []),
    '\tMaxAge:           600,',
    '})',
    '// Wrap the whole router (outermost), so preflights never reach auth handlers.',
    'handler := c.Handler(mux)',
    'log.Fatal(http.ListenAndServe(":8080", handler))',
  ].join('\n');
}

export function goRsCorsFixes(d: Diagnosis): Fix[] {
  return appFlavourFixes(GO, d);
}
