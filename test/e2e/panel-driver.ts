/**
 * Drives the real CORS panel (a chrome-extension:// frame inside DevTools) the way a user does:
 * typing into the filter, clicking rows, switching tabs, and reads back what is on screen.
 */
import type { Frame } from 'puppeteer-core';

export interface PanelRow {
  entry: number;
  url: string;
  verdict: string;
  corsError: string;
  text: string;
}

export interface PanelDetail {
  title: string;
  verdictSentence: string;
  corsError: string | null;
  failedParameter: string | null;
  chromeConsole: string[];
  firefoxConsole: string[];
  safariConsole: string[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until the status line no longer says "analysing" and the row count is stable. */
export async function waitForIdle(frame: Frame, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  let stableSince = Date.now();
  while (Date.now() < deadline) {
    const status = await frame.$eval('.statusbar', (el) => el.textContent ?? '').catch(() => '');
    if (status !== last) {
      last = status;
      stableSince = Date.now();
    } else if (!status.includes('analysing') && Date.now() - stableSince > 300) {
      return;
    }
    await sleep(50);
  }
  throw new Error(`panel did not settle: ${last}`);
}

export async function setFilter(frame: Frame, query: string): Promise<void> {
  await frame.$eval(
    'input[type=search]',
    (el, q) => {
      const input = el as HTMLInputElement;
      input.value = q;
      input.dispatchEvent(new Event('input', { bubbles: true }));
    },
    query,
  );
  // The list marks which filter it rendered.
  await frame.waitForFunction((q) => (document.querySelector('[role=listbox]') as HTMLElement | null)?.dataset.query === q, {}, query);
}

export async function visibleRows(frame: Frame): Promise<PanelRow[]> {
  return frame.$$eval('[role=option]', (els) =>
    els
      .map((el) => ({
        entry: Number(el.getAttribute('data-entry')),
        url: el.querySelector('.cell.url')?.getAttribute('title') ?? '',
        verdict: el.getAttribute('data-verdict') ?? '',
        corsError: el.getAttribute('data-cors-error') ?? '',
        text: el.textContent ?? '',
        top: el.getBoundingClientRect().top,
      }))
      .sort((a, b) => a.top - b.top)
      .map(({ top: _t, ...row }) => row),
  );
}

/** Clicks a row and waits for its detail. */
export async function selectRow(frame: Frame, entry: number): Promise<void> {
  await frame.$eval(`[role=option][data-entry="${entry}"]`, (el) => {
    el.dispatchEvent(new MouseEvent('mousedown', { bubbles: true, cancelable: true, button: 0 }));
  });
  await frame.waitForFunction((e) => (document.querySelector('.detail') as HTMLElement | null)?.dataset.entry === String(e), {}, entry);
}

export async function showTab(frame: Frame, tab: 'explain' | 'learn' | 'fix' | 'whatif' | 'export'): Promise<void> {
  await frame.click(`#tab-${tab}`);
  await frame.waitForSelector(`.tab-panel[data-tab="${tab}"]`);
}

export async function readDetail(frame: Frame): Promise<PanelDetail> {
  return frame.$eval('.detail', (root) => {
    const text = (sel: string) => root.querySelector(sel)?.textContent ?? null;
    const all = (sel: string) => [...root.querySelectorAll(sel)].map((el) => el.textContent ?? '');
    return {
      title: text('.detail-title') ?? '',
      verdictSentence: text('[data-testid=verdict-sentence]') ?? '',
      corsError: text('[data-testid=cors-error]'),
      failedParameter: text('[data-testid=failed-parameter]'),
      chromeConsole: all('[data-testid=console-chrome]'),
      firefoxConsole: all('[data-testid=console-firefox]'),
      safariConsole: all('[data-testid=console-safari]'),
    };
  });
}
