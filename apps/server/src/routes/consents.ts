import type { FastifyInstance } from 'fastify';
import { Consent, ConsentCreate } from '@xinqiao/contracts/consents';
import { ErrorBody } from '@xinqiao/contracts/errors';
import { tenantOf } from '../auth/authenticate.js';
import { shanghaiDate } from '../dates.js';
import { AppError } from '../http/app-error.js';
import { typed } from '../http/zod.js';
import { newId } from '../ids.js';
import { isGuardianOf } from '../policy/units.js';
import { audit } from '../repositories/audit.js';
import { loadCampaign } from '../pipeline/campaigns.js';
import { studentContext } from '../pipeline/student-context.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 422: ErrorBody };

/** Consent is recorded, never inferred: by a guardian for their own child, or by the portal's backend. */
export async function consentRoutes(app: FastifyInstance): Promise<void> {
  const r = typed(app);
  const { database, clock } = app.deps;

  r.post(
    '/v1/consents',
    {
      config: {
        access: {
          principals: ['secret_key', 'embed_token'],
          resource: 'none',
          roles: ['guardian'],
          action: 'consent.record',
        },
      },
      schema: {
        tags: ['consents'],
        summary: "Record a guardian's or a health-data consent (granted or withdrawn)",
        body: ConsentCreate,
        response: { 201: Consent, ...errors },
      },
    },
    async (request, reply) => {
      const tenantId = tenantOf(request);
      const b = request.body;
      const now = clock.now();
      const today = shanghaiDate(now);
      const p = request.principal;
      const s = await studentContext(database.db, tenantId, b.studentId, today);
      if (!s) throw new AppError('not_found');
      if (
        p.kind === 'embed_token' &&
        !(await isGuardianOf(database.db, tenantId, p.userId, b.studentId, today))
      )
        throw new AppError('forbidden');
      if (b.campaignId) {
        const c = await loadCampaign(database.db, tenantId, b.campaignId);
        if (!c || c.school_id !== s.schoolId) throw new AppError('not_found');
      }
      const row = {
        id: newId('cns', now),
        tenant_id: tenantId,
        student_id: b.studentId,
        kind: b.kind,
        campaign_id: b.campaignId ?? null,
        granted: b.granted,
        recorded_by_kind: p.kind === 'secret_key' ? 'secret_key' : 'guardian',
        recorded_by_id:
          p.kind === 'secret_key' ? p.keyId : p.kind === 'embed_token' ? p.userId : '',
        recorded_at: now,
      };
      await database.db.transaction().execute(async (trx) => {
        await trx.insertInto('consents').values(row).execute();
        await audit(
          trx,
          request,
          {
            action: 'write',
            resource: 'consent',
            subjectId: b.studentId,
            orgUnitId: s.classId,
            schoolId: s.schoolId,
            purpose: 'consent_record',
          },
          now,
        );
      });
      reply.status(201);
      return {
        id: row.id,
        studentId: row.student_id,
        kind: row.kind,
        granted: row.granted,
        campaignId: row.campaign_id,
        recordedBy: row.recorded_by_kind as 'guardian' | 'secret_key',
        recordedAt: now.toISOString(),
      };
    },
  );
}
