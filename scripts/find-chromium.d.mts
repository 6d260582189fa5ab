// Types for scripts/find-chromium.mjs (plain JavaScript so `node` runs it before anything is built).

/** Every outside effect the finder has; tests pass fakes. */
export interface ChromiumProbes {
  env: Record<string, string | undefined>;
  exists(path: string): boolean;
  /** The executable `name` on env.PATH, or null. */
  onPath(name: string, env?: Record<string, string | undefined>): string | null;
  /** Playwright's own Chromium (playwright-core's chromium.executablePath()), whether or not it is downloaded; null if unknown. */
  playwrightExecutable(): string | null;
  isRoot(): boolean;
  isDebianLike(): boolean;
  /** Runs a command with output shown; its exit status, or null if it was killed or did not start. */
  run(command: string, args: string[], options?: { timeoutMs?: number }): number | null;
  log(line: string): void;
}

export interface FoundChromium {
  path: string;
  source: 'CHROMIUM_PATH' | 'system' | 'playwright';
}

export const SYSTEM_PATH: string;
export const PATH_NAMES: string[];
export const PLAYWRIGHT_INSTALL_TIMEOUT_MS: number;
export const realProbes: ChromiumProbes;
/** Searches only. Throws when CHROMIUM_PATH names no file. */
export function findChromium(probes?: ChromiumProbes): FoundChromium | null;
export function manualInstallLine(probes?: ChromiumProbes): string;
/** Searches, installs if needed; throws Error(manualInstallLine()) when neither works. */
export function ensureChromium(probes?: ChromiumProbes): string;
