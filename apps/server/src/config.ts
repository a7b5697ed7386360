import { join } from 'node:path';
import { packageRoot } from './paths.js';

export interface Config {
  port: number;
  host: string;
  /** PGlite data directory (used when `databaseUrl` is not set). */
  dataDir: string;
  databaseUrl: string | undefined;
  /** Master key (base64 or hex, 32 bytes) wrapping the per-student data keys. */
  encryptionKey: string | undefined;
  demo: boolean;
  /** Largest request body accepted, bytes. */
  bodyLimit: number;
  /** Public base URL, used as the embed-token issuer. */
  publicUrl: string | undefined;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads the configuration from the environment; throws a ConfigError naming what is wrong. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const demo = env.XINQIAO_DEMO === '1';
  if (demo && env.NODE_ENV === 'production') {
    throw new ConfigError(
      'XINQIAO_DEMO=1 refuses to run with NODE_ENV=production (demo data and keys are public).',
    );
  }
  const port = env.PORT === undefined || env.PORT === '' ? 3000 : Number(env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new ConfigError(`PORT must be an integer 0–65535.`);
  const encryptionKey = env.XINQIAO_ENCRYPTION_KEY || undefined;
  if (!demo && !encryptionKey) {
    throw new ConfigError(
      'XINQIAO_ENCRYPTION_KEY is required outside demo mode (32 bytes, base64 or hex).',
    );
  }
  return {
    port,
    host: env.HOST || '127.0.0.1',
    dataDir: env.XINQIAO_DATA_DIR || join(packageRoot, '.data', 'pglite'),
    databaseUrl: env.DATABASE_URL || undefined,
    encryptionKey,
    demo,
    bodyLimit: 1024 * 1024,
    publicUrl: env.XINQIAO_PUBLIC_URL || undefined,
  };
}
