/**
 * Entry of the panel page (loaded by DevTools the first time the "CORS" tab is shown).
 * Creates the platform host, the live store and its capture, and renders the UI.
 */
import { render } from 'preact';
import { createPanelHost } from '../platform/devtools.js';
import { PanelStore } from './store.js';
import { startCapture } from './capture.js';
import { App } from './components/App.js';
import { installInertGuard } from './inert.js';

installInertGuard();

const host = createPanelHost();
const live = new PanelStore({ source: host.browser });
startCapture(host, live, { visible: () => document.visibilityState !== 'hidden' });

function mount(theme = host.theme()): void {
  render(<App live={live} prefs={host} browser={host.browser} theme={theme} />, document.getElementById('root')!);
}
mount();
host.onThemeChanged((theme) => mount(theme));
