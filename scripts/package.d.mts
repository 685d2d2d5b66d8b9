// Types of package.mjs (the store-ready zips).
export function zip(entries: Array<{ name: string; data: Buffer }>): Buffer;
export function packageAll(): void;
