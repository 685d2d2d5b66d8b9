#!/usr/bin/env node
// Store-ready archives of the built extension (run `npm run build:ext` first; `npm run package` does):
//   dist/cors-lens-chrome-<version>.zip   Chrome Web Store and Edge Add-ons
//   dist/cors-lens-firefox-<version>.zip  addons.mozilla.org
//   dist/cors-lens-source-<version>.zip   the sources AMO asks for when the code is bundled
// Any manifest "key" (a fixed extension id for local testing) is removed: the stores assign the id.
// Zip is written by hand (stored names, deflate, CRC-32 from node:zlib) so no zip tool is needed.
import { readFileSync, readdirSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32, deflateRawSync } from 'node:zlib';

const root = fileURLToPath(new URL('..', import.meta.url));
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/** @param {string} dir @returns {string[]} files under dir, sorted, as absolute paths */
function walk(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...walk(path));
    else out.push(path);
  }
  return out;
}

/** DOS date/time of 1980-01-01 00:00: fixed, so the same build gives the same archive. */
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;

/**
 * A zip archive (PKWARE APPNOTE 6.3.10, no extensions) of `entries`.
 * @param {{ name: string, data: Buffer }[]} entries
 */
export function zip(entries) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const { name, data } of entries) {
    const fileName = Buffer.from(name, 'utf8');
    const deflated = deflateRawSync(data, { level: 9 });
    const useDeflate = deflated.length < data.length;
    const body = useDeflate ? deflated : data;
    const crc = crc32(data) >>> 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(useDeflate ? 8 : 0, 8);
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(fileName.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // made by
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(useDeflate ? 8 : 0, 10);
    central.writeUInt16LE(DOS_TIME, 12);
    central.writeUInt16LE(DOS_DATE, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(fileName.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, fileName, body);
    centrals.push(central, fileName);
    offset += local.length + fileName.length + body.length;
  }
  const centralSize = centrals.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...centrals, end]);
}

/** The files of a build folder, with the manifest's testing-only "key" removed. */
function extensionEntries(dir) {
  if (!existsSync(join(dir, 'manifest.json'))) throw new Error(`${relative(root, dir)} has no manifest.json: run npm run build:ext first`);
  return walk(dir).map((path) => {
    const name = relative(dir, path).split(sep).join('/');
    let data = readFileSync(path);
    if (name === 'manifest.json') {
      const manifest = JSON.parse(data.toString('utf8'));
      delete manifest.key;
      data = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`);
    }
    return { name, data };
  });
}

const SOURCE_FILES = ['package.json', 'package-lock.json', 'manifest.json', 'vite.config.ts', 'tsconfig.json', 'README.md', 'docs/panel.md'];
const SOURCE_DIRS = ['src', 'public'];

function sourceEntries() {
  const files = [...SOURCE_FILES.map((f) => join(root, f)).filter((f) => existsSync(f)), ...SOURCE_DIRS.flatMap((d) => walk(join(root, d)))];
  return files.map((path) => ({ name: relative(root, path).split(sep).join('/'), data: readFileSync(path) }));
}

const outputs = [
  { file: `cors-lens-chrome-${version}.zip`, entries: () => extensionEntries(join(root, 'dist/chrome')) },
  { file: `cors-lens-firefox-${version}.zip`, entries: () => extensionEntries(join(root, 'dist/firefox')) },
  { file: `cors-lens-source-${version}.zip`, entries: sourceEntries },
];

export function packageAll() {
  for (const { file, entries } of outputs) {
    const list = entries();
    const archive = zip(list);
    writeFileSync(join(root, 'dist', file), archive);
    console.log(`dist/${file}  ${list.length} files  ${(archive.length / 1024).toFixed(1)} KB`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) packageAll();
