/**
 * Watches the network requests of every target of the extension (its devtools_page and panel
 * frames inside DevTools, and any page or worker it would open), from a browser-level CDP session:
 * Target.setDiscoverTargets finds them as they appear, Target.attachToTarget + Network.enable
 * records what each one requests.
 */
import type { Browser, CDPSession } from 'puppeteer-core';

export interface SeenRequest {
  /** Type and URL of the target whose renderer issued the request. */
  target: string;
  url: string;
  documentURL: string;
}

export interface TrafficWatch {
  requests: SeenRequest[];
  /** URLs of the extension targets being watched. */
  targets(): string[];
  stop(): Promise<void>;
}

interface TargetInfo {
  targetId: string;
  type: string;
  url: string;
}

export async function watchExtensionTraffic(browser: Browser, extensionId: string): Promise<TrafficWatch> {
  const prefix = `chrome-extension://${extensionId}/`;
  const root = await browser.target().createCDPSession();
  const connection = root.connection();
  if (!connection) throw new Error('no CDP connection');
  const requests: SeenRequest[] = [];
  const watched = new Map<string, string>();
  const sessions: CDPSession[] = [];

  const attach = async (info: TargetInfo): Promise<void> => {
    if (!info.url.startsWith(prefix) || watched.has(info.targetId)) return;
    watched.set(info.targetId, `${info.type} ${info.url}`);
    const { sessionId } = await root.send('Target.attachToTarget', { targetId: info.targetId, flatten: true });
    const session = connection.session(sessionId);
    if (!session) return;
    sessions.push(session);
    session.on('Network.requestWillBeSent', (e: { request: { url: string }; documentURL: string }) => {
      requests.push({ target: `${info.type} ${info.url}`, url: e.request.url, documentURL: e.documentURL });
    });
    await session.send('Network.enable');
  };
  root.on('Target.targetCreated', (e: { targetInfo: TargetInfo }) => void attach(e.targetInfo).catch(() => {}));
  root.on('Target.targetInfoChanged', (e: { targetInfo: TargetInfo }) => void attach(e.targetInfo).catch(() => {}));
  await root.send('Target.setDiscoverTargets', { discover: true, filter: [{}] });
  const { targetInfos } = await root.send('Target.getTargets', { filter: [{}] });
  await Promise.all(targetInfos.map((t) => attach(t).catch(() => {})));

  return {
    requests,
    targets: () => [...watched.values()],
    async stop() {
      await root.send('Target.setDiscoverTargets', { discover: false }).catch(() => {});
      for (const s of sessions) await s.detach().catch(() => {});
      await root.detach().catch(() => {});
    },
  };
}
