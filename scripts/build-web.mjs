// Builds the web app into web/dist with Vite. With --if-stale, only when web/dist is missing or
// older than a source it is built from (web/, src/shared/, the lock file): what `npm start` and
// the browser tests run, so a fresh clone and a pulled change both serve the current app.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const built = path.join(root, 'web/dist/index.html');
const SOURCES = ['web/src', 'web/index.html', 'web/vite.config.ts', 'src/shared', 'package-lock.json'];

function newestMtime(target) {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(target)) {
    // Tests beside the code are not part of the build.
    if (!entry.endsWith('.test.ts')) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  }
  return newest;
}

export function webAppIsStale() {
  if (!existsSync(built)) return true;
  const builtAt = statSync(built).mtimeMs;
  return SOURCES.some((source) => newestMtime(path.join(root, source)) > builtAt);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (process.argv.includes('--if-stale') && !webAppIsStale()) process.exit(0);
  console.log('building the web app (web/dist)…');
  const vite = path.join(root, 'node_modules/vite/bin/vite.js');
  if (!existsSync(vite)) {
    console.error('vite is not installed (npm install without --omit=dev builds the web app)');
    process.exit(process.argv.includes('--optional') ? 0 : 1);
  }
  const result = spawnSync(
    process.execPath,
    [vite, 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'],
    {
      cwd: root,
      stdio: 'inherit',
      // Always the production build, even when started from a test run (NODE_ENV=test).
      env: { ...process.env, NODE_ENV: 'production' },
    },
  );
  process.exit(result.status ?? 1);
}
