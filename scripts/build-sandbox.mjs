// Bundles the sandbox worker (learner code runs in it) into public/sandbox/worker.js.
// The app fetches this file and starts it inside an opaque-origin iframe.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { build } from 'esbuild';

const require = createRequire(import.meta.url);

/**
 * The years whose time-zone rules the sandbox keeps. moment-timezone's full database
 * (pulled in by @grafana/data) runs to 2499 and is a third of the bundle, parsed at every
 * sandbox start. From its first entry (before 1850) to 2100 keeps every zone's real history
 * and every rule a lab's clock can meet (lib/upstreams/seed.ts SEEDED_CLOCK_SPAN,
 * 2024–2031, with any look-back); a date after 2100 gets its zone's last offset of 2100.
 */
export const TZ_YEARS = { from: 1800, to: 2100 };

/**
 * moment-timezone's own data (data/packed/latest.json) cut to `years` with its own
 * tool (moment-timezone-utils filterLinkPack: zones that become equal in the range turn
 * into links; every name still resolves).
 */
export function packedTimeZones(years = TZ_YEARS) {
  const moment = require('moment-timezone/moment-timezone.js');
  require('moment-timezone/moment-timezone-utils.js');
  const packed = require('moment-timezone/data/packed/latest.json');
  const unpacked = {
    version: packed.version,
    zones: packed.zones.map((zone) => moment.tz.unpack(zone)),
    links: [...packed.links],
    countries: packed.countries.map((entry) => {
      const [name, zones] = entry.split('|');
      return { name, zones: zones.split(' ') };
    }),
  };
  return moment.tz.filterLinkPack(unpacked, years.from, years.to);
}

/** 'moment-timezone' as its index.js is (core, then data loaded), with the data of TZ_YEARS. */
const timeZoneYears = {
  name: 'moment-timezone-years',
  setup(build) {
    build.onResolve({ filter: /^moment-timezone$/ }, () => ({ path: 'moment-timezone', namespace: 'tz-years' }));
    build.onLoad({ filter: /.*/, namespace: 'tz-years' }, () => ({
      contents: `var moment = module.exports = require('moment-timezone/moment-timezone.js');\nmoment.tz.load(${JSON.stringify(packedTimeZones())});\n`,
      loader: 'js',
      resolveDir: process.cwd(),
    }));
  },
};

/**
 * 'lodash' as one ES module over lodash's CommonJS build. @grafana/data imports lodash in
 * 31 of its modules, and esbuild wraps a CommonJS module once per importing module: each
 * wrap copied lodash's ~300 exports as getters, about 10 ms of every sandbox start. The
 * names are read once, when the bundle starts, as those imports did; nothing
 * changes lodash's exports later (no `_.mixin` in what the bundle holds). Only `import`
 * statements come here; a `require('lodash')` keeps the CommonJS module itself.
 */
const lodashOnce = {
  name: 'lodash-once',
  setup(build) {
    build.onResolve({ filter: /^lodash$/ }, (args) => (args.kind === 'import-statement' ? { path: 'lodash', namespace: 'lodash-once' } : undefined));
    build.onLoad({ filter: /.*/, namespace: 'lodash-once' }, () => {
      const names = Object.keys(require('lodash')).filter((name) => /^[A-Za-z_$][\w$]*$/.test(name) && name !== 'default');
      return {
        contents: `import lodash from ${JSON.stringify(require.resolve('lodash'))};\nexport default lodash;\nexport const { ${names.join(', ')} } = lodash;\n`,
        loader: 'js',
        resolveDir: process.cwd(),
      };
    });
  },
};

/**
 * @grafana/data's theme registry checks its 18 extra theme definitions with zod when the
 * module loads, about 20 ms of every sandbox start, for themes only `getThemeById` and
 * `getBuiltInThemes` reach (the registry is private to the module). Moved into the
 * registry's own lazy init, the check runs on first use instead, and registers the themes
 * in the same order as before (extras first, then the built-ins). If a new @grafana/data
 * changes the file, the build warns and keeps it as it is.
 */
const lazyExtraThemes = {
  name: 'lazy-extra-themes',
  setup(build) {
    build.onLoad({ filter: /[\\/]@grafana[\\/]data[\\/]dist[\\/]esm[\\/]themes[\\/]registry\.mjs$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const init = 'const themeRegistry = new Registry(() => {\n';
      const loop = 'for (const [name, json] of Object.entries(extraThemes)) {';
      const after = 'function getSystemPreferenceTheme()';
      const [a, b, c] = [source.indexOf(init), source.indexOf(loop), source.indexOf(after)];
      if (a < 0 || b < a || c < b || source.indexOf(init, a + 1) >= 0 || source.indexOf(loop, b + 1) >= 0) {
        return { contents: source, loader: 'js', warnings: [{ text: 'lazy-extra-themes: the theme registry of @grafana/data changed; its extra themes are checked when the bundle loads again. Update or drop the plugin.' }] };
      }
      const contents =
        source.slice(0, a + init.length) +
        '  registerExtraThemes();\n' +
        source.slice(a + init.length, b) +
        'function registerExtraThemes() {\n' +
        source.slice(b, c) +
        '}\n' +
        source.slice(c);
      return { contents, loader: 'js' };
    });
  },
};

export async function buildSandbox({ minify = true } = {}) {
  const result = await build({
    entryPoints: ['lib/runtime/sandbox/worker-entry.ts'],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    minify,
    sourcemap: false,
    legalComments: 'none',
    define: { 'process.env.NODE_ENV': '"production"' },
    // Why: every Run starts two fresh sandboxes, and each compiles and runs the bundle's
    // top level again (a blob worker gets no code cache). These cut what every start
    // pays for and no run needs: the far-future time-zone rules (715 KB of data before),
    // lodash's wrapping per importer, the extra themes' check. Measured with
    // scripts/bench/sandbox-start.mjs; lib/runtime/sandbox/{time-zones,bundle-parity}.test.ts
    // hold that @grafana/data answers as before.
    plugins: [timeZoneYears, lodashOnce, lazyExtraThemes],
    outfile: 'public/sandbox/worker.js',
    metafile: true,
    logLevel: 'warning',
  });
  const bytes = Object.values(result.metafile.outputs).reduce((sum, o) => sum + o.bytes, 0);
  return { bytes, metafile: result.metafile };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { bytes } = await buildSandbox();
  console.log(`sandbox worker: ${(bytes / 1024).toFixed(0)} KB`);
}
