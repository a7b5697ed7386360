import { sql } from 'kysely';
import type { DataKeys } from '../crypto/data-keys.js';
import { shanghaiDate } from '../dates.js';
import type { Database } from '../db/database.js';
import type { Executor } from '../db/types.js';
import { auditSystem } from '../repositories/audit.js';
import { eraseStudent } from '../repositories/students.js';

/** The date `years` before a Shanghai date (29 Feb → 28 Feb). */
export function yearsBefore(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const day = m === 2 && d === 29 ? 28 : d;
  return `${String(y - years).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * Students of a tenant who have left (no student membership still running) on or before
 * `leftOnOrBefore`, and are not erased yet, with the day they left.
 */
export async function studentsDue(
  db: Executor,
  tenantId: string,
  leftOnOrBefore: string,
): Promise<Array<{ studentId: string; leftOn: string }>> {
  const { rows } = await sql<{ student_id: string; left_on: string }>`
    SELECT m.person_id AS student_id, max(m.ended_on)::text AS left_on
    FROM memberships m JOIN people p ON p.id = m.person_id
    WHERE m.tenant_id = ${tenantId} AND m.role = 'student' AND p.erased_at IS NULL
    GROUP BY m.person_id
    HAVING bool_and(m.ended_on IS NOT NULL) AND max(m.ended_on) <= ${leftOnOrBefore}
    ORDER BY m.person_id
    LIMIT 10000`.execute(db);
  return rows.map((r) => ({ studentId: r.student_id, leftOn: r.left_on }));
}

/**
 * The daily retention pass: for every tenant that set a retention period, erases the students
 * due (crypto-shredding, as an admin's erasure does), one transaction per student, each with a
 * `system` audit row. Returns how many were erased.
 */
export async function runRetention(
  deps: { database: Database; dataKeys: DataKeys },
  now: Date,
): Promise<number> {
  const { db } = deps.database;
  const today = shanghaiDate(now);
  const tenants = await db
    .selectFrom('tenants')
    .select(['id', 'retention_years_after_leaving'])
    .where('retention_years_after_leaving', 'is not', null)
    .execute();
  let erased = 0;
  for (const t of tenants) {
    const due = await studentsDue(db, t.id, yearsBefore(today, t.retention_years_after_leaving!));
    for (const d of due) {
      await db.transaction().execute(async (trx) => {
        await eraseStudent(trx, deps.dataKeys, t.id, d.studentId, today, now);
        await auditSystem(
          trx,
          t.id,
          {
            action: 'erase',
            resource: 'student_record',
            subjectId: d.studentId,
            purpose: 'erasure:retention_expired',
          },
          now,
        );
      });
      erased++;
    }
  }
  return erased;
}
