import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiKeyCreated, ApiKeyList, Tenant } from '@xinqiao/contracts/tenants';
import type { ErrorBody } from '@xinqiao/contracts/errors';
import { createTestApp, type TestApp } from './support/app.js';
import { expectBadInputRejected } from './support/bad-input.js';
import { dumpTables } from './support/dump.js';
import { bearer, seedTenant } from './support/seed.js';

let t: TestApp;
let a: Awaited<ReturnType<typeof seedTenant>>;
let b: Awaited<ReturnType<typeof seedTenant>>;
beforeAll(async () => {
  t = await createTestApp();
  a = await seedTenant(t.database, { name: 'Portal A' });
  b = await seedTenant(t.database, { name: 'Portal B', allowedOrigins: ['https://b.example.cn'] });
});
afterAll(() => t.close());

describe('tenant', () => {
  it('GET /v1/tenant answers the calling tenant only', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/v1/tenant', headers: bearer(a.secret) });
    expect(res.statusCode).toBe(200);
    expect(Tenant.parse(res.json())).toMatchObject({ id: a.tenantId, name: 'Portal A' });
  });

  it('needs a valid, unrevoked secret key', async () => {
    for (const headers of [
      {},
      { authorization: 'Basic abc' },
      { authorization: 'Bearer sk_nope' },
      { authorization: 'Bearer' },
    ]) {
      const res = await t.app.inject({ method: 'GET', url: '/v1/tenant', headers });
      expect(res.statusCode).toBe(401);
      expect((res.json() as ErrorBody).code).toBe('unauthenticated');
    }
  });

  it('PATCH updates origins and webhook URL; private or plain-http webhook URLs are refused', async () => {
    const ok = await t.app.inject({
      method: 'PATCH',
      url: '/v1/tenant',
      headers: bearer(a.secret),
      payload: {
        allowedOrigins: ['https://a.example.cn'],
        webhookUrl: 'https://hooks.example.cn/xq',
      },
    });
    expect(ok.statusCode).toBe(200);
    expect(Tenant.parse(ok.json())).toMatchObject({
      allowedOrigins: ['https://a.example.cn'],
      webhookUrl: 'https://hooks.example.cn/xq',
    });
    const before = await dumpTables(t.database);
    for (const webhookUrl of [
      'http://hooks.example.cn/x',
      'https://127.0.0.1/x',
      'https://10.1.2.3/x',
      'https://localhost/x',
      'https://[::1]/x',
      'https://192.168.1.1/',
    ]) {
      const res = await t.app.inject({
        method: 'PATCH',
        url: '/v1/tenant',
        headers: bearer(a.secret),
        payload: { webhookUrl },
      });
      expect(res.statusCode, webhookUrl).toBe(400);
    }
    expect(await dumpTables(t.database)).toEqual(before);
  });

  it('PATCH bad input is rejected with the database unchanged', async () => {
    await expectBadInputRejected(t.app, t.database, {
      method: 'PATCH',
      url: '/v1/tenant',
      headers: bearer(a.secret),
      valid: { name: 'Renamed' },
      wrongTypes: { name: 5, allowedOrigins: 'x' },
    });
  });

  it('CORS allows a tenant origin and no other', async () => {
    const pre = (origin: string) =>
      t.app.inject({
        method: 'OPTIONS',
        url: '/v1/tenant',
        headers: {
          origin,
          'access-control-request-method': 'GET',
          'access-control-request-headers': 'authorization',
        },
      });
    expect((await pre('https://b.example.cn')).headers['access-control-allow-origin']).toBe(
      'https://b.example.cn',
    );
    expect(
      (await pre('https://evil.example.com')).headers['access-control-allow-origin'],
    ).toBeUndefined();
  });
});

describe('secret keys', () => {
  it('are shown once, listed without the secret, and revocable', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/v1/keys',
      headers: bearer(a.secret),
      payload: { label: 'rotation' },
    });
    expect(created.statusCode).toBe(201);
    const { key, secret } = ApiKeyCreated.parse(created.json());
    expect(secret.startsWith(key.prefix)).toBe(true);

    const list = ApiKeyList.parse(
      (await t.app.inject({ method: 'GET', url: '/v1/keys', headers: bearer(secret) })).json(),
    );
    expect(list.data.map((k) => k.id)).toContain(key.id);
    expect(JSON.stringify(list)).not.toContain(secret);
    const dump = JSON.stringify(await dumpTables(t.database));
    expect(dump).not.toContain(secret);

    const revoked = await t.app.inject({
      method: 'DELETE',
      url: `/v1/keys/${key.id}`,
      headers: bearer(a.secret),
    });
    expect(revoked.statusCode).toBe(200);
    expect((revoked.json() as { revokedAt: string | null }).revokedAt).toBeTruthy();
    const after = await t.app.inject({ method: 'GET', url: '/v1/tenant', headers: bearer(secret) });
    expect(after.statusCode).toBe(401);
  });

  it("another tenant's key id is not found, and nothing changes", async () => {
    const before = await dumpTables(t.database);
    const res = await t.app.inject({
      method: 'DELETE',
      url: `/v1/keys/${b.keyId}`,
      headers: bearer(a.secret),
    });
    expect(res.statusCode).toBe(404);
    expect(await dumpTables(t.database)).toEqual(before);
  });

  it('a malformed key id is a validation error', async () => {
    const res = await t.app.inject({
      method: 'DELETE',
      url: '/v1/keys/not-an-id',
      headers: bearer(a.secret),
    });
    expect(res.statusCode).toBe(400);
  });

  it('POST /v1/keys bad input is rejected with the database unchanged', async () => {
    await expectBadInputRejected(t.app, t.database, {
      method: 'POST',
      url: '/v1/keys',
      headers: bearer(a.secret),
      valid: { label: 'x' },
      wrongTypes: { label: 7 },
    });
  });

  it('the webhook secret is shown once and stored sealed', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/tenant/webhook-secret',
      headers: bearer(a.secret),
    });
    expect(res.statusCode).toBe(201);
    const { secret } = res.json() as { secret: string };
    expect(secret).toMatch(/^whsec_/);
    expect(JSON.stringify(await dumpTables(t.database))).not.toContain(secret);
  });
});
