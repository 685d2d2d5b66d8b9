/** What a CLI command needs from the outside world; main.ts passes Node's, tests pass their own. */
export interface CliIo {
  stdout(s: string): void;
  stderr(s: string): void;
  readFile(path: string): string;
}

/** Exit codes: 0 analysis ran, 1 `--fail-on-blocked` found a blocked exchange, 2 unusable input or usage. */
export const EXIT = { ok: 0, blocked: 1, usage: 2 } as const;

/** One line, no stack: the message users see for bad input. */
export function oneLine(s: string): string {
  return s.replace(/\s*\n\s*/g, ' ').slice(0, 500);
}
