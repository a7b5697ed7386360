import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import type {
  RegionsSync,
  RegionsSyncResult,
  RosterSync,
  RosterSyncResult,
} from '@xinqiao/contracts/roster';
import { bearer } from './seed.js';

/** Seeded names and portal ids: none may ever appear in logs or in plaintext in the database. */
export const sentinels = {
  studentName: 'SENTINEL_STUDENT_王小明',
  guardianName: 'SENTINEL_GUARDIAN_王大明',
  teacherName: 'SENTINEL_TEACHER_李老师',
};

export const regions: RegionsSync = {
  regions: [
    { externalId: 'jx', kind: 'province', name: '江西省' },
    { externalId: 'jx-yc', kind: 'city', name: '宜春市', parent: 'jx' },
    { externalId: 'jx-yc-yz', kind: 'county', name: '袁州区', parent: 'jx-yc' },
  ],
  schools: [
    { externalId: 'school-1', name: '第一中学', region: 'jx-yc-yz' },
    { externalId: 'school-2', name: '第二中学', region: 'jx-yc' },
  ],
  districtAdmins: [{ externalId: 'd-admin-1', regions: ['jx-yc-yz'] }],
};

/** A school with two classes: c7-1 fully staffed, c7-2 without a class teacher. */
export function roster(overrides: Partial<RosterSync> = {}): RosterSync {
  return {
    academicYear: '2026-2027',
    effectiveOn: '2026-09-01',
    grades: [{ externalId: 'g7', name: '七年级' }],
    classes: [
      { externalId: 'c7-1', grade: 'g7', name: '七年级1班' },
      { externalId: 'c7-2', grade: 'g7', name: '七年级2班' },
    ],
    students: [
      { externalId: 'stu-1', name: sentinels.studentName, birthMonth: '2013-05', class: 'c7-1' },
      { externalId: 'stu-2', birthMonth: '2013', class: 'c7-1' },
      { externalId: 'stu-3', class: 'c7-2' },
    ],
    guardians: [
      { externalId: 'par-1', name: sentinels.guardianName, family: 'fam-1', students: ['stu-1'] },
      { externalId: 'par-2', family: 'fam-1', students: ['stu-1'] },
      { externalId: 'par-3', family: 'fam-3', students: ['stu-3'] },
    ],
    staff: [
      {
        externalId: 'tea-1',
        name: sentinels.teacherName,
        memberships: [{ role: 'class_teacher', unit: { kind: 'class', externalId: 'c7-1' } }],
      },
      {
        externalId: 'tea-2',
        memberships: [{ role: 'grade_leader', unit: { kind: 'grade', externalId: 'g7' } }],
      },
      { externalId: 'cou-1', memberships: [{ role: 'counsellor', unit: { kind: 'school' } }] },
      { externalId: 'adm-1', memberships: [{ role: 'school_admin', unit: { kind: 'school' } }] },
      { externalId: 'vol-1', memberships: [{ role: 'volunteer', unit: { kind: 'school' } }] },
    ],
    schoolHours: { days: [1, 2, 3, 4, 5], open: '07:30', close: '17:30' },
    onCall: 'cou-1',
    ...overrides,
  };
}

export interface SeededSchool {
  regions: RegionsSyncResult;
  schoolId: string;
  otherSchoolId: string;
  roster: RosterSyncResult;
  unit(externalId: string): string;
}

/** Pushes the standard regions and school-1's roster through the HTTP API. */
export async function seedSchool(
  app: FastifyInstance,
  secret: string,
  r: RosterSync = roster(),
): Promise<SeededSchool> {
  const reg = await app.inject({
    method: 'PUT',
    url: '/v1/regions',
    headers: bearer(secret),
    payload: regions,
  });
  expect(reg.statusCode, reg.body).toBe(200);
  const regionsResult = reg.json() as RegionsSyncResult;
  const schoolId = regionsResult.schools.find((s) => s.externalId === 'school-1')!.id;
  const otherSchoolId = regionsResult.schools.find((s) => s.externalId === 'school-2')!.id;
  const res = await app.inject({
    method: 'PUT',
    url: `/v1/schools/${schoolId}/roster`,
    headers: bearer(secret),
    payload: r,
  });
  expect(res.statusCode, res.body).toBe(200);
  const rosterResult = res.json() as RosterSyncResult;
  const all = [
    ...regionsResult.regions,
    ...regionsResult.schools,
    ...rosterResult.grades,
    ...rosterResult.classes,
  ];
  return {
    regions: regionsResult,
    schoolId,
    otherSchoolId,
    roster: rosterResult,
    unit: (externalId) => all.find((u) => u.externalId === externalId)!.id,
  };
}

/** An embed token for a roster user. */
export async function tokenFor(
  app: FastifyInstance,
  secret: string,
  externalId: string,
  ttlSeconds?: number,
): Promise<string> {
  const res = await app.inject({
    method: 'POST',
    url: '/v1/embed-sessions',
    headers: bearer(secret),
    payload: { user: { externalId }, ...(ttlSeconds ? { ttlSeconds } : {}) },
  });
  expect(res.statusCode, res.body).toBe(201);
  return (res.json() as { token: string }).token;
}
