import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HotlineList } from '@xinqiao/contracts/hotlines-api';
import type { HotlineCreate } from '@xinqiao/contracts/hotlines-api';
import { jiangxiLines } from '../src/repositories/hotlines.js';
import { createTestApp, testClock, type TestApp } from './support/app.js';
import { expectBadInputRejected } from './support/bad-input.js';
import { dumpTables } from './support/dump.js';
import { seedSchool, tokenFor, type SeededSchool } from './support/fixtures.js';
import { bearer, seedTenant } from './support/seed.js';

let t: TestApp;
let s: SeededSchool;
let a: Awaited<ReturnType<typeof seedTenant>>;
let b: Awaited<ReturnType<typeof seedTenant>>;
// Tuesday 2026-09-01 09:00 in Asia/Shanghai
const clock = testClock('2026-09-01T01:00:00Z');

const schoolLine = (orgUnit: string): HotlineCreate => ({
  orgUnit,
  kind: 'psychological',
  name: { 'zh-CN': '学校心理辅导室', en: 'School counselling room' },
  numbers: [{ dial: '07955551234' }],
  audiences: ['student'],
  schedule: { kind: 'weekly', slots: [{ days: [1, 2, 3, 4, 5], open: '08:00', close: '17:00' }] },
  verification: { status: 'verified', checkedOn: '2026-08-30', source: { title: '学校通知' } },
});

const list = async (headers: Record<string, string>, orgUnit: string, extra = '') =>
  t.app.inject({ method: 'GET', url: `/v1/hotlines?orgUnit=${orgUnit}${extra}`, headers });

beforeAll(async () => {
  t = await createTestApp({ clock });
  a = await seedTenant(t.database);
  b = await seedTenant(t.database, { name: 'B' });
  s = await seedSchool(t.app, a.secret);
  for (const line of jiangxiLines(s.unit('jx'))) {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/hotlines',
      headers: bearer(a.secret),
      payload: line,
    });
    expect(res.statusCode, res.body).toBe(201);
  }
});
afterAll(() => t.close());

describe('GET /v1/hotlines', () => {
  it('answers national then local lines for a place, with openNow and the crisis list', async () => {
    const student = await tokenFor(t.app, a.secret, 'stu-1');
    const res = await list(bearer(student), s.unit('c7-1'));
    expect(res.statusCode).toBe(200);
    const body = HotlineList.parse(res.json());
    expect(body.data.map((l) => l.numbers[0]!.dial)).toEqual([
      '110',
      '120',
      '12356',
      '12355',
      '12356',
      '966525',
      '4009151095',
    ]);
    expect(body.data.find((l) => l.numbers[0]!.dial === '966525')!.openNow).toBe('unknown');
    expect(
      body.data.find((l) => l.scope === 'province' && l.numbers[0]!.dial === '12356')!.openNow,
    ).toBe('open');
    // 110/120 first; then verified lines open now; never the unverified line
    expect(body.crisis.map((l) => l.numbers[0]!.dial)).toEqual(['110', '120', '12356']);
  });

  it('at 02:00 Shanghai time the 06:00–24:00 line is closed and leaves the crisis list', async () => {
    const at = clock.now();
    clock.set('2026-09-01T18:00:00Z');
    try {
      const body = HotlineList.parse((await list(bearer(a.secret), s.unit('c7-1'))).json());
      expect(body.crisis.map((l) => l.numbers[0]!.dial)).toEqual(['110', '120']);
    } finally {
      clock.set(at);
    }
  });

  it("a school line reaches that school's units only", async () => {
    const admin = await tokenFor(t.app, a.secret, 'adm-1');
    const created = await t.app.inject({
      method: 'POST',
      url: '/v1/hotlines',
      headers: bearer(admin),
      payload: schoolLine(s.schoolId),
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ scope: 'school', orgUnitId: s.schoolId });
    const inSchool = HotlineList.parse((await list(bearer(a.secret), s.unit('c7-1'))).json());
    expect(inSchool.data.at(-1)!.name.en).toBe('School counselling room');
    const other = HotlineList.parse((await list(bearer(a.secret), s.otherSchoolId)).json());
    expect(other.data.some((l) => l.scope === 'school')).toBe(false);
  });

  it("another tenant's unit is not found", async () => {
    expect((await list(bearer(b.secret), s.unit('c7-1'))).statusCode).toBe(404);
    expect((await list({}, s.unit('c7-1'))).statusCode).toBe(401);
  });
});

