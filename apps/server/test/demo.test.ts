import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbedSession } from '@xinqiao/contracts/embed-sessions';
import { HotlineList } from '@xinqiao/contracts/hotlines-api';
import { demoUsers, seedDemo } from '../src/demo/seed.js';
import { createTestApp, testClock, type TestApp } from './support/app.js';
import { dumpTables } from './support/dump.js';
import { bearer } from './support/seed.js';

let t: TestApp;
const clock = testClock('2026-09-01T01:00:00Z');
const secretKey = `sk_demo_${'ab'.repeat(24)}`;

beforeAll(async () => {
  t = await createTestApp({ clock, config: { demo: true, encryptionKey: undefined } });
});
afterAll(() => t.close());

describe('demo seed (XINQIAO_DEMO=1)', () => {
  it('seeds a tenant whose given secret key works, and is idempotent', async () => {
    const first = await seedDemo(t.app, { secretKey, portalUrl: 'http://127.0.0.1:4000' });
    expect(first.mintedSecretKey).toBeUndefined();
    const before = await dumpTables(t.database);
    const second = await seedDemo(t.app, { secretKey, portalUrl: 'http://127.0.0.1:4000' });
    expect(second.tenantId).toBe(first.tenantId);
    const after = await dumpTables(t.database);
    const { school_settings: _a, ...b } = before;
    const { school_settings: _b, ...c } = after;
    expect(c).toEqual(b);
    const tenant = await t.app.inject({
      method: 'GET',
      url: '/v1/tenant',
      headers: bearer(secretKey),
    });
    expect(tenant.json()).toMatchObject({
      id: first.tenantId,
      allowedOrigins: ['http://127.0.0.1:4000'],
    });
  });

  it('every demo user can get an embed token with their role', async () => {
    for (const [role, externalId] of Object.entries(demoUsers)) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/v1/embed-sessions',
        headers: bearer(secretKey),
        payload: { user: { externalId } },
      });
      expect(res.statusCode, externalId).toBe(201);
      expect(EmbedSession.parse(res.json()).user.memberships.map((m) => m.role)).toContain(role);
    }
  });

  it('has hotlines for the demo school and no routing gaps', async () => {
    const session = EmbedSession.parse(
      (
        await t.app.inject({
          method: 'POST',
          url: '/v1/embed-sessions',
          headers: bearer(secretKey),
          payload: { user: { externalId: demoUsers.student } },
        })
      ).json(),
    );
    const res = await t.app.inject({
      method: 'GET',
      url: `/v1/hotlines?orgUnit=${session.user.memberships[0]!.orgUnit}`,
      headers: bearer(session.token),
    });
    const body = HotlineList.parse(res.json());
    expect(body.data.length).toBeGreaterThanOrEqual(8);
    expect(body.crisis[0]!.numbers[0]!.dial).toBe('110');
  });

  it('mints and returns a key when none is given', async () => {
    const seed = await seedDemo(t.app);
    expect(seed.mintedSecretKey).toMatch(/^sk_/);
    expect(
      (
        await t.app.inject({
          method: 'GET',
          url: '/v1/tenant',
          headers: bearer(seed.mintedSecretKey!),
        })
      ).statusCode,
    ).toBe(200);
  });
});
