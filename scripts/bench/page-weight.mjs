// Page weight: first-load JavaScript of a route (the <script src> tags of its HTML,
// gzip-compressed as a server would send them) and the lazy chunks a lab loads later.
import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const gzipCache = new Map();

/** gzip size of a file in the build, by URL path. */
export function gzipBytes(outDir, urlPath) {
  const path = `${outDir}${urlPath.split('?')[0]}`;
  if (!gzipCache.has(path)) gzipCache.set(path, existsSync(path) ? gzipSync(readFileSync(path), { level: 9 }).length : 0);
  return gzipCache.get(path);
}

/**
 * The JS files a route's HTML loads before anything lazy, in a browser that runs modules.
 * Scripts marked `nomodule` (Next's polyfills for browsers without ES modules, ~39 KB gz)
 * are left out: every browser the app supports skips them without downloading them
 * (checked: Chromium's resource timing never lists them).
 */
export function firstLoadScripts(outDir, route) {
  const htmlPath = `${outDir}${route}index.html`;
  if (!existsSync(htmlPath)) return null;
  const html = readFileSync(htmlPath, 'utf8');
  return [...new Set(scriptSources(html))];
}

/** `src` of every `<script>` tag of `html` that a module-capable browser fetches (no `nomodule`). */
export function scriptSources(html) {
  return [...html.matchAll(/<script\b([^>]*)>/gi)]
    .map((m) => m[1])
    .filter((attributes) => !/\bnomodule\b/i.test(attributes))
    .map((attributes) => attributes.match(/\bsrc="([^"]+\.js)"/)?.[1])
    .filter(Boolean);
}

/** First-load JS of a route in bytes (gzip), or null when the route is not in the build. */
export function firstLoadBytes(outDir, route) {
  const scripts = firstLoadScripts(outDir, route);
  return scripts ? scripts.reduce((sum, src) => sum + gzipBytes(outDir, src), 0) : null;
}

/** What each lazy chunk is, recognised by text only that library ships. */
const SIGNATURES = [
  { name: 'Monaco editor', test: (text) => text.includes('MonacoEnvironment') && text.includes('editor.action') },
  // The worker itself is the TypeScript compiler (megabytes); smaller chunks only mention its API.
  { name: 'Monaco TypeScript worker', test: (text) => text.length > 1_000_000 && text.includes('getSemanticDiagnostics') },
  { name: '@grafana/ui panels', test: (text) => text.includes('uplot') || text.includes('u-over') },
];

/**
 * Sorts the lazy JS a page loaded into named groups (Monaco, its TS worker, the
 * Grafana panels) and the rest.
 * @param {string} outDir
 * @param {string[]} loaded URL paths of every JS file the page fetched
 * @param {Set<string>} firstLoad URL paths that were first-load
 */
export function lazyChunkGroups(outDir, loaded, firstLoad) {
  const groups = new Map();
  for (const src of loaded) {
    if (firstLoad.has(src) || src.startsWith('/sandbox/')) continue;
    const path = `${outDir}${src.split('?')[0]}`;
    if (!existsSync(path)) continue;
    const text = readFileSync(path, 'utf8');
    const name = SIGNATURES.find((s) => s.test(text))?.name ?? 'other lazy chunks';
    const group = groups.get(name) ?? { name, files: 0, gzipBytes: 0 };
    group.files += 1;
    group.gzipBytes += gzipBytes(outDir, src);
    groups.set(name, group);
  }
  return [...groups.values()];
}
