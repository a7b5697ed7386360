import type { Executor } from '../db/types.js';

/**
 * Serializes a student's signal and alert writes: without it, two requests for the same flag
 * (two tabs, a retry with a fresh key, a signal racing its screening) both see nothing, and the
 * second hits the unique index as a 500 or opens a second alert. Held until the transaction ends.
 */
export async function lockStudent(trx: Executor, tenantId: string, studentId: string) {
  await trx
    .selectFrom('people')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', studentId)
    .forUpdate()
    .execute();
}
