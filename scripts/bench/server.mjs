// A small static server for the bench: the production build in out/ at `/`, and the
// bench's own pages (the naive playground) at `/__bench/`. One process, no `serve`
// child to leak, and the bench can count what the browser downloaded.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

/** Maps a URL path to a file under `root`, or null when it would leave it. */
function fileFor(root, urlPath) {
  const path = normalize(decodeURIComponent(urlPath.split('?')[0]));
  const full = resolve(join(root, path));
  if (!full.startsWith(resolve(root))) return null;
  if (existsSync(full) && statSync(full).isDirectory()) return join(full, 'index.html');
  if (!existsSync(full) && existsSync(`${full}.html`)) return `${full}.html`;
  return full;
}

/**
 * @param {{ root: string, benchRoot: string, port: number }} options
 * @returns {Promise<{ close(): Promise<void>, url: string }>}
 */
export function startServer({ root, benchRoot, port }) {
  const server = createServer((req, res) => {
    const url = req.url ?? '/';
    const file = url.startsWith('/__bench/') ? fileFor(benchRoot, url.slice('/__bench'.length)) : fileFor(root, url);
    if (!file || !existsSync(file)) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache' });
    createReadStream(file).pipe(res);
  });
  return new Promise((ready) =>
    server.listen(port, '127.0.0.1', () =>
      ready({ url: `http://localhost:${port}`, close: () => new Promise((done) => server.close(() => done())) }),
    ),
  );
}
