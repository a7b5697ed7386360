import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { startTestServer } from '@xinqiao/testkit/server';
import { buildPortal } from '../src/backend/app.js';

const publicDir = fileURLToPath(new URL('../dist/public', import.meta.url));
let server: Awaited<ReturnType<typeof startTestServer>>;
let portal: Awaited<ReturnType<typeof buildPortal>>;

beforeAll(async () => {
  server = await startTestServer();
  portal = await buildPortal({ apiUrl: server.url, publicDir });
});
afterAll(async () => {
  await portal?.close();
  await server?.close();
});

describe('demo portal backend', () => {
  it('serves the built portal page', async () => {
    const res = await portal.inject({ method: 'GET', url: '/' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('示范教育云');
    expect(res.body).toMatch(/<script type="module"[^>]+src="\/assets\//);
  });

  it('reports the real Xinqiao server as up', async () => {
    const res = await portal.inject({ method: 'GET', url: '/api/status' });
    expect(res.json()).toEqual({ xinqiao: 'ok' });
  });

  it('reports the server as unreachable when it is down', async () => {
    const offline = await buildPortal({ apiUrl: 'http://127.0.0.1:9', publicDir });
    const res = await offline.inject({ method: 'GET', url: '/api/status' });
    expect(res.json()).toEqual({ xinqiao: 'unreachable' });
    await offline.close();
  });
});
