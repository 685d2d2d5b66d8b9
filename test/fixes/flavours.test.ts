import { describe, expect, it } from 'vitest';
import { suggestFixes } from '../../src/core/fixes/index.js';
import type { Fix, FixContext, FixServer, OptionChange } from '../../src/core/fixes/types.js';
import type { CorsError, Exchange } from '../../src/core/model.js';
import { PAGE, actualCase, caseFor, headers, preflightCase } from './builders.js';

/**
 * Table-driven: one row per (flavour, failure) → the changes that flavour's fix must contain, in its own
 * option names, and a fragment the rendered code must have.
 */

type Case = { ex: Exchange; ctx: FixContext };
const c = (o: string, op: OptionChange['op'], value: unknown, extra: Partial<OptionChange> = {}): OptionChange => ({ option: o, op, value, ...extra });

interface Row {
  server: FixServer;
  build: Case | CorsError;
  contains: OptionChange[];
  code: RegExp;
  warning?: RegExp;
  /** Index among this flavour's fixes (default 0). */
  nth?: number;
}

const lowercasePatch = (): Case =>
  preflightCase('MethodDisallowedByPreflightResponse', { responseHeaders: headers(`Access-Control-Allow-Origin: ${PAGE}`, 'Vary: Origin', 'Access-Control-Allow-Methods: GET,HEAD,PUT,PATCH,POST,DELETE', 'Access-Control-Allow-Headers: content-type,x-api-key') }, { acrm: 'patch', failedParameter: 'patch' });
const notProcessed = (): Case => actualCase('MissingAllowOriginHeader', headers('Content-Type: application/json'));
const loginRedirect = (): Case => preflightCase('PreflightDisallowedRedirect', { status: 302, redirectURL: 'https://team.cloudflareaccess.com/cdn-cgi/access/login?next=x', responseHeaders: [] });
const processedMissing = (): Case => caseFor('MissingAllowOriginHeader');

