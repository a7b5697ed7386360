import type { Role } from '@xinqiao/contracts/memberships';
import type { Principal } from '../auth/principal.js';
import type { Executor } from '../db/types.js';
import { AppError } from '../http/app-error.js';
import { studentContext } from '../pipeline/student-context.js';
import { schoolOf, schoolsUnder, unitChain } from '../policy/units.js';
import { targetsChild, type Target } from './sessions.js';

/** School staff who see their schools' sessions (and, per the matrix, their signups). */
export const staffRoles = ['class_teacher', 'grade_leader', 'counsellor', 'school_admin'] as const;

/** One of a guardian's children, where the child sits today, and the family of that link. */
export interface Child {
  studentId: string;
  /** families.id of the guardian–child link, or the guardian's own id when the roster named none. */
  familyKey: string;
  classId: string;
  gradeId: string | null;
  schoolId: string;
}

/** The guardian's children enrolled today (graduates and ended links are left out). */
export async function guardianChildren(
  db: Executor,
  tenantId: string,
  guardianId: string,
  today: string,
): Promise<Child[]> {
  const links = await db
    .selectFrom('guardianships')
    .select(['student_id', 'family_id'])
    .where('tenant_id', '=', tenantId)
    .where('guardian_id', '=', guardianId)
    .where('started_on', '<=', today)
    .where((eb) => eb.or([eb('ended_on', 'is', null), eb('ended_on', '>', today)]))
    .orderBy('student_id')
    .execute();
  const out: Child[] = [];
  const seen = new Set<string>();
  for (const l of links) {
    if (seen.has(l.student_id)) continue;
    seen.add(l.student_id);
    const ctx = await studentContext(db, tenantId, l.student_id, today);
    if (!ctx) continue;
    out.push({
      studentId: l.student_id,
      familyKey: l.family_id ?? guardianId,
      classId: ctx.classId,
      gradeId: ctx.gradeId,
      schoolId: ctx.schoolId,
    });
  }
  return out;
}

/**
 * Who a caller is for the parent school: the portal sees every session of its tenant; staff the
 * sessions of the schools they work in (district admins: schools in their region); guardians the
 * sessions that target one of their children.
 */
export interface Audience {
  tenantId: string;
  all: boolean;
  schools: Set<string>;
  children: Child[];
  /** The guardian's family keys (for "my signups"). */
  familyKeys: Set<string>;
}

export async function audienceOf(
  db: Executor,
  principal: Principal,
  today: string,
): Promise<Audience> {
  if (principal.kind === 'public') throw new AppError('unauthenticated');
  const tenantId = principal.tenantId;
  if (principal.kind === 'secret_key')
    return { tenantId, all: true, schools: new Set(), children: [], familyKeys: new Set() };
  const schools = new Set<string>();
  for (const m of principal.memberships) {
    if ((staffRoles as readonly Role[]).includes(m.role)) {
      const school = schoolOf(await unitChain(db, tenantId, m.orgUnit));
      if (school) schools.add(school);
    } else if (m.role === 'district_admin') {
      for (const s of await schoolsUnder(db, tenantId, m.orgUnit)) schools.add(s);
    }
  }
  const children = principal.memberships.some((m) => m.role === 'guardian')
    ? await guardianChildren(db, tenantId, principal.userId, today)
    : [];
  return {
    tenantId,
    all: false,
    schools,
    children,
    familyKeys: new Set(children.map((c) => c.familyKey)),
  };
}

/** May this audience see a session with these targets? */
export function sees(a: Audience, targets: Target[]): boolean {
  if (a.all) return true;
  if (targets.some((t) => a.schools.has(t.schoolId))) return true;
  return a.children.some((c) => targetsChild(targets, c.schoolId, c.gradeId));
}

/** The audience's children a session is for. */
export const eligibleChildren = (a: Audience, targets: Target[]): Child[] =>
  a.children.filter((c) => targetsChild(targets, c.schoolId, c.gradeId));
