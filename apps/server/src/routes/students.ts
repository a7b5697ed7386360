import type { FastifyInstance, FastifyRequest } from 'fastify';
import * as z from 'zod/mini';
import { ErrorBody } from '@xinqiao/contracts/errors';
import { OpaqueId } from '@xinqiao/contracts/ids';
import { rolesFor, type PlatformAction } from '@xinqiao/contracts/permissions';
import { Erasure, ErasureRequest, RetentionDue, StudentExport } from '@xinqiao/contracts/students';
import { tenantOf } from '../auth/authenticate.js';
import { shanghaiDate } from '../dates.js';
import type { Executor } from '../db/types.js';
import { secretKeyOnly } from '../http/access.js';
import { AppError } from '../http/app-error.js';
import { studentsDue, yearsBefore } from '../jobs/retention.js';
import { getTenant } from '../repositories/tenants.js';
import { typed } from '../http/zod.js';
import { decideAction } from '../policy/decide.js';
import { schoolOf, unitChain } from '../policy/units.js';
import { audit } from '../repositories/audit.js';
import {
  eraseStudent,
  exportStudent,
  findStudent,
  lastStudentClass,
} from '../repositories/students.js';

const errors = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
  409: ErrorBody,
  422: ErrorBody,
};
const Params = z.strictObject({ studentId: OpaqueId });

/**
 * The student must exist in the caller's tenant and sit (or have last sat) in a unit where the
 * caller holds a role allowed the action. Unknown and other tenants' students are 404 alike.
 */
async function authorize(
  db: Executor,
  request: FastifyRequest,
  studentId: string,
  action: PlatformAction,
) {
  const tenantId = tenantOf(request);
  const person = await findStudent(db, tenantId, studentId);
  const cls = person && (await lastStudentClass(db, tenantId, studentId));
  if (!person || !cls) throw new AppError('not_found');
  const chain = await unitChain(db, tenantId, cls);
  const decision = decideAction(request.principal, action, { tenantId, studentId, chain });
  if (!decision.allowed) throw new AppError('forbidden');
  return { tenantId, chain, decision };
}

/** A student's data export and erasure (PIPL): school admins of the student's school, audited. */
export async function studentRoutes(app: FastifyInstance): Promise<void> {
  const r = typed(app);
  const { database, clock, dataKeys } = app.deps;

  r.get(
    '/v1/students/:studentId/export',
    {
      config: {
        access: {
          principals: ['embed_token'],
          resource: 'none',
          roles: rolesFor('student.export'),
          action: 'student.export',
        },
      },
      schema: {
        tags: ['privacy'],
        summary: "Export a student's personal data (audited)",
        security: [{ embedToken: [] }],
        params: Params,
        response: { 200: StudentExport, ...errors },
      },
    },
    async (request) => {
      const now = clock.now();
      return database.db.transaction().execute(async (trx) => {
        const { tenantId, chain, decision } = await authorize(
          trx,
          request,
          request.params.studentId,
          'student.export',
        );
        const data = await exportStudent(trx, dataKeys, tenantId, request.params.studentId, now);
        if (!data) throw new AppError('not_found');
        await audit(
          trx,
          request,
          {
            action: 'export',
            resource: 'student_record',
            subjectId: data.id,
            orgUnitId: chain[0]!.id,
            schoolId: schoolOf(chain) ?? null,
            purpose: 'data_export',
            ...(decision.allowed ? { role: decision.role, roleUnitId: decision.orgUnit } : {}),
          },
          now,
        );
        return data;
      });
    },
  );

  r.post(
    '/v1/students/:studentId/erasure',
    {
      config: {
        access: {
          principals: ['embed_token'],
          resource: 'none',
          roles: rolesFor('student.erase'),
          action: 'student.erase',
        },
      },
      schema: {
        tags: ['privacy'],
        summary: "Erase a student's personal data (crypto-shredding; audited)",
        security: [{ embedToken: [] }],
        params: Params,
        body: ErasureRequest,
        response: { 200: Erasure, ...errors },
      },
    },
    async (request) => {
      const now = clock.now();
      return database.db.transaction().execute(async (trx) => {
        const { tenantId, chain, decision } = await authorize(
          trx,
          request,
          request.params.studentId,
          'student.erase',
        );
        const erasedAt = await eraseStudent(
          trx,
          dataKeys,
          tenantId,
          request.params.studentId,
          shanghaiDate(now),
          now,
        );
        await audit(
          trx,
          request,
          {
            action: 'erase',
            resource: 'student_record',
            subjectId: request.params.studentId,
            orgUnitId: chain[0]!.id,
            schoolId: schoolOf(chain) ?? null,
            purpose: `erasure:${request.body.reason}`,
            ...(decision.allowed ? { role: decision.role, roleUnitId: decision.orgUnit } : {}),
          },
          now,
        );
        return { id: request.params.studentId, erasedAt: erasedAt.toISOString() };
      });
    },
  );

  r.get(
    '/v1/retention/due',
    {
      config: { access: secretKeyOnly },
      schema: {
        tags: ['privacy'],
        summary:
          'Students whose retention period has run out (ids only); erased by the daily pass when retention is set',
        security: [{ secretKey: [] }],
        response: { 200: RetentionDue, ...errors },
      },
    },
    async (request) => {
      const tenantId = tenantOf(request);
      const tenant = await getTenant(database.db, tenantId);
      const years = tenant?.retentionYearsAfterLeaving ?? null;
      if (years === null)
        return { retentionYearsAfterLeaving: null, leftOnOrBefore: null, data: [] };
      const cutoff = yearsBefore(shanghaiDate(clock.now()), years);
      return {
        retentionYearsAfterLeaving: years,
        leftOnOrBefore: cutoff,
        data: await studentsDue(database.db, tenantId, cutoff),
      };
    },
  );
}
