import type { FastifyInstance } from 'fastify';
import * as z from 'zod/mini';
import { ErrorBody } from '@xinqiao/contracts/errors';
import { OpaqueId } from '@xinqiao/contracts/ids';
import {
  RegionsSync,
  RegionsSyncResult,
  RosterSync,
  RosterSyncResult,
} from '@xinqiao/contracts/roster';
import { tenantOf } from '../auth/authenticate.js';
import { shanghaiDate } from '../dates.js';
import { secretKeyOnly } from '../http/access.js';
import { typed } from '../http/zod.js';
import { audit } from '../repositories/audit.js';
import { syncRegions, syncSchoolRoster } from '../repositories/roster.js';

const errors = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
  413: ErrorBody,
  422: ErrorBody,
};
const secured = [{ secretKey: [] }];

/** A school roster of a few thousand students with guardians fits well under this. */
export const rosterBodyLimit = 8 * 1024 * 1024;

export async function rosterRoutes(app: FastifyInstance): Promise<void> {
  const r = typed(app);
  const { database, clock, dataKeys } = app.deps;

  r.put(
    '/v1/regions',
    {
      bodyLimit: rosterBodyLimit,
      config: { access: secretKeyOnly },
      schema: {
        tags: ['roster'],
        summary: 'Replace the region tree, its schools and district admins',
        security: secured,
        body: RegionsSync,
        response: { 200: RegionsSyncResult, ...errors },
      },
    },
    async (request) => {
      const tenantId = tenantOf(request);
      const now = clock.now();
      return database.db
        .transaction()
        .execute((trx) =>
          syncRegions(trx, dataKeys, tenantId, request.body, shanghaiDate(now), now),
        );
    },
  );

  r.put(
    '/v1/schools/:schoolId/roster',
    {
      bodyLimit: rosterBodyLimit,
      config: { access: secretKeyOnly },
      schema: {
        tags: ['roster'],
        summary: "Replace a school's roster for an academic year",
        description:
          'Memberships, units and guardian links missing from the payload are ended (end date kept). ' +
          'All or nothing: dangling references answer 422 `dangling_reference` listing them.',
        security: secured,
        params: z.strictObject({ schoolId: OpaqueId }),
        body: RosterSync,
        response: { 200: RosterSyncResult, ...errors },
      },
    },
    async (request) => {
      const tenantId = tenantOf(request);
      const now = clock.now();
      const { schoolId } = request.params;
      return database.db.transaction().execute(async (trx) => {
        const result = await syncSchoolRoster(
          trx,
          dataKeys,
          tenantId,
          schoolId,
          request.body,
          shanghaiDate(now),
          now,
        );
        await audit(
          trx,
          request,
          {
            action: 'write',
            resource: 'roster',
            orgUnitId: schoolId,
            schoolId,
            purpose: 'roster_sync',
          },
          now,
        );
        return result;
      });
    },
  );
}
