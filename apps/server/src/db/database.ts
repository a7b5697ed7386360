import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { lockDataDir } from './lock.js';
import { Mutex } from './mutex.js';
import { PGliteDialect } from './pglite-dialect.js';
import type { DB } from './schema.js';

export type DatabaseKind = 'pglite' | 'postgres';

export type OpenDatabaseOptions =
  | {
      kind: 'pglite';
      /** Data directory on disk; omitted = in memory. A lock file is taken next to it. */
      dataDir?: string;
      /** A `dumpDataDir()` tarball (path or Blob) to start from, e.g. a migrated snapshot. */
      snapshot?: string | Blob;
      /** Who takes the data-directory lock (shown to whoever is refused). Default 'server'. */
      lockPurpose?: string;
    }
  | { kind: 'postgres'; url: string; maxConnections?: number };

export interface Database {
  readonly kind: DatabaseKind;
  readonly db: Kysely<DB>;
  /** Runs a multi-statement SQL script (simple protocol; no parameters). */
  execScript(script: string): Promise<void>;
  /** PGlite only: the underlying instance (for snapshots). */
  readonly pglite?: PGlite;
  close(): Promise<void>;
}

// Dates stay `YYYY-MM-DD` strings on both drivers; int8 becomes a number (counts, never money).
const DATE_OID = 1082;
const INT8_OID = 20;

async function openPglite(
  opts: Extract<OpenDatabaseOptions, { kind: 'pglite' }>,
): Promise<Database> {
  let release: (() => void) | undefined;
  if (opts.dataDir) {
    mkdirSync(dirname(opts.dataDir), { recursive: true });
    release = lockDataDir(opts.dataDir, opts.lockPurpose ?? 'server');
  }
  try {
    const loadDataDir =
      typeof opts.snapshot === 'string' ? new Blob([await readFile(opts.snapshot)]) : opts.snapshot;
    const pglite = await PGlite.create({
      ...(opts.dataDir ? { dataDir: opts.dataDir } : {}),
      ...(loadDataDir ? { loadDataDir } : {}),
      parsers: { [DATE_OID]: (v: string) => v, [INT8_OID]: (v: string) => Number(v) },
    });
    const mutex = new Mutex();
    const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite, mutex) });
    let closed = false;
    return {
      kind: 'pglite',
      db,
      pglite,
      execScript: (script) => mutex.run(async () => void (await pglite.exec(script))),
      async close() {
        if (closed) return;
        closed = true;
        try {
          await mutex.run(() => pglite.close());
        } finally {
          release?.();
        }
      },
    };
  } catch (e) {
    release?.();
    throw e;
  }
}

function openPostgres(opts: Extract<OpenDatabaseOptions, { kind: 'postgres' }>): Database {
  const pool = new pg.Pool({
    connectionString: opts.url,
    max: opts.maxConnections ?? 10,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
        if (oid === DATE_OID) return (v: string) => v;
        if (oid === INT8_OID) return (v: string) => Number(v);
        return pg.types.getTypeParser(oid, format);
      }) as typeof pg.types.getTypeParser,
    },
  });
  // An idle client's error (e.g. the server restarting) must not crash the process.
  pool.on('error', () => {});
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  let closed = false;
  return {
    kind: 'postgres',
    db,
    async execScript(script) {
      const client = await pool.connect();
      try {
        await client.query(script);
      } finally {
        client.release();
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      await db.destroy();
    },
  };
}

export async function openDatabase(opts: OpenDatabaseOptions): Promise<Database> {
  return opts.kind === 'pglite' ? openPglite(opts) : openPostgres(opts);
}
