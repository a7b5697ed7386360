import type { FastifyInstance, FastifyRequest } from 'fastify';
import * as z from 'zod/mini';
import { Case, CaseEvent, CaseEventCreate, CaseTimeline } from '@xinqiao/contracts/cases';
import { ErrorBody } from '@xinqiao/contracts/errors';
import { OpaqueId } from '@xinqiao/contracts/ids';
import { shanghaiDate } from '../dates.js';
import { AppError } from '../http/app-error.js';
import { typed } from '../http/zod.js';
import { decide } from '../policy/decide.js';
import { unitChain } from '../policy/units.js';
import { audit } from '../repositories/audit.js';
import {
  appendCaseEvent,
  caseToWire,
  loadCase,
  timelineFor,
  type CaseGrant,
  type CaseRow,
} from '../pipeline/cases.js';
import type { Executor } from '../db/types.js';

const errors = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
  409: ErrorBody,
  422: ErrorBody,
};
const Params = z.strictObject({ caseId: OpaqueId });
const access = {
  principals: ['embed_token'],
  resource: 'case_timeline',
  roles: ['guardian', 'class_teacher', 'grade_leader', 'counsellor', 'volunteer', 'school_admin'],
} as const;

/** The policy module's decision on this case's timeline for the caller; a 404 when it reaches nothing. */
async function grantFor(
  db: Executor,
  request: FastifyRequest,
  tenantId: string,
  c: { student_id: string; class_id: string | null; school_id: string },
  today: string,
): Promise<CaseGrant> {
  const p = request.principal;
  if (p.kind !== 'embed_token') throw new AppError('forbidden');
  const chain = await unitChain(db, tenantId, c.class_id ?? c.school_id);
  const d = await decide(
    db,
    p,
    'case_timeline',
    { tenantId, studentId: c.student_id, chain },
    today,
  );
  if (!d.allowed || d.role === 'secret_key' || !d.orgUnit) throw new AppError('not_found');
  return { role: d.role, orgUnit: d.orgUnit, view: d.view, userId: p.userId };
}

export async function caseRoutes(app: FastifyInstance): Promise<void> {
  const r = typed(app);
  const { database, clock, dataKeys } = app.deps;

  const load = async (request: FastifyRequest, caseId: string) => {
    const p = request.principal;
    if (p.kind !== 'embed_token') throw new AppError('forbidden');
    const c = await loadCase(database.db, p.tenantId, caseId);
    if (!c) throw new AppError('not_found');
    return c;
  };

  /** A read of the case: the policy's grant, then `read` in a transaction with its audit row. */
  async function readCase<T>(
    request: FastifyRequest,
    caseId: string,
    purpose: string,
    resource: (g: CaseGrant) => string,
    read: (trx: Executor, c: CaseRow, g: CaseGrant) => Promise<T>,
  ): Promise<T> {
    const now = clock.now();
    const c = await load(request, caseId);
    const g = await grantFor(database.db, request, c.tenant_id, c, shanghaiDate(now));
    return database.db.transaction().execute(async (trx) => {
      await audit(
        trx,
        request,
        {
          action: 'read',
          resource: resource(g),
          subjectId: c.student_id,
          orgUnitId: c.class_id,
          schoolId: c.school_id,
          purpose,
          role: g.role,
          roleUnitId: g.orgUnit,
        },
        now,
      );
      return read(trx, c, g);
    });
  }

  r.get(
    '/v1/cases/:caseId',
    {
      config: { access },
      schema: {
        tags: ['cases'],
        summary: 'A case: stages, responsible adults, overdue, allowedActions for the caller',
        params: Params,
        response: { 200: Case, ...errors },
      },
    },
    async (request) =>
      readCase(
        request,
        request.params.caseId,
        'case_read',
        () => 'case',
        (trx, c, g) => caseToWire(trx, c, g),
      ),
  );

  r.get(
    '/v1/cases/:caseId/timeline',
    {
      config: { access },
      schema: {
        tags: ['cases'],
        summary: "The case's events the caller may see (notes: counsellors only)",
        params: Params,
        response: { 200: CaseTimeline, ...errors },
      },
    },
    async (request) =>
      readCase(
        request,
        request.params.caseId,
        'case_timeline_read',
        (g) => (g.view === 'full' ? 'notes' : 'case'),
        async (trx, c, g) => ({ caseId: c.id, data: await timelineFor(trx, dataKeys, c, g) }),
      ),
  );

  r.post(
    '/v1/cases/:caseId/events',
    {
      config: { access },
      schema: {
        tags: ['cases'],
        summary: 'Append an event (append-only; corrections are new events)',
        params: Params,
        body: CaseEventCreate,
        response: { 201: CaseEvent, ...errors },
      },
    },
    async (request, reply) => {
      const now = clock.now();
      const c = await load(request, request.params.caseId);
      const g = await grantFor(database.db, request, c.tenant_id, c, shanghaiDate(now));
      const event = await database.db.transaction().execute(async (trx) => {
        // Re-read inside the transaction: two approvals racing must not both close the case.
        const fresh = (await loadCase(trx, c.tenant_id, c.id))!;
        const e = await appendCaseEvent(trx, dataKeys, fresh, g, request.body, now);
        await audit(
          trx,
          request,
          {
            action: 'write',
            resource: request.body.note ? 'notes' : 'case',
            subjectId: c.student_id,
            orgUnitId: c.class_id,
            schoolId: c.school_id,
            purpose: `case_event:${request.body.type}`,
            role: g.role,
            roleUnitId: g.orgUnit,
          },
          now,
        );
        return e;
      });
      reply.status(201);
      return event;
    },
  );
}
