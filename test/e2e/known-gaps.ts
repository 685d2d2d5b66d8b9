/**
 * Ledger of known differences between the panel (the engine over what a DevTools extension sees)
 * and Chrome's own CDP verdict, per lab scenario: `"<scenario>: <field>"` → why.
 * The end-to-end test asserts the differences are exactly these, so a new difference fails it, and
 * a fixed one fails it too until it is removed here. Measured with Chromium 156.0.8078.79.
 *
 * Fields: `corsError` = the reason in the list differs; `console` = same reason, different Chrome
 * console line; `rows` = a different number of requests.
 */
// Empty since the engine fixes of 2026-11-22: every lab scenario's reason and Chrome console line
// equal Chromium 156's (133 requests compared, 89 of them blocked).
export const KNOWN_GAPS: Record<string, string> = {};

/**
 * Firefox ESR 153: scenarios where the Firefox console lines the panel shows (the engine's Firefox
 * wording over the Firefox HAR) differ from what Firefox printed.
 */
export const FIREFOX_KNOWN_GAPS: Record<string, string> = {
  'acac-empty': "engine shows no Firefox line: the Firefox HAR has no credentials mode or no error, so the verdict is unknown",
  'acac-missing': "engine shows no Firefox line: the Firefox HAR has no credentials mode or no error, so the verdict is unknown",
  'acac-missing-xhr': "engine shows no Firefox line: the Firefox HAR has no credentials mode or no error, so the verdict is unknown",
  'acac-one': "engine shows no Firefox line: the Firefox HAR has no credentials mode or no error, so the verdict is unknown",
  'acac-two-lines': "engine shows no Firefox line: the Firefox HAR has no credentials mode or no error, so the verdict is unknown",
  'acac-uppercase': "engine shows no Firefox line: the Firefox HAR has no credentials mode or no error, so the verdict is unknown",
  'actual-acac-missing-after-preflight': "engine shows no Firefox line: the Firefox HAR has no credentials mode or no error, so the verdict is unknown",
  'connection-refused-preflighted': "engine shows no Firefox line: the Firefox HAR has no credentials mode or no error, so the verdict is unknown",
  'header-wildcard-with-credentials': "engine shows no Firefox line: the Firefox HAR has no credentials mode or no error, so the verdict is unknown",
  'method-patch-lowercase': "engine prints 'CORS preflight response did not succeed' where Firefox prints 'Did not find method in CORS header'",
  'method-put-not-listed': "engine prints 'CORS preflight response did not succeed' where Firefox prints 'Did not find method in CORS header'",
  'method-wildcard-with-credentials': "engine shows no Firefox line: the Firefox HAR has no credentials mode or no error, so the verdict is unknown",
  'preflight-acac-missing-xhr': "engine shows no Firefox line: the Firefox HAR has no credentials mode or no error, so the verdict is unknown",
  'preflight-wildcard-with-credentials-xhr': "engine shows no Firefox line: the Firefox HAR has no credentials mode or no error, so the verdict is unknown",
  'redirect-contains-credentials': "engine shows no Firefox line: the Firefox HAR has no credentials mode or no error, so the verdict is unknown",
  'redirect-preflighted-307': "engine shows no Firefox line: the Firefox HAR has no credentials mode or no error, so the verdict is unknown",
  'redirect-too-many': "engine shows no Firefox line: the Firefox HAR has no credentials mode or no error, so the verdict is unknown",
  'wildcard-with-credentials': "engine shows no Firefox line: the Firefox HAR has no credentials mode or no error, so the verdict is unknown",
  'wildcard-with-credentials-xhr': "engine shows no Firefox line: the Firefox HAR has no credentials mode or no error, so the verdict is unknown",
};
