// Makes a fresh Debian machine ready for `npm start` / `npm test`: the npm dependencies, and the
// Debian packages the product and its tests drive for real. Idempotent and quiet when all is there.
// Usage: node scripts/setup.mjs start|test
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const PACKAGES = {
  start: ['chromium'],
  test: ['chromium', 'firefox-esr', 'nginx', 'python3-django', 'python3-django-cors-headers', 'python3-djangorestframework'],
};
const purpose = process.argv[2] === 'start' ? 'start' : 'test';

function installed(pkg) {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.includes('install ok installed');
}

const missing = PACKAGES[purpose].filter((p) => !installed(p));
if (missing.length > 0) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) {
    console.error(`cors-lens: missing Debian packages: ${missing.join(' ')}\n  run: sudo apt-get update && sudo apt-get install -y ${missing.join(' ')}`);
    process.exit(1);
  }
  console.log(`cors-lens: installing ${missing.join(' ')} (apt-get)`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { stdio: ['ignore', 'ignore', 'inherit'], env });
  // Debian's nginx starts a system service on port 80; CORS Lens runs its own instances.
  spawnSync('service', ['nginx', 'stop'], { stdio: 'ignore' });
}

if (!existsSync(join(ROOT, 'node_modules/.package-lock.json'))) {
  console.log('cors-lens: installing npm dependencies (npm ci)');
  execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: ROOT, stdio: 'inherit' });
}
