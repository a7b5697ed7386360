import { sql } from 'kysely';
import type { Executor } from '../db/types.js';

/**
 * 结对 pairing: a mentor (volunteer or teacher) is paired with a student while one of the
 * student's open cases names them as a responsible adult (set by a `pairing_assigned` event).
 */
export async function isPairedWith(
  db: Executor,
  tenantId: string,
  mentorId: string,
  studentId: string,
): Promise<boolean> {
  const { rows } = await sql<{ id: string }>`
    SELECT id FROM cases
    WHERE tenant_id = ${tenantId} AND student_id = ${studentId} AND state = 'open'
      AND responsible @> ${JSON.stringify([{ personId: mentorId }])}::jsonb
    LIMIT 1`.execute(db);
  return rows.length > 0;
}
