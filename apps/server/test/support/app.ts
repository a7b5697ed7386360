import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { buildApp, type AppConfig } from '../../src/app.js';
import type { Clock } from '../../src/clock.js';
import type { Database } from '../../src/db/database.js';
import { openTestDatabase } from './db.js';
import { regions, roster, sentinels } from './fixtures.js';

/** Seeded names and every portal (external) id of the fixtures, quoted as they would appear in JSON. */
const forbiddenInLogs = [
  ...Object.values(sentinels),
  ...[
    ...regions.regions,
    ...regions.schools,
    ...roster().students,
    ...roster().guardians,
    ...roster().staff,
  ].map((x) => `"${x.externalId}"`),
  '"leaver"',
];

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  /** Every log line written so far (raw JSON lines). */
  logs: string[];
  close(): Promise<void>;
}

export const testClock = (start = '2026-09-01T01:00:00Z') => {
  let t = new Date(start).getTime();
  return {
    now: () => new Date(t),
    advance(ms: number) {
      t += ms;
    },
    set(d: Date | string) {
      t = new Date(d).getTime();
    },
  } satisfies Clock & Record<string, unknown>;
};

/** The real app on a fresh copy of the migrated database, with its log captured. */
export async function createTestApp(
  opts: {
    config?: Partial<AppConfig>;
    clock?: Clock;
    database?: Database;
    /** Extra test-only routes, registered before the app is ready. */
    register?: (app: FastifyInstance) => void | Promise<void>;
  } = {},
): Promise<TestApp> {
  const database = opts.database ?? (await openTestDatabase());
  const logs: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      logs.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      cb();
    },
  });
  const app = await buildApp({
    database,
    config: { demo: false, bodyLimit: 1024 * 1024, encryptionKey: 'a'.repeat(64), ...opts.config },
    ...(opts.clock ? { clock: opts.clock } : {}),
    logger: { level: 'info', stream },
  });
  if (opts.register) await opts.register(app);
  await app.ready();
  return {
    app,
    database,
    logs,
    async close() {
      await app.close();
      await database.close();
      // No seeded name or portal id may ever reach the logs (checked for every test file).
      const leaked = forbiddenInLogs.filter((needle) => logs.some((line) => line.includes(needle)));
      if (leaked.length) throw new Error(`personal data in logs: ${leaked.join(', ')}`);
    },
  };
}
