import type { FastifyInstance } from 'fastify';
import { ErrorBody } from '@xinqiao/contracts/errors';
import { SafetySignal, SafetySignalCreate } from '@xinqiao/contracts/safety-signals';
import { shanghaiDate } from '../dates.js';
import { AppError } from '../http/app-error.js';
import { typed } from '../http/zod.js';
import { audit } from '../repositories/audit.js';
import { loadCampaign } from '../pipeline/campaigns.js';
import { storeSafetySignals } from '../pipeline/safety.js';
import { studentContext } from '../pipeline/student-context.js';
import { formSubject } from '../pipeline/subject.js';

const errors = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
  409: ErrorBody,
  422: ErrorBody,
};

/**
 * The safety signal, never lost: stored with its alert in one transaction whatever else is wrong
 * (campaign closed or unknown, consent missing, already submitted) — none of those are checked.
 */
export async function safetySignalRoutes(app: FastifyInstance): Promise<void> {
  const r = typed(app);
  const { database, clock } = app.deps;

  r.post(
    '/v1/safety-signals',
    {
      config: {
        access: {
          principals: ['embed_token'],
          resource: 'answers',
          roles: ['student', 'guardian'],
        },
      },
      schema: {
        tags: ['screenings'],
        summary: 'Record a critical flag the moment the form sees it (student, flag, time)',
        body: SafetySignalCreate,
        response: { 201: SafetySignal, ...errors },
      },
    },
    async (request, reply) => {
      const b = request.body;
      const now = clock.now();
      const today = shanghaiDate(now);
      const subject = await formSubject(database.db, request, b.studentId, today);
      const s = await studentContext(database.db, subject.tenantId, subject.studentId, today);
      // Without a class there is nobody to route to; the roster sync reports such students.
      if (!s) throw new AppError('not_found');
      const signal = await database.db.transaction().execute(async (trx) => {
        // An unknown or foreign campaign id must not stop the signal: it is stored without one.
        const c = b.campaignId
          ? await loadCampaign(trx, subject.tenantId, b.campaignId)
          : undefined;
        const [stored] = await storeSafetySignals(
          trx,
          s,
          {
            flags: [{ flag: b.flag, instrumentId: b.instrumentId ?? null }],
            campaignId: c?.id ?? null,
            observedAt: new Date(b.observedAt),
            via: 'signal',
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
            orgUnitId: s.classId,
            schoolId: s.schoolId,
            purpose: 'safety_signal',
          },
          now,
        );
        return stored!;
      });
      reply.status(201);
      return {
        id: signal.id,
        flag: signal.flag as never,
        alertId: signal.alertId,
        recordedAt: signal.recordedAt.toISOString(),
      };
    },
  );
}
