// Browser side of the CORS lab page (served as /lab-client.js by scripts/lab/server.mjs).
// Exposes window.runScenario(id) → Promise<{ ok, status, error, type }> that settles once
// the request (or each repeated request) has finished, and wires one button per scenario.
'use strict';

(function () {
  const table = JSON.parse(document.getElementById('lab-scenarios').textContent);
  const byId = new Map(table.map((s) => [s.id, s]));
  /** Requests that never settle (should not happen) give up after this long. */
  const TIMEOUT_MS = 15000;

  function withTimeout(promise) {
    return Promise.race([
      promise,
      new Promise((resolve) => setTimeout(() => resolve({ ok: false, status: 0, error: 'timeout', type: null }), TIMEOUT_MS)),
    ]);
  }

  async function runFetch(req, win) {
    const init = {};
    if (req.method) init.method = req.method;
    if (req.headers && req.headers.length) init.headers = req.headers;
    if (req.body !== undefined) init.body = req.body;
    if (req.credentials) init.credentials = req.credentials;
    if (req.mode) init.mode = req.mode;
    if (req.redirect) init.redirect = req.redirect;
    try {
      const res = await win.fetch(req.url, init);
      // Read the body so the request has fully finished when the promise settles.
      await res.text().catch(() => '');
      return { ok: res.ok, status: res.status, error: null, type: res.type };
    } catch (error) {
      return { ok: false, status: 0, error: String(error), type: null };
    }
  }

  function runXhr(req) {
    return new Promise((resolve) => {
      const xhr = new XMLHttpRequest();
      try {
        xhr.open(req.method || 'GET', req.url);
        for (const [name, value] of req.headers || []) xhr.setRequestHeader(name, value);
        if (req.credentials === 'include') xhr.withCredentials = true;
        // Any upload listener sets the use-CORS-preflight flag (XHR spec, send() step).
        if (req.uploadListener) xhr.upload.addEventListener('progress', () => {});
      } catch (error) {
        resolve({ ok: false, status: 0, error: String(error), type: null });
        return;
      }
      xhr.onload = () => resolve({ ok: xhr.status >= 200 && xhr.status < 300, status: xhr.status, error: null, type: 'xhr' });
      xhr.onerror = () => resolve({ ok: false, status: 0, error: 'XMLHttpRequest error event', type: null });
      xhr.onabort = () => resolve({ ok: false, status: 0, error: 'XMLHttpRequest abort event', type: null });
      try {
        xhr.send(req.body === undefined ? null : req.body);
      } catch (error) {
        resolve({ ok: false, status: 0, error: String(error), type: null });
      }
    });
  }

  function runElement(req) {
    return new Promise((resolve) => {
      const el = req.kind === 'img' ? new Image() : document.createElement('script');
      el.crossOrigin = 'anonymous';
      el.onload = () => { el.remove(); resolve({ ok: true, status: 0, error: null, type: req.kind }); };
      el.onerror = () => { el.remove(); resolve({ ok: false, status: 0, error: `${req.kind} error event`, type: null }); };
      el.src = req.url;
      if (req.kind === 'script') document.head.appendChild(el);
    });
  }

  const frames = new Map();
  /** A same-origin iframe (loaded once) whose window makes the request. */
  function frameWindow(name) {
    if (!frames.has(name)) {
      frames.set(name, new Promise((resolve) => {
        const iframe = document.createElement('iframe');
        iframe.title = `${name} test frame`;
        iframe.src = `/frame/${name}`;
        iframe.className = 'lab-frame';
        iframe.onload = () => resolve(iframe.contentWindow);
        document.body.appendChild(iframe);
      }));
    }
    return frames.get(name);
  }

  let nextToken = 1;
  /** The sandboxed frame is cross-origin (opaque) to the page: talk to it with postMessage. */
  async function runInSandbox(req) {
    const win = await frameWindow('sandbox');
    const token = `lab-${nextToken++}`;
    return new Promise((resolve) => {
      function onMessage(event) {
        if (event.source !== win || !event.data || event.data.token !== token) return;
        window.removeEventListener('message', onMessage);
        resolve(event.data.result);
      }
      window.addEventListener('message', onMessage);
      win.postMessage({ token, req }, '*');
    });
  }

  async function runOnce(req) {
    if (req.kind === 'xhr') return runXhr(req);
    if (req.kind === 'img' || req.kind === 'script') return runElement(req);
    if (req.frame === 'sandbox') return runInSandbox(req);
    const win = req.frame ? await frameWindow(req.frame) : window;
    return runFetch(req, win);
  }

  function show(id, text) {
    const out = document.querySelector(`output[data-result-for="${id}"]`);
    if (out) out.textContent = text;
  }

  function describe(result) {
    if (result.error) return `Failed: ${result.error}`;
    if (result.type === 'opaque' || result.type === 'opaqueredirect') return `Done: ${result.type} response (script cannot read it).`;
    return `Done: HTTP ${result.status}${result.ok ? '' : ' (an HTTP error, but readable)'}.`;
  }

  /** Runs one scenario (all its repeats, one after the other) and resolves with the last result. */
  window.runScenario = async function runScenario(id) {
    const scenario = byId.get(id);
    if (!scenario) throw new Error(`unknown scenario ${id}`);
    const repeat = scenario.request.repeat || 1;
    const calls = [];
    show(id, 'Running…');
    for (let i = 0; i < repeat; i += 1) calls.push(await withTimeout(runOnce(scenario.request)));
    const last = calls[calls.length - 1];
    show(id, repeat > 1 ? calls.map((c, i) => `Call ${i + 1}: ${describe(c)}`).join(' ') : describe(last));
    return { ...last, calls };
  };

  /** Ids of every scenario, in page order. */
  window.labScenarioIds = table.map((s) => s.id);

  document.addEventListener('click', (event) => {
    const button = event.target.closest('button[data-scenario]');
    if (button) window.runScenario(button.dataset.scenario);
  });
  document.getElementById('run-all').addEventListener('click', async () => {
    const status = document.getElementById('run-all-status');
    for (const [i, id] of window.labScenarioIds.entries()) {
      status.textContent = `Running ${i + 1} of ${window.labScenarioIds.length}: ${id}`;
      await window.runScenario(id);
    }
    status.textContent = `Ran ${window.labScenarioIds.length} scenarios.`;
  });
})();
