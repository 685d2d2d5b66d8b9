import { appFlavourFixes, type AppFlavour } from './app-flavour.js';
import { py } from './literals.js';
import type { Plan } from './plan.js';
import type { Diagnosis, Fix } from './types.js';

/**
 * FastAPI / Starlette CORSMiddleware. allow_methods defaults to ("GET",) and allow_headers to () (only
 * Accept, Accept-Language, Content-Language, Content-Type); a refused preflight gets 400 "Disallowed CORS …".
 * The middleware added last is the outermost. https://www.starlette.io/middleware/#corsmiddleware
 */
const FASTAPI: AppFlavour = {
  server: 'fastapi',
  label: 'FastAPI CORSMiddleware',
  defaults: { methods: ['GET'], headers: ['accept', 'accept-language', 'content-language', 'content-type'] },
  options: {
    origins: 'allow_origins',
    credentials: 'allow_credentials',
    methods: 'allow_methods',
    headers: 'allow_headers',
    order: { option: 'app.add_middleware', value: 'CORSMiddleware' },
  },
  render,
  notes: (p) => [
    ...(p.moveFirst ? ['Add CORSMiddleware last (add_middleware puts the newest middleware outermost) so it wraps auth middleware. Unhandled exceptions become a 500 from ServerErrorMiddleware, outside every user middleware, without CORS headers: handle them with exception handlers.'] : []),
    ...(p.credentials ? ['allow_origins=["*"] with allow_credentials=True only echoes the origin when the request carries a Cookie header; list the origins.'] : []),
  ],
  privateNetworkUnsupported: 'Starlette has no private-network option: add "Access-Control-Allow-Private-Network: true" to the preflight in a small middleware placed outside CORSMiddleware.',
};

function render(p: Plan): string {
  return [
    '# main.py — FastAPI / Starlette',
    'import os',
    '',
    'from fastapi.middleware.cors import CORSMiddleware',
    '',
    '# Production: an explicit allow-list from the environment (comma-separated).',
    `allowed_origins = [o.strip() for o in os.environ.get("CORS_ORIGINS", ${py(p.origins.join(','))}).split(",") if o.strip()]`,
    '',
    '# Add it LAST: the last middleware added is the outermost, so it answers preflights before auth.',
    'app.add_middleware(',
    '    CORSMiddleware,',
    '    allow_origins=allowed_origins,  # exact strings, no trailing slash; never ["*"] with credentials',
    ...(p.credentials ? ['    allow_credentials=True,'] : []),
    `    allow_methods=[${p.methods.map(py).join(', ')}],  # the default is only GET`,
    `    allow_headers=[${p.headers.map(py).join(', ')}],`,
    '    max_age=600,',
    ')',
  ].join('\n');
}

export function fastapiFixes(d: Diagnosis): Fix[] {
  return appFlavourFixes(FASTAPI, d);
}
