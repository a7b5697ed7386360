import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import { ErrorBody } from '@xinqiao/contracts/errors';
import { CoverageStats, StatsQuery, statsCsvHeader } from '@xinqiao/contracts/stats';
import { tenantOf } from '../auth/authenticate.js';
import type { Executor } from '../db/types.js';
import { shanghaiDate } from '../dates.js';
import { AppError } from '../http/app-error.js';
import { typed } from '../http/zod.js';
import { decide } from '../policy/decide.js';
import { unitChain } from '../policy/units.js';
import { audit } from '../repositories/audit.js';
import { coverageTable, toCsv, type StatsUnit } from '../pipeline/stats.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };
const access = { principals: ['secret_key', 'embed_token'], resource: 'statistics' } as const;
const childKind = {
  province: 'school',
  city: 'school',
  county: 'school',
  school: 'grade',
  grade: 'class',
  class: 'class',
} as const;

/** Every live unit at or under `unitId` (regions, schools, grades, classes). */
async function unitsUnder(db: Executor, tenantId: string, unitId: string) {
  const { rows } = await sql<{
    id: string;
    kind: string;
    parent_id: string | null;
    external_id: string;
    name: string | null;
  }>`
    WITH RECURSIVE sub(id, kind, parent_id, external_id, name, depth) AS (
      SELECT id, kind, parent_id, external_id, name, 0 FROM org_units WHERE id = ${unitId} AND tenant_id = ${tenantId}
      UNION ALL
      SELECT u.id, u.kind, u.parent_id, u.external_id, u.name, s.depth + 1
      FROM org_units u JOIN sub s ON u.parent_id = s.id
      WHERE u.ended_on IS NULL AND s.depth < 6
    )
    SELECT id, kind, parent_id, external_id, name FROM sub`.execute(db);
  return rows;
}

async function table(app: FastifyInstance, request: FastifyRequest, q: StatsQuery) {
  const { database, clock } = app.deps;
  const tenantId = tenantOf(request);
  const now = clock.now();
  const chain = await unitChain(database.db, tenantId, q.unitId);
  if (!chain.length) throw new AppError('not_found');
  if (q.to < q.from)
    throw new AppError('validation_failed', undefined, {
      issues: [{ path: ['to'], message: 'to must not be before from' }],
    });
  const d = await decide(
    database.db,
    request.principal,
    'statistics',
    { tenantId, chain },
    shanghaiDate(now),
  );
  if (!d.allowed) throw new AppError('forbidden');
  const suppress = d.view !== 'full';
  const all = await unitsUnder(database.db, tenantId, q.unitId);
  const byId = new Map(all.map((u) => [u.id, u]));
  const classesIn = (id: string): string[] => {
    const u = byId.get(id)!;
    if (u.kind === 'class') return [id];
    return all.filter((x) => x.parent_id === id).flatMap((x) => classesIn(x.id));
  };
  const asUnit = (id: string): StatsUnit => {
    const u = byId.get(id)!;
    return { id, externalId: u.external_id, name: u.name, kind: u.kind, classIds: classesIn(id) };
  };
  const root = byId.get(q.unitId)!;
  const by = q.by ?? childKind[root.kind as keyof typeof childKind];
  const rows =
    root.kind === by
      ? []
      : all
          .filter((u) => u.kind === by)
          .sort((a, b) => a.external_id.localeCompare(b.external_id))
          .map((u) => asUnit(u.id));
  const data = await coverageTable(database.db, tenantId, asUnit(q.unitId), rows, q, now, suppress);
  await database.db.transaction().execute((trx) =>
    audit(
      trx,
      request,
      {
        action: 'read',
        resource: 'statistics',
        orgUnitId: q.unitId,
        schoolId: chain.find((u) => u.kind === 'school')?.id ?? null,
        purpose: 'stats_coverage',
        role: d.allowed && d.role !== 'secret_key' ? d.role : null,
        roleUnitId: d.allowed ? d.orgUnit : null,
      },
      now,
    ),
  );
  return { from: q.from, to: q.to, suppressed: suppress, rows: data };
}

/** 统计表: JSON and the CSV for the twice-yearly report (June, December). */
export async function statsRoutes(app: FastifyInstance): Promise<void> {
  const r = typed(app);

  r.get(
    '/v1/stats/coverage',
    {
      config: { access },
      schema: {
        tags: ['statistics'],
        summary: 'Coverage and the 统计表 columns per org unit and period (small cells suppressed)',
        querystring: StatsQuery,
        response: { 200: CoverageStats, ...errors },
      },
    },
    async (request) => table(app, request, request.query),
  );

  r.get(
    '/v1/stats/coverage.csv',
    {
      config: { access },
      schema: {
        tags: ['statistics'],
        summary: 'The same table as CSV (UTF-8, header fixed by the golden file)',
        querystring: StatsQuery,
      },
    },
    async (request, reply) => {
      const t = await table(app, request, request.query);
      reply
        .type('text/csv; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="xinqiao-coverage-${t.from}-${t.to}.csv"`,
        );
      return toCsv(statsCsvHeader, t.from, t.to, t.rows);
    },
  );
}
