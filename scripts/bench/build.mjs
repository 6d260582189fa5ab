// Builds the app for the bench when out/ is missing or older than the sources.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { OUT } from './config.mjs';

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((max, name) => (name === 'node_modules' ? max : Math.max(max, newestMtime(join(path, name)))), stat.mtimeMs);
}

export function ensureFreshBuild() {
  if (process.env.BENCH_OUT) return; // a build made elsewhere, on purpose
  const sources = ['app', 'components', 'lib', 'labs', 'content', 'next.config.mjs', 'package.json', 'scripts/build-assets.mjs'].map(newestMtime);
  const built = existsSync(`${OUT}/index.html`) ? statSync(`${OUT}/index.html`).mtimeMs : 0;
  if (built && built >= Math.max(...sources)) {
    console.log('Reusing the build in out/ (newer than every source).');
    return;
  }
  console.log('Building the app (npm run build)…');
  const result = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

