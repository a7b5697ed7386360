import type { DataKeys } from '../crypto/data-keys.js';
import { openField } from '../crypto/data-keys.js';
import type { Executor } from '../db/types.js';
import { sql } from 'kysely';
import type { OrgUnitKind } from '@xinqiao/contracts/org-units';
import { unitChain, type UnitLink } from '../policy/units.js';
import { lastStudentClass } from '../repositories/students.js';

/**
 * Where a student sits today: class, grade, school (and the whole chain for the policy module).
 * `classId` is null only on the safety path, for a student with no current class
 * (`signalContext`): such an alert goes to the school, never to a former class's teacher.
 */
export interface StudentContext {
  tenantId: string;
  studentId: string;
  classId: string | null;
  gradeId: string | null;
  schoolId: string;
  chain: UnitLink[];
}

/** A student with a current class (what `studentContext` finds). */
export interface EnrolledStudent extends StudentContext {
  classId: string;
}

export async function studentContext(
  db: Executor,
  tenantId: string,
  studentId: string,
  today: string,
): Promise<EnrolledStudent | undefined> {
  // One round trip: the class `studentClass` finds, with its unit chain (`unitChain`).
  const { rows } = await sql<{ id: string; kind: OrgUnitKind; depth: number }>`
    WITH RECURSIVE chain(id, kind, parent_id, depth) AS (
      SELECT id, kind, parent_id, 0 FROM org_units
      WHERE tenant_id = ${tenantId} AND id = (
        SELECT org_unit_id FROM memberships
        WHERE tenant_id = ${tenantId} AND person_id = ${studentId} AND role = 'student'
          AND started_on <= ${today} AND (ended_on IS NULL OR ended_on > ${today})
        ORDER BY started_on DESC
        LIMIT 1
      )
      UNION ALL
      SELECT u.id, u.kind, u.parent_id, c.depth + 1
      FROM org_units u JOIN chain c ON u.id = c.parent_id
      WHERE c.depth < 10
    )
    SELECT id, kind, depth FROM chain ORDER BY depth`.execute(db);
  const chain: UnitLink[] = rows.map((r) => ({ id: r.id, kind: r.kind }));
  const classId = chain[0]?.id;
  if (!classId) return undefined;
  const schoolId = chain.find((u) => u.kind === 'school')?.id;
  if (!schoolId) return undefined;
  return {
    tenantId,
    studentId,
    classId,
    gradeId: chain.find((u) => u.kind === 'grade')?.id ?? null,
    schoolId,
    chain,
  };
}

/**
 * Where to route a student's safety signal. The current class when there is one; otherwise the
 * school of the student's most recent enrolment, or of the class their signed token names —
 * with no class or grade, so the routing table passes the alert to the school's counsellor,
 * on-call contact and admin. Undefined only when no school can be found at all.
 */
export async function signalContext(
  db: Executor,
  tenantId: string,
  studentId: string,
  today: string,
  signedUnits: readonly string[],
): Promise<StudentContext | undefined> {
  const current = await studentContext(db, tenantId, studentId, today);
  if (current) return current;
  const last = await lastStudentClass(db, tenantId, studentId);
  for (const unit of [last, ...signedUnits]) {
    if (!unit) continue;
    const chain = await unitChain(db, tenantId, unit);
    const at = chain.findIndex((u) => u.kind === 'school');
    if (at < 0) continue;
    const schoolChain = chain.slice(at);
    return {
      tenantId,
      studentId,
      classId: null,
      gradeId: null,
      schoolId: chain[at]!.id,
      chain: schoolChain,
    };
  }
  return undefined;
}

/** The student's birth month (`YYYY-MM` or `YYYY`), unsealed with their data key; undefined when unknown or erased. */
export async function birthMonthOf(
  db: Executor,
  keys: DataKeys,
  tenantId: string,
  studentId: string,
): Promise<string | undefined> {
  // One round trip: the sealed month with the student's wrapped data key.
  const row = await db
    .selectFrom('people as p')
    .leftJoin('data_keys as k', (j) =>
      j.onRef('k.person_id', '=', 'p.id').on('k.tenant_id', '=', tenantId),
    )
    .select(['p.birth_month_enc', 'p.erased_at', 'k.wrapped_key', 'k.master_key_id'])
    .where('p.tenant_id', '=', tenantId)
    .where('p.id', '=', studentId)
    .executeTakeFirst();
  if (!row?.birth_month_enc || row.erased_at || !row.wrapped_key || !row.master_key_id)
    return undefined;
  const key = keys.unwrap(tenantId, studentId, {
    wrapped_key: row.wrapped_key,
    master_key_id: row.master_key_id,
  });
  return openField(key, studentId, 'birth_month', row.birth_month_enc);
}

/**
 * Age in completed years on a Shanghai date, from a birth month. With only the month known the
 * birthday is taken as the month's last day (the youngest the student can be); with only the
 * year, as 31 December. Conservative both ways: consent rules and suitability treat a student as
 * no older than certain.
 */
export function ageOn(birthMonth: string, date: string): number {
  const by = Number(birthMonth.slice(0, 4));
  const bm = birthMonth.length > 4 ? Number(birthMonth.slice(5, 7)) : 12;
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  // Birthday taken as the end of month bm: it has passed in year y only once month > bm.
  return y - by - (m > bm ? 0 : 1);
}

/**
 * Under 14 for PIPL: from the birth month (birthday taken as the month's end), or — birth year
 * only — until the year the student turns 15 (ARCHITECTURE §3). Unknown birth month: under 14.
 */
export function isUnder14(birthMonth: string | undefined, date: string): boolean {
  if (!birthMonth) return true;
  if (birthMonth.length === 4) return Number(date.slice(0, 4)) < Number(birthMonth) + 15;
  return ageOn(birthMonth, date) < 14;
}
