import { clientFix } from './common.js';
import { json } from './literals.js';
import { makePlan, planTitle } from './plan.js';
import type { Diagnosis, Fix, OptionChange } from './types.js';

/**
 * Amazon S3 bucket CORS (CORSRules). Methods are limited to GET, PUT, POST, DELETE, HEAD; preflights are
 * handled implicitly; the first matching rule wins; S3 sends Access-Control-Allow-Credentials: true by
 * itself for non-"*" origins. https://docs.aws.amazon.com/AmazonS3/latest/userguide/ManageCorsUsing.html
 *
 * `changes`: option = a path in the CORS configuration (`CORSRules[0].AllowedOrigins`, …).
 */
const SERVER = 's3' as const;
const S3_METHODS = ['GET', 'PUT', 'POST', 'DELETE', 'HEAD'];

export function s3Fixes(d: Diagnosis): Fix[] {
  if (d.clientOnly !== null) return [clientFix(SERVER, d)];
  const p = makePlan(d, { methods: [], headers: [] });
  const warnings = [...p.warnings];
  const unsupported = p.methods.filter((m) => !S3_METHODS.includes(m) && m !== 'OPTIONS');
  if (unsupported.length > 0) warnings.push(`S3 CORS only knows GET, PUT, POST, DELETE and HEAD; ${unsupported.join(', ')} cannot be allowed (send an upper-case standard method, e.g. PUT for presigned uploads).`);
  if (p.privateNetwork) warnings.push('S3 cannot answer private-network preflights.');
  if (p.setCredentials) warnings.push('S3 sends Access-Control-Allow-Credentials: true by itself for a listed (non-"*") origin: if it is missing, the answer did not come from S3\'s CORS rules — a proxy or CloudFront answered or stripped it (forward Origin and put it in the cache key).');
  if (p.moveFirst) warnings.push('S3 answers preflights itself; a failing preflight means no rule matched (origin, method and every requested header must match one rule — the first matching rule wins), or a proxy/CloudFront in front refused OPTIONS.');
  const methods = p.methods.filter((m) => S3_METHODS.includes(m));
  const rule = {
    ID: 'app',
    AllowedOrigins: p.origins,
    AllowedMethods: methods.length > 0 ? methods : ['GET'],
    AllowedHeaders: p.headers,
    ExposeHeaders: ['ETag'],
    MaxAgeSeconds: 3000,
  };
  const changes: OptionChange[] = [
    ...(p.originOp === 'set' ? [{ option: 'CORSRules[0].AllowedOrigins', op: 'set', value: p.origins } as OptionChange] : []),
    ...(p.originOp === 'add' ? [{ option: 'CORSRules[0].AllowedOrigins', op: 'add', value: p.origin } as OptionChange] : []),
    ...(p.addMethod && S3_METHODS.includes(p.addMethod) ? [{ option: 'CORSRules[0].AllowedMethods', op: 'add', value: p.addMethod } as OptionChange] : []),
    ...p.addHeaders.map((h): OptionChange => ({ option: 'CORSRules[0].AllowedHeaders', op: 'add', value: h })),
  ];
  if (d.duplicate) warnings.push('Two Access-Control-Allow-Origin values: CloudFront (or another proxy) adds its own on top of S3\'s. Set OriginOverride=true in the CloudFront policy or remove one of them.');
  return [
    {
      server: SERVER,
      title: planTitle('S3 bucket CORS', p),
      changes,
      code: [
        '# cors.json — aws s3api put-bucket-cors --bucket YOUR-BUCKET --cors-configuration file://cors.json',
        '# (the S3 console takes only the CORSRules array; CloudFormation names are CorsRules/AllowedOrigins/…)',
        json({ CORSRules: [rule] }),
      ].join('\n'),
      warnings,
    },
  ];
}
