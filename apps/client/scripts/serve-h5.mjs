#!/usr/bin/env node
// Serves the built H5 client (dist/h5) and proxies /api to the API, so the browser app calls its
// own origin. `CLIENT_PORT` (default 10086), `API_URL` (default http://127.0.0.1:3000).
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, request as httpRequest } from 'node:http';
import { dirname, extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createBrotliCompress, createGzip, constants as zlib } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'h5');
const port = Number(process.env.CLIENT_PORT ?? 10086);
const host = process.env.CLIENT_HOST ?? '127.0.0.1';
const api = new URL(process.env.API_URL ?? 'http://127.0.0.1:3000');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'application/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

if (!existsSync(join(root, 'index.html'))) {
  console.error(`[client] ${root}/index.html is missing: run \`pnpm --filter client build:h5\` first`);
  process.exit(1);
}

// Text files are compressed on the fly (brotli when the browser takes it, else gzip): the JS bundle
// shrinks to about a quarter, which is what a phone on a weak network waits for.
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.json', '.svg', '.txt']);

/** The encoding to answer with for this request's Accept-Encoding, or null to send the file as is. */
function pickEncoding(acceptEncoding) {
  const offered = String(acceptEncoding ?? '')
    .split(',')
    .map((part) => part.trim().split(';'))
    .filter(([, q]) => !q || Number(q.split('=')[1]) > 0)
    .map(([name]) => name.toLowerCase());
  if (offered.includes('br')) return 'br';
  if (offered.includes('gzip')) return 'gzip';
  return null;
}

function encoder(encoding) {
  if (encoding === 'br') return createBrotliCompress({ params: { [zlib.BROTLI_PARAM_QUALITY]: 5 } });
  return createGzip({ level: 6 });
}

function proxy(req, res) {
  const upstream = httpRequest(
    { host: api.hostname, port: api.port || 80, method: req.method, path: req.url, headers: { ...req.headers, host: api.host } },
    (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    },
  );
  upstream.on('error', () => {
    if (!res.headersSent) res.writeHead(502, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ code: 'INTERNAL_ERROR', message: 'API unreachable' }));
  });
  req.pipe(upstream);
}

function serveFile(req, res) {
  const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
  let file = normalize(join(root, path));
  if (!file.startsWith(root)) {
    res.writeHead(403).end();
    return;
  }
  if (!existsSync(file) || statSync(file).isDirectory()) file = join(root, 'index.html');
  const hashed = /\.[0-9a-f]{8}\.(js|css)$/.test(file);
  const stream = createReadStream(file);
  // A rebuild may remove files under us: answer 404 instead of crashing.
  stream.once('error', () => {
    if (!res.headersSent) res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('not found');
  });
  stream.once('open', () => {
    const encoding = COMPRESSIBLE.has(extname(file)) ? pickEncoding(req.headers['accept-encoding']) : null;
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
      vary: 'Accept-Encoding',
      ...(encoding ? { 'content-encoding': encoding } : {}),
    });
    if (encoding) stream.pipe(encoder(encoding)).pipe(res);
    else stream.pipe(res);
  });
}

const server = createServer((req, res) => (req.url?.startsWith('/api/') || req.url === '/api' ? proxy(req, res) : serveFile(req, res)));
server.listen(port, host, () => console.log(`[client] H5 on http://${host}:${port}/ (API ${api.origin})`));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close(() => process.exit(0)));
