import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditPage } from '@xinqiao/contracts/audit';
import { createTestApp, testClock, type TestApp } from './support/app.js';
import { roster, seedSchool, tokenFor, type SeededSchool } from './support/fixtures.js';
import { bearer, seedTenant } from './support/seed.js';

let t: TestApp;
let s: SeededSchool;
let a: Awaited<ReturnType<typeof seedTenant>>;
let b: Awaited<ReturnType<typeof seedTenant>>;
const clock = testClock('2026-09-01T01:00:00Z');

beforeAll(async () => {
  t = await createTestApp({ clock });
  a = await seedTenant(t.database);
  b = await seedTenant(t.database, { name: 'B' });
  s = await seedSchool(t.app, a.secret);
  await seedSchool(t.app, b.secret);
  await t.app.inject({
    method: 'PUT',
    url: `/v1/schools/${s.otherSchoolId}/roster`,
    headers: bearer(a.secret),
    payload: roster({
      staff: [
        { externalId: 'adm-2', memberships: [{ role: 'school_admin', unit: { kind: 'school' } }] },
      ],
      guardians: [],
      onCall: null,
    }),
  });
});
afterAll(() => t.close());

const read = async (headers: Record<string, string>, query = '') =>
  t.app.inject({ method: 'GET', url: `/v1/audit${query}`, headers });

describe('audit log', () => {
  it('a roster sync writes its row, with actor, purpose and request id', async () => {
    const res = await read(bearer(a.secret));
    expect(res.statusCode).toBe(200);
    const page = AuditPage.parse(res.json());
    expect(page.data.length).toBe(2);
    expect(page.data.find((e) => e.orgUnitId === s.schoolId)).toMatchObject({
      action: 'write',
      resource: 'roster',
      purpose: 'roster_sync',
      actor: { kind: 'secret_key', role: 'secret_key', id: a.keyId },
    });
    expect(page.data[0]!.requestId).toBeTruthy();
  });

  it('is scoped: school admins see their school, district admins their region, others nothing', async () => {
    const admin1 = AuditPage.parse(
      (await read(bearer(await tokenFor(t.app, a.secret, 'adm-1')))).json(),
    );
    expect(admin1.data.map((e) => e.orgUnitId)).toEqual([s.schoolId]);
    const admin2 = AuditPage.parse(
      (await read(bearer(await tokenFor(t.app, a.secret, 'adm-2')))).json(),
    );
    expect(admin2.data.map((e) => e.orgUnitId)).toEqual([s.otherSchoolId]);
    // school-1 lies in the district admin's county; school-2 does not.
    const district = AuditPage.parse(
      (await read(bearer(await tokenFor(t.app, a.secret, 'd-admin-1')))).json(),
    );
    expect(district.data.map((e) => e.orgUnitId)).toEqual([s.schoolId]);
    const forbidden = await read(
      bearer(await tokenFor(t.app, a.secret, 'adm-1')),
      `?schoolId=${s.otherSchoolId}`,
    );
    expect(forbidden.statusCode).toBe(403);
    for (const user of ['cou-1', 'tea-1', 'stu-1', 'par-1']) {
      expect((await read(bearer(await tokenFor(t.app, a.secret, user)))).statusCode).toBe(403);
    }
  });

  it("another tenant never sees this tenant's rows or schools", async () => {
    const other = AuditPage.parse((await read(bearer(b.secret))).json());
    expect(other.data.every((e) => e.orgUnitId !== s.schoolId)).toBe(true);
    expect((await read(bearer(b.secret), `?schoolId=${s.schoolId}`)).statusCode).toBe(404);
  });

  it('paginates newest first', async () => {
    const first = AuditPage.parse((await read(bearer(a.secret), '?limit=1')).json());
    expect(first.data).toHaveLength(1);
    expect(first.nextCursor).toBeTruthy();
    const second = AuditPage.parse(
      (await read(bearer(a.secret), `?limit=1&cursor=${first.nextCursor}`)).json(),
    );
    expect(second.data[0]!.id < first.data[0]!.id).toBe(true);
    expect((await read(bearer(a.secret), '?limit=0')).statusCode).toBe(400);
    expect((await read(bearer(a.secret), '?bogus=1')).statusCode).toBe(400);
  });

  it('is append-only in the database itself', async () => {
    await expect(sql`update audit_log set purpose = 'x'`.execute(t.database.db)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`delete from audit_log`.execute(t.database.db)).rejects.toThrow(/append-only/);
    await expect(sql`truncate audit_log`.execute(t.database.db)).rejects.toThrow(/append-only/);
  });
});
