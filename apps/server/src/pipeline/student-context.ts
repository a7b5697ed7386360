import type { DataKeys } from '../crypto/data-keys.js';
import { openField } from '../crypto/data-keys.js';
import type { Executor } from '../db/types.js';
import { studentClass, unitChain, type UnitLink } from '../policy/units.js';

/** Where a student sits today: class, grade, school (and the whole chain for the policy module). */
export interface StudentContext {
  tenantId: string;
  studentId: string;
  classId: string;
  gradeId: string | null;
  schoolId: string;
  chain: UnitLink[];
}

export async function studentContext(
  db: Executor,
  tenantId: string,
  studentId: string,
  today: string,
): Promise<StudentContext | undefined> {
  const classId = await studentClass(db, tenantId, studentId, today);
  if (!classId) return undefined;
  const chain = await unitChain(db, tenantId, classId);
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

/** The student's birth month (`YYYY-MM` or `YYYY`), unsealed with their data key; undefined when unknown or erased. */
export async function birthMonthOf(
  db: Executor,
  keys: DataKeys,
  tenantId: string,
  studentId: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('people')
    .select(['birth_month_enc', 'erased_at'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', studentId)
    .executeTakeFirst();
  if (!row?.birth_month_enc || row.erased_at) return undefined;
  const key = await keys.get(db, tenantId, studentId);
  return key ? openField(key, studentId, 'birth_month', row.birth_month_enc) : undefined;
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
