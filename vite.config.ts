/**
 * Builds the extension for one browser per run: `vite build --mode chrome|firefox` (or the BROWSER
 * environment variable); `npm run build:ext` runs both into dist/chrome and dist/firefox.
 * @crxjs/vite-plugin reads manifest.json. The panel page is created at runtime by
 * devtools.panels.create, so crxjs cannot find it by static analysis: it is listed in
 * rollupOptions.input (see docs/panel.md).
 */
import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';
import { crx, type ManifestV3Export } from '@crxjs/vite-plugin';
import baseManifest from './manifest.json' with { type: 'json' };

type Target = 'chrome' | 'firefox';

function targetOf(mode: string): Target {
  const value = mode === 'chrome' || mode === 'firefox' ? mode : (process.env.BROWSER ?? 'chrome');
  if (value !== 'chrome' && value !== 'firefox') throw new Error(`BROWSER must be chrome or firefox, got ${value}`);
  return value;
}

/** One source manifest; each build drops the keys the other browser owns so neither warns about them. */
export function manifestFor(target: Target): Record<string, unknown> {
  const manifest: Record<string, unknown> = structuredClone(baseManifest);
  if (target === 'chrome') delete manifest.browser_specific_settings;
  else delete manifest.minimum_chrome_version;
  return manifest;
}

export default defineConfig(({ mode }) => {
  const target = targetOf(mode);
  return {
    plugins: [preact(), crx({ manifest: manifestFor(target) as unknown as ManifestV3Export, browser: target })],
    define: { __BROWSER__: JSON.stringify(target) },
    build: {
      outDir: `dist/${target}`,
      emptyOutDir: true,
      target: 'es2022',
      // The module-preload polyfill would fetch() chunks; the extension CSP has connect-src 'none'.
      modulePreload: { polyfill: false },
      sourcemap: false,
      rollupOptions: {
        input: { panel: 'src/panel/panel.html' },
      },
    },
  };
});
