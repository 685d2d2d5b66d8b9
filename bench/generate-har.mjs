// A realistic large Chromium HAR: a page on one origin calling two APIs — simple and preflighted
// requests, CORS failures of several kinds, redirects, same-origin assets — with DevTools' fields,
// header sets, initiator stacks and JSON bodies as Chrome writes them. Its density (about 4 KB per
// entry) is that of the leanest real DevTools export in shared/har-samples (3.9 KB/entry; they range
// up to 71 KB/entry, median about 10 KB/entry).
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
    { name: 'Server', value: 'nginx' }, { name: 'Vary', value: 'Origin' }, { name: 'Cache-Control', value: 'private, max-age=0, must-revalidate' },
    { name: 'Content-Encoding', value: 'gzip' }, { name: 'X-Content-Type-Options', value: 'nosniff' },
    { name: 'Strict-Transport-Security', value: 'max-age=31536000; includeSubDomains' }, { name: 'X-Request-Id', value: 'f3b2c1d0-9e8f-4a7b-8c6d-5e4f3a2b1c0d' },
    { name: 'ETag', value: 'W/"5f-1a2b3c4d5e6f"' }, ...extra,
  ];
  // A JSON body of a list API, 1–2.5 KB.
  const body = () => JSON.stringify({ items: Array.from({ length: 8 + Math.floor(r() * 14) }, (_, i) => ({ id: i + 1000, name: `Item ${i}`, price: Math.round(r() * 10000) / 100, tags: ['a', 'b'], updated: '2026-11-21T10:00:00Z' })), next: '/v1/items?page=2' });
  const stack = { callFrames: [
    { functionName: 'request', scriptId: '12', url: `${page}/assets/vendor-7f3a9c.js`, lineNumber: 1, columnNumber: 48211 },
    { functionName: 'fetchItems', scriptId: '14', url: `${page}/assets/index-2b9d1e.js`, lineNumber: 1, columnNumber: 9152 },
    { functionName: '', scriptId: '14', url: `${page}/assets/index-2b9d1e.js`, lineNumber: 1, columnNumber: 10007 },
  ], parent: { description: 'Promise.then', callFrames: [{ functionName: 'load', scriptId: '14', url: `${page}/assets/index-2b9d1e.js`, lineNumber: 1, columnNumber: 7333 }] } };
  const entry = (method, url, t, headers, status, rHeaders, type, error, extra = {}) => ({
    startedDateTime: new Date(base + t).toISOString(), time: 12.5, _resourceType: type, _priority: 'High',
    _initiator: extra.initiator ?? { type: 'script', stack },
    _connectionId: '48213',
    request: { method, url, httpVersion: 'http/2.0', headers, queryString: [{ name: 'page', value: String(Math.floor(r() * 10)) }], cookies: [], headersSize: -1, bodySize: 0 },
    response: (() => {
      const text = status >= 200 && status < 300 && !error && method !== 'OPTIONS' ? body() : '';
      return { status, statusText: status ? 'OK' : '', httpVersion: 'http/2.0', headers: rHeaders, cookies: [], content: { size: text.length, mimeType: 'application/json', ...(text ? { text } : {}) }, redirectURL: extra.redirectURL ?? '', headersSize: -1, bodySize: text.length, _transferSize: text.length + 400, _error: error ?? null, _fetchedViaServiceWorker: false };
    })(),
    cache: {}, timings: { blocked: 1.2, dns: -1, ssl: -1, connect: -1, send: 0.1, wait: 10.3, receive: 1.4, _blocked_queueing: 0.9, _workerStart: -1, _workerReady: -1, _workerFetchStart: -1, _workerRespondWithSettled: -1 },
    serverIPAddress: '203.0.113.10',
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
