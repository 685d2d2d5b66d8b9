// Bundles the CLI (src/cli/entry.ts + the pure engine) into one ESM file for Node.
import { build } from 'esbuild';

await build({
  entryPoints: ['src/cli/entry.ts'],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  outfile: 'dist/cli/cors-lens.mjs',
  logLevel: 'warning',
  legalComments: 'none',
});
