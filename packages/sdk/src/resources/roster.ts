import { RegionsSyncResult, RosterSyncResult } from '@xinqiao/contracts/roster';
import type { RegionsSync, RosterSync } from '@xinqiao/contracts/roster';
import type { RequestOptions, Transport } from '../core.js';

/** Roster sync (secret key): the region tree once, then each school's roster per academic year. */
export function roster(t: Transport) {
  return {
    /**
     * `PUT /v1/regions`: replaces the region tree, its schools and the district admins. Answers
     * the opaque ids of regions and schools (use a school's id with `upsert`).
     */
    syncRegions: (body: RegionsSync, options?: RequestOptions): Promise<RegionsSyncResult> =>
      t.request({ method: 'PUT', path: 'v1/regions', body, schema: RegionsSyncResult, options }),

    /**
     * `PUT /v1/schools/:schoolId/roster`: replaces one school's roster for an academic year.
     * Memberships missing from `body` are ended (end date kept). Idempotent: a retry of the same
     * body changes nothing. Read `warnings` for empty routing roles.
     */
    upsert: (
      schoolId: string,
      body: RosterSync,
      options?: RequestOptions,
    ): Promise<RosterSyncResult> =>
      t.request({
        method: 'PUT',
        path: `v1/schools/${encodeURIComponent(schoolId)}/roster`,
        body,
        schema: RosterSyncResult,
        options,
      }),
  };
}
