import { existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createApiKey,
  createSnapshot,
  createTenant,
  openDatabase,
  snapshotCacheKey,
  startServer,
  type Database,
  type RunningServer,
} from '@xinqiao/server';
import { createClock, type TestClock } from './clock.js';
import { startPostgres } from './postgres.js';

let snapshotPromise: Promise<string> | undefined;

/**
 * Path of a migrated PGlite snapshot, built once and cached in the OS temp directory under a key
 * of the migrations' hash and the PGlite version (so a new migration makes a new snapshot).
 * Building takes 8–10 s (initdb); every later server opens a copy in ≈ 1.3 s.
 */
export function migratedSnapshot(): Promise<string> {
  snapshotPromise ??= (async () => {
    const dir = join(tmpdir(), 'xinqiao-testkit');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `snapshot-${snapshotCacheKey()}.tar.gz`);
    if (!existsSync(file)) await createSnapshot(file);
    return file;
  })();
  return snapshotPromise;
}

export interface SeedTenantOptions {
  name?: string;
  /** Origins the tenant's pages are served from (CORS). */
  allowedOrigins?: string[];
}

export interface SeededTenant {
  tenantId: string;
  /** The tenant's secret key `sk_…` (for `Authorization: Bearer …` from a portal backend). */
  secretKey: string;
}

export interface StartTestServerOptions {
  /** Seed one tenant at start and return its secret key as `secretKey`. */
  tenant?: boolean | SeedTenantOptions;
  /** A clock, or the instant a fresh controllable clock starts at. */
  clock?: TestClock | Date | string;
  /** `pglite` (default): a copy of the migrated snapshot. `postgres`: a throwaway PostgreSQL cluster. */
  database?: 'pglite' | 'postgres';
  demo?: boolean;
  host?: string;
}

export interface TestServer {
  /** Base URL, e.g. `http://127.0.0.1:41234`. */
  url: string;
  /** Secret key of the tenant seeded with `{ tenant: … }`. */
  secretKey?: string;
  tenantId?: string;
  /** Creates a tenant with one secret key, directly in the database. */
  seedTenant(opts?: SeedTenantOptions): Promise<SeededTenant>;
  clock: TestClock;
  /** The server's database (for assertions; prefer HTTP in tests). */
  db: Database;
  close(): Promise<void>;
}

/**
 * The real server, listening on a free port, on a fresh copy of a migrated database. Nothing is
 * mocked; the clock is controllable.
 */
export async function startTestServer(opts: StartTestServerOptions = {}): Promise<TestServer> {
  const clock =
    opts.clock && typeof opts.clock === 'object' && 'advance' in opts.clock
      ? opts.clock
      : createClock((opts.clock as Date | string | undefined) ?? '2026-09-01T01:00:00Z');

  let stopPostgres: (() => Promise<void>) | undefined;
  let database: Database;
  if (opts.database === 'postgres') {
    const pgsql = await startPostgres();
    stopPostgres = pgsql.stop;
    database = await openDatabase({ kind: 'postgres', url: pgsql.url });
  } else {
    database = await openDatabase({ kind: 'pglite', snapshot: await migratedSnapshot() });
  }

  let running: RunningServer;
  try {
    running = await startServer({
      port: 0,
      host: opts.host ?? '127.0.0.1',
      database,
      clock,
      demo: opts.demo ?? false,
      config: { encryptionKey: Buffer.alloc(32, 7).toString('base64'), rateLimitPerMinute: 100_000 },
      logger: false,
    });
  } catch (e) {
    await database.close();
    await stopPostgres?.();
    throw e;
  }

  const seedTenant = async (o: SeedTenantOptions = {}): Promise<SeededTenant> => {
    const now = clock.now();
    return database.db.transaction().execute(async (trx) => {
      const tenant = await createTenant(
        trx,
        { name: o.name ?? 'Test portal', allowedOrigins: o.allowedOrigins ?? [] },
        now,
      );
      const { secret } = await createApiKey(trx, tenant.id, 'testkit', now);
      return { tenantId: tenant.id, secretKey: secret };
    });
  };

  let seeded: SeededTenant | undefined;
  if (opts.tenant) seeded = await seedTenant(opts.tenant === true ? {} : opts.tenant);

  return {
    url: running.url,
    ...(seeded ? { secretKey: seeded.secretKey, tenantId: seeded.tenantId } : {}),
    seedTenant,
    clock,
    db: database,
    async close() {
      await running.close();
      await database.close();
      await stopPostgres?.();
    },
  };
}
