// The one host API src/core relies on: the WHATWG URL parser, identical in browsers and Node.
// https://url.spec.whatwg.org/#url-class
declare class URL {
  constructor(url: string, base?: string);
  readonly href: string;
  readonly protocol: string;
  readonly username: string;
  readonly password: string;
  readonly host: string;
  readonly hostname: string;
  readonly port: string;
  readonly pathname: string;
  readonly search: string;
  readonly hash: string;
  readonly origin: string;
  readonly searchParams: { forEach(cb: (value: string, key: string) => void): void; get(name: string): string | null; has(name: string): boolean; set(name: string, value: string): void; delete(name: string): void; keys(): IterableIterator<string>; entries(): IterableIterator<[string, string]>; [Symbol.iterator](): IterableIterator<[string, string]> };
  toString(): string;
}
