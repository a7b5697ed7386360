import type { FastifyInstance } from 'fastify';
import { Concern, ConcernCreate } from '@xinqiao/contracts/concerns';
import { ErrorBody } from '@xinqiao/contracts/errors';
import { sealField } from '../crypto/data-keys.js';
import { shanghaiDate } from '../dates.js';
import { AppError } from '../http/app-error.js';
import { typed } from '../http/zod.js';
import { newId } from '../ids.js';
import { isGuardianOf } from '../policy/units.js';
import { audit } from '../repositories/audit.js';
import { raiseAlert } from '../pipeline/alerts.js';
import { studentContext } from '../pipeline/student-context.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 422: ErrorBody };
const staffRoles = [
  'class_teacher',
  'grade_leader',
  'counsellor',
  'school_admin',
  'volunteer',
] as const;

/** A worry raised by staff, a guardian or the student: routed like a screening alert of the chosen tier. */
export async function concernRoutes(app: FastifyInstance): Promise<void> {
  const r = typed(app);
  const { database, clock, dataKeys } = app.deps;

  r.post(
    '/v1/concerns',
    {
      config: {
        access: {
          principals: ['embed_token'],
          resource: 'alerts',
          roles: ['student', 'guardian', ...staffRoles],
        },
      },
      schema: {
        tags: ['concerns'],
        summary:
          'Raise a concern about a student (routed like an alert of the chosen tier; high/critical open a case)',
        body: ConcernCreate,
        response: { 201: Concern, ...errors },
      },
    },
    async (request, reply) => {
      const p = request.principal;
      if (p.kind !== 'embed_token') throw new AppError('forbidden');
      const b = request.body;
      const now = clock.now();
      const today = shanghaiDate(now);
      const studentId = b.studentId ?? p.userId;
      const s = await studentContext(database.db, p.tenantId, studentId, today);
      if (!s) throw new AppError('not_found');
      // The reporter must know the student: themself, their child, or staff of the student's school.
      let role: string | undefined;
      if (studentId === p.userId && p.memberships.some((m) => m.role === 'student'))
        role = 'student';
      else if (
        p.memberships.some((m) => m.role === 'guardian') &&
        (await isGuardianOf(database.db, p.tenantId, p.userId, studentId, today))
      )
        role = 'guardian';
      else
        role = p.memberships.find(
          (m) =>
            (staffRoles as readonly string[]).includes(m.role) &&
            s.chain.some((u) => u.id === m.orgUnit),
        )?.role;
      if (!role) throw new AppError('not_found');
      const id = newId('cnc', now);
      const result = await database.db.transaction().execute(async (trx) => {
        const alert = await raiseAlert(
          trx,
          {
            student: s,
            tier: b.tier,
            flags: [],
            source: 'concern',
            sourceId: id,
            campaignId: null,
          },
          now,
        );
        const key = b.note
          ? await dataKeys.getOrCreate(trx, p.tenantId, studentId, now)
          : undefined;
        await trx
          .insertInto('concerns')
          .values({
            id,
            tenant_id: p.tenantId,
            student_id: studentId,
            school_id: s.schoolId,
            kind: b.kind,
            tier: b.tier,
            raised_by_id: p.userId,
            raised_by_role: role!,
            alert_id: alert.id,
            case_id: alert.caseId,
            note_enc:
              key && b.note ? sealField(key, studentId, `concern:${id}:note`, b.note) : null,
            created_at: now,
          })
          .execute();
        await audit(
          trx,
          request,
          {
            action: 'write',
            resource: 'concern',
            subjectId: studentId,
            orgUnitId: s.classId,
            schoolId: s.schoolId,
            purpose: 'concern_raise',
          },
          now,
        );
        return alert;
      });
      reply.status(201);
      return {
        id,
        studentId,
        kind: b.kind,
        tier: b.tier,
        alertId: result.id,
        caseId: result.caseId,
        createdAt: now.toISOString(),
      };
    },
  );
}
