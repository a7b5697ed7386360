import type { ColumnType, Generated, JSONColumnType } from 'kysely';

/** Column types of every table, as Kysely sees them. Grows with the migrations. */
export interface DB {
  xq_migrations: MigrationsTable;
  instance: InstanceTable;
  tenants: TenantsTable;
  api_keys: ApiKeysTable;
}

export interface MigrationsTable {
  version: number;
  name: string;
  checksum: string;
  applied_at: ColumnType<Date, never, never>;
}

export interface InstanceTable {
  id: Generated<boolean>;
  created_at: ColumnType<Date, never, never>;
}

export interface TenantsTable {
  id: string;
  name: string;
  allowed_origins: JSONColumnType<string[], string, string>;
  webhook_url: string | null;
  webhook_secret_enc: string | null;
  created_at: Date;
}

export interface ApiKeysTable {
  id: string;
  tenant_id: string;
  prefix: string;
  key_hash: string;
  label: string | null;
  created_at: Date;
  revoked_at: Date | null;
}
