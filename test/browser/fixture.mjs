// The committed capture fixture (test/fixtures/captured/chromium-lab.json): what it holds and
// how it is written. Shared by scripts/lab/capture.mjs and the differential browser test.

import { scenarios } from '../../scripts/lab/scenarios.mjs';

/** Repository-relative path of the fixture. */
export const FIXTURE_PATH = 'test/fixtures/captured/chromium-lab.json';

/**
 * The fixture object: Chromium version, lab origins of that run, the scenario table summary,
 * the extension's HAR and the CDP oracle.
 * @param {import('./capture.d.mts').Capture} capture
 */
export function fixtureFromCapture(capture) {
  return {
    description:
      'CORS lab captured in real Chromium: `har` is what a DevTools extension gets from chrome.devtools.network.getHAR(); `oracle` is Chromium\'s own verdict per request from CDP (Network.loadingFailed.corsErrorStatus, Log.entryAdded). Written by scripts/lab/capture.mjs.',
    chromium: capture.chromium,
    puppeteer: capture.puppeteer,
    lab: capture.lab,
    scenarios: capture.scenarioIds.map((id) => {
      const s = scenarios.find((x) => x.id === id);
      return { id, group: s?.group ?? null, title: s?.title ?? null, expect: s?.expect ?? null };
    }),
    oracle: capture.oracle,
    har: capture.har,
  };
}
