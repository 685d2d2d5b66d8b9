import { describe, expect, it } from 'vitest';
import {
  createRedactor,
  DEFAULT_REDACTION,
  isCorsHeaderName,
  isSecretHeaderName,
  isSensitiveParamName,
  maskAuthValue,
  maskCookieHeader,
  maskHeaderValue,
  maskSetCookieHeader,
  MASK,
  NO_REDACTION,
  REDACTION_RULES,
  redactionOptions,
  scrubText,
} from '../../src/core/report/redact.js';
import { collectReport } from '../../src/core/report/collect.js';
import { API, entry, exchange, har, page, PAGE, simpleBlocked } from './builders.js';
import { jwt } from './secret-corpus.js';

describe('header classification', () => {
  it.each([
    ['Access-Control-Allow-Origin', true],
    ['access-control-allow-credentials', true],
    ['Access-Control-Allow-Headers', true],
    ['Access-Control-Request-Headers', true],
    ['Origin', true],
    ['Vary', true],
    ['Referer', false],
    ['Authorization', false],
    ['Timing-Allow-Origin', false],
  ])('%s is a CORS header: %s', (name, cors) => {
    expect(isCorsHeaderName(name)).toBe(cors);
  });

  it.each([
    ['Authorization', true],
    ['Proxy-Authorization', true],
    ['Cookie', true],
    ['Set-Cookie', true],
    ['X-CSRFToken', true],
    ['X-XSRF-TOKEN', true],
    ['X-API-Key', true],
    ['X-Auth-Token', true],
    ['X-Session-Id', true],
    ['X-Client-Secret', true],
    ['X-Hub-Signature-256', true],
    ['X-Password', true],
    ['X-Amz-Security-Token', true],
    ['X-Credential-Id', true],
    ['WWW-Authenticate', true],
    // The CORS evidence is never a secret, whatever its name says.
    ['Access-Control-Allow-Credentials', false],
    ['Access-Control-Allow-Headers', false],
    ['Origin', false],
    // Ordinary headers and HTTP/2 pseudo-headers.
    [':authority', false],
    [':path', false],
    ['X-Authority-Zone', false],
    ['Content-Type', false],
    ['Keep-Alive', false],
    ['Referer', false],
    ['User-Agent', false],
  ])('%s is secret by name: %s', (name, secret) => {
    expect(isSecretHeaderName(name)).toBe(secret);
  });
});

describe('query parameter classification', () => {
  it.each(['token', 'access_token', 'code', 'state', 'password', 'key', 'api_key', 'signature', 'sig', 'secret', 'session',
    'id_token', 'refresh_token', 'client_secret', 'X-Amz-Signature', 'X-Amz-Credential', 'X-Amz-Security-Token', 'apiKey',
    'code_verifier', 'auth', 'oauth_verifier', 'sessionid', 'RelayState', 'SAMLResponse', 'csrfmiddlewaretoken', 'access%5Ftoken'])(
    '%s is sensitive', (name) => {
      expect(isSensitiveParamName(name)).toBe(true);
    },
  );
  it.each(['page', 'q', 'sort', 'author', 'limit', 'id', 'format', 'lang', 'v'])('%s is not sensitive', (name) => {
    expect(isSensitiveParamName(name)).toBe(false);
  });
});

describe('value masks', () => {
  it('keeps cookie names and masks every value, Django cookies included', () => {
    const seen: string[] = [];
    expect(maskCookieHeader('sessionid=abc123xyz; csrftoken=tok456; theme=dark', (v) => seen.push(v)))
      .toBe(`sessionid=${MASK}; csrftoken=${MASK}; theme=${MASK}`);
    expect(seen).toEqual(['abc123xyz', 'tok456', 'dark']);
  });

  it('keeps Set-Cookie attributes (SameSite/Secure matter to credentialed CORS) and masks the value', () => {
    expect(maskSetCookieHeader('sessionid=abc; Path=/; HttpOnly; SameSite=None; Secure'))
      .toBe(`sessionid=${MASK}; Path=/; HttpOnly; SameSite=None; Secure`);
    expect(maskSetCookieHeader('a=1; Path=/\nb=2; Secure')).toBe(`a=${MASK}; Path=/\nb=${MASK}; Secure`);
  });

  it.each([
    ['Bearer abc.def.ghi', `Bearer ${MASK}`],
    ['Basic dXNlcjpwYXNz', `Basic ${MASK}`],
    ['Digest username="u", realm="r", response="x"', `Digest ${MASK}`],
    ['AWS4-HMAC-SHA256 Credential=AKIA/2026, Signature=abc', `AWS4-HMAC-SHA256 ${MASK}`],
    ['rawtokenvalue', MASK],
    ['mysecret with spaces', MASK],
  ])('Authorization %s → %s', (value, masked) => {
    expect(maskAuthValue(value)).toBe(masked);
  });

  it('never touches CORS headers, even Access-Control-Allow-Headers: authorization', () => {
    for (const [name, value] of [
      ['Access-Control-Allow-Headers', 'authorization, x-api-key, x-csrftoken'],
      ['Access-Control-Allow-Credentials', 'true'],
      ['Access-Control-Request-Headers', 'authorization'],
      ['Origin', 'http://127.0.0.1:8001'],
      ['Vary', 'Origin, Cookie'],
    ]) {
      expect(maskHeaderValue(name!, value!, DEFAULT_REDACTION)).toEqual({ value, rule: null });
    }
  });

  it('masks by rule and leaves a header alone when its rule is off', () => {
    expect(maskHeaderValue('X-API-Key', 'k-123456', DEFAULT_REDACTION)).toEqual({ value: MASK, rule: 'secretHeaders' });
    expect(maskHeaderValue('X-API-Key', 'k-123456', redactionOptions({ secretHeaders: false }))).toEqual({ value: 'k-123456', rule: null });
    expect(maskHeaderValue('Authorization', 'Bearer t', redactionOptions({ secretHeaders: false }))).toEqual({ value: `Bearer ${MASK}`, rule: 'authorization' });
    expect(maskHeaderValue('Cookie', 'a=b', redactionOptions({ cookies: false }))).toEqual({ value: 'a=b', rule: null });
  });
});

