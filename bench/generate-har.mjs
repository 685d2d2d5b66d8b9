// A realistic large Chromium HAR: a page on one origin calling two APIs — simple and preflighted
// requests, CORS failures of several kinds, redirects, same-origin assets — with DevTools' fields.
export function generateHar(n, seed = 42) {
  let s = seed;
  const r = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
  const page = 'https://app.example.com';
  const apis = ['https://api.example.net', 'https://cdn.example.org'];
  const base = Date.parse('2026-11-21T10:00:00Z');
  const ua = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36';
  const reqHeaders = (extra = []) => [
    { name: 'Accept', value: '*/*' }, { name: 'Accept-Language', value: 'en-US,en;q=0.9' }, { name: 'Origin', value: page },
    { name: 'Referer', value: `${page}/` }, { name: 'Sec-Fetch-Mode', value: 'cors' }, { name: 'Sec-Fetch-Site', value: 'cross-site' },
    { name: 'User-Agent', value: ua }, { name: 'sec-ch-ua', value: '"Chromium";v="156", "Not A(Brand";v="24"' }, ...extra,
  ];
  const resHeaders = (extra = []) => [
    { name: 'Content-Type', value: 'application/json' }, { name: 'Date', value: 'Sat, 21 Nov 2026 10:00:00 GMT' },
    { name: 'Server', value: 'nginx' }, { name: 'Vary', value: 'Origin' }, ...extra,
  ];
  const entry = (method, url, t, headers, status, rHeaders, type, error, extra = {}) => ({
    startedDateTime: new Date(base + t).toISOString(), time: 12.5, _resourceType: type, _priority: 'High',
    _initiator: extra.initiator ?? { type: 'script', stack: { callFrames: [{ url: `${page}/app.js`, lineNumber: 10, columnNumber: 4, functionName: 'load' }] } },
    request: { method, url, httpVersion: 'HTTP/1.1', headers, queryString: [], cookies: [], headersSize: -1, bodySize: 0 },
    response: { status, statusText: status ? 'OK' : '', httpVersion: 'HTTP/1.1', headers: rHeaders, cookies: [], content: { size: 120, mimeType: 'application/json', text: '{"ok":true,"items":[1,2,3]}' }, redirectURL: extra.redirectURL ?? '', headersSize: -1, bodySize: 120, _transferSize: 400, _error: error ?? null },
    cache: {}, timings: { blocked: 1, dns: -1, ssl: -1, connect: -1, send: 0.1, wait: 10, receive: 1.4 },
  });
  const entries = [];
  let t = 0;
  while (entries.length < n) {
    t += 3;
    const api = apis[Math.floor(r() * apis.length)];
    const url = `${api}/v1/items/${Math.floor(r() * 5000)}?page=${Math.floor(r() * 10)}`;
    const k = r();
    if (k < 0.35) entries.push(entry('GET', url, t, reqHeaders(), 200, resHeaders([{ name: 'Access-Control-Allow-Origin', value: page }]), 'fetch'));
    else if (k < 0.45) entries.push(entry('GET', url, t, reqHeaders(), 200, resHeaders(), 'fetch', 'net::ERR_FAILED'));
    else if (k < 0.5) entries.push(entry('GET', `${page}/static/${Math.floor(r() * 900)}.js`, t, [{ name: 'Referer', value: `${page}/` }], 200, resHeaders(), 'script'));
    else if (k < 0.8) {
      const ok = r() < 0.8;
      entries.push(entry('PUT', url, t, reqHeaders([{ name: 'Content-Type', value: 'application/json' }, { name: 'X-Api-Key', value: 'k' }]), ok ? 200 : 0, ok ? resHeaders([{ name: 'Access-Control-Allow-Origin', value: page }]) : [], 'fetch', ok ? null : 'net::ERR_FAILED'));
      entries.push(entry('OPTIONS', url, t + 2, reqHeaders([{ name: 'Access-Control-Request-Method', value: 'PUT' }, { name: 'Access-Control-Request-Headers', value: 'content-type,x-api-key' }]), 204,
        resHeaders([{ name: 'Access-Control-Allow-Origin', value: page }, { name: 'Access-Control-Allow-Methods', value: ok ? 'GET, PUT' : 'GET' }, { name: 'Access-Control-Allow-Headers', value: 'content-type, x-api-key' }]), 'preflight', null,
        { initiator: { type: 'preflight', url, requestId: String(entries.length) } }));
    } else if (k < 0.9) {
      entries.push(entry('GET', url, t, reqHeaders(), 302, resHeaders([{ name: 'Access-Control-Allow-Origin', value: page }, { name: 'Location', value: `${url}&v=2` }]), 'fetch', null, { redirectURL: `${url}&v=2` }));
      entries.push(entry('GET', `${url}&v=2`, t + 1, reqHeaders(), 200, resHeaders([{ name: 'Access-Control-Allow-Origin', value: '*' }]), 'fetch'));
    } else entries.push(entry('POST', url, t, reqHeaders([{ name: 'Content-Type', value: 'text/plain' }]), 500, resHeaders(), 'fetch', 'net::ERR_FAILED'));
  }
  entries.length = n;
  return { log: { version: '1.2', creator: { name: 'WebInspector', version: '537.36' }, pages: [{ id: 'page_1', title: `${page}/`, startedDateTime: new Date(base).toISOString(), pageTimings: {} }], entries } };
}
