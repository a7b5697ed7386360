import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RosterSyncResult, type RosterSync } from '@xinqiao/contracts/roster';
import type { ErrorBody } from '@xinqiao/contracts/errors';
import { createTestApp, testClock, type TestApp } from './support/app.js';
import { expectBadInputRejected } from './support/bad-input.js';
import { dumpTables } from './support/dump.js';
import { regions, roster, seedSchool, sentinels, type SeededSchool } from './support/fixtures.js';
import { bearer, seedTenant } from './support/seed.js';

let t: TestApp;
let a: Awaited<ReturnType<typeof seedTenant>>;
let b: Awaited<ReturnType<typeof seedTenant>>;
let s: SeededSchool;
const clock = testClock('2026-09-01T01:00:00Z');

beforeAll(async () => {
  t = await createTestApp({ clock });
  a = await seedTenant(t.database);
  b = await seedTenant(t.database, { name: 'Other portal' });
  s = await seedSchool(t.app, a.secret);
});
afterAll(() => t.close());

const put = (schoolId: string, payload: unknown, secret = a.secret) =>
  t.app.inject({
    method: 'PUT',
    url: `/v1/schools/${schoolId}/roster`,
    headers: bearer(secret),
    payload: payload as object,
  });

describe('PUT /v1/regions', () => {
  it('maps external ids to opaque ids and is idempotent', async () => {
    expect(s.regions.regions).toHaveLength(3);
    expect(s.regions.counts.units.created).toBe(5);
    const again = await t.app.inject({
      method: 'PUT',
      url: '/v1/regions',
      headers: bearer(a.secret),
      payload: regions,
    });
    expect(again.json()).toMatchObject({
      counts: { units: { created: 0, unchanged: 5, ended: 0 }, memberships: { unchanged: 1 } },
    });
  });

  it('rejects dangling parents and a county under a province', async () => {
    const before = await dumpTables(t.database);
    const res = await t.app.inject({
      method: 'PUT',
      url: '/v1/regions',
      headers: bearer(a.secret),
      payload: {
        regions: [{ externalId: 'x', kind: 'city', parent: 'nowhere' }],
        schools: [{ externalId: 's', region: 'gone' }],
      },
    });
    expect(res.statusCode).toBe(422);
    const body = res.json() as ErrorBody;
    expect(body.code).toBe('dangling_reference');
    expect(body.details!.references).toEqual([
      { path: 'regions[0].parent', ref: 'nowhere' },
      { path: 'schools[0].region', ref: 'gone' },
    ]);
    const bad = await t.app.inject({
      method: 'PUT',
      url: '/v1/regions',
      headers: bearer(a.secret),
      payload: {
        regions: [
          { externalId: 'p', kind: 'province' },
          { externalId: 'c', kind: 'county', parent: 'p' },
        ],
        schools: [],
      },
    });
    expect(bad.statusCode).toBe(400);
    expect(await dumpTables(t.database)).toEqual(before);
  });
});

