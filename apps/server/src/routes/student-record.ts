import type { FastifyInstance } from 'fastify';
import * as z from 'zod/mini';
import { StudentRecord } from '@xinqiao/contracts/cases';
import { ErrorBody } from '@xinqiao/contracts/errors';
import { OpaqueId } from '@xinqiao/contracts/ids';
import { shanghaiDate } from '../dates.js';
import { AppError } from '../http/app-error.js';
import { typed } from '../http/zod.js';
import { decide } from '../policy/decide.js';
import { audit } from '../repositories/audit.js';
import { studentContext } from '../pipeline/student-context.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

/**
 * 一生一档: every screening (tier and flags where the `result` right reaches), and the student's
 * cases. A guardian gets the summary of their own child: screenings done, tiers only where the
 * campaign shows them, and the cases.
 */
export async function studentRecordRoutes(app: FastifyInstance): Promise<void> {
  const r = typed(app);
  const { database, clock } = app.deps;

  r.get(
    '/v1/students/:studentId/record',
    {
      config: {
        access: {
          principals: ['embed_token'],
          resource: 'result',
          roles: [
            'guardian',
            'class_teacher',
            'grade_leader',
            'counsellor',
            'school_admin',
            'volunteer',
          ],
        },
      },
      schema: {
        tags: ['cases'],
        summary: "A student's record (一生一档), filtered by the caller's role",
        params: z.strictObject({ studentId: OpaqueId }),
        response: { 200: StudentRecord, ...errors },
      },
    },
    async (request) => {
      const p = request.principal;
      if (p.kind !== 'embed_token') throw new AppError('forbidden');
      const now = clock.now();
      const today = shanghaiDate(now);
      const { studentId } = request.params;
      const s = await studentContext(database.db, p.tenantId, studentId, today);
      if (!s) throw new AppError('not_found');
      const d = await decide(
        database.db,
        p,
        'result',
        { tenantId: p.tenantId, studentId, chain: s.chain },
        today,
      );
      if (!d.allowed) throw new AppError('not_found');
      const guardianView = d.view === 'guardian_summary';
      return database.db.transaction().execute(async (trx) => {
        const screenings = await trx
          .selectFrom('screenings')
          .innerJoin('campaigns', 'campaigns.id', 'screenings.campaign_id')
          .select([
            'screenings.id',
            'screenings.campaign_id',
            'screenings.submitted_at',
            'screenings.tier',
            'screenings.flags',
            'campaigns.result_policy',
          ])
          .where('screenings.tenant_id', '=', p.tenantId)
          .where('screenings.student_id', '=', studentId)
          .orderBy('screenings.submitted_at')
          .execute();
        const cases = await trx
          .selectFrom('cases')
          .select(['id', 'state', 'opened_at', 'responsible'])
          .where('tenant_id', '=', p.tenantId)
          .where('student_id', '=', studentId)
          .orderBy('opened_at')
          .execute();
        await audit(
          trx,
          request,
          {
            action: 'read',
            resource: 'student_record',
            subjectId: studentId,
            orgUnitId: s.classId,
            schoolId: s.schoolId,
            purpose: 'student_record_read',
            role: d.role === 'secret_key' ? null : d.role,
            roleUnitId: d.orgUnit,
          },
          now,
        );
        return {
          studentId,
          screenings: screenings.map((x) =>
            // A guardian's summary: that the screening was done, and its tier only where the
            // school shows tiers (the campaign's result policy) — never the flags.
            guardianView
              ? {
                  id: x.id,
                  campaignId: x.campaign_id,
                  submittedAt: x.submitted_at.toISOString(),
                  ...(x.result_policy === 'supportive_message' ? {} : { tier: x.tier }),
                }
              : {
                  id: x.id,
                  campaignId: x.campaign_id,
                  submittedAt: x.submitted_at.toISOString(),
                  tier: x.tier,
                  flags: x.flags,
                },
          ),
          cases: cases.map((c) => ({
            id: c.id,
            state: c.state,
            openedAt: c.opened_at.toISOString(),
            overdue: c.state === 'open' && c.responsible.length === 0,
          })),
        };
      });
    },
  );
}
