import { appFlavourFixes, type AppFlavour } from './app-flavour.js';
import { js } from './literals.js';
import type { Plan } from './plan.js';
import type { Diagnosis, Fix } from './types.js';

/**
 * Express + the `cors` package (expressjs/cors 2.8). Options: origin (String|RegExp|Array|true|fn),
 * methods (default 'GET,HEAD,PUT,PATCH,POST,DELETE'), allowedHeaders (default: echo the request's),
 * credentials, exposedHeaders, maxAge. A single origin string is sent verbatim whatever the request
 * origin; an array echoes the match and adds Vary: Origin. https://github.com/expressjs/cors#configuration-options
 */
const EXPRESS: AppFlavour = {
  server: 'express',
  label: 'Express cors',
  defaults: { methods: ['GET', 'HEAD', 'PUT', 'PATCH', 'POST', 'DELETE'], headers: 'reflect' },
  options: {
    origins: 'origin',
    credentials: 'credentials',
    methods: 'methods',
    headers: 'allowedHeaders',
    order: { option: 'app.use', value: 'cors' },
  },
  render,
  notes: (p) => [
    ...(p.originOp === 'set' ? ['Give `origin` an array (or RegExp), never a single string: a string is sent on every response whatever the request origin, and "*" never works with credentials.'] : []),
    ...(p.moveFirst ? ['Register app.use(cors(…)) before authentication, body parsers that can throw, and routers; in Express 5 `app.options("*", …)` is rejected, `app.use(cors(…))` covers OPTIONS.'] : []),
  ],
  rejectsLowercaseMethods: "Node's HTTP server (llhttp)",
  privateNetworkUnsupported: 'The cors package has no private-network option: in a small middleware before cors(), set res.setHeader("Access-Control-Allow-Private-Network", "true") when req.headers["access-control-request-private-network"] === "true".',
};

function render(p: Plan, d: Diagnosis): string {
  const lines = [
    "// server.js — Express with the cors package (npm install cors)",
    "const cors = require('cors');",
    '',
    '// Production: an explicit allow-list from the environment, e.g. CORS_ORIGINS="https://app.example.com,https://admin.example.com"',
    `const allowedOrigins = (process.env.CORS_ORIGINS ?? ${js(p.origins.join(','))}).split(',').map((o) => o.trim()).filter(Boolean);`,
    '',
    'const corsOptions = {',
    p.credentials
      ? '  origin: allowedOrigins, // an array: the matching origin is echoed with Vary: Origin ("*" never works with credentials)'
      : "  origin: process.env.NODE_ENV === 'production' ? allowedOrigins : '*', // \"*\" in development only",
    ...(p.credentials ? ['  credentials: true,'] : []),
    `  methods: [${p.methods.map(js).join(', ')}],`,
    ...(p.addHeaders.length > 0 || d.requestHeaders.length > 0 ? [`  allowedHeaders: [${p.headers.map(js).join(', ')}],`] : []),
    '  maxAge: 86400,',
    '};',
    '',
    '// First, before auth middleware, body parsers and routers: it also answers OPTIONS preflights (204).',
    'app.use(cors(corsOptions));',
  ];
  return lines.join('\n');
}

export function expressFixes(d: Diagnosis): Fix[] {
  return appFlavourFixes(EXPRESS, d);
}
