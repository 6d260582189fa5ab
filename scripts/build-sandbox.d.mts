// Types for scripts/build-sandbox.mjs (plain JavaScript so `node` runs it before anything is built).

/** The years of time-zone rules the sandbox bundle keeps (calendar years, inclusive). */
export const TZ_YEARS: { from: number; to: number };

/** moment-timezone's packed data cut to `years`: the shape `moment.tz.load` takes. */
export function packedTimeZones(years?: { from: number; to: number }): { version: string; zones: string[]; links: string[]; countries: string[] };

/** Bundles lib/runtime/sandbox/worker-entry.ts into public/sandbox/worker.js; resolves to its size and esbuild's metafile. */
export function buildSandbox(options?: { minify?: boolean }): Promise<{ bytes: number; metafile: import('esbuild').Metafile }>;
