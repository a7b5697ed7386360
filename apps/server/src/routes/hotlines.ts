import type { FastifyInstance, FastifyRequest } from 'fastify';
import * as z from 'zod/mini';
import { ErrorBody } from '@xinqiao/contracts/errors';
import {
  crisisLines,
  Hotline,
  isVerifiedAroundTheClock,
  nationalHotlines,
  openAt,
} from '@xinqiao/contracts/hotlines';
import {
  HotlineCreate,
  HotlineList,
  HotlineQuery,
  HotlineUpdate,
} from '@xinqiao/contracts/hotlines-api';
import { OpaqueId } from '@xinqiao/contracts/ids';
import { rolesFor } from '@xinqiao/contracts/permissions';
import { tenantOf } from '../auth/authenticate.js';
import type { Executor } from '../db/types.js';
import type { RouteAccess } from '../http/access.js';
import { AppError } from '../http/app-error.js';
import { typed } from '../http/zod.js';
import { decideAction } from '../policy/decide.js';
import { unitChain } from '../policy/units.js';
import {
  createLine,
  getLine,
  linesForUnits,
  retireLine,
  updateLine,
} from '../repositories/hotlines.js';

const errors = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
  409: ErrorBody,
  422: ErrorBody,
};
const manage: RouteAccess = {
  principals: ['secret_key', 'embed_token'],
  resource: 'none',
  roles: rolesFor('hotlines.manage'),
  action: 'hotlines.manage',
};
const scopeOf = { province: 'province', city: 'city', county: 'county', school: 'school' } as const;

/** The unit must be the tenant's region or school; an embed token needs hotlines.manage on it. */
async function authorizeUnit(db: Executor, request: FastifyRequest, unitId: string) {
  const tenantId = tenantOf(request);
  const chain = await unitChain(db, tenantId, unitId);
  const kind = chain[0]?.kind;
  if (!kind) throw new AppError('not_found');
  if (kind === 'grade' || kind === 'class') {
    throw new AppError('validation_failed', undefined, {
      issues: [{ path: ['orgUnit'], message: 'hotlines attach to a region or a school' }],
    });
  }
  if (
    request.principal.kind === 'embed_token' &&
    !decideAction(request.principal, 'hotlines.manage', { tenantId, chain }).allowed
  ) {
    throw new AppError('forbidden');
  }
  return { tenantId, scope: scopeOf[kind] };
}

/** DOMAIN rule: a 24-hour schedule needs a verified line with a cited source. */
function check24h(line: Pick<Hotline, 'schedule' | 'verification'>) {
  if (line.schedule.kind === 'always' && !isVerifiedAroundTheClock(line)) {
    throw new AppError('unprocessable', undefined, {
      issues: [
        {
          path: ['schedule'],
          message: 'a 24-hour schedule needs a verified line with a cited source',
        },
      ],
    });
  }
}

export async function hotlineRoutes(app: FastifyInstance): Promise<void> {
  const r = typed(app);
  const { database, clock } = app.deps;

  r.get(
    '/v1/hotlines',
    {
      config: { access: { principals: ['secret_key', 'embed_token'], resource: 'none' } },
      schema: {
        tags: ['hotlines'],
        summary: 'Lines that apply to a place, with openNow and the crisis list',
        security: [{ secretKey: [] }, { embedToken: [] }],
        querystring: HotlineQuery,
        response: { 200: HotlineList, ...errors },
      },
    },
    async (request) => {
      const tenantId = tenantOf(request);
      const chain = await unitChain(database.db, tenantId, request.query.orgUnit);
      if (chain.length === 0) throw new AppError('not_found');
      const local = await linesForUnits(
        database.db,
        tenantId,
        chain.map((u) => u.id),
      );
      // national first, then province → city → county → school
      const depth = new Map(chain.map((u, i) => [u.id, chain.length - i]));
      local.sort((a, b) => (depth.get(a.orgUnitId!) ?? 0) - (depth.get(b.orgUnitId!) ?? 0));
      const now = clock.now();
      const audience = request.query.audience;
      const lines = [...nationalHotlines, ...local]
        .filter(
          (l) => !audience || l.audiences.includes(audience) || l.audiences.includes('public'),
        )
        .map((l) => ({ ...l, openNow: openAt(l, now) }));
      return { data: lines, crisis: crisisLines(lines, now), at: now.toISOString() };
    },
  );

  r.post(
    '/v1/hotlines',
    {
      config: { access: manage },
      schema: {
        tags: ['hotlines'],
        summary: 'Add a local line to a region or school',
        security: [{ secretKey: [] }, { embedToken: [] }],
        body: HotlineCreate,
        response: { 201: Hotline, ...errors },
      },
    },
    async (request, reply) => {
      check24h(request.body);
      const { tenantId, scope } = await authorizeUnit(database.db, request, request.body.orgUnit);
      return reply
        .status(201)
        .send(await createLine(database.db, tenantId, scope, request.body, clock.now()));
    },
  );

  r.patch(
    '/v1/hotlines/:hotlineId',
    {
      config: { access: manage },
      schema: {
        tags: ['hotlines'],
        summary: 'Edit a local line',
        security: [{ secretKey: [] }, { embedToken: [] }],
        params: z.strictObject({ hotlineId: OpaqueId }),
        body: HotlineUpdate,
        response: { 200: Hotline, ...errors },
      },
    },
    async (request) => {
      const tenantId = tenantOf(request);
      const line = await getLine(database.db, tenantId, request.params.hotlineId);
      if (!line) throw new AppError('not_found');
      await authorizeUnit(database.db, request, line.orgUnitId!);
      check24h({
        schedule: request.body.schedule ?? line.schedule,
        verification: request.body.verification ?? line.verification,
      });
      return (await updateLine(database.db, tenantId, line.id, request.body))!;
    },
  );

  r.delete(
    '/v1/hotlines/:hotlineId',
    {
      config: { access: manage },
      schema: {
        tags: ['hotlines'],
        summary: 'Retire a local line',
        security: [{ secretKey: [] }, { embedToken: [] }],
        params: z.strictObject({ hotlineId: OpaqueId }),
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      const tenantId = tenantOf(request);
      const line = await getLine(database.db, tenantId, request.params.hotlineId);
      if (!line) throw new AppError('not_found');
      await authorizeUnit(database.db, request, line.orgUnitId!);
      await retireLine(database.db, tenantId, line.id, clock.now());
      return reply.status(204).send(null);
    },
  );
}