describe('managing lines', () => {
  it('only admins and counsellors of the unit (or the secret key) manage lines', async () => {
    const before = await dumpTables(t.database);
    for (const user of ['tea-1', 'stu-1', 'par-1']) {
      const token = await tokenFor(t.app, a.secret, user);
      const after = await dumpTables(t.database);
      const res = await t.app.inject({
        method: 'POST',
        url: '/v1/hotlines',
        headers: bearer(token),
        payload: schoolLine(s.schoolId),
      });
      expect(res.statusCode, user).toBe(403);
      const { idempotency_keys: _x, ...rest } = await dumpTables(t.database);
      const { idempotency_keys: _y, ...restAfter } = after;
      expect(rest).toEqual(restAfter);
    }
    void before;
    // a school admin of school-1 cannot add a province line
    const admin = await tokenFor(t.app, a.secret, 'adm-1');
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/v1/hotlines',
          headers: bearer(admin),
          payload: schoolLine(s.unit('jx')),
        })
      ).statusCode,
    ).toBe(403);
    // the district admin of the county can add a county line
    const district = await tokenFor(t.app, a.secret, 'd-admin-1');
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/v1/hotlines',
          headers: bearer(district),
          payload: schoolLine(s.unit('jx-yc-yz')),
        })
      ).statusCode,
    ).toBe(201);
  });

  it('refuses a 24-hour schedule without a verified, cited source', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/hotlines',
      headers: bearer(a.secret),
      payload: {
        ...schoolLine(s.schoolId),
        schedule: { kind: 'always' },
        verification: { status: 'unverified', checkedOn: null, source: null },
      },
    });
    expect(res.statusCode).toBe(422);
  });

  it('edits and retires a line; other tenants get 404', async () => {
    const created = (
      await t.app.inject({
        method: 'POST',
        url: '/v1/hotlines',
        headers: bearer(a.secret),
        payload: schoolLine(s.schoolId),
      })
    ).json() as { id: string };
    const patched = await t.app.inject({
      method: 'PATCH',
      url: `/v1/hotlines/${created.id}`,
      headers: bearer(a.secret),
      payload: { numbers: [{ dial: '07955550000' }] },
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ numbers: [{ dial: '07955550000' }] });
    expect(
      (
        await t.app.inject({
          method: 'PATCH',
          url: `/v1/hotlines/${created.id}`,
          headers: bearer(b.secret),
          payload: {},
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (
        await t.app.inject({
          method: 'DELETE',
          url: `/v1/hotlines/${created.id}`,
          headers: bearer(b.secret),
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (
        await t.app.inject({
          method: 'DELETE',
          url: `/v1/hotlines/${created.id}`,
          headers: bearer(a.secret),
        })
      ).statusCode,
    ).toBe(204);
    expect(
      (
        await t.app.inject({
          method: 'DELETE',
          url: `/v1/hotlines/${created.id}`,
          headers: bearer(a.secret),
        })
      ).statusCode,
    ).toBe(404);
  });

  it('bad input is rejected with the database unchanged', async () => {
    await expectBadInputRejected(t.app, t.database, {
      method: 'POST',
      url: '/v1/hotlines',
      headers: bearer(a.secret),
      valid: schoolLine(s.schoolId) as unknown as Record<string, unknown>,
      wrongTypes: { ...schoolLine(s.schoolId), numbers: [{ dial: 'abc' }], audiences: 'student' },
    });
  });
});
