import type { RegionsSync, RosterSync } from '@xinqiao/contracts/roster';
import type { XinqiaoServerClient } from '@xinqiao/sdk/server';

// #region guide:sync-roster
/**
 * Pushes the portal's own roster to Xinqiao: the region tree (with its schools and district
 * admins) once, then each school's roster for the academic year. Ids are the portal's own; a
 * repeat of the same roster changes nothing, and memberships missing from it are ended.
 */
export async function syncRoster(
  xinqiao: XinqiaoServerClient,
  regions: RegionsSync,
  schools: Record<string, RosterSync>, // school external id → its roster
) {
  const tree = await xinqiao.roster.syncRegions(regions);
  const results = [];
  for (const [externalId, roster] of Object.entries(schools)) {
    const school = tree.schools.find((s) => s.externalId === externalId);
    if (!school) throw new Error(`school ${externalId} is not in the region tree`);
    const result = await xinqiao.roster.upsert(school.id, roster);
    // Empty routing roles (no class teacher, counsellor or on-call contact): alerts skip a level.
    for (const w of result.warnings) console.warn(`roster: ${w.code} on ${w.unit.externalId}`);
    results.push(result);
  }
  return { regions: tree.regions, schools: tree.schools, results };
}
// #endregion
