/**
 * Cooperative scheduling for the panel: long work is cut into tasks that each stay well under one
 * frame (16 ms) so typing, scrolling and DevTools itself stay responsive.
 * A MessageChannel message is the fastest way to yield a macrotask without the 4 ms setTimeout clamp
 * (https://html.spec.whatwg.org/multipage/timers-and-user-prompts.html#timers, step "nesting level").
 */

export interface Scheduler {
  now(): number;
  /** Resolves in a new macrotask, after the browser had a chance to render and handle input. */
  yieldTask(): Promise<void>;
  /** Resolves after `ms` milliseconds. */
  delay(ms: number): Promise<void>;
}

export function createScheduler(): Scheduler {
  const channel = typeof MessageChannel === 'function' ? new MessageChannel() : null;
  const queue: Array<() => void> = [];
  // Node (tests, bench) keeps a process alive while a port with a listener is referenced: hold the
  // reference only while a yield is pending. Browsers have no ref/unref.
  const port = channel?.port1 as (MessagePort & { ref?: () => void; unref?: () => void }) | undefined;
  if (channel && port) {
    port.onmessage = () => {
      queue.shift()?.();
      if (queue.length === 0) port.unref?.();
    };
    port.unref?.();
  }
  return {
    now: () => (typeof performance === 'object' ? performance.now() : Date.now()),
    yieldTask: () =>
      new Promise<void>((resolve) => {
        if (!channel) return void setTimeout(resolve, 0);
        queue.push(resolve);
        port?.ref?.();
        channel.port2.postMessage(0);
      }),
    delay: (ms) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
  };
}
