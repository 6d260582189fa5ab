// Builds the floors' pages (see floors.mjs) into `${outDir}/floors/`, which the bench
// server serves at /__bench/floors/: Monaco alone (monaco.html, its CSS, font and two
// workers) and uPlot alone (uplot.html). Built with esbuild, like the naive playground,
// from the same node_modules the app's build uses.
import { mkdirSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';

const common = { bundle: true, platform: 'browser', target: 'es2022', minify: true, logLevel: 'error', define: { 'process.env.NODE_ENV': '"production"' } };

/** @param {string} outDir the bench's own site folder (served at /__bench/) */
export async function buildFloorPages(outDir) {
  const dir = `${outDir}/floors`;
  mkdirSync(dir, { recursive: true });
  await Promise.all([
    build({
      ...common,
      entryPoints: { monaco: 'scripts/bench/monaco-floor-entry.ts', 'editor.worker': 'monaco-editor/editor/editor.worker.js', 'ts.worker': 'monaco-editor/language/typescript/ts.worker.js' },
      format: 'esm',
      outdir: dir,
      loader: { '.ttf': 'file' },
    }),
    build({ ...common, entryPoints: { uplot: 'scripts/bench/uplot-floor-entry.ts' }, format: 'iife', outdir: dir }),
  ]);
  const page = (title, body, head) => `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title>${head}</head><body style="margin:0">${body}</body></html>`;
  writeFileSync(
    `${dir}/monaco.html`,
    page('monaco floor', '<div id="editor" style="width:900px;height:600px"></div><script type="module" src="/__bench/floors/monaco.js"></script>', '<link rel="stylesheet" href="/__bench/floors/monaco.css">'),
  );
  writeFileSync(`${dir}/uplot.html`, page('uplot floor', '<div id="plot"></div><script src="/__bench/floors/uplot.js"></script>', '<link rel="stylesheet" href="/__bench/floors/uplot.css">'));
}
