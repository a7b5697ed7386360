import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbedSession } from '@xinqiao/contracts/embed-sessions';
import { HotlineList } from '@xinqiao/contracts/hotlines-api';
import {
  ParentSchoolCoverage,
  ParentSchoolSessionList,
  ParentSchoolSignup,
} from '@xinqiao/contracts/parent-school';
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

  it('has parent-school sessions: the small one is full, so the demo guardian is waitlisted', async () => {
    const token = async (externalId: string) =>
      EmbedSession.parse(
        (
          await t.app.inject({
            method: 'POST',
            url: '/v1/embed-sessions',
            headers: bearer(secretKey),
            payload: { user: { externalId } },
          })
        ).json(),
      );
    const guardian = await token(demoUsers.guardian);
    const list = ParentSchoolSessionList.parse(
      (
        await t.app.inject({
          method: 'GET',
          url: '/v1/parent-school/sessions',
          headers: bearer(guardian.token),
        })
      ).json(),
    );
    expect(list.data).toHaveLength(3);
    const small = list.data.find((x) => x.capacity === 2)!;
    expect(small).toMatchObject({ mode: 'online', seatsLeft: 0 });
    const res = await t.app.inject({
      method: 'POST',
      url: `/v1/parent-school/sessions/${small.id}/signups`,
      headers: bearer(guardian.token),
      payload: { childStudentId: small.eligibleChildIds[0], attendeeCount: 1 },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(ParentSchoolSignup.parse(res.json())).toMatchObject({
      state: 'waitlisted',
      waitlistPosition: 1,
    });
    // the past session reached three families
    const admin = await token(demoUsers.school_admin);
    const cov = ParentSchoolCoverage.parse(
      (
        await t.app.inject({
          method: 'GET',
          url: `/v1/parent-school/coverage?orgUnit=${list.data[0]!.schoolIds[0]}`,
          headers: bearer(admin.token),
        })
      ).json(),
    );
    expect(cov.total).toMatchObject({ familiesInScope: 30, familiesReached: 3, sessionsHeld: 1 });
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
