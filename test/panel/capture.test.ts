/**
 * startCapture over a fake DevTools host: getHAR backfill plus onRequestFinished without loss or
 * double counting, navigation resets, and the getHAR polls that catch what onRequestFinished never
 * reports (Firefox: requests whose preflight failed; Chrome: opaque no-cors responses).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Entry } from 'har-format';
import { startCapture, type Capture } from '../../src/panel/capture.js';
import { fakeHost, labCapture, liveStore } from './helpers.js';

const lab = () => labCapture().har.log.entries;
const byScenario = (id: string, method?: string) => lab().find((e) => e.request.url.endsWith(`/s/${id}`) && (!method || e.request.method === method))!;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let capture: Capture | undefined;
afterEach(() => capture?.stop());

describe('startCapture', () => {
  it('backfills from getHAR and streams onRequestFinished, each request once', async () => {
    const host = fakeHost('chrome');
    host.harEntries = lab().slice(0, 20);
    const store = liveStore();
    capture = startCapture(host, store, { pollAfterQuietMs: 10_000 });
    // Finishes while the backfill is in flight: also in the snapshot.
    host.finish(lab()[19]!);
    await capture.ready;
    for (const e of lab().slice(20, 30)) host.finish(e);
    await store.idle();
    expect(store.entryCount).toBe(30);
  });

  it('resets on navigation, keeps everything with Preserve log', async () => {
    const host = fakeHost('chrome');
    const store = liveStore();
    capture = startCapture(host, store, { pollAfterQuietMs: 10_000 });
    await capture.ready;
    for (const e of lab().slice(0, 5)) host.finish(e);
    await store.idle();
    host.navigate('http://127.0.0.1:8001/next');
    expect(store.entryCount).toBe(0);
    for (const e of lab().slice(5, 8)) host.finish(e);
    store.setPreserveLog(true);
    host.navigate('http://127.0.0.1:8001/again');
    await store.idle();
    expect(store.entryCount).toBe(3);
  });

  it('Firefox: polls getHAR after a preflight to find the request it blocked', async () => {
    const host = fakeHost('firefox');
    const store = liveStore({ source: 'firefox' });
    capture = startCapture(host, store, { pollAfterPreflightMs: [20], pollAfterQuietMs: 10_000, pollEveryMs: 0 });
    await capture.ready;
    const options = byScenario('method-put-not-listed', 'OPTIONS');
    const put = byScenario('method-put-not-listed', 'PUT');
    // Firefox fires onRequestFinished for the OPTIONS only; getHAR lists both.
    host.harEntries = [options, put] as Entry[];
    host.finish(options);
    await sleep(80);
    await store.idle();
    expect(store.entryCount).toBe(2);
    expect(store.exchanges().map((x) => x.method)).toEqual(['PUT']);
  });

  it('Chrome: a quiet-time poll picks up a request onRequestFinished never reported', async () => {
    const host = fakeHost('chrome');
    const store = liveStore();
    capture = startCapture(host, store, { pollAfterQuietMs: 30 });
    await capture.ready;
    const seen = byScenario('acao-missing');
    const unseen = byScenario('success-simple-get');
    host.harEntries = [seen, unseen] as Entry[];
    host.finish(seen);
    await sleep(120);
    await store.idle();
    expect(store.entryCount).toBe(2);
  });

  it('a getHAR that never answers does not stop later polls', async () => {
    const host = fakeHost('firefox');
    const store = liveStore({ source: 'firefox' });
    let calls = 0;
    const real = host.getHar.bind(host);
    host.getHar = () => (++calls === 2 ? new Promise(() => {}) : real());
    capture = startCapture(host, store, { pollEveryMs: 20, pollTimeoutMs: 40, pollAfterQuietMs: 10_000 });
    await capture.ready;
    host.harEntries = [byScenario('acao-missing')] as Entry[];
    await sleep(400);
    await store.idle();
    expect(calls).toBeGreaterThan(3);
    expect(store.entryCount).toBe(1);
  });

  it('stops listening when stopped', async () => {
    const host = fakeHost('chrome');
    const store = liveStore();
    capture = startCapture(host, store);
    await capture.ready;
    capture.stop();
    host.finish(lab()[0]!);
    await store.idle();
    expect(store.entryCount).toBe(0);
  });
});
