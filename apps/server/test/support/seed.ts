import { randomUUID } from 'node:crypto';
import type { Database } from '../../src/db/database.js';
import { createApiKey, createTenant } from '../../src/repositories/tenants.js';

export async function seedTenant(
  database: Database,
  opts: { name?: string; allowedOrigins?: string[] } = {},
  now = new Date('2026-09-01T00:00:00Z'),
): Promise<{ tenantId: string; secret: string; keyId: string }> {
  const tenant = await createTenant(
    database.db,
    {
      name: opts.name ?? 'Test portal',
      allowedOrigins: opts.allowedOrigins ?? ['https://portal.example.cn'],
    },
    now,
  );
  const { key, secret } = await createApiKey(database.db, tenant.id, 'test', now);
  return { tenantId: tenant.id, secret, keyId: key.id };
}

/** Credentials plus a fresh Idempotency-Key (ignored by non-POST routes). */
export const bearer = (secret: string) => ({
  authorization: `Bearer ${secret}`,
  'idempotency-key': randomUUID(),
});
