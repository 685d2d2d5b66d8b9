import { clientFix, clientMethodChange, comment, COMMENT_STYLE, lowercaseMethodRejected } from './common.js';
import { firstSegment } from './facts.js';
import { makePlan, planTitle, type FlavourDefaults, type Plan } from './plan.js';
import type { Diagnosis, Fix, FixServer, OptionChange } from './types.js';

/**
 * The shape shared by application-framework flavours (Express, FastAPI, Flask-CORS, Spring, rack-cors,
 * ASP.NET Core, rs/cors, Laravel): one option per knob, a middleware that must run first, and a
 * renderer for the code. The flavour files only say what their knobs are called and how code looks.
 */
export interface AppFlavour {
  server: FixServer;
  label: string;
  defaults: FlavourDefaults;
  options: {
    origins: string;
    credentials: string;
    methods: string;
    headers: string;
    /** Option for Access-Control-Allow-Private-Network, when the library has one. */
    privateNetwork?: string;
    /** Where the CORS middleware sits: `move-before` target (before: null = first). */
    order: { option: string; value: string };
    /** Option listing the paths the CORS layer covers, when the library has one. */
    paths?: string;
  };
  formatMethod?: (method: string) => unknown;
  formatPath?: (firstSegment: string) => string;
  render: (p: Plan, d: Diagnosis) => string;
  notes?: (p: Plan, d: Diagnosis) => string[];
  privateNetworkUnsupported?: string;
  /** The HTTP server under the library answers a lower-case method with 400 (Node's llhttp, nginx). */
  rejectsLowercaseMethods?: string;
}

export function appFlavourFixes(f: AppFlavour, d: Diagnosis): Fix[] {
  if (d.clientOnly !== null) return [clientFix(f.server, d)];
  if (d.duplicate) return [duplicateFix(f.server, f.label, d)];
  const p = makePlan(d, f.defaults);
  const warnings = [...p.warnings];
  const changes: OptionChange[] = [];
  if (p.moveFirst || p.notProcessed) changes.push({ option: f.options.order.option, op: 'move-before', value: f.options.order.value, before: null });
  if (p.notProcessed && f.options.paths && f.formatPath) {
    const seg = firstSegment(d.path);
    changes.push({ option: f.options.paths, op: 'add', value: f.formatPath(seg) });
  }
  if (p.originOp === 'add') changes.push({ option: f.options.origins, op: 'add', value: p.origin });
  if (p.originOp === 'set') changes.push({ option: f.options.origins, op: 'set', value: p.origins });
  if (p.setCredentials) changes.push({ option: f.options.credentials, op: 'set', value: true });
  const lowercase = p.addMethod !== null && p.addMethod !== p.addMethod.toUpperCase();
  if (p.addMethod && lowercase && f.rejectsLowercaseMethods) {
    changes.push(clientMethodChange(p.addMethod));
    const keep = warnings.filter((w) => !w.startsWith('The page sends the method as'));
    warnings.splice(0, warnings.length, lowercaseMethodRejected(f.rejectsLowercaseMethods, p.addMethod), ...keep);
  } else if (p.addMethod) changes.push({ option: f.options.methods, op: 'add', value: f.formatMethod ? f.formatMethod(p.addMethod) : p.addMethod });
  for (const h of p.addHeaders) changes.push({ option: f.options.headers, op: 'add', value: h });
  if (p.privateNetwork) {
    if (f.options.privateNetwork) changes.push({ option: f.options.privateNetwork, op: 'set', value: true });
    else warnings.push(f.privateNetworkUnsupported ?? `${f.label} has no private-network option: answer the preflight with "Access-Control-Allow-Private-Network: true" yourself when it carries "Access-Control-Request-Private-Network: true".`);
  }
  if (p.notProcessed) {
    warnings.push(`The response carries no CORS header at all: make sure ${f.label} is installed for ${d.path} (and runs before anything that can answer first).`);
  }
  warnings.push(...(f.notes?.(p, d) ?? []));
  const title = p.addMethod && lowercase && f.rejectsLowercaseMethods ? `${f.label}: send '${p.addMethod.toUpperCase()}' from the client (lower-case methods are refused before CORS)` : planTitle(f.label, p);
  const rendered = lowercase && f.rejectsLowercaseMethods ? { ...p, methods: p.methods.filter((m) => m !== p.addMethod) } : p;
  return [{ server: f.server, title, changes, code: f.render(rendered, d), warnings }];
}

/**
 * Two Access-Control-Allow-Origin values: a proxy (nginx, Apache, ingress, CDN) adds the header and so
 * does the app. Browsers accept exactly one value, so configure CORS in one layer only.
 * https://fetch.spec.whatwg.org/#cors-check (step: "If allowOrigin is null or failure … return failure")
 */
export function duplicateFix(server: FixServer, label: string, d: Diagnosis): Fix {
  const values = d.duplicate?.values ?? [];
  const tell = d.duplicate?.identical
    ? `The same value was sent twice (${values.join(', ')}): two layers each add the header.`
    : `Different values were sent (${values.join(', ')}): two layers each add the header.`;
  const text = [
    `Keep CORS in ${label} and remove it from the proxy/CDN in front of it. ${tell}`,
    '',
    'nginx:   delete the add_header Access-Control-* lines (or keep them and add',
    '         proxy_hide_header Access-Control-Allow-Origin; — but then configure CORS only in nginx)',
    'Apache:  delete the Header set/add Access-Control-* lines',
    'CDN:     turn off the CORS response-headers policy / transform rule (or set OriginOverride=true on CloudFront)',
  ].join('\n');
  return {
    server,
    title: `Configure CORS in one layer only: ${label} already sends Access-Control-Allow-Origin`,
    changes: [],
    code: comment(COMMENT_STYLE[server], text),
    warnings: [tell, `No ${label} change is needed; the fix is in the layer in front of it.`],
  };
}
