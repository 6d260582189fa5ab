import { defineConfig } from '@playwright/test';
import { findChromium, manualInstallLine } from './scripts/find-chromium.mjs';

/**
 * Browser tests drive a Chromium found by scripts/find-chromium.mjs (CHROMIUM_PATH, the
 * system's, or Playwright's own download; `npm test` installs one first when there is
 * none) against the production build in out/, served as static files, exactly as a user
 * gets it. `npm test` builds first.
 */
const chromiumPath = chromiumOrExit();
const PORT = Number(process.env.E2E_PORT ?? 3100);
// A second build (NEXT_DIST_DIR=.next-x npm run build) exports into its own folder;
// E2E_DIR points the browser tests at it, so two checkouts' runs do not collide.
const DIR = process.env.E2E_DIR ?? 'out';

/** The finder's answer; with none, one line saying what to run (no stack trace) and exit. */
function chromiumOrExit(): string {
  try {
    const found = findChromium();
    if (found) return found.path;
    console.error(manualInstallLine());
  } catch (err) {
    console.error((err as Error).message);
  }
  process.exit(1);
}

export default defineConfig({
  testDir: 'tests/e2e',
  // Generous: a first Run (sandbox start, Monaco, 15 checks) on a shared, busy machine can take a minute.
  timeout: 150_000,
  expect: { timeout: 20_000 },
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: [['list']],
  use: {
    baseURL: `http://localhost:${PORT}`,
    viewport: { width: 1440, height: 1000 },
    launchOptions: {
      executablePath: chromiumPath,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
    // Recording every test slowed Monaco and the sandbox start on a busy machine; a retry records instead.
    trace: 'on-first-retry',
  },
  webServer: {
    command: `serve ${DIR} --listen ${PORT} --no-clipboard`,
    url: `http://localhost:${PORT}/`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
