import type { FastifyInstance } from 'fastify';
import type { Role } from '@xinqiao/contracts/memberships';
import { roster, regions, tokenFor } from './fixtures.js';
import { bearer } from './seed.js';

/** The roster user holding each role in the standard fixture (school-1 / its county). */
export const userFor: Record<Role, string> = {
  student: 'stu-1',
  guardian: 'par-1',
  class_teacher: 'tea-1',
  grade_leader: 'tea-2',
  counsellor: 'cou-1',
  school_admin: 'adm-1',
  volunteer: 'vol-1',
  district_admin: 'd-admin-1',
};

export type Caller =
  Role | 'secret_key' | 'other_tenant' | 'other_tenant_admin' | 'anonymous' | 'ended_membership';

/**
 * Authorization headers for every kind of caller. `ended_membership` is a class teacher whose
 * only membership the roster ended after their token was issued.
 */
export async function callers(
  app: FastifyInstance,
  secretA: string,
  secretB: string,
  schoolId: string,
): Promise<Record<Caller, Record<string, string>>> {
  const out = {} as Record<Caller, Record<string, string>>;
  for (const [role, user] of Object.entries(userFor) as Array<[Role, string]>)
    out[role] = bearer(await tokenFor(app, secretA, user));
  // A teacher who leaves: token first, then a roster without them.
  const withLeaver = roster({
    staff: [
      ...roster().staff,
      {
        externalId: 'leaver',
        memberships: [{ role: 'class_teacher', unit: { kind: 'class', externalId: 'c7-2' } }],
      },
    ],
  });
  await app.inject({
    method: 'PUT',
    url: `/v1/schools/${schoolId}/roster`,
    headers: bearer(secretA),
    payload: withLeaver,
  });
  out.ended_membership = bearer(await tokenFor(app, secretA, 'leaver'));
  await app.inject({
    method: 'PUT',
    url: `/v1/schools/${schoolId}/roster`,
    headers: bearer(secretA),
    payload: roster(),
  });
  out.secret_key = bearer(secretA);
  out.other_tenant = bearer(secretB);
  // A school admin of another tenant (whose roster has an 'adm-1' too).
  out.other_tenant_admin = bearer(await tokenFor(app, secretB, 'adm-1'));
  out.anonymous = {};
  void regions;
  return out;
}
