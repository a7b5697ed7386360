import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { migrationsDir } from '../paths.js';
import type { Database } from './database.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

const fileName = /^(\d{4})_([a-z0-9_]+)\.sql$/;

/** The versioned SQL files in `apps/server/migrations`, in order. */
export function listMigrations(dir: string = migrationsDir): Migration[] {
  return readdirSync(dir)
    .map((f) => ({ f, m: fileName.exec(f) }))
    .filter((x): x is { f: string; m: RegExpExecArray } => x.m !== null)
    .map(({ f, m }) => {
      const text = readFileSync(join(dir, f), 'utf8');
      return {
        version: Number(m[1]),
        name: m[2]!,
        sql: text,
        checksum: createHash('sha256').update(text).digest('hex'),
      };
    })
    .sort((a, b) => a.version - b.version);
}

/** One hash over every migration: keys cached snapshots. */
export function migrationsHash(migrations: Migration[] = listMigrations()): string {
  const h = createHash('sha256');
  for (const m of migrations) h.update(`${m.version}:${m.checksum}\n`);
  return h.digest('hex').slice(0, 16);
}

const ensureTable = `CREATE TABLE IF NOT EXISTS xq_migrations (
  version integer PRIMARY KEY,
  name text NOT NULL,
  checksum text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now()
)`;

export interface MigrationStatus {
  applied: number;
  pending: number;
}

export async function migrationStatus(database: Database): Promise<MigrationStatus> {
  const all = listMigrations();
  let applied: number[] = [];
  try {
    const rows = await database.db.selectFrom('xq_migrations').select('version').execute();
    applied = rows.map((r) => r.version);
  } catch {
    applied = [];
  }
  const done = new Set(applied);
  return { applied: done.size, pending: all.filter((m) => !done.has(m.version)).length };
}

export class MigrationError extends Error {
  override name = 'MigrationError';
}

/**
 * Applies pending migrations, each in its own transaction together with its row in
 * `xq_migrations`. Several replicas starting at once serialize on an advisory lock; a replica
 * that finds a version already applied skips it. A changed, already-applied file is an error.
 */
export async function migrate(database: Database): Promise<{ applied: string[] }> {
  await database.execScript(ensureTable);
  const done: string[] = [];
  for (const m of listMigrations()) {
    const existing = await database.db
      .selectFrom('xq_migrations')
      .select(['version', 'checksum'])
      .where('version', '=', m.version)
      .executeTakeFirst();
    if (existing) {
      if (existing.checksum !== m.checksum) {
        throw new MigrationError(`Migration ${m.version}_${m.name} changed after it was applied.`);
      }
      continue;
    }
    const script = [
      'BEGIN;',
      'SELECT pg_advisory_xact_lock(7274611);',
      `INSERT INTO xq_migrations (version, name, checksum) VALUES (${m.version}, '${m.name}', '${m.checksum}');`,
      m.sql,
      ';COMMIT;',
    ].join('\n');
    try {
      await database.execScript(script);
      done.push(`${String(m.version).padStart(4, '0')}_${m.name}`);
    } catch (e) {
      await database.execScript('ROLLBACK;').catch(() => {});
      const code = (e as { code?: string }).code;
      if (code === '23505') continue; // another replica applied it meanwhile
      throw new MigrationError(`Migration ${m.version}_${m.name} failed: ${(e as Error).message}`);
    }
  }
  await sql`select 1`.execute(database.db);
  return { applied: done };
}
