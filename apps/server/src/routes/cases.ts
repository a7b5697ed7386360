import type { FastifyInstance, FastifyRequest } from 'fastify';
import * as z from 'zod/mini';
import {
  Case,
  CaseEvent,
  CaseEventCreate,
  CaseList,
  CaseQuery,
  CaseTimeline,
} from '@xinqiao/contracts/cases';
import { defaultPageSize } from '@xinqiao/contracts/pagination';
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
    '/v1/cases',
    {
      config: { access },
      schema: {
        tags: ['cases'],
        summary:
          "The cases the caller may see (counsellors: their school's; class teachers: their class's; mentors: paired; guardians: their child's), newest first",
        querystring: CaseQuery,
        response: { 200: CaseList, ...errors },
      },
    },
    async (request) => {
      const p = request.principal;
      if (p.kind !== 'embed_token') throw new AppError('forbidden');
      const now = clock.now();
      const today = shanghaiDate(now);
      const q = request.query;
      const limit = q.limit ?? defaultPageSize;
      // Candidates: cases in the schools the caller belongs to, or of the caller's children; the
      // policy module then decides each one (no second copy of the policy here).
      const schools = new Set<string>();
      for (const m of p.memberships)
        if (m.role !== 'guardian' && m.role !== 'student')
          for (const u of await unitChain(database.db, p.tenantId, m.orgUnit))
            if (u.kind === 'school') schools.add(u.id);
      const children = p.memberships.some((m) => m.role === 'guardian')
        ? (
            await database.db
              .selectFrom('guardianships')
              .select('student_id')
              .where('tenant_id', '=', p.tenantId)
              .where('guardian_id', '=', p.userId)
              .execute()
          ).map((g) => g.student_id)
        : [];
      if (!schools.size && !children.length) return { data: [], nextCursor: null };
      return database.db.transaction().execute(async (trx) => {
        const data: Case[] = [];
        let cursor = q.cursor;
        let nextCursor: string | null = null;
        // Scan in batches until a page is full: rows the caller may not see are skipped.
        for (;;) {
          let query = trx
            .selectFrom('cases')
            .selectAll()
            .where('tenant_id', '=', p.tenantId)
            .where((eb) =>
              eb.or([
                ...(schools.size ? [eb('school_id', 'in', [...schools])] : []),
                ...(children.length ? [eb('student_id', 'in', children)] : []),
              ]),
            )
            .orderBy('id', 'desc')
            .limit(200);
          if (q.state) query = query.where('state', '=', q.state);
          if (q.studentId) query = query.where('student_id', '=', q.studentId);
          if (cursor) query = query.where('id', '<', cursor);
          const rows = (await query.execute()) as CaseRow[];
          for (const c of rows) {
            // A case the policy does not open to the caller is skipped; any other error surfaces.
            const g = await grantFor(trx, request, p.tenantId, c, today).catch((e: unknown) => {
              if (e instanceof AppError) return undefined;
              throw e;
            });
            if (!g) continue;
            if (data.length === limit) {
              nextCursor = data[data.length - 1]!.id;
              break;
            }
            data.push(await caseToWire(trx, c, g));
          }
          if (nextCursor || rows.length < 200) break;
          cursor = rows[rows.length - 1]!.id;
        }
        if (data.length)
          await audit(
            trx,
            request,
            { action: 'read', resource: 'case', purpose: 'case_list' },
            now,
          );
        return { data, nextCursor };
      });
    },
  );

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
