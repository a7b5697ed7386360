import type { ApiKey, Tenant } from '@xinqiao/contracts/tenants';
import type { Executor } from '../db/types.js';
import { hashSecretKey, newSecretKey } from '../crypto/tokens.js';
import { newId } from '../ids.js';

const tenantColumns = [
  'id',
  'name',
  'allowed_origins',
  'webhook_url',
  'retention_years_after_leaving',
  'created_at',
] as const;

type TenantRow = {
  id: string;
  name: string;
  allowed_origins: string[];
  webhook_url: string | null;
  retention_years_after_leaving: number | null;
  created_at: Date;
};

export const toTenant = (r: TenantRow): Tenant => ({
  id: r.id,
  name: r.name,
  allowedOrigins: r.allowed_origins,
  webhookUrl: r.webhook_url,
  retentionYearsAfterLeaving: r.retention_years_after_leaving,
  createdAt: r.created_at.toISOString(),
});

type KeyRow = {
  id: string;
  prefix: string;
  label: string | null;
  created_at: Date;
  revoked_at: Date | null;
};

export const toApiKey = (r: KeyRow): ApiKey => ({
  id: r.id,
  prefix: r.prefix,
  label: r.label,
  createdAt: r.created_at.toISOString(),
  revokedAt: r.revoked_at ? r.revoked_at.toISOString() : null,
});

export async function createTenant(
  db: Executor,
  input: { name: string; allowedOrigins?: string[]; webhookUrl?: string | null },
  now: Date,
): Promise<Tenant> {
  const row = await db
    .insertInto('tenants')
    .values({
      id: newId('tnt', now),
      name: input.name,
      allowed_origins: JSON.stringify(input.allowedOrigins ?? []),
      webhook_url: input.webhookUrl ?? null,
      webhook_secret_enc: null,
      created_at: now,
    })
    .returning(tenantColumns)
    .executeTakeFirstOrThrow();
  return toTenant(row);
}

export async function getTenant(db: Executor, id: string): Promise<Tenant | undefined> {
  const row = await db
    .selectFrom('tenants')
    .select(tenantColumns)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && toTenant(row);
}

export async function listTenants(db: Executor): Promise<Tenant[]> {
  const rows = await db.selectFrom('tenants').select(tenantColumns).orderBy('id').execute();
  return rows.map(toTenant);
}

export async function updateTenant(
  db: Executor,
  id: string,
  patch: {
    name?: string;
    allowedOrigins?: string[];
    webhookUrl?: string | null;
    retentionYearsAfterLeaving?: number | null;
  },
): Promise<Tenant | undefined> {
  const values: Record<string, unknown> = {};
  if (patch.name !== undefined) values.name = patch.name;
  if (patch.allowedOrigins !== undefined)
    values.allowed_origins = JSON.stringify(patch.allowedOrigins);
  if (patch.webhookUrl !== undefined) values.webhook_url = patch.webhookUrl;
  if (patch.retentionYearsAfterLeaving !== undefined)
    values.retention_years_after_leaving = patch.retentionYearsAfterLeaving;
  if (Object.keys(values).length === 0) return getTenant(db, id);
  const row = await db
    .updateTable('tenants')
    .set(values)
    .where('id', '=', id)
    .returning(tenantColumns)
    .executeTakeFirst();
  return row && toTenant(row);
}

export async function setWebhookSecret(
  db: Executor,
  tenantId: string,
  sealed: string,
): Promise<void> {
  await db
    .updateTable('tenants')
    .set({ webhook_secret_enc: sealed })
    .where('id', '=', tenantId)
    .execute();
}

/** Creates a key; the plain secret is returned once and never stored. */
export async function createApiKey(
  db: Executor,
  tenantId: string,
  label: string | null,
  now: Date,
): Promise<{ key: ApiKey; secret: string }> {
  const secret = newSecretKey();
  const row = await db
    .insertInto('api_keys')
    .values({
      id: newId('key', now),
      tenant_id: tenantId,
      prefix: secret.slice(0, 10),
      key_hash: hashSecretKey(secret),
      label,
      created_at: now,
      revoked_at: null,
    })
    .returning(['id', 'prefix', 'label', 'created_at', 'revoked_at'])
    .executeTakeFirstOrThrow();
  return { key: toApiKey(row), secret };
}

export async function listApiKeys(db: Executor, tenantId: string): Promise<ApiKey[]> {
  const rows = await db
    .selectFrom('api_keys')
    .select(['id', 'prefix', 'label', 'created_at', 'revoked_at'])
    .where('tenant_id', '=', tenantId)
    .orderBy('id')
    .execute();
  return rows.map(toApiKey);
}

/** Revokes a key of this tenant; undefined when the tenant has no such key. */
export async function revokeApiKey(
  db: Executor,
  tenantId: string,
  keyId: string,
  now: Date,
): Promise<ApiKey | undefined> {
  const row = await db
    .updateTable('api_keys')
    .set((eb) => ({ revoked_at: eb.fn.coalesce('revoked_at', eb.val(now)) }))
    .where('id', '=', keyId)
    .where('tenant_id', '=', tenantId)
    .returning(['id', 'prefix', 'label', 'created_at', 'revoked_at'])
    .executeTakeFirst();
  return row && toApiKey(row);
}

/** The live key behind a secret, if any. */
export async function findKeyBySecret(
  db: Executor,
  secret: string,
): Promise<{ keyId: string; tenantId: string } | undefined> {
  const row = await db
    .selectFrom('api_keys')
    .select(['id', 'tenant_id'])
    .where('key_hash', '=', hashSecretKey(secret))
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return row && { keyId: row.id, tenantId: row.tenant_id };
}

/** Every tenant's allowed origins (for CORS). */
export async function allAllowedOrigins(db: Executor): Promise<Set<string>> {
  const rows = await db.selectFrom('tenants').select('allowed_origins').execute();
  return new Set(rows.flatMap((r) => r.allowed_origins));
}
