import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express, { type RequestHandler } from 'express';
import cors, { type CorsOptions } from 'cors';
import type { OptionChange } from '../../../src/core/fixes/types.js';

/**
 * A real Express 5 app with the real `cors` package, built from data so the suggested `changes`
 * (in `cors()` option names) can be applied: origin / methods / allowedHeaders / credentials, and
 * `app.use` order (move-before). Regexes are written { regex: "…" } in the data.
 */
export type OriginValue = string | boolean | { regex: string } | Array<string | { regex: string }>;

export interface ExpressConfig {
  cors: { origin?: OriginValue; methods?: string | string[]; allowedHeaders?: string[]; credentials?: boolean; exposedHeaders?: string[]; maxAge?: number };
  /** Middleware order: 'cors' and 'auth' (401 on /api/private without Authorization). */
  order: Array<'cors' | 'auth'>;
}

const CORS_DEFAULT_METHODS = 'GET,HEAD,PUT,PATCH,POST,DELETE';

export function applyExpressChanges(config: ExpressConfig, changes: readonly OptionChange[]): ExpressConfig {
  const out: ExpressConfig = structuredClone(config);
  const o = out.cors as Record<string, unknown>;
  for (const c of changes) {
    if (c.context === 'client') continue; // applied to the request by the test (clientSpecs)
    if (c.op === 'move-before') {
      const name = String(c.value) as 'cors' | 'auth';
      const order = out.order.filter((m) => m !== name);
      const at = c.before === null || c.before === undefined ? 0 : Math.max(0, order.indexOf(c.before as 'cors' | 'auth'));
      order.splice(at, 0, name);
      out.order = order;
      continue;
    }
    if (c.op === 'set') {
      o[c.option] = structuredClone(c.value);
      continue;
    }
    if (c.op === 'add') {
      const cur = o[c.option];
      if (c.option === 'methods') o.methods = [...(cur === undefined ? CORS_DEFAULT_METHODS.split(',') : typeof cur === 'string' ? cur.split(',') : (cur as string[])), c.value];
      else if (c.option === 'origin') {
        if (cur === undefined || cur === '*' || typeof cur === 'boolean') throw new Error(`cannot add an origin to ${JSON.stringify(cur)}`);
        o.origin = [...(Array.isArray(cur) ? cur : [cur]), c.value];
      } else {
        if (cur === undefined) throw new Error(`${c.option} is unset (cors reflects the request): adding would restrict it`);
        o[c.option] = [...(cur as unknown[]), c.value];
      }
      continue;
    }
    if (c.value === null) delete o[c.option];
    else o[c.option] = (o[c.option] as unknown[]).filter((v) => v !== c.value);
  }
  return out;
}

function toCorsOptions(c: ExpressConfig['cors']): CorsOptions {
  const one = (v: string | { regex: string }) => (typeof v === 'string' ? v : new RegExp(v.regex));
  const origin = c.origin === undefined ? undefined : Array.isArray(c.origin) ? c.origin.map(one) : typeof c.origin === 'object' ? one(c.origin) : c.origin;
  return { ...c, origin } as CorsOptions;
}

export async function startExpress(config: ExpressConfig): Promise<{ url: string; stop(): Promise<void> }> {
  const app = express();
  const auth: RequestHandler = (req, res, next) => {
    if (req.path.startsWith('/api/private') && !req.headers.authorization) {
      res.status(401).json({ error: 'token required' });
      return;
    }
    next();
  };
  for (const m of config.order) app.use(m === 'cors' ? cors(toCorsOptions(config.cors)) : auth);
  app.all('/api/{*rest}', (req, res) => {
    res.set('X-Total-Count', '42').json({ ok: true, method: req.method, path: req.path });
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}
