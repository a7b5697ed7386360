import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, type Database } from '../../src/db/database.js';

/**
 * A fresh, migrated database for one test file: a copy of the PGlite snapshot, or (in the
 * PostgreSQL run) a new database cloned from the migrated template and dropped on close.
 */
export async function openTestDatabase(): Promise<Database> {
  const adminUrl = inject('pgAdminUrl');
  if (!adminUrl) return openDatabase({ kind: 'pglite', snapshot: inject('snapshotPath') });

  const name = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${inject('pgTemplate')}`);
  } finally {
    await admin.end();
  }
  const url = adminUrl.replace(/\/postgres$/, `/${name}`);
  const database = await openDatabase({ kind: 'postgres', url });
  return {
    ...database,
    async close() {
      await database.close();
      const a = new pg.Client({ connectionString: adminUrl });
      await a.connect();
      try {
        await a.query(`DROP DATABASE IF EXISTS ${name}`);
      } finally {
        await a.end();
      }
    },
  };
}

export const dbKind = (): 'pglite' | 'postgres' => (inject('pgAdminUrl') ? 'postgres' : 'pglite');
