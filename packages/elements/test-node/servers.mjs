// Small static HTTP servers for the playwright-core suites (CSP page, benchmark, screenshots):
// each listens on 127.0.0.1 port 0 and serves a fixed map of paths. JavaScript is served
// compressed (brotli when the browser accepts it, else gzip), as a CDN would.
import { createServer } from 'node:http';
import { brotliCompressSync, gzipSync } from 'node:zlib';

/**
 * @typedef {{ body: string | Buffer, type: string, headers?: Record<string, string>, status?: number }} Route
 * @param {Record<string, Route | ((url: URL) => Route | Promise<Route>)>} routes path → response
 * @param {{ headers?: Record<string, string> }} [options] headers on every response
 * @returns {Promise<{ origin: string, close: () => Promise<void>, requests: string[] }>}
 */
export async function serve(routes, options = {}) {
  const requests = [];
  const compressed = new Map();
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    requests.push(url.pathname + url.search);
    const entry = routes[url.pathname];
    if (!entry) {
      res.writeHead(404, { 'content-type': 'text/plain', ...options.headers });
      res.end('not found');
      return;
    }
    let route;
    try {
      route = typeof entry === 'function' ? await entry(url) : entry;
    } catch (error) {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(error));
      return;
    }
    const headers = { 'content-type': route.type, ...options.headers, ...route.headers };
    let body = Buffer.from(route.body);
    const accept = String(req.headers['accept-encoding'] ?? '');
    if (/javascript|css|html/.test(route.type) && body.length > 1024) {
      const encoding = /\bbr\b/.test(accept) ? 'br' : /\bgzip\b/.test(accept) ? 'gzip' : '';
      if (encoding) {
        const key = `${encoding}:${url.pathname}:${body.length}`;
        if (!compressed.has(key))
          compressed.set(key, encoding === 'br' ? brotliCompressSync(body) : gzipSync(body));
        body = compressed.get(key);
        headers['content-encoding'] = encoding;
        headers['vary'] = 'accept-encoding';
      }
    }
    headers['content-length'] = String(body.length);
    res.writeHead(route.status ?? 200, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A reserved origin on a port nobody listens on (for "connection refused" cases). */
export async function deadOrigin() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}