describe('PUT /v1/schools/:id/roster', () => {
  it('creates the roster and reports counts and routing gaps', () => {
    const r = RosterSyncResult.parse(s.roster);
    expect(r.counts.units).toMatchObject({ created: 3, ended: 0 });
    expect(r.counts.people.created).toBe(11);
    // 3 students + guardians (par-1, par-2 on c7-1; par-3 on c7-2) + 5 staff memberships
    expect(r.counts.memberships.created).toBe(11);
    expect(r.counts.guardianships.created).toBe(3);
    expect(r.warnings).toEqual([
      {
        code: 'no_class_teacher',
        role: 'class_teacher',
        unit: { kind: 'class', externalId: 'c7-2', id: s.unit('c7-2') },
      },
    ]);
  });

  it('is idempotent: the same payload changes nothing', async () => {
    const before = await dumpTables(t.database);
    const res = await put(s.schoolId, roster());
    expect(res.statusCode).toBe(200);
    const r = res.json() as RosterSyncResult;
    expect(r.counts.memberships).toEqual({ created: 0, updated: 0, ended: 0, unchanged: 11 });
    expect(r.counts.people).toEqual({ created: 0, updated: 0, ended: 0, unchanged: 11 });
    const after = await dumpTables(t.database);
    // Only the settings' updated_at and the sync's own audit row differ.
    const { school_settings: _a, audit_log: _c, ...restBefore } = before;
    const { school_settings: _b, audit_log: _d, ...restAfter } = after;
    expect(after.audit_log!.length).toBe(before.audit_log!.length + 1);
    expect(restAfter).toEqual(restBefore);
  });

  it('never stores names or birth months in plaintext', async () => {
    const dump = JSON.stringify(await dumpTables(t.database));
    for (const v of Object.values(sentinels)) expect(dump).not.toContain(v);
    expect(dump).not.toContain('SENTINEL');
    expect(dump).not.toContain('2013-05');
  });

  it('rejects dangling references, listing them, with nothing written', async () => {
    const before = await dumpTables(t.database);
    const payload = roster({
      classes: [{ externalId: 'c7-1', grade: 'g9' }],
      students: [{ externalId: 'stu-1', class: 'c8-1' }],
      guardians: [{ externalId: 'par-1', family: 'f', students: ['stu-404'] }],
      staff: [
        {
          externalId: 'tea-1',
          memberships: [{ role: 'class_teacher', unit: { kind: 'class', externalId: 'c9-9' } }],
        },
      ],
      onCall: 'nobody',
    });
    const res = await put(s.schoolId, payload);
    expect(res.statusCode).toBe(422);
    const body = res.json() as ErrorBody;
    expect(body.code).toBe('dangling_reference');
    expect((body.details!.references as Array<{ path: string }>).map((r) => r.path)).toEqual([
      'classes[0].grade',
      'students[0].class',
      'guardians[0].students[0]',
      'staff[0].memberships[0].unit',
      'onCall',
    ]);
    expect(await dumpTables(t.database)).toEqual(before);
  });

  it('rejects duplicate external ids', async () => {
    const res = await put(
      s.schoolId,
      roster({ grades: [{ externalId: 'g7' }, { externalId: 'g7' }] }),
    );
    expect(res.statusCode).toBe(400);
  });

  it("another tenant's school is not found, and an unknown school too", async () => {
    const before = await dumpTables(t.database);
    expect((await put(s.schoolId, roster(), b.secret)).statusCode).toBe(404);
    expect((await put('ou_00000000000000000000000000', roster())).statusCode).toBe(404);
    expect(await dumpTables(t.database)).toEqual(before);
  });

  it('bad input is rejected with the database unchanged', async () => {
    await expectBadInputRejected(t.app, t.database, {
      method: 'PUT',
      bodyLimit: 8 * 1024 * 1024,
      url: `/v1/schools/${s.schoolId}/roster`,
      headers: bearer(a.secret),
      valid: roster() as unknown as Record<string, unknown>,
      wrongTypes: { ...roster(), grades: 'g7', students: [{ externalId: 5 }] },
    });
  });

  it('caps the payload size', async () => {
    const huge = roster({
      students: Array.from({ length: 20001 }, (_, i) => ({ externalId: `s${i}`, class: 'c7-1' })),
    });
    const res = await put(s.schoolId, huge);
    expect([400, 413]).toContain(res.statusCode);
    const bigger = await t.app.inject({
      method: 'PUT',
      url: `/v1/schools/${s.schoolId}/roster`,
      headers: { ...bearer(a.secret), 'content-type': 'application/json' },
      payload: JSON.stringify({ ...roster(), pad: 'x'.repeat(9 * 1024 * 1024) }),
    });
    expect(bigger.statusCode).toBe(413);
  });

  it('next year: missing memberships are ended with their end date kept; units removed are ended', async () => {
    const next: RosterSync = roster({
      academicYear: '2027-2028',
      effectiveOn: '2027-09-01',
      grades: [{ externalId: 'g8', name: '八年级' }],
      classes: [{ externalId: 'c8-1', grade: 'g8' }],
      students: [{ externalId: 'stu-1', class: 'c8-1' }],
      guardians: [{ externalId: 'par-1', family: 'fam-1', students: ['stu-1'] }],
      staff: [
        {
          externalId: 'tea-9',
          memberships: [{ role: 'class_teacher', unit: { kind: 'class', externalId: 'c8-1' } }],
        },
        { externalId: 'cou-1', memberships: [{ role: 'counsellor', unit: { kind: 'school' } }] },
      ],
    });
    const res = await put(s.schoolId, next);
    expect(res.statusCode).toBe(200);
    const r = res.json() as RosterSyncResult;
    expect(r.counts.units).toMatchObject({ created: 2, ended: 3 });
    expect(r.counts.memberships.ended).toBeGreaterThan(0);
    expect(r.counts.guardianships).toMatchObject({ ended: 2, unchanged: 1 });
    expect(r.warnings).toEqual([]);
    const ended = await t.database.db
      .selectFrom('memberships as m')
      .innerJoin('people as p', 'p.id', 'm.person_id')
      .select(['p.external_id', 'm.role', 'm.started_on', 'm.ended_on'])
      .where('p.external_id', '=', 'tea-1')
      .execute();
    expect(ended).toEqual([
      {
        external_id: 'tea-1',
        role: 'class_teacher',
        started_on: '2026-09-01',
        ended_on: '2027-09-01',
      },
    ]);
    // restore this year's roster for the other tests in this file
    await put(s.schoolId, roster());
  });
});
