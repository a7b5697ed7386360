import type { Membership } from '@xinqiao/contracts/memberships';
import type { Role } from '@xinqiao/contracts/memberships';
import { openField, sealField, type DataKeys } from '../crypto/data-keys.js';
import type { Executor } from '../db/types.js';
import { newId } from '../ids.js';

export interface PersonInput {
  externalId: string;
  name?: string | undefined;
  birthMonth?: string | undefined;
}

export interface UpsertCounts {
  created: number;
  updated: number;
  unchanged: number;
}

/**
 * Creates or updates people by external id; names and birth months are sealed with each
 * person's data key. Returns external id → person id. Erased people are not revived.
 */
export async function upsertPeople(
  trx: Executor,
  keys: DataKeys,
  tenantId: string,
  inputs: PersonInput[],
  now: Date,
  counts: UpsertCounts,
): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  const byExternal = new Map(inputs.map((p) => [p.externalId, p]));
  const external = [...byExternal.keys()];
  const existing = new Map<
    string,
    {
      id: string;
      name_enc: Uint8Array | null;
      birth_month_enc: Uint8Array | null;
      erased_at: Date | null;
    }
  >();
  for (let i = 0; i < external.length; i += 5000) {
    const chunk = external.slice(i, i + 5000);
    const rows = await trx
      .selectFrom('people')
      .select(['id', 'external_id', 'name_enc', 'birth_month_enc', 'erased_at'])
      .where('tenant_id', '=', tenantId)
      .where('external_id', 'in', chunk)
      .execute();
    for (const r of rows) existing.set(r.external_id, r);
  }
  for (const [externalId, p] of byExternal) {
    const row = existing.get(externalId);
    if (!row) {
      const id = newId('per', now);
      const key = await keys.getOrCreate(trx, tenantId, id, now);
      await trx
        .insertInto('people')
        .values({
          id,
          tenant_id: tenantId,
          external_id: externalId,
          name_enc: p.name ? sealField(key, id, 'name', p.name) : null,
          birth_month_enc: p.birthMonth ? sealField(key, id, 'birth_month', p.birthMonth) : null,
          created_at: now,
          erased_at: null,
        })
        .execute();
      ids.set(externalId, id);
      counts.created++;
      continue;
    }
    ids.set(externalId, row.id);
    if (row.erased_at) {
      counts.unchanged++;
      continue;
    }
    const key = await keys.getOrCreate(trx, tenantId, row.id, now);
    const current = {
      name: row.name_enc ? openField(key, row.id, 'name', row.name_enc) : undefined,
      birthMonth: row.birth_month_enc
        ? openField(key, row.id, 'birth_month', row.birth_month_enc)
        : undefined,
    };
    const changed =
      current.name !== p.name ||
      (p.birthMonth !== undefined && current.birthMonth !== p.birthMonth);
    if (changed) {
      await trx
        .updateTable('people')
        .set({
          name_enc: p.name ? sealField(key, row.id, 'name', p.name) : null,
          ...(p.birthMonth !== undefined
            ? { birth_month_enc: sealField(key, row.id, 'birth_month', p.birthMonth) }
            : {}),
        })
        .where('id', '=', row.id)
        .execute();
      counts.updated++;
    } else counts.unchanged++;
  }
  return ids;
}

export async function findPersonByExternalId(
  db: Executor,
  tenantId: string,
  externalId: string,
): Promise<{ id: string; erased: boolean } | undefined> {
  const row = await db
    .selectFrom('people')
    .select(['id', 'erased_at'])
    .where('tenant_id', '=', tenantId)
    .where('external_id', '=', externalId)
    .executeTakeFirst();
  return row && { id: row.id, erased: row.erased_at !== null };
}

/** The person's current (role, org unit) pairs: memberships not ended, on units not ended. */
export async function activeMemberships(
  db: Executor,
  tenantId: string,
  personId: string,
  today: string,
): Promise<Membership[]> {
  const rows = await db
    .selectFrom('memberships as m')
    .innerJoin('org_units as u', 'u.id', 'm.org_unit_id')
    .select(['m.role', 'm.org_unit_id'])
    .where('m.tenant_id', '=', tenantId)
    .where('m.person_id', '=', personId)
    .where('m.started_on', '<=', today)
    .where((eb) => eb.or([eb('m.ended_on', 'is', null), eb('m.ended_on', '>', today)]))
    .where('u.ended_on', 'is', null)
    .orderBy('m.role')
    .orderBy('m.org_unit_id')
    .execute();
  const seen = new Set<string>();
  const out: Membership[] = [];
  for (const r of rows) {
    const k = `${r.role}|${r.org_unit_id}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push({ role: r.role as Role, orgUnit: r.org_unit_id });
  }
  return out;
}
