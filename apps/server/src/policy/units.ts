import { sql } from 'kysely';
import type { OrgUnitKind } from '@xinqiao/contracts/org-units';
import type { Executor } from '../db/types.js';

export interface UnitLink {
  id: string;
  kind: OrgUnitKind;
}

/** The unit and its ancestors, nearest first (class → grade → school → county → city → province). */
export async function unitChain(
  db: Executor,
  tenantId: string,
  unitId: string,
): Promise<UnitLink[]> {
  const { rows } = await sql<{ id: string; kind: OrgUnitKind; depth: number }>`
    WITH RECURSIVE chain(id, kind, parent_id, depth) AS (
      SELECT id, kind, parent_id, 0 FROM org_units WHERE id = ${unitId} AND tenant_id = ${tenantId}
      UNION ALL
      SELECT u.id, u.kind, u.parent_id, c.depth + 1
      FROM org_units u JOIN chain c ON u.id = c.parent_id
      WHERE c.depth < 10
    )
    SELECT id, kind, depth FROM chain ORDER BY depth`.execute(db);
  return rows.map((r) => ({ id: r.id, kind: r.kind }));
}

/** The class a student is enrolled in today (active `student` membership), if any. */
export async function studentClass(
  db: Executor,
  tenantId: string,
  studentId: string,
  today: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('memberships')
    .select('org_unit_id')
    .where('tenant_id', '=', tenantId)
    .where('person_id', '=', studentId)
    .where('role', '=', 'student')
    .where('started_on', '<=', today)
    .where((eb) => eb.or([eb('ended_on', 'is', null), eb('ended_on', '>', today)]))
    .orderBy('started_on', 'desc')
    .executeTakeFirst();
  return row?.org_unit_id;
}

export async function isGuardianOf(
  db: Executor,
  tenantId: string,
  guardianId: string,
  studentId: string,
  today: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('guardianships')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('guardian_id', '=', guardianId)
    .where('student_id', '=', studentId)
    .where('started_on', '<=', today)
    .where((eb) => eb.or([eb('ended_on', 'is', null), eb('ended_on', '>', today)]))
    .executeTakeFirst();
  return row !== undefined;
}

export const schoolOf = (chain: UnitLink[]): string | undefined =>
  chain.find((u) => u.kind === 'school')?.id;

/** Schools at or under a unit (a school itself, or every school in a region). */
export async function schoolsUnder(
  db: Executor,
  tenantId: string,
  unitId: string,
): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`
    WITH RECURSIVE sub(id, kind, depth) AS (
      SELECT id, kind, 0 FROM org_units WHERE id = ${unitId} AND tenant_id = ${tenantId}
      UNION ALL
      SELECT u.id, u.kind, s.depth + 1 FROM org_units u JOIN sub s ON u.parent_id = s.id
      WHERE s.depth < 4 AND s.kind IN ('province', 'city', 'county')
    )
    SELECT id FROM sub WHERE kind = 'school'`.execute(db);
  return rows.map((r) => r.id);
}
