import type { FastifyInstance } from 'fastify';
import { ErrorBody } from '@xinqiao/contracts/errors';
import { SafetySignal, SafetySignalCreate } from '@xinqiao/contracts/safety-signals';
import { shanghaiDate } from '../dates.js';
import { AppError } from '../http/app-error.js';
import { typed } from '../http/zod.js';
import { recordSafetySignals } from '../pipeline/record-signals.js';
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
 * (campaign closed or unknown, consent missing, already submitted, no current class) — none of
 * those are checked.
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
          safetyPath: true,
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
      const subject = await formSubject(database.db, request, b.studentId, shanghaiDate(now), {
        signed: true,
      });
      const [signal] =
        (await recordSafetySignals(
          database,
          request,
          {
            studentId: subject.studentId,
            flags: [{ flag: b.flag, instrumentId: b.instrumentId ?? null }],
            campaignId: b.campaignId,
            observedAt: new Date(b.observedAt),
            via: 'signal',
          },
          now,
        )) ?? [];
      // Only a student the tenant has never placed in any school gets here.
      if (!signal) throw new AppError('not_found');
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
