// The library surface of @xinqiao/server, for the testkit and the root start script.
export { buildApp, type AppConfig, type AppDeps } from './app.js';
export { startServer, type RunningServer, type StartServerOptions } from './start.js';
export {
  openDatabase,
  type Database,
  type DatabaseKind,
  type OpenDatabaseOptions,
} from './db/database.js';
export { migrate, migrationStatus, listMigrations, migrationsHash } from './db/migrate.js';
export { createSnapshot, snapshotCacheKey } from './db/snapshot.js';
export { DataDirLockedError, lockDataDir } from './db/lock.js';
export { loadConfig, ConfigError, type Config } from './config.js';
export { systemClock, type Clock } from './clock.js';
export { AppError } from './http/app-error.js';
export type { LoggerDeps } from './http/logger.js';
export type { RouteAccess } from './http/access.js';
export { createTenant, createApiKey, getTenant } from './repositories/tenants.js';
export { seedDemo, demoUsers, demoTenantName, type DemoSeed } from './demo/seed.js';
export { enqueueWebhook } from './jobs/outbox.js';
export { deliverDueWebhooks, signatureFor } from './jobs/webhook-delivery.js';
