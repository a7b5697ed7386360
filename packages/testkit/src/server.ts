import { randomUUID } from 'node:crypto';
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

/** External ids of the roster `seedRoster()` pushes, by role. */
export const testUsers = {
  student: 'tk-student-1',
  guardian: 'tk-guardian-1',
  class_teacher: 'tk-teacher-1',
  grade_leader: 'tk-grade-leader-1',
  counsellor: 'tk-counsellor-1',
  school_admin: 'tk-admin-1',
  volunteer: 'tk-volunteer-1',
  district_admin: 'tk-district-1',
} as const;

export interface SeededRoster {
  schoolId: string;
  /** Opaque ids of the org units by external id (`tk-province`, `tk-city`, `tk-county`, `tk-school`, `tk-g7`, `tk-c7-1`). */
  units: Record<string, string>;
  users: typeof testUsers;
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
  /**
   * Pushes a small region tree and one school's roster through the real API (`PUT /v1/regions`,
   * `PUT /v1/schools/:id/roster`) with a tenant's secret key (default: the seeded tenant's):
   * one class with two students, a guardian, and one user per role (`testUsers`).
   */
  seedRoster(secretKey?: string): Promise<SeededRoster>;
  /** An embed token for a roster user (`POST /v1/embed-sessions`). */
  tokenFor(externalId: string, secretKey?: string): Promise<string>;
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
      config: {
        encryptionKey: Buffer.alloc(32, 7).toString('base64'),
        rateLimitPerMinute: 100_000,
      },
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

  const api = async (method: string, path: string, key: string | undefined, body: unknown) => {
    if (!key)
      throw new Error(
        'seedRoster/tokenFor need a secret key: start with { tenant: true } or pass one',
      );
    const res = await fetch(`${running.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${key}`,
        'content-type': 'application/json',
        'idempotency-key': randomUUID(),
      },
      body: JSON.stringify(body),
    });
    const json = (await res.json()) as Record<string, unknown>;
    if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${String(json.code)}`);
    return json;
  };

  const seedRoster = async (key = seeded?.secretKey): Promise<SeededRoster> => {
    const regions = (await api('PUT', '/v1/regions', key, {
      regions: [
        { externalId: 'tk-province', kind: 'province', name: '测试省' },
        { externalId: 'tk-city', kind: 'city', name: '测试市', parent: 'tk-province' },
        { externalId: 'tk-county', kind: 'county', name: '测试区', parent: 'tk-city' },
      ],
      schools: [{ externalId: 'tk-school', name: '测试学校', region: 'tk-county' }],
      districtAdmins: [{ externalId: testUsers.district_admin, regions: ['tk-county'] }],
    })) as {
      regions: Array<{ externalId: string; id: string }>;
      schools: Array<{ externalId: string; id: string }>;
    };
    const schoolId = regions.schools[0]!.id;
    const staff = (role: string, externalId: string, unit: object) => ({
      externalId,
      memberships: [{ role, unit }],
    });
    const roster = (await api('PUT', `/v1/schools/${schoolId}/roster`, key, {
      academicYear: '2026-2027',
      grades: [{ externalId: 'tk-g7' }],
      classes: [{ externalId: 'tk-c7-1', grade: 'tk-g7' }],
      students: [
        { externalId: testUsers.student, birthMonth: '2013-05', class: 'tk-c7-1' },
        { externalId: 'tk-student-2', birthMonth: '2013-09', class: 'tk-c7-1' },
      ],
      guardians: [
        { externalId: testUsers.guardian, family: 'tk-family-1', students: [testUsers.student] },
      ],
      staff: [
        staff('class_teacher', testUsers.class_teacher, { kind: 'class', externalId: 'tk-c7-1' }),
        staff('grade_leader', testUsers.grade_leader, { kind: 'grade', externalId: 'tk-g7' }),
        staff('counsellor', testUsers.counsellor, { kind: 'school' }),
        staff('school_admin', testUsers.school_admin, { kind: 'school' }),
        staff('volunteer', testUsers.volunteer, { kind: 'school' }),
      ],
      schoolHours: { days: [1, 2, 3, 4, 5], open: '07:30', close: '17:30' },
      onCall: testUsers.counsellor,
    })) as {
      grades: Array<{ externalId: string; id: string }>;
      classes: Array<{ externalId: string; id: string }>;
    };
    const units = Object.fromEntries(
      [...regions.regions, ...regions.schools, ...roster.grades, ...roster.classes].map((u) => [
        u.externalId,
        u.id,
      ]),
    );
    return { schoolId, units, users: testUsers };
  };

  const tokenFor = async (externalId: string, key = seeded?.secretKey): Promise<string> =>
    (await api('POST', '/v1/embed-sessions', key, { user: { externalId } })).token as string;

  return {
    url: running.url,
    seedRoster,
    tokenFor,
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
