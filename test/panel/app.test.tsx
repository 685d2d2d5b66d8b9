// @vitest-environment happy-dom
/**
 * The panel UI over the same store the live capture feeds, with Chromium 156's real capture of the
 * CORS lab (test/fixtures/captured). Rendering is Preact into happy-dom; no mocks of the UI.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { App } from '../../src/panel/components/App.js';
import { installInertGuard } from '../../src/panel/inert.js';
import { PanelStore } from '../../src/panel/store.js';
import type { Prefs } from '../../src/panel/hooks.js';
import { scenarioIdOfUrl } from '../../scripts/lab/scenarios.mjs';
import { fastScheduler, labCapture, labUrl, storeFromLab } from './helpers.js';

beforeAll(() => installInertGuard());
afterEach(() => cleanup());

function memoryPrefs(initial: Record<string, unknown> = {}): Prefs & { data: Map<string, unknown> } {
  const data = new Map(Object.entries(initial));
  return {
    data,
    load: async <T,>(key: string) => data.get(key) as T | undefined,
    save: async (key: string, value: unknown) => void data.set(key, value),
  };
}

async function renderLab(prefs = memoryPrefs()) {
  const store = await storeFromLab();
  const view = render(<App live={store} prefs={prefs} browser="chrome" theme="light" createFileStore={() => new PanelStore({ source: 'other', scheduler: fastScheduler() })} />);
  await waitFor(() => expect(screen.getAllByRole('option').length).toBeGreaterThan(5));
  return { store, prefs, view };
}

function rowFor(scenario: string): HTMLElement {
  const row = screen.getAllByRole('option').find((el) => scenarioIdOfUrl(el.querySelector('.cell.url')?.getAttribute('title') ?? '') === scenario);
  if (!row) throw new Error(`no row for ${scenario}`);
  return row;
}

async function open(store: PanelStore, scenario: string): Promise<void> {
  fireEvent.input(screen.getByLabelText('Filter requests'), { target: { value: `/s/${scenario}` } });
  await waitFor(() => rowFor(scenario));
  fireEvent.mouseDown(rowFor(scenario));
  await waitFor(() => expect(scenarioIdOfUrl(store.selected?.url ?? '')).toBe(scenario));
  await waitFor(() => screen.getByRole('tablist', { name: 'Detail views' }));
}

describe('list', () => {
  it('shows each exchange with method, status, verdict and reason; preflights are folded', async () => {
    const { store } = await renderLab();
    await open(store, 'method-put-not-listed');
    const row = rowFor('method-put-not-listed');
    expect(row.textContent).toContain('PUT');
    expect(row.textContent).toContain('+ preflight');
    expect(row.textContent).toContain('Blocked');
    expect(row.textContent).toContain('MethodDisallowedByPreflightResponse');
    expect(screen.getAllByRole('option').every((el) => !el.textContent?.startsWith('OPTIONS'))).toBe(true);
  });

  it('renders only the visible rows (virtualised)', async () => {
    const { store } = await renderLab();
    expect(store.rows().length).toBeGreaterThan(100);
    expect(screen.getAllByRole('option').length).toBeLessThan(60);
  });

  it('"CORS problems only" hides allowed and same-origin requests', async () => {
    await renderLab();
    fireEvent.click(screen.getByLabelText('CORS problems only'));
    await waitFor(() => {
      const verdicts = screen.getAllByRole('option').map((el) => el.getAttribute('data-verdict'));
      expect(verdicts).not.toContain('allowed');
      expect(verdicts).not.toContain('same-origin');
    });
  });

  it('is usable with the keyboard: arrows, Home/End, Enter opens the detail', async () => {
    const { store } = await renderLab();
    fireEvent.input(screen.getByLabelText('Filter requests'), { target: { value: '/s/acac-' } });
    await waitFor(() => expect(store.rows().length).toBeGreaterThanOrEqual(6));
    const list = screen.getByRole('listbox');
    list.focus();
    fireEvent.focus(list);
    const rows = store.rows();
    await waitFor(() => expect(store.selectedIndex).toBe(rows[0]!.entry));
    fireEvent.keyDown(list, { key: 'ArrowDown' });
    expect(store.selectedIndex).toBe(rows[1]!.entry);
    fireEvent.keyDown(list, { key: 'End' });
    expect(store.selectedIndex).toBe(rows.at(-1)!.entry);
    fireEvent.keyDown(list, { key: 'ArrowUp' });
    expect(store.selectedIndex).toBe(rows.at(-2)!.entry);
    fireEvent.keyDown(list, { key: 'Home' });
    expect(store.selectedIndex).toBe(rows[0]!.entry);
    await waitFor(() => expect(list.getAttribute('aria-activedescendant')).toBe(`exchange-${rows[0]!.entry}`));
    fireEvent.keyDown(list, { key: 'Enter' });
    await waitFor(() => expect(document.activeElement?.classList.contains('detail-title')).toBe(true));
  });

  it('shows a notice instead of growing past the cap', async () => {
    const store = new PanelStore({ source: 'chrome', scheduler: fastScheduler(), cap: 40 });
    store.addEntries(labCapture().har.log.entries.slice(0, 60));
    await store.idle();
    render(<App live={store} prefs={memoryPrefs()} browser="chrome" theme="light" />);
    await waitFor(() => screen.getByTestId('cap-notice'));
    expect(screen.getByTestId('cap-notice').textContent).toContain('only the first 40 requests are kept; 20 later ones were not');
  });
});

describe('detail', () => {
  it('explains a blocked simple request: reason, MDN link, console lines of three browsers', async () => {
    const { store } = await renderLab();
    await open(store, 'acao-missing');
    const x = store.selected!;
    expect(screen.getByTestId('cors-error').textContent).toBe('MissingAllowOriginHeader');
    expect(screen.getByTestId('verdict-sentence').textContent).toMatch(/^Blocked/);
    expect(screen.getAllByTestId('console-chrome').map((e) => e.textContent)).toEqual(x.browsers.chrome.console);
    expect(screen.getAllByTestId('console-firefox').map((e) => e.textContent)).toEqual(x.browsers.firefox.console);
    expect(screen.getAllByTestId('console-safari').map((e) => e.textContent)).toEqual(x.browsers.safari.console);
    const links = [...document.querySelectorAll('a')].map((a) => a.getAttribute('href'));
    expect(links.length).toBeGreaterThan(0);
    expect(links.every((h) => h?.startsWith('https://developer.mozilla.org/'))).toBe(true);
    // The missing header is shown as missing and highlighted.
    const culprit = document.querySelector('tr.culprit');
    expect(culprit?.textContent).toContain('Access-Control-Allow-Origin');
    expect(culprit?.textContent).toContain('missing');
  });

  it('shows why a preflight was needed and both sides of a failed preflight', async () => {
    const { store } = await renderLab();
    await open(store, 'header-not-listed');
    const why = screen.getByText('Why a preflight was sent').parentElement!;
    expect(why.textContent).toMatch(/not one of the CORS-safelisted request headers/);
    expect(screen.getByText('Preflight request')).toBeTruthy();
    expect(screen.getByText('Preflight response')).toBeTruthy();
    expect(document.querySelector('tr.culprit')?.textContent).toMatch(/Access-Control-(Allow|Request)-Headers/i);
    expect(screen.getByText(/Never sent: the browser stopped after the preflight/)).toBeTruthy();
  });

  it('lists the redirect chain', async () => {
    const { store } = await renderLab();
    await open(store, 'redirect-same-to-cross-ok');
    const chain = screen.getByText('Redirect chain').parentElement!;
    expect(within(chain).getAllByRole('listitem').length).toBeGreaterThanOrEqual(2);
    expect(chain.textContent).toContain(store.selected!.finalUrl);
  });

  it('says when the preflight is not in the capture (preflight cache)', async () => {
    const { store } = await renderLab();
    fireEvent.input(screen.getByLabelText('Filter requests'), { target: { value: '/s/success-cached-preflight' } });
    await waitFor(() => expect(store.rows().length).toBe(2));
    const second = store.rows().find((x) => x.preflight.status === 'cached-or-not-captured');
    expect(second).toBeDefined();
    const row = await waitFor(() => {
      const el = document.getElementById(`exchange-${second!.entry}`);
      if (!el) throw new Error('row not rendered yet');
      return el;
    });
    fireEvent.mouseDown(row);
    await waitFor(() => expect(store.selectedIndex).toBe(second!.entry));
    await waitFor(() => screen.getByTestId('preflight-missing'));
    expect(screen.getByTestId('preflight-missing').textContent).toContain('preflight cache');
  });

  it('shows the outcome under each assumption when the capture cannot decide', async () => {
    const { store } = await renderLab();
    const undecided = store.exchanges().find((x) => x.verdict === 'unknown' && x.alternatives.length >= 2);
    expect(undecided).toBeDefined();
    await open(store, scenarioIdOfUrl(undecided!.url)!);
    const table = await waitFor(() => document.querySelector('table.alternatives')!);
    expect(table.querySelectorAll('tbody tr').length).toBe(undecided!.alternatives.length);
    for (const a of undecided!.alternatives) expect(table.textContent).toContain(a.assumption);
    expect(screen.getByText('What the capture cannot tell')).toBeTruthy();
  });

  it('lists look-alikes that are not CORS header problems', async () => {
    const { store } = await renderLab();
    await open(store, 'proxy-502-without-cors');
    const section = screen.getByText('Not (only) a CORS problem').parentElement!;
    expect(section.textContent).toMatch(/502/);
  });
});

describe('learn view', () => {
  it('walks through preflight, checks and outcome, marking the failing check', async () => {
    const { store } = await renderLab();
    await open(store, 'preflight-status-401');
    fireEvent.click(screen.getByRole('tab', { name: 'Learn' }));
    await waitFor(() => document.querySelector('.steps'));
    const steps = [...document.querySelectorAll('.step')];
    const failed = steps.filter((s) => s.getAttribute('data-state') === 'fail').map((s) => s.textContent);
    expect(failed[0]).toContain('Is the status 2xx');
    expect(steps.some((s) => s.textContent?.includes('OPTIONS'))).toBe(true);
    const passed = steps.filter((s) => s.getAttribute('data-state') === 'ok').map((s) => s.textContent ?? '');
    expect(passed.some((t) => t.includes('Is there an Access-Control-Allow-Origin header?'))).toBe(true);
  });

  it('tells a successful preflighted request to the end', async () => {
    const { store } = await renderLab();
    await open(store, 'success-preflighted-put');
    fireEvent.click(screen.getByRole('tab', { name: 'Learn' }));
    await waitFor(() => document.querySelector('.steps'));
    const states = [...document.querySelectorAll('.step')].map((s) => s.getAttribute('data-state'));
    expect(states).not.toContain('fail');
    expect(document.querySelector('.step:last-child')?.textContent).toContain('The page can read the response');
  });
});

describe('what if', () => {
  it('recomputes the verdict as the response is edited', async () => {
    const { store } = await renderLab();
    await open(store, 'acao-mismatch-other-site');
    fireEvent.click(screen.getByRole('tab', { name: 'What if' }));
    const result = await waitFor(() => screen.getByTestId('whatif-result'));
    expect(result.getAttribute('data-cors-error')).toBe('AllowOriginMismatch');
    const values = screen.getAllByLabelText(/Response headers: value of header/) as HTMLInputElement[];
    const acao = values.find((i) => i.value === 'http://evil.example')!;
    fireEvent.input(acao, { target: { value: store.selected!.origin } });
    await waitFor(() => expect(screen.getByTestId('whatif-result').getAttribute('data-verdict')).toBe('allowed'));
    fireEvent.input(acao, { target: { value: '*' } });
    await waitFor(() => expect(screen.getByTestId('whatif-result').getAttribute('data-verdict')).toBe('allowed'));
    fireEvent.click(screen.getByLabelText('Send credentials (cookies)'));
    await waitFor(() => expect(screen.getByTestId('whatif-result').getAttribute('data-cors-error')).toBe('WildcardOriginNotAllowed'));
  });

  it('fixes a failed preflight with the one-click edits', async () => {
    const { store } = await renderLab();
    await open(store, 'header-not-listed');
    fireEvent.click(screen.getByRole('tab', { name: 'What if' }));
    await waitFor(() => expect(screen.getByTestId('whatif-result').getAttribute('data-cors-error')).toBe('HeaderDisallowedByPreflightResponse'));
    fireEvent.click(screen.getByRole('button', { name: /^Allow the headers / }));
    await waitFor(() => expect(screen.getByTestId('whatif-result').getAttribute('data-verdict')).toBe('allowed'));
    fireEvent.click(screen.getByRole('button', { name: 'Reset to captured' }));
    await waitFor(() => expect(screen.getByTestId('whatif-result').getAttribute('data-verdict')).toBe('blocked'));
  });
});

describe('fix and export', () => {
  it('renders one tab per server, remembers the choice', { timeout: 30_000 }, async () => {
    const { store, prefs } = await renderLab();
    await open(store, 'acao-missing');
    fireEvent.click(screen.getByRole('tab', { name: 'Fix' }));
    const tablist = await waitFor(() => screen.getByRole('tablist', { name: 'Server software' }), { timeout: 20_000 });
    const tabs = within(tablist).getAllByRole('tab');
    expect(tabs.length).toBeGreaterThanOrEqual(5);
    expect(tabs[0]!.getAttribute('aria-selected')).toBe('true');
    const nginx = tabs.find((t) => t.getAttribute('data-server') === 'nginx')!;
    fireEvent.click(nginx);
    await waitFor(() => expect(screen.getByTestId('fix-panel').getAttribute('data-server')).toBe('nginx'));
    expect(screen.getByTestId('fix-panel').textContent).toMatch(/add_header|Access-Control-Allow-Origin/);
    expect(prefs.data.get('fix.server')).toBe('nginx');
  });

  it('previews exactly what is shared, with per-rule toggles that are remembered', { timeout: 30_000 }, async () => {
    const { store, prefs } = await renderLab();
    await open(store, 'success-credentialed-get');
    fireEvent.click(screen.getByRole('tab', { name: 'Export report' }));
    const preview = (await waitFor(() => screen.getByTestId('export-preview'), { timeout: 20_000 })) as HTMLTextAreaElement;
    await waitFor(() => expect(preview.value.length).toBeGreaterThan(100));
    expect(preview.value).toContain(store.selected!.url);
    fireEvent.click(screen.getByLabelText('JSON'));
    await waitFor(() => expect(() => JSON.parse((screen.getByTestId('export-preview') as HTMLTextAreaElement).value)).not.toThrow());
    expect(prefs.data.get('export.format')).toBe('json');
    const cookies = screen.getByLabelText('Cookie values') as HTMLInputElement;
    expect(cookies.checked).toBe(true);
    fireEvent.click(cookies);
    expect(prefs.data.get('export.redaction')).toMatchObject({ cookies: false });
  });
});

describe('HAR import and console paste', () => {
  const file = (name: string, text: string) => new File([text], name, { type: 'application/json' });

  it('a bad file gives a one-line error and keeps the capture', async () => {
    const { store } = await renderLab();
    const before = store.rows().length;
    const input = screen.getByLabelText('HAR file to import') as HTMLInputElement;
    Object.defineProperty(input, 'files', { value: [file('broken.har', '{"log": ')], configurable: true });
    fireEvent.change(input);
    const error = await waitFor(() => screen.getByTestId('import-error'));
    expect(error.textContent).toMatch(/^Could not import broken\.har: not valid JSON/);
    expect(screen.getAllByRole('option').length).toBeGreaterThan(5);
    expect(store.rows().length).toBe(before);
  });

  it('a dropped HAR opens in place of the live capture, which comes back', async () => {
    const { store } = await renderLab();
    const har = { log: { version: '1.2', creator: { name: 'Firefox', version: '153' }, entries: labCapture().har.log.entries.slice(0, 12) } };
    const app = document.querySelector('.app')!;
    fireEvent.drop(app, { dataTransfer: { files: [file('firefox.har', JSON.stringify(har))], types: ['Files'] } });
    await waitFor(() => expect(document.querySelector('.file-chip')?.textContent).toContain('firefox.har'));
    await waitFor(() => expect(screen.getByRole('status').textContent).toMatch(/\b\d+ requests/));
    fireEvent.click(screen.getByRole('button', { name: 'Back to live capture' }));
    await waitFor(() => expect(document.querySelector('.file-chip')).toBeNull());
    expect(store.rows().length).toBeGreaterThan(100);
  });

  it('explains a pasted Firefox console line without any capture', async () => {
    render(<App live={new PanelStore({ source: 'chrome', scheduler: fastScheduler() })} prefs={memoryPrefs()} browser="chrome" theme="dark" />);
    expect(screen.getByText('No requests yet')).toBeTruthy();
    expect(document.documentElement.dataset.theme).toBe('dark');
    fireEvent.click(screen.getByRole('button', { name: 'Explain a console error' }));
    fireEvent.input(screen.getByLabelText(/Paste the red CORS line/), {
      target: { value: 'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at https://api.example.com/x. (Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 200.' },
    });
    const result = await waitFor(() => screen.getByTestId('paste-result'));
    expect(result.getAttribute('data-cors-error')).toBe('MissingAllowOriginHeader');
    expect(result.textContent).toContain('Firefox');
  });
});

describe('hostile input renders as inert text', () => {
  const payload = '<img src=x onerror="document.title=\'PWNED\'"><script>document.title="PWNED"</script>';
  const big = 'A'.repeat(100 * 1024);
  const control = 'before\u0001\u001b[31m\u007fafter';

  function hostileEntry() {
    const e = structuredClone(labCapture().har.log.entries.find((x) => x.request.url === labUrl('acao-mismatch-other-site'))!);
    e.request.url = `${labUrl('acao-mismatch-other-site')}?q=${encodeURIComponent(payload)}&raw=<b>x</b>`;
    e.request.headers.push({ name: 'X-Payload', value: payload }, { name: 'X-Big', value: big }, { name: 'X-Control', value: control });
    e.response.headers = [
      { name: 'Access-Control-Allow-Origin', value: 'javascript:alert(1)//<img src=x onerror=alert(1)>' },
      { name: 'Location', value: 'javascript:alert(document.domain)' },
      { name: payload, value: payload },
    ];
    return e;
  }

  it('in the list, the detail, the learn view and the what-if editor', async () => {
    document.title = 'panel';
    const store = new PanelStore({ source: 'chrome', scheduler: fastScheduler() });
    store.addEntries([hostileEntry()]);
    await store.idle();
    render(<App live={store} prefs={memoryPrefs()} browser="chrome" theme="light" />);
    const row = await waitFor(() => screen.getByRole('option'));
    fireEvent.mouseDown(row);
    await waitFor(() => screen.getByTestId('verdict-sentence'));
    for (const tab of ['Explain', 'Learn', 'What if']) {
      fireEvent.click(screen.getByRole('tab', { name: tab }));
      await waitFor(() => expect(screen.getByRole('tab', { name: tab }).getAttribute('aria-selected')).toBe('true'));
      expect(document.querySelectorAll('img, script, iframe, object, embed').length).toBe(0);
      expect([...document.querySelectorAll('a')].every((a) => (a.getAttribute('href') ?? '').startsWith('https://developer.mozilla.org/'))).toBe(true);
      expect(document.title).toBe('panel');
    }
    fireEvent.click(screen.getByRole('tab', { name: 'Explain' }));
    await waitFor(() => screen.getByTestId('verdict-sentence'));
    // The payloads are there, as text.
    const text = document.body.textContent ?? '';
    expect(text).toContain('javascript:alert(1)//<img src=x onerror=alert(1)>');
    expect(text).toContain(control);
    expect(text).toContain(big);
    expect(text).toContain(payload);
  });
});
