import http from 'node:http';
import { lookalikes } from '../../../src/core/lint/regex.js';

/**
 * A scanner-style check against a live server with plain HTTP (no browser): foreign origins
 * (https://evil.test, null, look-alikes of the allowed origin) must never be echoed, and "*" must never
 * come with credentials. Both the actual request and its preflight are probed.
 */
export interface ProbeResult {
  origin: string;
  method: string;
  acao: string | null;
  acac: string | null;
  status: number;
}

export function rawRequest(url: string, method: string, headers: Record<string, string>): Promise<{ status: number; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
    });
    req.on('error', reject);
    req.setTimeout(10_000, () => req.destroy(new Error(`timeout ${method} ${url}`)));
    req.end();
  });
}

async function probe(url: string, origin: string, method: string, requestHeaders: string): Promise<ProbeResult[]> {
  const actual = await rawRequest(url, method === 'OPTIONS' ? 'GET' : method, { Origin: origin });
  const pre = await rawRequest(url, 'OPTIONS', {
    Origin: origin,
    'Access-Control-Request-Method': method,
    ...(requestHeaders ? { 'Access-Control-Request-Headers': requestHeaders } : {}),
  });
  const one = (m: string, r: { status: number; headers: http.IncomingHttpHeaders }): ProbeResult => ({
    origin,
    method: m,
    status: r.status,
    acao: join(r.headers['access-control-allow-origin']),
    acac: join(r.headers['access-control-allow-credentials']),
  });
  return [one(method, actual), one('OPTIONS', pre)];
}

function join(v: string | string[] | undefined): string | null {
  if (v === undefined) return null;
  return Array.isArray(v) ? v.join(', ') : v;
}

/** Holes found on `url` for origins other than `allowed`; the allowed origin's own answers come back in `allowedAnswers`. */
export async function scanForHoles(url: string, allowed: string, method = 'GET', requestHeaders = ''): Promise<{ holes: ProbeResult[]; allowedAnswers: ProbeResult[]; probes: number }> {
  const foreign = [...new Set(['https://evil.test', 'null', ...lookalikes(allowed)])];
  const holes: ProbeResult[] = [];
  let probes = 0;
  for (const origin of foreign) {
    for (const r of await probe(url, origin, method, requestHeaders)) {
      probes++;
      const echoed = r.acao !== null && r.acao.split(/\s*,\s*/).includes(origin);
      const wildcardWithCredentials = r.acao === '*' && r.acac === 'true';
      if (echoed || wildcardWithCredentials || r.acao === 'null') holes.push(r);
    }
  }
  return { holes, allowedAnswers: await probe(url, allowed, method, requestHeaders), probes };
}
