import type { FastifyRequest } from 'fastify';
import type { Respondent } from '@xinqiao/contracts/instruments';
import type { Executor } from '../db/types.js';
import { AppError } from '../http/app-error.js';
import { isGuardianOf } from '../policy/units.js';

/**
 * Whose form this is: a student's own token means the student (`self`); a guardian names their
 * child (`parent`, e.g. PSC-17). Anything else is refused.
 */
export async function formSubject(
  db: Executor,
  request: FastifyRequest,
  studentId: string | undefined,
  today: string,
  /** The safety path: a student is recognised by the token's signed pairs (see RouteAccess). */
  opts: { signed?: boolean } = {},
): Promise<{ tenantId: string; studentId: string; respondent: Respondent; actorId: string }> {
  const p = request.principal;
  if (p.kind !== 'embed_token') throw new AppError('forbidden');
  const pairs = opts.signed ? p.signedMemberships : p.memberships;
  if (
    pairs.some((m) => m.role === 'student') &&
    (studentId === undefined || studentId === p.userId)
  ) {
    return { tenantId: p.tenantId, studentId: p.userId, respondent: 'self', actorId: p.userId };
  }
  if (p.memberships.some((m) => m.role === 'guardian')) {
    if (studentId === undefined)
      throw new AppError('validation_failed', undefined, {
        issues: [{ path: ['studentId'], message: 'a guardian names the child' }],
      });
    if (!(await isGuardianOf(db, p.tenantId, p.userId, studentId, today)))
      throw new AppError('forbidden');
    return { tenantId: p.tenantId, studentId, respondent: 'parent', actorId: p.userId };
  }
  throw new AppError('forbidden');
}
