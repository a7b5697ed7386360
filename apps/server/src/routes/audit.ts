import type { FastifyInstance } from 'fastify';
import { AuditPage, AuditQuery } from '@xinqiao/contracts/audit';
import { ErrorBody } from '@xinqiao/contracts/errors';
import { defaultPageSize } from '@xinqiao/contracts/pagination';
import { rolesFor } from '@xinqiao/contracts/permissions';
import { tenantOf } from '../auth/authenticate.js';
import { AppError } from '../http/app-error.js';
import { typed } from '../http/zod.js';
import { decideAction } from '../policy/decide.js';
import { schoolsUnder, unitChain } from '../policy/units.js';
import { listAudit } from '../repositories/audit.js';

export async function auditRoutes(app: FastifyInstance): Promise<void> {
  const r = typed(app);
  const { database } = app.deps;

  r.get(
    '/v1/audit',
    {
      config: {
        access: {
          principals: ['secret_key', 'embed_token'],
          resource: 'none',
          roles: rolesFor('audit.read'),
          action: 'audit.read',
        },
      },
      schema: {
        tags: ['audit'],
        summary:
          'Read the audit log (school and district admins: their units; secret key: the tenant)',
        security: [{ secretKey: [] }, { embedToken: [] }],
        querystring: AuditQuery,
        response: {
          200: AuditPage,
          400: ErrorBody,
          401: ErrorBody,
          403: ErrorBody,
          404: ErrorBody,
        },
      },
    },
    async (request) => {
      const tenantId = tenantOf(request);
      const { schoolId, subjectId, cursor, limit } = request.query;
      const p = request.principal;
      let schoolIds: string[] | undefined;
      if (schoolId) {
        const chain = await unitChain(database.db, tenantId, schoolId);
        if (chain.length === 0 || chain[0]!.kind !== 'school') throw new AppError('not_found');
        if (
          p.kind === 'embed_token' &&
          !decideAction(p, 'audit.read', { tenantId, chain }).allowed
        ) {
          throw new AppError('forbidden');
        }
        schoolIds = [schoolId];
      } else if (p.kind === 'embed_token') {
        const allowed = new Set<string>();
        for (const m of p.memberships) {
          if (rolesFor('audit.read').includes(m.role)) {
            for (const id of await schoolsUnder(database.db, tenantId, m.orgUnit)) allowed.add(id);
          }
        }
        schoolIds = [...allowed];
      }
      return listAudit(database.db, {
        tenantId,
        ...(schoolIds ? { schoolIds } : {}),
        ...(subjectId ? { subjectId } : {}),
        ...(cursor ? { before: cursor } : {}),
        limit: limit ?? defaultPageSize,
      });
    },
  );
}
