// Builds the naive playground page (see naive-entry.ts) into a folder the bench
// server serves at /__bench/.
import { mkdirSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';
import { LAB_DIR } from './config.mjs';
import { solvedFiles } from './page-timing.mjs';

export async function buildNaivePlayground(outDir) {
  mkdirSync(outDir, { recursive: true });
  const solution = solvedFiles(LAB_DIR);
  await build({
    entryPoints: ['scripts/bench/naive-entry.ts'],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    outfile: `${outDir}/naive.js`,
    define: { __SOLUTION__: JSON.stringify(solution), 'process.env.NODE_ENV': '"production"' },
    // The TypeScript compiler mentions Node modules on paths a browser never takes.
    external: ['fs', 'path', 'os', 'crypto', 'inspector', 'perf_hooks', 'source-map-support', 'buffer', 'module', 'url', 'worker_threads', 'child_process'],
    logLevel: 'error',
  });
  writeFileSync(`${outDir}/naive.html`, '<!doctype html><html><head><meta charset="utf-8"><title>naive playground</title></head><body><script src="/__bench/naive.js"></script></body></html>');
}
