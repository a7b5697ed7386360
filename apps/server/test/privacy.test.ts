import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StudentExport } from '@xinqiao/contracts/students';
import { findPersonByExternalId } from '../src/repositories/people.js';
import { createTestApp, testClock, type TestApp } from './support/app.js';
import { expectBadInputRejected } from './support/bad-input.js';
import { dumpTables } from './support/dump.js';
import { roster, seedSchool, sentinels, tokenFor, type SeededSchool } from './support/fixtures.js';
import { bearer, seedTenant } from './support/seed.js';

let t: TestApp;
let s: SeededSchool;
let a: Awaited<ReturnType<typeof seedTenant>>;
let b: Awaited<ReturnType<typeof seedTenant>>;
let stu1: string;
const clock = testClock('2026-09-01T01:00:00Z');

beforeAll(async () => {
  t = await createTestApp({ clock });
  a = await seedTenant(t.database);
  b = await seedTenant(t.database, { name: 'B' });
  s = await seedSchool(t.app, a.secret);
  await seedSchool(t.app, b.secret);
  stu1 = (await findPersonByExternalId(t.database.db, a.tenantId, 'stu-1'))!.id;
});
afterAll(() => t.close());

const auditRows = async () =>
  await t.database.db.selectFrom('audit_log').selectAll().orderBy('id').execute();

describe("a student's data export", () => {
  it('gives the school admin the decrypted record, and writes an audit row', async () => {
    const admin = await tokenFor(t.app, a.secret, 'adm-1');
    const before = (await auditRows()).length;
    const res = await t.app.inject({
      method: 'GET',
      url: `/v1/students/${stu1}/export`,
      headers: bearer(admin),
    });
    expect(res.statusCode).toBe(200);
    const data = StudentExport.parse(res.json());
    expect(data).toMatchObject({
      id: stu1,
      externalId: 'stu-1',
      name: sentinels.studentName,
      birthMonth: '2013-05',
      erasedAt: null,
    });
    expect(data.memberships).toEqual([
      { role: 'student', orgUnit: s.unit('c7-1'), startedOn: '2026-09-01', endedOn: null },
    ]);
    expect(data.guardians).toHaveLength(2);
    const rows = await auditRows();
    expect(rows.length).toBe(before + 1);
    expect(rows.at(-1)).toMatchObject({
      action: 'export',
      resource: 'student_record',
      subject_id: stu1,
      actor_role: 'school_admin',
      purpose: 'data_export',
      school_id: s.schoolId,
    });
  });

  it('is refused to other roles, and a refused read writes no audit row', async () => {
    const tokens = new Map<string, string>();
    for (const user of ['cou-1', 'tea-1', 'par-1', 'stu-1', 'd-admin-1'])
      tokens.set(user, await tokenFor(t.app, a.secret, user));
    const before = await dumpTables(t.database);
    for (const [user, token] of tokens) {
      const res = await t.app.inject({
        method: 'GET',
        url: `/v1/students/${stu1}/export`,
        headers: bearer(token),
      });
      expect(res.statusCode, user).toBe(403);
    }
    expect(await dumpTables(t.database)).toEqual(before);
  });
});

describe('erasure (crypto-shredding)', () => {
  it('bad input is rejected with the database unchanged', async () => {
    const admin = await tokenFor(t.app, a.secret, 'adm-1');
    await expectBadInputRejected(t.app, t.database, {
      method: 'POST',
      url: `/v1/students/${stu1}/erasure`,
      headers: bearer(admin),
      valid: { reason: 'guardian_request' },
      wrongTypes: { reason: 42 },
    });
  });

  it("another tenant's admin gets 404 and changes nothing", async () => {
    const other = await tokenFor(t.app, b.secret, 'adm-1');
    const before = await dumpTables(t.database);
    const res = await t.app.inject({
      method: 'POST',
      url: `/v1/students/${stu1}/erasure`,
      headers: bearer(other),
      payload: { reason: 'other' },
    });
    expect(res.statusCode).toBe(404);
    expect(await dumpTables(t.database)).toEqual(before);
  });

  it('destroys the data key: sealed fields cannot be read any more; memberships end; audited', async () => {
    const admin = await tokenFor(t.app, a.secret, 'adm-1');
    const sealedBefore = await t.database.db
      .selectFrom('people')
      .select(['name_enc'])
      .where('id', '=', stu1)
      .executeTakeFirstOrThrow();
    expect(sealedBefore.name_enc).not.toBeNull();
    const res = await t.app.inject({
      method: 'POST',
      url: `/v1/students/${stu1}/erasure`,
      headers: bearer(admin),
      payload: { reason: 'guardian_request' },
    });
    expect(res.statusCode).toBe(200);
    expect(
      await t.database.db
        .selectFrom('data_keys')
        .select('person_id')
        .where('person_id', '=', stu1)
        .execute(),
    ).toEqual([]);
    const exp = StudentExport.parse(
      (
        await t.app.inject({
          method: 'GET',
          url: `/v1/students/${stu1}/export`,
          headers: bearer(admin),
        })
      ).json(),
    );
    expect(exp).toMatchObject({ name: null, birthMonth: null });
    expect(exp.erasedAt).toBe(clock.now().toISOString());
    expect(exp.memberships.every((m) => m.endedOn === '2026-09-01')).toBe(true);
    expect(
      (await auditRows()).some(
        (r) =>
          r.action === 'erase' && r.subject_id === stu1 && r.purpose === 'erasure:guardian_request',
      ),
    ).toBe(true);
    // the student can no longer get a token
    const session = await t.app.inject({
      method: 'POST',
      url: '/v1/embed-sessions',
      headers: bearer(a.secret),
      payload: { user: { externalId: 'stu-1' } },
    });
    expect(session.statusCode).toBe(404);
    // a later roster sync naming the student does not revive their data
    await t.app.inject({
      method: 'PUT',
      url: `/v1/schools/${s.schoolId}/roster`,
      headers: bearer(a.secret),
      payload: roster(),
    });
    const row = await t.database.db
      .selectFrom('people')
      .select(['name_enc', 'erased_at'])
      .where('id', '=', stu1)
      .executeTakeFirstOrThrow();
    expect(row.name_enc).toBeNull();
    expect(row.erased_at).not.toBeNull();
  });
});

describe('sentinels', () => {
  it('no table holds a seeded name or birth month in plaintext, and no log line holds a name or portal id', async () => {
    const dump = JSON.stringify(await dumpTables(t.database));
    for (const v of Object.values(sentinels)) {
      expect(dump).not.toContain(v);
      expect(dump).not.toContain(Buffer.from(v).toString('hex'));
      expect(dump).not.toContain(Buffer.from(v).toString('base64'));
    }
    expect(dump).not.toContain('2013-05');
    const logs = t.logs.join('\n');
    expect(logs.length).toBeGreaterThan(0);
    for (const v of Object.values(sentinels)) expect(logs).not.toContain(v);
    for (const ext of ['"stu-1"', '"par-1"', '"tea-1"', '"school-1"'])
      expect(logs).not.toContain(ext);
  });
});
