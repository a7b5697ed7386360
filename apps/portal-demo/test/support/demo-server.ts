import { randomBytes } from 'node:crypto';
import { openDatabase, seedDemo, startServer } from '@xinqiao/server';
import { migratedSnapshot } from '@xinqiao/testkit/server';

export interface Clock {
  now(): Date;
}

/**
 * The server as `pnpm start` runs it (demo mode, the demo seed, a start-script secret key), but
 * in-process on a copy of the migrated database and with an injectable clock.
 */
export async function startDemoServer(clock: Clock = { now: () => new Date() }) {
  const secretKey = `sk_demo_${randomBytes(24).toString('hex')}`;
  const database = await openDatabase({ kind: 'pglite', snapshot: await migratedSnapshot() });
  const server = await startServer({
    port: 0,
    database,
    clock,
    demo: true,
    config: {
      encryptionKey: Buffer.alloc(32, 9).toString('base64'),
      rateLimitPerMinute: 100_000,
    },
    beforeListen: async (app) => {
      await seedDemo(app, { secretKey });
    },
  });
  return {
    url: server.url,
    secretKey,
    async close() {
      await server.close();
      await database.close();
    },
  };
}
