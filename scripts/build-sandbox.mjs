// Bundles the sandbox worker (learner code runs in it) into public/sandbox/worker.js.
// The app fetches this file and starts it inside an opaque-origin iframe.
import { build } from 'esbuild';

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
    outfile: 'public/sandbox/worker.js',
    metafile: true,
    logLevel: 'warning',
  });
  const bytes = Object.values(result.metafile.outputs).reduce((sum, o) => sum + o.bytes, 0);
  return { bytes };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { bytes } = await buildSandbox();
  console.log(`sandbox worker: ${(bytes / 1024).toFixed(0)} KB`);
}
