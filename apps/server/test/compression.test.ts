import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, testClock, type TestApp } from './support/app.js';
import { seedTenant } from './support/seed.js';

// Slow school networks: answers over 1 kB go out compressed when the client accepts it, and an
// idempotent replay is the same answer (the idempotency hooks store the plain body).
let t: TestApp;
let a: Awaited<ReturnType<typeof seedTenant>>;
const big = { items: Array.from({ length: 400 }, (_, i) => ({ i, text: `第 ${i} 项` })) };

beforeAll(async () => {
  t = await createTestApp({
    clock: testClock('2026-09-01T01:00:00Z'),
    register: (app) => {
      app.post(
        '/test/big',
        { config: { access: { principals: ['secret_key'], resource: 'none' } } },
        async () => big,
      );
    },
  });
  a = await seedTenant(t.database);
});
afterAll(() => t.close());

describe('compressed answers', () => {
  it('a large JSON answer is brotli or gzip as the client accepts, identity otherwise', async () => {
    const plain = await t.app.inject({ method: 'GET', url: '/openapi.json' });
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    const br = await t.app.inject({
      method: 'GET',
      url: '/openapi.json',
      headers: { 'accept-encoding': 'br, gzip' },
    });
    expect(br.headers['content-encoding']).toBe('br');
    const unpacked = brotliDecompressSync(br.rawPayload);
    expect(unpacked.toString()).toBe(plain.body);
    expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length / 3);
    const gz = await t.app.inject({
      method: 'GET',
      url: '/openapi.json',
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString()).toBe(plain.body);
  });

  it('an idempotent replay of a compressed answer is the same answer', async () => {
    const send = () =>
      t.app.inject({
        method: 'POST',
        url: '/test/big',
        headers: {
          authorization: `Bearer ${a.secret}`,
          'idempotency-key': 'compressed-replay-1',
          'accept-encoding': 'br',
        },
        payload: {},
      });
    const first = await send();
    const again = await send();
    expect(first.statusCode).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    for (const res of [first, again]) {
      expect(res.headers['content-encoding']).toBe('br');
      expect(JSON.parse(brotliDecompressSync(res.rawPayload).toString())).toEqual(big);
    }
  });
});
