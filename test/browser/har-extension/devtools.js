// Test-only devtools_page: the browser tests evaluate these globals in this frame
// (puppeteer, handleDevToolsAsPage) to read what a DevTools extension really sees.
'use strict';

/** The HAR of the inspected tab, exactly as chrome.devtools.network.getHAR() returns it. */
globalThis.corsLensLabGetHar = () => new Promise((resolve) => chrome.devtools.network.getHAR(resolve));

/** How many onRequestFinished events fired (a cheap progress signal). */
globalThis.corsLensLabFinishedCount = 0;
chrome.devtools.network.onRequestFinished.addListener(() => {
  globalThis.corsLensLabFinishedCount += 1;
});