const ROWS: Row[] = [
  // Express cors
  { server: 'express', build: 'AllowOriginMismatch', contains: [c('origin', 'set', ['https://other.example.com', PAGE])], code: /origin: allowedOrigins|origin: process\.env/, warning: /array/ },
  { server: 'express', build: 'HeaderDisallowedByPreflightResponse', contains: [c('allowedHeaders', 'add', 'x-api-key')], code: /allowedHeaders: \["content-type", "x-api-key"\]/ },
  { server: 'express', build: 'PreflightInvalidStatus', contains: [c('app.use', 'move-before', 'cors', { before: null })], code: /app\.use\(cors\(corsOptions\)\)/ },
  { server: 'express', build: lowercasePatch(), contains: [c('fetch.method', 'set', 'PATCH', { context: 'client' })], code: /methods: \["GET", "HEAD", "PUT", "PATCH", "POST", "DELETE"\]/, warning: /llhttp/ },
  { server: 'express', build: 'WildcardOriginNotAllowed', contains: [c('origin', 'set', [PAGE]), c('credentials', 'set', true)], code: /credentials: true/, warning: /public API/ },
  // FastAPI / Starlette
  { server: 'fastapi', build: 'MethodDisallowedByPreflightResponse', contains: [c('allow_methods', 'add', 'PUT')], code: /allow_methods=\[/ },
  { server: 'fastapi', build: 'InvalidAllowCredentials', contains: [c('allow_credentials', 'set', true)], code: /allow_credentials=True/ },
  { server: 'fastapi', build: processedMissing(), contains: [c('allow_origins', 'add', PAGE)], code: /add_middleware\(\n    CORSMiddleware/ },
  // Flask-CORS
  { server: 'flask-cors', build: notProcessed(), contains: [c('resources', 'add', '/api/*'), c('origins', 'add', PAGE)], code: /resources=\{"\/api\/\*"/ },
  { server: 'flask-cors', build: 'PreflightMissingAllowPrivateNetwork', contains: [c('allow_private_network', 'set', true)], code: /allow_private_network=True/ },
  // Spring
  { server: 'spring', build: 'WildcardOriginNotAllowed', contains: [c('allowedOrigins', 'set', [PAGE]), c('allowCredentials', 'set', true)], code: /http\.cors\(Customizer\.withDefaults\(\)\)/ },
  { server: 'spring', build: 'PreflightInvalidStatus', contains: [c('SecurityFilterChain', 'move-before', 'http.cors(Customizer.withDefaults())', { before: null })], code: /setAllowedOrigins/, warning: /security filter chain/ },
  // Rails rack-cors
  { server: 'rails', build: 'MethodDisallowedByPreflightResponse', contains: [c('methods', 'add', ':put')], code: /insert_before 0, Rack::Cors/ },
  { server: 'rails', build: 'InvalidAllowCredentials', contains: [c('credentials', 'set', true)], code: /credentials: true/ },
  // ASP.NET Core
  { server: 'aspnet', build: 'HeaderDisallowedByPreflightResponse', contains: [c('WithHeaders', 'add', 'x-api-key')], code: /app\.UseCors\("Spa"\);\s+\/\/ after UseRouting/ },
  { server: 'aspnet', build: 'PreflightInvalidStatus', contains: [c('app.UseCors', 'move-before', 'UseCors("Spa")', { before: null })], code: /UseAuthentication/ },
  // Go rs/cors
  { server: 'go-rs-cors', build: 'PreflightMissingAllowPrivateNetwork', contains: [c('AllowPrivateNetwork', 'set', true)], code: /AllowPrivateNetwork: true/ },
  { server: 'go-rs-cors', build: 'HeaderDisallowedByPreflightResponse', contains: [c('AllowedHeaders', 'add', 'x-api-key')], code: /c\.Handler\(mux\)/, warning: /without Access-Control-Allow-Origin|leaves Access-Control-Allow-Origin out/ },
  // Laravel
  { server: 'laravel', build: processedMissing(), contains: [c('allowed_origins', 'add', PAGE)], code: /'paths' => \['api\/\*'/ },
  { server: 'laravel', build: notProcessed(), contains: [c('paths', 'add', 'api/*')], code: /supports_credentials' => false/ },
  // nginx
  { server: 'nginx', build: 'MultipleAllowOriginValues', contains: [c('add_header', 'remove', ['Access-Control-Allow-Origin'], { context: 'location' }), c('preflight', 'remove', null, { context: 'location' })], code: /Configure CORS in ONE layer/ },
  { server: 'nginx', build: 'MultipleAllowOriginValues', nth: 1, contains: [c('proxy_hide_header', 'set', ['Access-Control-Allow-Origin'], { context: 'location' })], code: /proxy_hide_header Access-Control-Allow-Origin/ },
  {
    server: 'nginx',
    build: 'WildcardOriginNotAllowed',
    contains: [c('map', 'add', ['"https://app.example.com"', '$http_origin'], { context: 'http' }), c('add_header', 'set', ['Access-Control-Allow-Origin', '$cors_origin', 'always'], { context: 'location' }), c('add_header', 'set', ['Access-Control-Allow-Credentials', '"true"', 'always'], { context: 'location' })],
    code: /map \$http_origin \$cors_origin \{\n    default "";/,
  },
  { server: 'nginx', build: 'PreflightInvalidStatus', contains: [c('add_header', 'set', ['Access-Control-Allow-Methods', '"GET, POST, PUT, PATCH, DELETE, OPTIONS"', 'always'], { context: 'preflight' })], code: /if \(\$request_method = OPTIONS\) \{[\s\S]*return 204;/ },
  { server: 'nginx', build: lowercasePatch(), contains: [c('fetch.method', 'set', 'PATCH', { context: 'client' })], code: /"GET, HEAD, PUT, PATCH, POST, DELETE, OPTIONS"/, warning: /nginx answers a lower-case method/ },
  // Apache
  { server: 'apache', build: processedMissing(), contains: [c('SetEnvIf', 'set', 'Origin "^(https://app\\.example\\.com)$" CORS_ORIGIN=$0', { context: '/api/' })], code: /Header always set Access-Control-Allow-Origin "%\{CORS_ORIGIN\}e" env=CORS_ORIGIN/ },
  { server: 'apache', build: 'MultipleAllowOriginValues', contains: [c('Header', 'set', 'always unset Access-Control-Allow-Origin', { context: '/api/' })], code: /Header unset Access-Control-Allow-Origin/ },
  // Caddy
  { server: 'caddy', build: processedMissing(), contains: [c('@cors_origin', 'set', { header_regexp: ['cors', 'Origin', '^(https://app\\.example\\.com)$'] }, { context: 'site' })], code: /respond 204/ },
  // CloudFront
  { server: 'cloudfront', build: 'MultipleAllowOriginValues', contains: [c('OriginOverride', 'set', true)], code: /"OriginOverride": true/ },
  { server: 'cloudfront', build: 'PreflightInvalidStatus', contains: [c('CacheBehavior.AllowedMethods', 'add', 'OPTIONS')], code: /AccessControlAllowMethods/ },
  // Cloudflare
  { server: 'cloudflare', build: loginRedirect(), contains: [c('Access.BypassOptions', 'set', true)], code: /new Response\(null, \{ status: 204 \}\)/, warning: /Bypass OPTIONS requests to origin/ },
  { server: 'cloudflare', build: processedMissing(), contains: [c('ALLOWED_ORIGINS', 'add', PAGE)], code: /response\.headers\.append\('Vary', 'Origin'\)/, warning: /cache does not vary on Origin/ },
  // S3
  { server: 's3', build: 'MethodDisallowedByPreflightResponse', contains: [c('CORSRules[0].AllowedMethods', 'add', 'PUT')], code: /put-bucket-cors/ },
  { server: 's3', build: lowercasePatch(), contains: [], code: /"CORSRules"/, warning: /only knows GET, PUT, POST, DELETE and HEAD/ },
  // Hand-written Django middleware
  {
    server: 'django-middleware',
    build: 'PreflightInvalidStatus',
    contains: [c('MIDDLEWARE', 'move-before', 'myproject.cors.CorsMiddleware', { before: null }), c('ALLOW_METHODS', 'add', 'PUT')],
    code: /HttpResponse\(status=204\) if preflight[\s\S]*patch_vary_headers\(response, \("Origin",\)\)/,
  },
];

function fixesFor(row: Row): Fix[] {
  const k = typeof row.build === 'string' ? caseFor(row.build) : row.build;
  return suggestFixes(k.ex, k.ctx).filter((f) => f.server === row.server);
}

describe('fix generators, one row per flavour and failure', () => {
  it.each(ROWS.map((r) => [r.server, typeof r.build === 'string' ? r.build : r.build.ex.corsError, r] as const))('%s / %s', (_s, _e, row) => {
    const fix = fixesFor(row)[row.nth ?? 0];
    expect(fix).toBeDefined();
    for (const change of row.contains) expect(fix?.changes).toContainEqual(change);
    expect(fix?.code).toMatch(row.code);
    if (row.warning) expect(fix?.warnings.join('\n')).toMatch(row.warning);
  });

  it('covers every flavour at least once', () => {
    const covered = new Set(ROWS.map((r) => r.server));
    expect([...covered].sort()).toEqual(
      ['apache', 'aspnet', 'caddy', 'cloudflare', 'cloudfront', 'django-middleware', 'express', 'fastapi', 'flask-cors', 'go-rs-cors', 'laravel', 'nginx', 'rails', 's3', 'spring'].sort(),
    );
  });

  it('values from a capture are quoted in code, never pasted raw', () => {
    const k = caseFor('MissingAllowOriginHeader');
    // A hand-edited HAR could carry anything in Origin: it must not reach generated code.
    const evil = { ...k, ex: { ...k.ex, origin: 'https://x.test"; rm -rf /; "' } };
    for (const fix of suggestFixes(evil.ex, evil.ctx)) expect(fix.code).not.toContain('rm -rf');
  });

  it('orders fixes by the detected server: Express first for an X-Powered-By: Express answer', () => {
    const k = actualCase('MissingAllowOriginHeader', headers('X-Powered-By: Express', 'Vary: Origin'));
    expect(suggestFixes(k.ex, k.ctx)[0]?.server).toBe('express');
  });

  it('fixes nothing for an allowed exchange without a follow-up', () => {
    const k = caseFor('MissingAllowOriginHeader');
    expect(suggestFixes({ ...k.ex, verdict: 'allowed', corsError: null }, k.ctx)).toEqual([]);
  });

  it('uses the engine\'s only blocked alternative when the verdict depends on the credentials mode', () => {
    const k = caseFor('PreflightInvalidAllowCredentials');
    const ex: Exchange = {
      ...k.ex,
      verdict: 'unknown',
      corsError: null,
      credentials: { mode: 'unknown', evidence: 'not in a HAR' },
      alternatives: [
        { assumption: 'credentials not included', verdict: 'unknown', corsError: null, failedParameter: null },
        { assumption: 'credentials: "include"', verdict: 'blocked', corsError: 'PreflightInvalidAllowCredentials', failedParameter: '' },
      ],
    };
    const django = suggestFixes(ex, k.ctx).find((f) => f.server === 'django-cors-headers');
    expect(django?.changes).toContainEqual({ setting: 'CORS_ALLOW_CREDENTIALS', op: 'set', value: true });
  });
});
