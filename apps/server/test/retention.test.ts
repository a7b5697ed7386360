import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RetentionDue } from '@xinqiao/contracts/students';
import type { Tenant } from '@xinqiao/contracts/tenants';
import { runRetention, yearsBefore } from '../src/jobs/retention.js';
import { createTestApp, testClock, type TestApp } from './support/app.js';
import { roster, seedSchool, type SeededSchool } from './support/fixtures.js';
import { bearer, seedTenant } from './support/seed.js';

/**
 * Retention: a tenant sets how many years after leaving a student's data is kept; the daily
 * pass erases those due (crypto-shredding, audited as `system`) and nobody else.
 */
let t: TestApp;
let s: SeededSchool;
let secret: string;
const clock = testClock('2026-09-01T01:00:00Z');
const students: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp({ clock });
  const a = await seedTenant(t.database);
  secret = a.secret;
  s = await seedSchool(t.app, secret);
  for (const id of ['stu-1', 'stu-2', 'stu-3']) {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/embed-sessions',
      headers: bearer(secret),
      payload: { user: { externalId: id } },
    });
    students[id] = (res.json() as { user: { id: string } }).user.id;
  }
  // stu-2 leaves at the next year's sync (2027-09-01); stu-1 and stu-3 stay.
  clock.set('2027-09-01T01:00:00Z');
  const base = roster();
  const res = await t.app.inject({
    method: 'PUT',
    url: `/v1/schools/${s.schoolId}/roster`,
    headers: bearer(secret),
    payload: {
      ...base,
      academicYear: '2027-2028',
      effectiveOn: '2027-09-01',
      students: base.students.filter((x) => x.externalId !== 'stu-2'),
    },
  });
  expect(res.statusCode, res.body).toBe(200);
}, 120_000);
afterAll(() => t.close());

const due = async () =>
  (
    await t.app.inject({ method: 'GET', url: '/v1/retention/due', headers: bearer(secret) })
  ).json() as RetentionDue;

describe('retention', () => {
  it('yearsBefore keeps the calendar date (29 Feb → 28 Feb)', () => {
    expect(yearsBefore('2030-09-01', 3)).toBe('2027-09-01');
    expect(yearsBefore('2028-02-29', 1)).toBe('2027-02-28');
  });

  it('not set: nothing is due and the pass erases nobody', async () => {
    clock.set('2040-01-01T01:00:00Z');
    expect(await due()).toEqual({
      retentionYearsAfterLeaving: null,
      leftOnOrBefore: null,
      data: [],
    });
    expect(await runRetention(t.app.deps, clock.now())).toBe(0);
  });

  it('set to 3 years: due only once three years have passed since leaving', async () => {
    const patch = await t.app.inject({
      method: 'PATCH',
      url: '/v1/tenant',
      headers: bearer(secret),
      payload: { retentionYearsAfterLeaving: 3 },
    });
    expect(patch.statusCode, patch.body).toBe(200);
    expect((patch.json() as Tenant).retentionYearsAfterLeaving).toBe(3);
    clock.set('2030-08-31T01:00:00Z');
    expect((await due()).data).toEqual([]);
    expect(await runRetention(t.app.deps, clock.now())).toBe(0);
    clock.set('2030-09-01T01:00:00Z');
    expect((await due()).data).toEqual([{ studentId: students['stu-2'], leftOn: '2027-09-01' }]);
  });

  it('the pass erases the student due, audits it as system, and leaves the others', async () => {
    expect(await runRetention(t.app.deps, clock.now())).toBe(1);
    const people = await t.database.db
      .selectFrom('people')
      .select(['id', 'erased_at', 'name_enc'])
      .where('id', 'in', Object.values(students))
      .execute();
    const byId = new Map(people.map((p) => [p.id, p]));
    expect(byId.get(students['stu-2']!)!.erased_at).not.toBeNull();
    expect(byId.get(students['stu-1']!)!.erased_at).toBeNull();
    expect(byId.get(students['stu-1']!)!.name_enc).not.toBeNull();
    expect(byId.get(students['stu-3']!)!.erased_at).toBeNull();
    const key = await t.database.db
      .selectFrom('data_keys')
      .select('person_id')
      .where('person_id', '=', students['stu-2']!)
      .execute();
    expect(key).toHaveLength(0);
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select(['actor_kind', 'purpose'])
      .where('subject_id', '=', students['stu-2']!)
      .where('action', '=', 'erase')
      .execute();
    expect(audit).toEqual([{ actor_kind: 'system', purpose: 'erasure:retention_expired' }]);
    expect((await due()).data).toEqual([]);
    expect(await runRetention(t.app.deps, clock.now())).toBe(0);
  });

  it('out-of-range settings are refused and change nothing', async () => {
    for (const v of [0, 31, 2.5, '3']) {
      const res = await t.app.inject({
        method: 'PATCH',
        url: '/v1/tenant',
        headers: bearer(secret),
        payload: { retentionYearsAfterLeaving: v },
      });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ code: 'validation_failed' });
    }
    expect((await due()).retentionYearsAfterLeaving).toBe(3);
  });
});
