import { createServer, request as httpRequest } from 'node:http';
import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { tokenIdentity } from '../../src/index.js';

function listen(server: Server): Promise<string> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    });
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
}

/** Bundles the test page (the SDK, its zod/mini schemas and idb) and serves it on port 0. */
export async function servePage() {
  const out = await build({
    entryPoints: [fileURLToPath(new URL('./page.ts', import.meta.url))],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
  });
  const js = out.outputFiles[0]!.text;
  const html =
    '<!doctype html><meta charset="utf-8"><title>outbox</title><script type="module" src="/page.js"></script>';
  const server = createServer((req, res) => {
    if (req.url === '/page.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' }).end(js);
    } else {
      res.writeHead(200, { 'content-type': 'text/html' }).end(html);
    }
  });
  const url = await listen(server);
  return { url, close: () => close(server) };
}

export interface Seen {
  method: string;
  path: string;
  /** Subject of the bearer token, when it was an embed token. */
  subject: string | undefined;
  status: number | undefined;
}

/**
 * A network switch in front of the real server: while `down`, every connection is cut (the
 * browser's fetch fails as on a dead school network); while up, requests are forwarded untouched
 * and logged with the subject of their token.
 */
export async function networkSwitch(target: string) {
  const to = new URL(target);
  let down = false;
  const seen: Seen[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    if (down) {
      req.socket.destroy();
      return;
    }
    const bearer = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
    const entry: Seen = {
      method: req.method ?? '',
      path: req.url ?? '',
      subject: bearer ? tokenIdentity(bearer)?.subject : undefined,
      status: undefined,
    };
    seen.push(entry);
    const upstream = httpRequest(
      { host: to.hostname, port: to.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        entry.status = answer.statusCode;
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  const url = await listen(server);
  return {
    url,
    seen,
    setDown(value: boolean) {
      down = value;
      if (value) server.closeAllConnections();
    },
    close: () => close(server),
  };
}
