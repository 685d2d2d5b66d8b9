import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { OptionChange } from '../../../src/core/fixes/types.js';

/**
 * Real nginx (Debian's) in front of an app, run with a temp `-p` prefix and a generated nginx.conf
 * (`-g 'daemon off;'`; `user root;` when the test runs as root, so workers can use the temp dirs).
 * The config is data (NginxConf) so the suggested `changes` can be applied to it, with the semantics
 * documented in src/core/fixes/nginx.ts.
 */

export type Directive = string[];

export interface NginxConf {
  /** map $http_origin $cors_origin { … } entries (key, value), when the config has the map. */
  corsMap: Array<[string, string]> | null;
  server: Directive[];
  location: Directive[];
  /** Directives inside `if ($request_method = OPTIONS) { … return 204; }`, or null when absent. */
  preflight: Directive[] | null;
}

const NGINX = existsSync('/usr/sbin/nginx') ? '/usr/sbin/nginx' : 'nginx';

const sameDirective = (a: Directive, name: string, first: string | undefined) => a[0] === name && (first === undefined || (a[1] ?? '').toLowerCase() === first.toLowerCase());

export function applyNginxChanges(conf: NginxConf, changes: readonly OptionChange[]): NginxConf {
  const out: NginxConf = structuredClone(conf);
  for (const c of changes) {
    if (c.context === 'client') continue; // applied to the request by the test (clientSpecs)
    const args = Array.isArray(c.value) ? (c.value as string[]) : [];
    if (c.option === 'map') {
      // nginx refuses duplicate map keys: `add` makes sure the key is there (once).
      const map = (out.corsMap ?? [['default', '""']]).filter(([k]) => k !== args[0]);
      out.corsMap = [...map, [args[0] ?? '', args[1] ?? '']];
      continue;
    }
    if (c.option === 'preflight' && c.op === 'remove') {
      out.preflight = null;
      continue;
    }
    if (c.op === 'remove') {
      // context `location` also covers the lines it would inherit from the server block.
      const keep = (d: Directive) => !sameDirective(d, c.option, args[0]);
      out.location = out.location.filter(keep);
      out.server = out.server.filter(keep);
      if (c.context === 'preflight' && out.preflight) out.preflight = out.preflight.filter(keep);
      continue;
    }
    const list = c.context === 'preflight' ? (out.preflight ??= []) : c.context === 'server' ? out.server : out.location;
    const i = list.findIndex((d) => sameDirective(d, c.option, args[0]));
    const directive = [c.option, ...args];
    if (c.op === 'set' && i !== -1) list[i] = directive;
    else list.push(directive);
  }
  return out;
}

export function renderNginxConf(conf: NginxConf, prefix: string, port: number, upstream: string): string {
  const d = (x: Directive) => `${x.join(' ')};`;
  const lines = [
    ...(process.getuid?.() === 0 ? ['user root;'] : []),
    'worker_processes 1;',
    `error_log ${prefix}/error.log;`,
    `pid ${prefix}/nginx.pid;`,
    'events { worker_connections 64; }',
    'http {',
    '  access_log off;',
    ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `  ${t}_temp_path ${prefix}/${t};`),
    ...(conf.corsMap ? ['  map $http_origin $cors_origin {', ...conf.corsMap.map(([k, v]) => `    ${k} ${v};`), '  }'] : []),
    '  server {',
    `    listen 127.0.0.1:${port};`,
    ...conf.server.map((x) => `    ${d(x)}`),
    '    location / {',
    ...(conf.preflight ? ['      if ($request_method = OPTIONS) {', ...conf.preflight.map((x) => `        ${d(x)}`), '        return 204;', '      }'] : []),
    ...conf.location.map((x) => `      ${d(x)}`),
    `      proxy_pass ${upstream};`,
    '    }',
    '  }',
    '}',
  ];
  return lines.join('\n');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

function waitForPort(port: number, child: ChildProcess, log: () => string): Promise<void> {
  const end = Date.now() + 10_000;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      if (child.exitCode !== null) return reject(new Error(`nginx exited ${child.exitCode}: ${log()}`));
      const sock = net.connect(port, '127.0.0.1', () => {
        sock.end();
        resolve();
      });
      sock.on('error', () => {
        sock.destroy();
        if (Date.now() > end) reject(new Error(`nginx not listening on ${port}: ${log()}`));
        else setTimeout(attempt, 30);
      });
    };
    attempt();
  });
}

export interface NginxServer {
  url: string;
  conf: string;
  stop(): Promise<void>;
}

/** Start nginx with `conf` in front of `upstream` (e.g. http://127.0.0.1:8000). */
export async function startNginx(conf: NginxConf, upstream: string): Promise<NginxServer> {
  const prefix = mkdtempSync(path.join(tmpdir(), 'cors-lens-fixes-nginx-'));
  mkdirSync(path.join(prefix, 'logs'));
  for (let attempt = 0; ; attempt++) {
    const port = await freePort();
    const text = renderNginxConf(conf, prefix, port, upstream);
    writeFileSync(path.join(prefix, 'nginx.conf'), text);
    const child = spawn(NGINX, ['-e', `${prefix}/error.log`, '-p', `${prefix}/`, '-c', `${prefix}/nginx.conf`, '-g', 'daemon off;'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr?.on('data', (b: Buffer) => (err += b.toString()));
    try {
      await waitForPort(port, child, () => err);
    } catch (e) {
      child.kill('SIGKILL');
      if (attempt < 2 && /Address already in use/.test(err)) continue;
      rmSync(prefix, { recursive: true, force: true });
      throw e;
    }
    const stop = () =>
      new Promise<void>((resolve) => {
        const done = () => {
          rmSync(prefix, { recursive: true, force: true });
          resolve();
        };
        if (child.exitCode !== null) return done();
        child.once('exit', done);
        child.kill('SIGTERM');
      });
    return { url: `http://127.0.0.1:${port}`, conf: text, stop };
  }
}
