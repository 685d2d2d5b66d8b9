import { clientFix } from './common.js';
import { escapeRegex } from './regex.js';
import { makePlan, planTitle, type Plan } from './plan.js';
import type { Diagnosis, Fix, OptionChange } from './types.js';

/**
 * Apache httpd (mod_headers + mod_setenvif + mod_rewrite). `Header always set` covers error responses
 * too (plain `Header set` only 2xx/3xx); SetEnvIf with an anchored regex is the allow-list; a RewriteRule
 * answers preflights with 204. https://httpd.apache.org/docs/2.4/mod/mod_headers.html#header
 *
 * `changes`: option = directive (SetEnvIf, Header, RewriteCond, RewriteRule), value = the full
 * argument string, context = the <Location> block; `set` replaces the line configuring the same header.
 */
const SERVER = 'apache' as const;

export function apacheFixes(d: Diagnosis): Fix[] {
  if (d.clientOnly !== null) return [clientFix(SERVER, d)];
  const p = makePlan(d, { methods: [], headers: [] });
  const lines = apacheLines(p);
  const changes: OptionChange[] = lines.map(([option, value]) => ({ option, op: 'set', context: locationOf(d.path), value }));
  if (d.duplicate) {
    changes.unshift(
      { option: 'Header', op: 'set', context: locationOf(d.path), value: 'unset Access-Control-Allow-Origin' },
      { option: 'Header', op: 'set', context: locationOf(d.path), value: 'always unset Access-Control-Allow-Origin' },
    );
  }
  return [
    {
      server: SERVER,
      title: d.duplicate ? 'Apache: one layer only — drop the app\'s Access-Control-Allow-Origin and set it once' : planTitle('Apache', p),
      changes,
      code: [
        '# Needs: a2enmod headers setenvif rewrite',
        `<Location "${locationOf(d.path)}">`,
        ...(d.duplicate
          ? ['    # The proxied app sends its own copy: unset it in both tables before setting ours (or remove these lines and let the app do CORS).', '    Header unset Access-Control-Allow-Origin', '    Header always unset Access-Control-Allow-Origin']
          : []),
        ...lines.map(([o, v]) => `    ${o} ${v}`),
        '</Location>',
      ].join('\n'),
      warnings: [
        ...p.warnings,
        ...(d.duplicate ? ['Two Access-Control-Allow-Origin values mean two layers add it (Apache and the app): keep exactly one.'] : []),
        'Use "Header always set", never "Header add", for Access-Control-Allow-Origin; the SetEnvIf regex is the allow-list and must stay anchored ^…$ with escaped dots.',
      ],
    },
  ];
}

function locationOf(path: string): string {
  const seg = path.split('/').filter(Boolean)[0];
  return seg ? `/${seg}/` : '/';
}

function apacheLines(p: Plan): Array<[string, string]> {
  const allow = `^(${p.origins.map(escapeRegex).join('|')})$`;
  const env = 'env=CORS_ORIGIN';
  const acam = p.methods.includes('OPTIONS') ? p.methods : [...p.methods, 'OPTIONS'];
  return [
    ['SetEnvIf', `Origin "${allow}" CORS_ORIGIN=$0`],
    ['Header', `always set Access-Control-Allow-Origin "%{CORS_ORIGIN}e" ${env}`],
    ...(p.credentials ? ([['Header', `always set Access-Control-Allow-Credentials "true" ${env}`]] as Array<[string, string]>) : []),
    ['Header', `always set Access-Control-Allow-Methods "${acam.join(', ')}" ${env}`],
    ['Header', `always set Access-Control-Allow-Headers "${p.headers.join(', ')}" ${env}`],
    ...(p.privateNetwork ? ([['Header', `always set Access-Control-Allow-Private-Network "true" ${env}`]] as Array<[string, string]>) : []),
    ['Header', `always set Access-Control-Max-Age "86400" ${env}`],
    ['Header', 'always merge Vary "Origin"'],
    ['RewriteEngine', 'On'],
    ['RewriteCond', '%{REQUEST_METHOD} =OPTIONS'],
    ['RewriteCond', '%{HTTP:Access-Control-Request-Method} !^$'],
    ['RewriteRule', '^ - [R=204,L]'],
  ];
}