describe('scrubText', () => {
  it('masks JWTs anywhere in text', () => {
    const t = `see ${jwt('abc')} and Bearer ${jwt('def')}.`;
    const r = scrubText(t, DEFAULT_REDACTION);
    expect(r.text).toBe(`see ${MASK} and Bearer ${MASK}`);
    expect(r.rules).toContain('jwt');
  });

  it('masks secret query parameters in URLs, fragments and form bodies, keeps the rest', () => {
    const url = 'https://api.example/cb?code=abc&state=xyz&page=2#access_token=tok&token_type=bearer';
    expect(scrubText(url, DEFAULT_REDACTION).text).toBe(`https://api.example/cb?code=${MASK}&state=${MASK}&page=2#access_token=${MASK}&token_type=bearer`);
    expect(scrubText('password=hunter2&user=bob', DEFAULT_REDACTION).text).toBe(`password=${MASK}&user=bob`);
  });

  it('masks user:password@ in URLs', () => {
    expect(scrubText('http://bob:hunter2@api.example/x', DEFAULT_REDACTION).text).toBe(`http://${MASK}@api.example/x`);
  });

  it('does nothing with every rule off', () => {
    const t = `http://u:p@h/?token=abc ${jwt('abcdef')}`;
    expect(scrubText(t, NO_REDACTION)).toEqual({ text: t, rules: [] });
  });

  it('leaves the usual CORS wording alone', () => {
    const msg = "Access to fetch at 'http://localhost:8002/c1?page=2' from origin 'http://127.0.0.1:8001' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.";
    expect(scrubText(msg, DEFAULT_REDACTION).text).toBe(msg);
  });
});

describe('redactor', () => {
  it('sweeps a secret learned from a header wherever else it appears', () => {
    const r = createRedactor(DEFAULT_REDACTION);
    const e = entry({ url: `${API}/x`, req: [['X-API-Key', 'k-live-0042'], ['X-Debug', 'echo k-live-0042']], res: [['Access-Control-Allow-Origin', PAGE]], responseText: 'key k-live-0042' });
    r.entry(e, 'log.entries[0]', 'request');
    r.sweep(e, 'log.entries[0]', 'request');
    expect(JSON.stringify(e)).not.toContain('k-live-0042');
    expect(r.redactions.map((x) => x.rule)).toEqual(expect.arrayContaining(['secretHeaders', 'bodies', 'knownValue']));
  });

  it('lists every rule once in the catalog', () => {
    const ids = REDACTION_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(Object.keys(DEFAULT_REDACTION).sort()).toEqual([...ids].sort());
  });
});

describe('redaction preview (what the panel shows per field)', () => {
  const doc = har({
    entries: simpleBlocked([], {
      url: `${API}/c1?token=t0k3n-value&page=1`,
      reqExtra: [['Cookie', 'sessionid=s3ss10n-value'], ['Referer', `${PAGE}/?code=c0de-value`]],
      resExtra: [['Set-Cookie', 'csrftoken=csrf-value-1; Path=/']],
      pageref: 'p1',
      decorate: (e) => ({ ...e, responseText: 'body-value-1' }),
    }),
    pages: [page('p1', `${PAGE}/?session=t1tle-value`)],
  });
  const input = { exchange: exchange({ url: `${API}/c1?token=t0k3n-value&page=1`, finalUrl: `${API}/c1?token=t0k3n-value&page=1` }), har: doc };

  it('names each redacted field by its path in the mini-HAR', () => {
    const data = collectReport(input);
    const paths = data.redaction.redactions.map((r) => `${r.rule} ${r.path}`);
    expect(paths).toEqual(expect.arrayContaining([
      'cookies log.entries[0].request.headers[1].value',
      'cookies log.entries[0].response.headers[1].value',
      'queryParams log.entries[0].request.queryString[0].value',
      'queryParams log.entries[0].request.url',
      'queryParams log.entries[0].request.headers[2].value',
      'bodies log.entries[0].response.content.text',
      'queryParams log.pages[0].title',
      'queryParams exchange.url',
    ]));
    expect(JSON.stringify(data.redaction.redactions)).not.toMatch(/value-|t0k3n|s3ss10n|c0de/);
  });

  it('turns single rules off: the value then stays, the rest is still masked', () => {
    const data = collectReport(input, { queryParams: false });
    expect(data.hops[0]!.url).toContain('token=t0k3n-value');
    expect(data.hops[0]!.requestHeaders.find((h) => h.name === 'Cookie')!.value).toBe(`sessionid=${MASK}`);
    expect(data.redaction.redactions.some((r) => r.rule === 'queryParams')).toBe(false);
  });

  it('keeps bodies when the bodies rule is off', () => {
    const data = collectReport(input, { bodies: false });
    expect(JSON.stringify(data.hops[0]!.entry)).toContain('body-value-1');
    expect(collectReport(input).hops[0]!.entry).not.toHaveProperty('response.content.text');
  });

  it('reports nothing and changes nothing with redaction off', () => {
    const data = collectReport(input, NO_REDACTION);
    expect(data.redaction.enabled).toBe(false);
    expect(data.redaction.redactions).toEqual([]);
    expect(data.hops[0]!.entry).toEqual((doc.log as { entries: unknown[] }).entries[0]);
  });
});
