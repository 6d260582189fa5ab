// No usage reports to Vercel from any build or dev server, including `npx next build` run
// by hand (npm scripts also set it, through scripts/next.mjs). Next reads this after
// loading this file for `next build`; `next dev` relies on scripts/next.mjs.
process.env.NEXT_TELEMETRY_DISABLED ??= '1';

/**
 * The app builds to static files (`out/`): all learner compute happens in the
 * browser, so any static host can serve it. See docs/decisions/0001-static-export.md.
 * @type {import('next').NextConfig}
 */
const nextConfig = {
  output: 'export',
  // Lets a second build (e.g. a helper or the benchmark) use its own folder.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  trailingSlash: true,
  images: { unoptimized: true },
  reactStrictMode: true,
  transpilePackages: ['@grafana/ui', '@grafana/data'],
};

export default nextConfig;
