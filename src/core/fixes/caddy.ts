import { clientFix } from './common.js';
import { escapeRegex } from './regex.js';
import { makePlan, planTitle, type Plan } from './plan.js';
import type { Diagnosis, Fix, OptionChange } from './types.js';

/**
 * Caddy v2 (no built-in cors directive): a `@preflight` matcher answered with 204, `header` for the
 * actual responses gated by an anchored `header_regexp` on Origin, and `header_down -…` to drop the
 * upstream's copy. https://caddyserver.com/docs/caddyfile/directives/header
 *
 * `changes`: option = Caddyfile directive or matcher, value = its arguments, context = the site block.
 */
const SERVER = 'caddy' as const;

export function caddyFixes(d: Diagnosis): Fix[] {
  if (d.clientOnly !== null) return [clientFix(SERVER, d)];
  const p = makePlan(d, { methods: [], headers: [] });
  const regex = `^(${p.origins.map(escapeRegex).join('|')})$`;
  const acam = p.methods.includes('OPTIONS') ? p.methods : [...p.methods, 'OPTIONS'];
  const changes: OptionChange[] = [
    { option: '@preflight', op: 'set', context: 'site', value: { method: 'OPTIONS', header_regexp: ['Origin', regex], header: ['Access-Control-Request-Method', '*'] } },
    { option: 'handle @preflight', op: 'set', context: 'site', value: { headers: preflightHeaders(p, acam), respond: 204 } },
    { option: '@cors_origin', op: 'set', context: 'site', value: { header_regexp: ['cors', 'Origin', regex] } },
    { option: 'header @cors_origin', op: 'set', context: 'site', value: actualHeaders(p) },
    { option: 'reverse_proxy', op: 'set', context: 'handle', value: { header_down: ['-Access-Control-Allow-Origin', '-Access-Control-Allow-Credentials'] } },
  ];
  return [
    {
      server: SERVER,
      title: d.duplicate ? 'Caddy: one layer only — answer CORS in Caddy and drop the upstream\'s copy' : planTitle('Caddy', p),
      changes,
      code: render(p, regex, acam),
      warnings: [...p.warnings, 'Keep the header_regexp anchored (^…$, escaped dots): it is the allow-list. Without a @preflight handle, preflights go to the upstream.'],
    },
  ];
}

function preflightHeaders(p: Plan, acam: string[]): Record<string, string> {
  return {
    'Access-Control-Allow-Origin': '{http.request.header.Origin}',
    'Access-Control-Allow-Methods': acam.join(', '),
    'Access-Control-Allow-Headers': p.headers.join(', '),
    ...(p.credentials ? { 'Access-Control-Allow-Credentials': 'true' } : {}),
    ...(p.privateNetwork ? { 'Access-Control-Allow-Private-Network': 'true' } : {}),
    'Access-Control-Max-Age': '86400',
    Vary: 'Origin',
  };
}

function actualHeaders(p: Plan): Record<string, string> {
  return {
    'Access-Control-Allow-Origin': '{http.request.header.Origin}',
    ...(p.credentials ? { 'Access-Control-Allow-Credentials': 'true' } : {}),
    '+Vary': 'Origin',
  };
}

function render(p: Plan, regex: string, acam: string[]): string {
  const block = (h: Record<string, string>, indent: string) => Object.entries(h).map(([k, v]) => `${indent}${k} "${v}"`);
  return [
    'api.example.com {',
    '\t@preflight {',
    '\t\tmethod OPTIONS',
    `\t\theader_regexp Origin ${regex}`,
    '\t\theader Access-Control-Request-Method *',
    '\t}',
    '\thandle @preflight {',
    '\t\theader {',
    ...block(preflightHeaders(p, acam), '\t\t\t'),
    '\t\t}',
    '\t\trespond 204',
    '\t}',
    `\t@cors_origin header_regexp cors Origin ${regex}`,
    '\theader @cors_origin {',
    ...block(actualHeaders(p), '\t\t'),
    '\t}',
    '\thandle {',
    '\t\treverse_proxy 127.0.0.1:8080 {',
    '\t\t\theader_down -Access-Control-Allow-Origin        # one layer: drop the upstream\'s copy',
    '\t\t\theader_down -Access-Control-Allow-Credentials',
    '\t\t}',
    '\t}',
    '}',
  ].join('\n');
}
