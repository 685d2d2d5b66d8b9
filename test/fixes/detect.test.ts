import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { normalizeHar } from '../../src/core/index.js';
import { detectServers } from '../../src/core/detect/index.js';
import type { FixServer } from '../../src/core/fixes/types.js';
import { entry, headers } from './builders.js';

/** Server detection from response fingerprints: synthetic responses, then real captures. */

const one = (...lines: string[]) => [entry({ index: 0, responseHeaders: headers(...lines) })];
const withBody = (body: string, ...lines: string[]) => [entry({ index: 0, status: 400, bodyText: body, responseHeaders: headers(...lines) })];

describe('detectServers: synthetic fingerprints', () => {
  const ROWS: Array<[string, ReturnType<typeof entry>[], FixServer, RegExp]> = [
    ['Django runserver', one('Server: WSGIServer/0.2 CPython/3.11.2', 'X-Frame-Options: DENY'), 'django-cors-headers', /runserver/],
    ['Django security defaults', one('X-Frame-Options: DENY', 'Referrer-Policy: same-origin', 'Cross-Origin-Opener-Policy: same-origin'), 'django-cors-headers', /security headers/],
    ['csrftoken cookie', one('Set-Cookie: csrftoken=abc; Path=/; SameSite=Lax'), 'django-cors-headers', /csrftoken/],
    ['DRF Allow list', one('Allow: GET, POST, HEAD, OPTIONS', 'Vary: Accept, Origin'), 'django-cors-headers', /REST framework/],
    ['django-cors-headers 3.x default Allow-Headers', one('Access-Control-Allow-Headers: accept, accept-encoding, authorization, content-type, dnt, origin, user-agent, x-csrftoken, x-requested-with'), 'django-cors-headers', /3\.x default_headers/],
    ['Vary: Origin, Cookie', one('Vary: Origin, Cookie'), 'django-cors-headers', /Vary: Origin, Cookie/],
    ['uvicorn', one('server: uvicorn'), 'fastapi', /uvicorn/],
    ['Starlette refusing a preflight', withBody('Disallowed CORS method'), 'fastapi', /Disallowed CORS/],
    ['Werkzeug', one('Server: Werkzeug/2.2.2 Python/3.9.13'), 'flask-cors', /Flask/],
    ['Express', one('X-Powered-By: Express'), 'express', /Express/],
    ['cors package default methods', one('Access-Control-Allow-Methods: GET,HEAD,PUT,PATCH,POST,DELETE'), 'express', /cors package default/],
    ['Spring Vary list', one('Vary: Origin', 'Vary: Access-Control-Request-Method', 'Vary: Access-Control-Request-Headers'), 'spring', /Spring/],
    ['Kestrel', one('Server: Kestrel'), 'aspnet', /Kestrel/],
    ['Rails', one('X-Runtime: 0.012', 'X-Request-Id: 1f2e'), 'rails', /Rails/],
    ['Laravel', one('Set-Cookie: laravel_session=x; path=/'), 'laravel', /laravel_session/],
    ['nginx', one('Server: nginx/1.22.1'), 'nginx', /nginx/],
    ['Apache', one('Server: Apache/2.4.57 (Debian)'), 'apache', /Apache/],
    ['Caddy', one('Server: Caddy'), 'caddy', /Caddy/],
    ['CloudFront', one('X-Amz-Cf-Id: abc==', 'Via: 1.1 abc.cloudfront.net (CloudFront)'), 'cloudfront', /CloudFront/],
    ['Cloudflare', one('Server: cloudflare', 'CF-RAY: 8a-AMS'), 'cloudflare', /Cloudflare/],
    ['S3', one('Server: AmazonS3', 'x-amz-request-id: 1'), 's3', /S3/],
  ];
  it.each(ROWS)('%s', (_n, entries, server, evidence) => {
    const found = detectServers(entries);
    expect(found[0]?.server).toBe(server);
    expect(found[0]?.evidence.join(' ')).toMatch(evidence);
  });

  it('an app behind a proxy: the app leads when its evidence is stronger, and both are listed', () => {
    const found = detectServers(one('Server: nginx/1.22.1', 'X-Frame-Options: DENY', 'Referrer-Policy: same-origin', 'Vary: Origin, Cookie', 'Set-Cookie: csrftoken=a'));
    expect(found.map((f) => f.server)).toEqual(['django-cors-headers', 'nginx']);
    expect(found[1]?.layer).toBe('proxy');
    expect(found[0]?.confidence).toBe('high');
  });

  it('counts each fingerprint once, however many responses carry it', () => {
    const many = Array.from({ length: 50 }, (_, i) => entry({ index: i, responseHeaders: headers('Server: nginx') }));
    expect(detectServers(many)[0]?.score).toBe(6);
  });

  it('scopes to one server of the capture', () => {
    const a = entry({ index: 0, url: 'https://a.test/x', responseHeaders: headers('X-Powered-By: Express') });
    const b = entry({ index: 1, url: 'https://b.test/x', responseHeaders: headers('Server: Caddy') });
    expect(detectServers([a, b], 'https://b.test').map((d) => d.server)).toEqual(['caddy']);
  });

  it('returns nothing when nothing is known', () => {
    expect(detectServers(one('Content-Type: text/plain'))).toEqual([]);
  });
});

describe('detectServers: real captures from shared/har-samples', () => {
  const load = (f: string) => normalizeHar(JSON.parse(readFileSync(new URL(`../../../shared/har-samples/${f}`, import.meta.url), 'utf8').replace(/^\uFEFF/, ''))).entries;
  const ROWS: Array<[string, string, FixServer]> = [
    ['chrome143-devtools-localhost-taiga-preflights.har', 'https://pista.decea.mil.br', 'django-cors-headers'],
    ['chrome147-devtools-localhost-mfe-preflight-ws.har', 'http://localhost:3001', 'express'],
    ['safari-webkit-inspector-localhost.har', 'http://127.0.0.1:5000', 'flask-cors'],
    ['firefox78-devtools-localhost.har', 'http://localhost', 'apache'],
    ['chrome-devtools-all-status-methods-big.har', 'https://requestgenerator.com', 'cloudflare'],
    ['chrome92-devtools-w3schools-blocked.har', 'https://www.w3schools.com', 'aspnet'],
  ];
  it.each(ROWS)('%s → %s is %s', (file, target, server) => {
    expect(detectServers(load(file), target)[0]?.server).toBe(server);
  });
});
