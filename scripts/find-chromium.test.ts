import { describe, expect, it } from 'vitest';
import { ensureChromium, findChromium, PLAYWRIGHT_INSTALL_TIMEOUT_MS, type ChromiumProbes } from './find-chromium.mjs';

/**
 * A fake machine: `files` exist, `path` maps a name to its location on PATH, and each
 * command in `installs` makes files appear when run (as an installer would).
 */
function machine(options: {
  env?: Record<string, string>;
  files?: string[];
  path?: Record<string, string>;
  playwright?: string | null;
  root?: boolean;
  debian?: boolean;
  installs?: Record<string, { status: number; adds?: string[]; onPath?: Record<string, string> }>;
}) {
  const files = new Set(options.files ?? []);
  const onPath: Record<string, string> = { 'apt-get': '/usr/bin/apt-get', ...options.path };
  const ran: string[] = [];
  const logged: string[] = [];
  const probes: ChromiumProbes = {
    env: options.env ?? {},
    exists: (p) => files.has(p),
    onPath: (name) => onPath[name] ?? null,
    playwrightExecutable: () => (options.playwright === undefined ? '/home/me/.cache/ms-playwright/chromium-1/chrome' : options.playwright),
    isRoot: () => options.root ?? false,
    isDebianLike: () => options.debian ?? false,
    run(command, args, runOptions) {
      const line = [command, ...args].join(' ');
      ran.push(runOptions?.timeoutMs ? `${line} (timeout ${runOptions.timeoutMs})` : line);
      const effect = options.installs?.[line];
      for (const f of effect?.adds ?? []) files.add(f);
      Object.assign(onPath, effect?.onPath);
      return effect ? effect.status : 1;
    },
    log: (l) => logged.push(l),
  };
  return { probes, ran, logged };
}

const PW = '/home/me/.cache/ms-playwright/chromium-1/chrome';
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const PW_INSTALL = `${npx} playwright install chromium`;

describe('findChromium: the search order', () => {
  it('takes CHROMIUM_PATH first, even when a system Chromium exists', () => {
    const { probes } = machine({ env: { CHROMIUM_PATH: '/opt/chrome/chrome' }, files: ['/opt/chrome/chrome', '/usr/bin/chromium', PW] });
    expect(findChromium(probes)).toEqual({ path: '/opt/chrome/chrome', source: 'CHROMIUM_PATH' });
  });

  it('refuses a CHROMIUM_PATH that names no file, saying which', () => {
    const { probes } = machine({ env: { CHROMIUM_PATH: '/nope/chrome' }, files: ['/usr/bin/chromium'] });
    expect(() => findChromium(probes)).toThrow(/CHROMIUM_PATH is set to \/nope\/chrome, which does not exist/);
  });

  it('then /usr/bin/chromium, before anything on PATH', () => {
    const { probes } = machine({ files: ['/usr/bin/chromium', PW], path: { chromium: '/usr/local/bin/chromium' } });
    expect(findChromium(probes)).toEqual({ path: '/usr/bin/chromium', source: 'system' });
  });

  it('then chromium, chromium-browser and google-chrome on PATH, in that order', () => {
    const all = { chromium: '/a/chromium', 'chromium-browser': '/b/chromium-browser', 'google-chrome': '/c/google-chrome' };
    expect(findChromium(machine({ path: all, files: [PW] }).probes)?.path).toBe('/a/chromium');
    expect(findChromium(machine({ path: { 'chromium-browser': all['chromium-browser'], 'google-chrome': all['google-chrome'] } }).probes)?.path).toBe('/b/chromium-browser');
    expect(findChromium(machine({ path: { 'google-chrome': all['google-chrome'] }, files: [PW] }).probes)).toEqual({ path: '/c/google-chrome', source: 'system' });
  });

  it("then Playwright's own download, only if the file is there", () => {
    expect(findChromium(machine({ files: [PW] }).probes)).toEqual({ path: PW, source: 'playwright' });
    expect(findChromium(machine({ files: [] }).probes)).toBeNull();
    expect(findChromium(machine({ playwright: null }).probes)).toBeNull();
  });
});

describe('ensureChromium: installing when none is found', () => {
  it('installs nothing when one is found', () => {
    const { probes, ran } = machine({ files: ['/usr/bin/chromium'], root: true, debian: true });
    expect(ensureChromium(probes)).toBe('/usr/bin/chromium');
    expect(ran).toEqual([]);
  });

  it("tries Playwright's download first, with a timeout, and uses it when it works", () => {
    const { probes, ran } = machine({ root: true, debian: true, installs: { [PW_INSTALL]: { status: 0, adds: [PW] } } });
    expect(ensureChromium(probes)).toBe(PW);
    expect(ran).toEqual([`${PW_INSTALL} (timeout ${PLAYWRIGHT_INSTALL_TIMEOUT_MS})`]);
  });

  it("falls through to Debian's package as root on Debian when the download fails", () => {
    const { probes, ran, logged } = machine({
      root: true,
      debian: true,
      installs: { 'apt-get update': { status: 0 }, 'apt-get install -y chromium fonts-dejavu-core': { status: 0, adds: ['/usr/bin/chromium'] } },
    });
    expect(ensureChromium(probes)).toBe('/usr/bin/chromium');
    expect(ran).toEqual([`${PW_INSTALL} (timeout ${PLAYWRIGHT_INSTALL_TIMEOUT_MS})`, 'apt-get update', 'apt-get install -y chromium fonts-dejavu-core']);
    expect(logged.join('\n')).toMatch(/apt-get/);
  });

  it('does not install when apt-get update fails, and says what to run', () => {
    const { probes, ran } = machine({ root: true, debian: true, installs: { 'apt-get update': { status: 100 } } });
    expect(() => ensureChromium(probes)).toThrow('sudo apt-get install -y chromium fonts-dejavu-core');
    expect(ran).not.toContain('apt-get install -y chromium fonts-dejavu-core');
  });

  it('does not use apt-get unless root on Debian; stops with one line naming the command', () => {
    for (const [root, debian, command] of [
      [false, true, 'sudo apt-get install -y chromium fonts-dejavu-core'],
      [true, false, 'npx playwright install chromium'],
      [false, false, 'npx playwright install chromium'],
    ] as const) {
      const { probes, ran } = machine({ root, debian });
      let message = '';
      try {
        ensureChromium(probes);
      } catch (err) {
        message = (err as Error).message;
      }
      expect(message).toContain(`\`${command}\``);
      expect(message).toContain('CHROMIUM_PATH');
      expect(message.split('\n')).toHaveLength(1);
      expect(ran.filter((r) => r.startsWith('apt-get'))).toEqual([]);
    }
  });

  it('does not install over a CHROMIUM_PATH that names no file', () => {
    const { probes, ran } = machine({ env: { CHROMIUM_PATH: '/nope' }, root: true, debian: true });
    expect(() => ensureChromium(probes)).toThrow(/CHROMIUM_PATH/);
    expect(ran).toEqual([]);
  });
});
