#!/usr/bin/env node
// Runs the CORS lab on its own until Ctrl+C: `node scripts/lab/serve.mjs [pagePort] [apiPort] [otherPort]`.
// Open the printed page URL in Chrome, open DevTools and click the buttons.

import { startLab } from './server.mjs';
import { scenarios } from './scenarios.mjs';

const [pagePort = 0, apiPort = 0, otherPort = 0] = process.argv.slice(2).map((p) => {
  const n = Number(p);
  if (!Number.isInteger(n) || n < 0 || n > 65535) {
    process.stderr.write(`cors-lens lab: "${p}" is not a port number (0-65535)\n`);
    process.exit(2);
  }
  return n;
});

const lab = await startLab({ pagePort, apiPort, otherPort }).catch((error) => {
  process.stderr.write(`cors-lens lab: cannot start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
process.stdout.write(
  `CORS Lens lab: ${scenarios.length} scenarios\n  page  ${lab.pageUrl}\n  api   ${lab.apiOrigin}\n  other ${lab.otherOrigin}\nPress Ctrl+C to stop.\n`,
);
const stop = () => lab.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
