import type { FastifyInstance } from 'fastify';
import { buildApp, type AppConfig } from './app.js';
import type { Clock } from './clock.js';
import { openDatabase, type Database, type OpenDatabaseOptions } from './db/database.js';
import { migrate } from './db/migrate.js';
import { startJobs } from './jobs/runner.js';
import type { LoggerDeps } from './http/logger.js';

export interface StartServerOptions {
  /** Default 0 (a free port). */
  port?: number;
  host?: string;
  /** An open database, or how to open one. Default: an in-memory PGlite (slow: runs initdb). */
  database?: Database | OpenDatabaseOptions;
  clock?: Clock;
  demo?: boolean;
  config?: Partial<AppConfig>;
  logger?: LoggerDeps | false;
  /** Run the background jobs (webhook delivery, purges). Default true. */
  jobs?: boolean;
  /** Runs after migrations and app build, before listening (e.g. the demo seed). */
  beforeListen?: (app: FastifyInstance) => Promise<void>;
}

export interface RunningServer {
  url: string;
  app: FastifyInstance;
  database: Database;
  /** Stops listening and closes the database if this call opened it. */
  close(): Promise<void>;
}

function isDatabase(x: Database | OpenDatabaseOptions): x is Database {
  return 'db' in x;
}

/** Migrates, builds and listens: what the testkit and the root start script call. */
export async function startServer(opts: StartServerOptions = {}): Promise<RunningServer> {
  const given = opts.database ?? { kind: 'pglite' as const };
  const ownsDatabase = !isDatabase(given);
  const database = isDatabase(given) ? given : await openDatabase(given);
  try {
    await migrate(database);
    const app = await buildApp({
      database,
      config: { demo: opts.demo ?? false, bodyLimit: 1024 * 1024, ...opts.config },
      ...(opts.clock ? { clock: opts.clock } : {}),
      logger: opts.logger ?? false,
    });
    if (opts.beforeListen) await opts.beforeListen(app);
    await app.listen({ port: opts.port ?? 0, host: opts.host ?? '127.0.0.1' });
    const jobs = opts.jobs === false ? undefined : startJobs(app);
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : opts.port;
    const host = opts.host ?? '127.0.0.1';
    const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
    let closed = false;
    return {
      url,
      app,
      database,
      async close() {
        if (closed) return;
        closed = true;
        await jobs?.stop();
        await app.close();
        if (ownsDatabase) await database.close();
      },
    };
  } catch (e) {
    if (ownsDatabase) await database.close();
    throw e;
  }
}
