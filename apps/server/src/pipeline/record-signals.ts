import type { FastifyRequest } from 'fastify';
import type { CriticalFlag } from '@xinqiao/contracts/safety-signals';
import { shanghaiDate } from '../dates.js';
import type { Database } from '../db/database.js';
import { retainIdempotencyFor } from '../http/idempotency.js';
import { audit } from '../repositories/audit.js';
import { loadCampaign } from './campaigns.js';
import { storeSafetySignals, type StoredSignal } from './safety.js';
import { signalContext } from './student-context.js';

const campaignIdShape = /^[a-z]{2,5}_[0-9A-Za-z]{16,40}$/;

/**
 * The one way a critical flag is recorded, from the early signal and from a screening alike: the
 * signal, its alert and the audit row in one transaction, routed by `signalContext` (the school
 * when the student has no current class). A campaign id that is malformed, unknown or another
 * tenant's is dropped, never a reason to lose the flag. Undefined only when no school is known.
 */
export async function recordSafetySignals(
  database: Database,
  request: FastifyRequest,
  input: {
    studentId: string;
    flags: Array<{ flag: CriticalFlag; instrumentId: string | null }>;
    campaignId: unknown;
    observedAt: Date | null;
    via: 'signal' | 'screening';
  },
  now: Date,
): Promise<StoredSignal[] | undefined> {
  const p = request.principal;
  if (p.kind !== 'embed_token') return undefined;
  // The class the student's own token was signed for: a route to the school if the roster has
  // already forgotten them. A guardian's token names no class of the child's.
  const signedUnits =
    input.studentId === p.userId
      ? p.signedMemberships.filter((m) => m.role === 'student').map((m) => m.orgUnit)
      : [];
  const s = await signalContext(
    database.db,
    p.tenantId,
    input.studentId,
    shanghaiDate(now),
    signedUnits,
  );
  if (!s) return undefined;
  return database.db.transaction().execute(async (trx) => {
    const c =
      typeof input.campaignId === 'string' && campaignIdShape.test(input.campaignId)
        ? await loadCampaign(trx, p.tenantId, input.campaignId)
        : undefined;
    if (c) retainIdempotencyFor(request, c.closes_at);
    const stored = await storeSafetySignals(
      trx,
      s,
      {
        flags: input.flags,
        campaignId: c?.id ?? null,
        observedAt: input.observedAt,
        via: input.via,
      },
      now,
    );
    await audit(
      trx,
      request,
      {
        action: 'write',
        resource: 'safety_signal',
        subjectId: s.studentId,
        orgUnitId: s.classId ?? s.schoolId,
        schoolId: s.schoolId,
        purpose: input.via === 'signal' ? 'safety_signal' : 'safety_signal_from_screening',
      },
      now,
    );
    return stored;
  });
}
