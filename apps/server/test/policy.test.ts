import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resources, type Resource } from '@xinqiao/contracts/authorization';
import { roles, type Role } from '@xinqiao/contracts/memberships';
import type { Principal } from '../src/auth/principal.js';
import { decide } from '../src/policy/decide.js';
import { studentClass, unitChain } from '../src/policy/units.js';
import { findPersonByExternalId } from '../src/repositories/people.js';
import { createTestApp, testClock, type TestApp } from './support/app.js';
import { roster, seedSchool, tokenFor, type SeededSchool } from './support/fixtures.js';
import { userFor } from './support/principals.js';
import { bearer, seedTenant } from './support/seed.js';

let t: TestApp;
let s: SeededSchool;
let a: Awaited<ReturnType<typeof seedTenant>>;
let b: Awaited<ReturnType<typeof seedTenant>>;
const clock = testClock('2026-09-01T01:00:00Z');
const today = '2026-09-01';

type Targets = [boolean, boolean, boolean, boolean];
/**
 * Written out by hand from ARCHITECTURE §3 (not computed from the matrix), for targets:
 * [stu-1 in the caller's class c7-1, stu-3 in class c7-2 of the same school and grade,
 *  a student of school-2 (outside the district admin's county), a student of another tenant].
 */
const F: Targets = [false, false, false, false];
const own: Targets = [true, false, false, false];
const school: Targets = [true, true, false, false];
const tenantWide: Targets = [true, true, true, false];
const expected: Record<Role | 'secret_key', Record<Resource, Targets>> = {
  student: {
    answers: own,
    result: own,
    case_timeline: F,
    notes: F,
    alerts: F,
    statistics: F,
    parent_school: F,
  },
  guardian: {
    answers: F,
    result: own,
    case_timeline: own,
    notes: F,
    alerts: F,
    statistics: F,
    parent_school: own,
  },
  class_teacher: {
    answers: F,
    result: own,
    case_timeline: own,
    notes: F,
    alerts: own,
    statistics: own,
    parent_school: own,
  },
  grade_leader: {
    answers: F,
    result: school,
    case_timeline: school,
    notes: F,
    alerts: school,
    statistics: school,
    parent_school: school,
  },
  counsellor: {
    answers: school,
    result: school,
    case_timeline: school,
    notes: school,
    alerts: school,
    statistics: school,
    parent_school: school,
  },
  volunteer: {
    answers: F,
    result: F,
    case_timeline: F,
    notes: F,
    alerts: F,
    statistics: F,
    parent_school: F,
  },
  school_admin: {
    answers: F,
    result: school,
    case_timeline: school,
    notes: F,
    alerts: school,
    statistics: school,
    parent_school: school,
  },
  district_admin: {
    answers: F,
    result: F,
    case_timeline: F,
    notes: F,
    alerts: school,
    statistics: school,
    parent_school: school,
  },
  secret_key: {
    answers: F,
    result: F,
    case_timeline: F,
    notes: F,
    alerts: tenantWide,
    statistics: tenantWide,
    parent_school: tenantWide,
  },
};

const principals = {} as Record<Role | 'secret_key', Principal>;
const targets: Array<{
  tenantId: string;
  studentId: string;
  chain: Awaited<ReturnType<typeof unitChain>>;
}> = [];

async function principalFromToken(token: string): Promise<Principal> {
  const res = await t.app.inject({ method: 'GET', url: '/test/whoami', headers: bearer(token) });
  return res.json() as Principal;
}

async function studentTarget(tenantId: string, externalId: string) {
  const person = await findPersonByExternalId(t.database.db, tenantId, externalId);
  const cls = await studentClass(t.database.db, tenantId, person!.id, today);
  return { tenantId, studentId: person!.id, chain: await unitChain(t.database.db, tenantId, cls!) };
}

beforeAll(async () => {
  t = await createTestApp({
    clock,
    register: (app) => {
      app.get(
        '/test/whoami',
        { config: { access: { principals: ['embed_token'], resource: 'none' } } },
        async (req) => req.principal,
      );
    },
  });
  a = await seedTenant(t.database);
  b = await seedTenant(t.database, { name: 'B' });
  s = await seedSchool(t.app, a.secret);
  // school-2 gets one student; tenant B gets the same fixture.
  await t.app.inject({
    method: 'PUT',
    url: `/v1/schools/${s.otherSchoolId}/roster`,
    headers: bearer(a.secret),
    payload: roster({
      guardians: [],
      staff: [],
      students: [{ externalId: 'stu-other-school', class: 'c7-1' }],
      onCall: null,
    }),
  });
  const sb = await seedSchool(t.app, b.secret);
  void sb;
  for (const role of roles)
    principals[role] = await principalFromToken(await tokenFor(t.app, a.secret, userFor[role]));
  principals.secret_key = { kind: 'secret_key', tenantId: a.tenantId, keyId: a.keyId };
  targets.push(
    await studentTarget(a.tenantId, 'stu-1'),
    await studentTarget(a.tenantId, 'stu-3'),
    await studentTarget(a.tenantId, 'stu-other-school'),
    await studentTarget(b.tenantId, 'stu-1'),
  );
});
afterAll(() => t.close());

describe('policy: every role × resource pair', () => {
  for (const subject of [...roles, 'secret_key'] as const) {
    for (const resource of resources) {
      it(`${subject} × ${resource}`, async () => {
        const got: boolean[] = [];
        for (const target of targets)
          got.push(
            (await decide(t.database.db, principals[subject], resource, target, today)).allowed,
          );
        expect(got).toEqual(expected[subject][resource]);
      });
    }
  }

  it('rights never combine across units: class teacher of c7-1 who counsels in school-2', async () => {
    const memberships = [
      { role: 'class_teacher' as const, orgUnit: s.unit('c7-1') },
      { role: 'counsellor' as const, orgUnit: s.otherSchoolId },
    ];
    const p: Principal = {
      kind: 'embed_token',
      tenantId: a.tenantId,
      userId: 'per_x',
      tokenId: 'j',
      memberships,
      signedMemberships: memberships,
    };
    // notes: counsellor-only — allowed in school-2, not for the class-1 student
    expect((await decide(t.database.db, p, 'notes', targets[0]!, today)).allowed).toBe(false);
    expect((await decide(t.database.db, p, 'notes', targets[2]!, today)).allowed).toBe(true);
    const r = await decide(t.database.db, p, 'result', targets[0]!, today);
    expect(r).toMatchObject({ allowed: true, role: 'class_teacher' });
  });

  it('an ended membership grants nothing', async () => {
    const token = await tokenFor(t.app, a.secret, 'tea-1');
    await t.app.inject({
      method: 'PUT',
      url: `/v1/schools/${s.schoolId}/roster`,
      headers: bearer(a.secret),
      payload: roster({ staff: roster().staff.filter((x) => x.externalId !== 'tea-1') }),
    });
    const p = await principalFromToken(token);
    for (const resource of resources)
      expect((await decide(t.database.db, p, resource, targets[0]!, today)).allowed).toBe(false);
    await t.app.inject({
      method: 'PUT',
      url: `/v1/schools/${s.schoolId}/roster`,
      headers: bearer(a.secret),
      payload: roster(),
    });
  });
});
