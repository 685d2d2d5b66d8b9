import { appFlavourFixes, type AppFlavour } from './app-flavour.js';
import { rb } from './literals.js';
import type { Plan } from './plan.js';
import type { Diagnosis, Fix } from './types.js';

/**
 * Rails + rack-cors. resource defaults: methods [:get] only, headers nil (only the safelisted ones);
 * origins "*" with credentials: true raises at boot. Insert it first (insert_before 0) so Warden/Devise,
 * Rack::Cache and HostAuthorization cannot answer before it. https://github.com/cyu/rack-cors
 */
const RAILS: AppFlavour = {
  server: 'rails',
  label: 'Rails rack-cors',
  defaults: { methods: ['GET'], headers: ['accept', 'accept-language', 'content-language', 'content-type'] },
  options: {
    origins: 'origins',
    credentials: 'credentials',
    methods: 'methods',
    headers: 'headers',
    order: { option: 'config.middleware', value: 'Rack::Cors' },
    paths: 'resource',
  },
  formatMethod: (m) => `:${m.toLowerCase()}`,
  formatPath: (seg) => (seg === '' ? '*' : `/${seg}/*`),
  render,
  notes: (p) => [
    ...(p.addMethod && p.addMethod !== p.addMethod.toUpperCase() ? ['rack-cors compares methods after lower-casing them; send the method in upper case from the client too.'] : []),
  ],
  privateNetworkUnsupported: 'rack-cors has no private-network option: add "Access-Control-Allow-Private-Network: true" to preflight responses in a small Rack middleware inserted before Rack::Cors.',
};

function render(p: Plan, d: Diagnosis): string {
  const seg = d.path.split('/').filter(Boolean)[0];
  return [
    '# config/initializers/cors.rb — rack-cors',
    'Rails.application.config.middleware.insert_before 0, Rack::Cors do',
    '  allow do',
    `    origins(*ENV.fetch("CORS_ORIGINS", ${rb(p.origins.join(','))}).split(","))  # exact origins; regexes need \\A…\\z`,
    `    resource ${rb(seg ? `/${seg}/*` : '*')},`,
    `      headers: [${p.headers.map(rb).join(', ')}],`,
    `      methods: [${p.methods.map((m) => `:${m.toLowerCase()}`).join(', ')}, :options, :head],`,
    ...(p.credentials ? ['      credentials: true,'] : []),
    '      max_age: 600',
    '  end',
    'end',
  ].join('\n');
}

export function railsFixes(d: Diagnosis): Fix[] {
  return appFlavourFixes(RAILS, d);
}
