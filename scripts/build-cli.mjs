// Bundles the CLI (src/cli/entry.ts + the pure engine) into one ESM file for Node, and the engine
// alone (src/core/index.ts) for the benchmark and the lab scripts.
import { build } from 'esbuild';

const common = { bundle: true, format: 'esm', logLevel: 'warning', legalComments: 'none' };
await Promise.all([
  build({ ...common, entryPoints: ['src/cli/entry.ts'], platform: 'node', target: 'node20', outfile: 'dist/cli/cors-lens.mjs' }),
  build({ ...common, entryPoints: ['src/core/index.ts'], platform: 'neutral', target: 'es2022', outfile: 'dist/core/cors-lens-core.mjs' }),
]);
