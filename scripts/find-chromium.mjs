// Finds the Chromium the browser tests and the benchmark drive, and installs one when
// there is none, so `npm install && npm test` works on a fresh machine with no other step.
//
// Search order (first hit wins):
//   1. CHROMIUM_PATH, if set (an error if it points at nothing: it was set on purpose);
//   2. the system's: /usr/bin/chromium, then chromium, chromium-browser, google-chrome on PATH;
//   3. Playwright's own download (`chromium.executablePath()` of playwright-core), if present.
// Install, when the search finds nothing (ensureChromium only):
//   a. `npx playwright install chromium`, with a short timeout (its CDN is unreachable on
//      some networks, where it fails or hangs);
//   b. as root on Debian or Ubuntu: `apt-get update` and `apt-get install -y chromium
//      fonts-dejavu-core`, output shown so the wait has progress;
//   c. otherwise stop with one line saying what to run.
//
// `npm test` runs this file first (search, then install), before building; the Playwright
// config and scripts/bench.mjs call findChromium() for the same answer. Nothing is written
// anywhere but by the installers. Every outside effect goes through `probes`, so the unit
// test (find-chromium.test.ts) can drive each branch with fake paths.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, join } from 'node:path';

/** Where a system Chromium is looked for first, then these names on PATH. */
export const SYSTEM_PATH = '/usr/bin/chromium';
export const PATH_NAMES = ['chromium', 'chromium-browser', 'google-chrome'];
/** How long `npx playwright install chromium` may take before we fall through to apt. */
export const PLAYWRIGHT_INSTALL_TIMEOUT_MS = 120_000;

/** The real machine. Tests pass their own. */
export const realProbes = {
  env: process.env,
  exists: (path) => existsSync(path),
  onPath(name, env = process.env) {
    for (const dir of (env.PATH ?? '').split(delimiter)) {
      if (!dir) continue;
      const candidate = join(dir, name);
      try {
        accessSync(candidate, constants.X_OK);
        return candidate;
      } catch {
        // not here; keep looking
      }
    }
    return null;
  },
  playwrightExecutable() {
    try {
      const require = createRequire(import.meta.url);
      return require('playwright-core').chromium.executablePath();
    } catch {
      return null;
    }
  },
  isRoot: () => typeof process.getuid === 'function' && process.getuid() === 0,
  isDebianLike() {
    try {
      const release = readFileSync('/etc/os-release', 'utf8');
      return /^(ID|ID_LIKE)=.*\b(debian|ubuntu)\b/m.test(release);
    } catch {
      return false;
    }
  },
  /** Runs a command with its output shown; resolves to its exit status (null: killed or not started). */
  run(command, args, { timeoutMs } = {}) {
    const result = spawnSync(command, args, {
      stdio: ['ignore', 'inherit', 'inherit'],
      timeout: timeoutMs,
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    return result.error ? null : result.status;
  },
  log: (line) => console.error(line),
};

/**
 * The Chromium to drive, or null when there is none. Searches only; never installs.
 * @returns {{ path: string, source: 'CHROMIUM_PATH' | 'system' | 'playwright' } | null}
 * @throws {Error} when CHROMIUM_PATH is set but names no file.
 */
export function findChromium(probes = realProbes) {
  const fromEnv = probes.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (probes.exists(fromEnv)) return { path: fromEnv, source: 'CHROMIUM_PATH' };
    throw new Error(`CHROMIUM_PATH is set to ${fromEnv}, which does not exist: point it at a Chromium or Chrome executable, or unset it to let the tests find one.`);
  }
  if (probes.exists(SYSTEM_PATH)) return { path: SYSTEM_PATH, source: 'system' };
  for (const name of PATH_NAMES) {
    const hit = probes.onPath(name, probes.env);
    if (hit) return { path: hit, source: 'system' };
  }
  const bundled = probes.playwrightExecutable();
  if (bundled && probes.exists(bundled)) return { path: bundled, source: 'playwright' };
  return null;
}

/** The one line printed when nothing was found and nothing could be installed. */
export function manualInstallLine(probes = realProbes) {
  const how = probes.isDebianLike()
    ? 'sudo apt-get install -y chromium fonts-dejavu-core'
    : 'npx playwright install chromium';
  return `No Chromium for the browser tests: run \`${how}\` (or set CHROMIUM_PATH=/path/to/chrome), then run the tests again.`;
}

/**
 * findChromium(), installing a Chromium first when there is none (see the top of the file).
 * @returns {string} the executable's path
 * @throws {Error} with manualInstallLine() when none could be found or installed.
 */
export function ensureChromium(probes = realProbes) {
  const found = findChromium(probes);
  if (found) return found.path;

  probes.log(`No Chromium found (looked at CHROMIUM_PATH, ${SYSTEM_PATH}, ${PATH_NAMES.join(', ')} on PATH, and Playwright's cache). Trying \`npx playwright install chromium\`…`);
  const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
  probes.run(npx, ['playwright', 'install', 'chromium'], { timeoutMs: PLAYWRIGHT_INSTALL_TIMEOUT_MS });
  const downloaded = findChromium(probes);
  if (downloaded) return downloaded.path;

  if (probes.isRoot() && probes.isDebianLike() && probes.onPath('apt-get', probes.env)) {
    probes.log("Playwright's download did not work here; installing Debian's chromium with apt-get (a few minutes)…");
    if (probes.run('apt-get', ['update']) === 0) {
      probes.run('apt-get', ['install', '-y', 'chromium', 'fonts-dejavu-core']);
    }
    const installed = findChromium(probes);
    if (installed) return installed.path;
  }
  throw new Error(manualInstallLine(probes));
}

// `node scripts/find-chromium.mjs`: find or install, print the path; exit 1 with one line if neither worked.
if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    console.log(`Chromium for the browser tests: ${ensureChromium()}`);
  } catch (err) {
    console.error(err.message);
    process.exit(1);
  }
}
