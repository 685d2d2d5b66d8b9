import { appFlavourFixes, type AppFlavour } from './app-flavour.js';
import { py } from './literals.js';
import type { Plan } from './plan.js';
import type { Diagnosis, Fix } from './types.js';

/**
 * Flask-CORS. By default it echoes ANY origin (origins="*" with send_wildcard=False), methods are all
 * seven, allow_headers="*" echoes the request's. Origins with regex characters are matched with re.match.
 * https://flask-cors.readthedocs.io/en/latest/api.html
 */
const FLASK: AppFlavour = {
  server: 'flask-cors',
  label: 'Flask-CORS',
  defaults: { methods: ['GET', 'HEAD', 'POST', 'OPTIONS', 'PUT', 'PATCH', 'DELETE'], headers: 'reflect' },
  options: {
    origins: 'origins',
    credentials: 'supports_credentials',
    methods: 'methods',
    headers: 'allow_headers',
    privateNetwork: 'allow_private_network',
    order: { option: 'CORS(app)', value: 'flask_cors' },
    paths: 'resources',
  },
  formatPath: (seg) => (seg === '' ? '/*' : `/${seg}/*`),
  render,
  notes: () => ['Set origins explicitly: Flask-CORS echoes every origin by default, which with supports_credentials=True lets any site read your users\' data.'],
};

function render(p: Plan, d: Diagnosis): string {
  const seg = d.path.split('/').filter(Boolean)[0];
  const resource = seg ? `/${seg}/*` : '/*';
  return [
    '# app.py — Flask-CORS',
    'import os',
    '',
    'from flask_cors import CORS',
    '',
    `allowed_origins = [o.strip() for o in os.environ.get("CORS_ORIGINS", ${py(p.origins.join(','))}).split(",") if o.strip()]`,
    '',
    'CORS(',
    '    app,',
    `    resources={${py(resource)}: {"origins": allowed_origins}},  # exact strings; a regex needs ^…$`,
    ...(p.credentials ? ['    supports_credentials=True,'] : []),
    `    methods=[${p.methods.map(py).join(', ')}],`,
    `    allow_headers=[${p.headers.map(py).join(', ')}],`,
    ...(p.privateNetwork ? ['    allow_private_network=True,'] : []),
    '    max_age=600,',
    ')',
  ].join('\n');
}

export function flaskCorsFixes(d: Diagnosis): Fix[] {
  return appFlavourFixes(FLASK, d);
}
