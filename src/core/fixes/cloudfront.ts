import { clientFix } from './common.js';
import { json } from './literals.js';
import { makePlan, planTitle } from './plan.js';
import type { Diagnosis, Fix, OptionChange } from './types.js';

/**
 * Amazon CloudFront response headers policy (CorsConfig). OriginOverride=true makes CloudFront's values
 * replace the origin's (one layer); the cache behaviour must allow OPTIONS and, when the origin does CORS,
 * forward Origin and key the cache on it.
 * https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/understanding-response-headers-policies.html
 *
 * `changes`: option = a CorsConfig path (e.g. `AccessControlAllowOrigins.Items`) or a cache-behaviour
 * field (`CacheBehavior.AllowedMethods`).
 */
const SERVER = 'cloudfront' as const;
const CF_METHODS = ['GET', 'POST', 'OPTIONS', 'PUT', 'DELETE', 'PATCH', 'HEAD'];

export function cloudfrontFixes(d: Diagnosis): Fix[] {
  if (d.clientOnly !== null) return [clientFix(SERVER, d)];
  const p = makePlan(d, { methods: [], headers: [] });
  const warnings = [...p.warnings];
  const methods = p.methods.filter((m) => CF_METHODS.includes(m));
  if (p.methods.some((m) => !CF_METHODS.includes(m))) {
    warnings.push(`CloudFront only lists GET, POST, OPTIONS, PUT, DELETE, PATCH, HEAD: send the method in upper case (${p.methods.filter((m) => !CF_METHODS.includes(m)).join(', ')} cannot be listed).`);
  }
  const cors = {
    AccessControlAllowOrigins: { Quantity: p.origins.length, Items: p.origins },
    AccessControlAllowHeaders: { Quantity: p.headers.length, Items: p.headers },
    AccessControlAllowMethods: { Quantity: uniqWithOptions(methods).length, Items: uniqWithOptions(methods) },
    AccessControlAllowCredentials: p.credentials,
    AccessControlMaxAgeSec: 600,
    OriginOverride: true,
  };
  const changes: OptionChange[] = [
    { option: 'AccessControlAllowOrigins.Items', op: p.originOp === 'set' ? 'set' : 'add', value: p.originOp === 'set' ? p.origins : p.origin },
    ...(p.setCredentials || d.credentials ? [{ option: 'AccessControlAllowCredentials', op: 'set', value: true } as OptionChange] : []),
    ...(p.addMethod ? [{ option: 'AccessControlAllowMethods.Items', op: 'add', value: p.addMethod.toUpperCase() } as OptionChange] : []),
    ...p.addHeaders.map((h): OptionChange => ({ option: 'AccessControlAllowHeaders.Items', op: 'add', value: h })),
    { option: 'OriginOverride', op: 'set', value: true },
    ...(p.moveFirst || d.preflighted ? [{ option: 'CacheBehavior.AllowedMethods', op: 'add', value: 'OPTIONS' } as OptionChange] : []),
  ];
  if (p.privateNetwork) warnings.push('CloudFront response headers policies cannot send Access-Control-Allow-Private-Network; answer it at the origin.');
  if (p.trouble) warnings.push('A response headers policy only decorates responses: OPTIONS must be an allowed method of the cache behaviour, and the origin must answer it with 2xx (or use a CloudFront Function that returns 204 for OPTIONS).');
  warnings.push('If the origin (S3 or your app) does the CORS instead, attach the CORS-S3Origin / CORS-CustomOrigin origin request policy and put Origin in the cache key, or a cached answer without CORS headers is served to other origins.');
  return [
    {
      server: SERVER,
      title: d.duplicate ? 'CloudFront: OriginOverride=true so only one Access-Control-Allow-Origin is sent' : planTitle('CloudFront response headers policy', p),
      changes,
      code: [
        '# response-headers-policy.json — aws cloudfront create-response-headers-policy --response-headers-policy-config file://response-headers-policy.json',
        json({ Name: 'api-cors', Comment: 'CORS for the SPA', CorsConfig: cors }),
      ].join('\n'),
      warnings,
    },
  ];
}

function uniqWithOptions(methods: string[]): string[] {
  return [...new Set([...methods, 'OPTIONS'])];
}
