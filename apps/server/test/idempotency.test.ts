import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorBody } from '@xinqiao/contracts/errors';
import { purgeExpiredIdempotencyKeys } from '../src/http/idempotency.js';
import { createTestApp, testClock, type TestApp } from './support/app.js';
import { dumpTables } from './support/dump.js';
import { seedSchool } from './support/fixtures.js';
import { seedTenant } from './support/seed.js';

let t: TestApp;
let a: Awaited<ReturnType<typeof seedTenant>>;
let b: Awaited<ReturnType<typeof seedTenant>>;
const clock = testClock('2026-09-01T01:00:00Z');
let release: (() => void) | undefined;

beforeAll(async () => {
  t = await createTestApp({
    clock,
    register: (app) => {
      // A slow POST, to catch a duplicate while the first is still running.
      app.post(
        '/test/slow',
        { config: { access: { principals: ['secret_key'], resource: 'none' } } },
        async () => {
          await new Promise<void>((r) => (release = r));
          return { done: true };
        },
      );
      app.post(
        '/test/fails',
        { config: { access: { principals: ['secret_key'], resource: 'none' } } },
        async () => {
          throw new Error('boom');
        },
      );
    },
  });
  a = await seedTenant(t.database);
  b = await seedTenant(t.database, { name: 'B' });
  await seedSchool(t.app, a.secret);
});
afterAll(() => t.close());

const post = (
  key: string | undefined,
  payload: unknown,
  secret = a.secret,
  url = '/v1/embed-sessions',
) =>
  t.app.inject({
    method: 'POST',
    url,
    headers: { authorization: `Bearer ${secret}`, ...(key ? { 'idempotency-key': key } : {}) },
    payload: payload as object,
  });

describe('idempotency', () => {
  it('requires an Idempotency-Key on POST, and a well-formed one', async () => {
    const before = await dumpTables(t.database);
    const res = await post(undefined, { user: { externalId: 'tea-1' } });
    expect(res.statusCode).toBe(400);
    expect((res.json() as ErrorBody).code).toBe('idempotency_key_required');
    expect((await post('short', { user: { externalId: 'tea-1' } })).statusCode).toBe(400);
    expect(await dumpTables(t.database)).toEqual(before);
  });

  it('same key + same body → the stored response, replayed', async () => {
    const first = await post('key-0000001', { user: { externalId: 'tea-1' } });
    expect(first.statusCode).toBe(201);
    clock.advance(1000);
    const again = await post('key-0000001', { user: { externalId: 'tea-1' } });
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toBe(first.body);
  });

  it('same key + another body → 422 idempotency_key_reused', async () => {
    const res = await post('key-0000001', { user: { externalId: 'tea-2' } });
    expect(res.statusCode).toBe(422);
    expect((res.json() as ErrorBody).code).toBe('idempotency_key_reused');
  });

  it('keys are scoped per tenant and principal', async () => {
    const res = await post('key-0000001', { user: { externalId: 'tea-1' } }, b.secret);
    expect(res.statusCode).toBe(404); // B's own attempt, not A's replay
    expect(res.headers['idempotent-replayed']).toBeUndefined();
  });

  it('a refused request (4xx) releases the key and leaves no record', async () => {
    const before = await dumpTables(t.database);
    const first = await post('key-0000404', { user: { externalId: 'nobody' } });
    expect(first.statusCode).toBe(404);
    expect(await dumpTables(t.database)).toEqual(before);
    const again = await post('key-0000404', { user: { externalId: 'nobody' } });
    expect(again.statusCode).toBe(404);
    expect(again.headers['idempotent-replayed']).toBeUndefined();
  });

  it('a duplicate while the first still runs → 409 idempotency_in_progress', async () => {
    const firstP = post('key-slow-001', {}, a.secret, '/test/slow');
    await new Promise((r) => setTimeout(r, 100));
    const dup = await post('key-slow-001', {}, a.secret, '/test/slow');
    expect(dup.statusCode).toBe(409);
    expect((dup.json() as ErrorBody).code).toBe('idempotency_in_progress');
    release!();
    expect((await firstP).statusCode).toBe(200);
    const replay = await post('key-slow-001', {}, a.secret, '/test/slow');
    expect(replay.headers['idempotent-replayed']).toBe('true');
  });

  it('a 5xx releases the key so the operation can be retried', async () => {
    expect((await post('key-fail-001', {}, a.secret, '/test/fails')).statusCode).toBe(500);
    const retry = await post('key-fail-001', {}, a.secret, '/test/fails');
    expect(retry.statusCode).toBe(500);
    expect(retry.headers['idempotent-replayed']).toBeUndefined();
  });

  it('stores a hash of the request and a sealed response, never the plain body or token', async () => {
    const res = await post('key-0000777', { user: { externalId: 'tea-1' } });
    const { token } = res.json() as { token: string };
    const dump = JSON.stringify(await dumpTables(t.database));
    expect(dump).not.toContain(token);
    expect(dump).not.toContain('"externalId":"tea-1"');
  });

  it('expires after 7 days', async () => {
    clock.advance(7 * 24 * 3600_000 + 1000);
    expect(await purgeExpiredIdempotencyKeys(t.app)).toBeGreaterThan(0);
    const fresh = await post('key-0000001', { user: { externalId: 'tea-2' } });
    expect(fresh.statusCode).toBe(201);
  });
});
