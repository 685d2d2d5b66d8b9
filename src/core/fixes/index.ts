import type { Exchange } from '../model.js';
import { detectServers } from '../detect/index.js';
import { diagnoseFollowUps } from '../lint/follow-ups.js';
import { lintFix } from '../lint/fix.js';
import { isBlocking } from '../lint/types.js';
import { apacheFixes } from './apache.js';
import { aspnetFixes } from './aspnet.js';
import { caddyFixes } from './caddy.js';
import { cloudflareFixes } from './cloudflare.js';
import { cloudfrontFixes } from './cloudfront.js';
import { comment, COMMENT_STYLE } from './common.js';
import { diagnose } from './diagnose.js';
import { djangoCorsHeadersFixes } from './django-cors-headers.js';
import { djangoMiddlewareFixes } from './django-middleware.js';
import { expressFixes } from './express.js';
import { fastapiFixes } from './fastapi.js';
import { flaskCorsFixes } from './flask-cors.js';
import { goRsCorsFixes } from './go-rs-cors.js';
import { laravelFixes } from './laravel.js';
import { nginxFixes } from './nginx.js';
import { railsFixes } from './rails.js';
import { s3Fixes } from './s3.js';
import { springFixes } from './spring.js';
import { FIX_SERVERS, type Diagnosis, type Fix, type FixContext, type FixServer } from './types.js';

export type { Fix, FixContext, FixServer, DjangoChange, OptionChange, Diagnosis } from './types.js';
export { FIX_SERVERS } from './types.js';
export { diagnose } from './diagnose.js';
export { suggestAdvisories } from './advisories.js';

/** One generator per flavour (`src/core/fixes/<flavour>.ts`). */
export const GENERATORS: Record<FixServer, (d: Diagnosis) => Fix[]> = {
  'django-cors-headers': djangoCorsHeadersFixes,
  'django-middleware': djangoMiddlewareFixes,
  nginx: nginxFixes,
  apache: apacheFixes,
  cloudfront: cloudfrontFixes,
  cloudflare: cloudflareFixes,
  express: expressFixes,
  fastapi: fastapiFixes,
  'flask-cors': flaskCorsFixes,
  spring: springFixes,
  rails: railsFixes,
  aspnet: aspnetFixes,
  'go-rs-cors': goRsCorsFixes,
  laravel: laravelFixes,
  caddy: caddyFixes,
  s3: s3Fixes,
};

/**
 * For a blocked exchange: the change to make on the server, for every flavour, the most likely server
 * first (from response fingerprints). For an exchange CORS allowed but Django refused with CSRF: the
 * Django follow-up fix. Otherwise nothing.
 * Every fix passed the security lint; one that would open a hole is replaced by an explanation.
 */
export function suggestFixes(input: Exchange, ctx: FixContext = {}): Fix[] {
  const exchange = assumeBlockedAlternative(input);
  const followUps = diagnoseFollowUps(exchange, ctx.entries ?? []);
  const withFollowUps: Exchange = followUps.length > 0 ? { ...exchange, notCors: [...exchange.notCors, ...followUps] } : exchange;
  const blocked = exchange.verdict === 'blocked' || exchange.corsError !== null;
  const csrf = withFollowUps.notCors.some((n) => n.kind === 'csrf');
  if (!blocked && !csrf) return [];
  const d = diagnose(withFollowUps, ctx);
  const order = flavourOrder(d, ctx);
  const servers = blocked ? order : (['django-cors-headers'] as FixServer[]);
  return servers.flatMap((server) => GENERATORS[server](d).map((fix) => guarded(fix, d)));
}

/**
 * When the verdict depends on what the capture lacks (usually the credentials mode) and one of the
 * engine's alternatives is a block, fix for that block: a request that failed in the browser can only
 * have failed that way. https://fetch.spec.whatwg.org/#concept-request-credentials-mode
 */
function assumeBlockedAlternative(exchange: Exchange): Exchange {
  if (exchange.verdict !== 'unknown' || exchange.corsError !== null) return exchange;
  const blocked = exchange.alternatives.filter((a) => a.verdict === 'blocked' && a.corsError !== null);
  const alt = blocked[0];
  if (blocked.length !== 1 || !alt) return exchange;
  const include = /include|withCredentials/i.test(alt.assumption);
  return {
    ...exchange,
    verdict: 'blocked',
    corsError: alt.corsError,
    failedParameter: alt.failedParameter,
    credentials: include ? { mode: 'include', evidence: `assumed: ${alt.assumption}` } : exchange.credentials,
    notes: [...exchange.notes, `Fixes assume ${alt.assumption}, the only way the request could have failed.`],
  };
}

/** Replace a fix that fails the lint by an explanation (it is never shown as a change to make). */
function guarded(fix: Fix, d: Diagnosis): Fix {
  const blocking = lintFix(fix, d).filter(isBlocking);
  if (blocking.length === 0) return fix;
  const why = blocking.map((f) => f.message);
  return {
    server: fix.server,
    title: `${fix.title} — withheld: it would weaken security`,
    changes: [],
    code: comment(COMMENT_STYLE[fix.server], `No safe change was found for this flavour:\n${why.join('\n')}`),
    warnings: why,
  };
}

/** Detected servers first (best evidence first), then the rest in the fixed order. */
function flavourOrder(d: Diagnosis, ctx: FixContext): FixServer[] {
  const entries = ctx.entries ?? [ctx.preflight, ctx.actual].filter((e): e is NonNullable<typeof e> => e !== undefined);
  const detected = detectServers(entries, d.target).map((s) => s.server);
  // Two ACAO values: the layer in front of the app is where the fix goes, so a detected proxy leads.
  if (d.duplicate) {
    const proxies = detectServers(entries, d.target).filter((s) => s.layer === 'proxy').map((s) => s.server);
    detected.unshift(...proxies);
  }
  const first = [...new Set(detected)];
  // A hand-written middleware only makes sense where Django runs: keep it next to django-cors-headers.
  if (first.includes('django-cors-headers') && !first.includes('django-middleware')) first.splice(first.indexOf('django-cors-headers') + 1, 0, 'django-middleware');
  return [...first, ...FIX_SERVERS.filter((s) => !first.includes(s))];
}
