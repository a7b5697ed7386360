import { ConfigError, loadConfig } from './config.js';
import { DataDirLockedError } from './db/lock.js';
import { seedDemo, type DemoSeed } from './demo/seed.js';
import { startServer } from './start.js';

// Boots the server from the environment. Everything else lives in app.ts / start.ts.
async function main(): Promise<void> {
  const config = loadConfig();
  const database = config.databaseUrl
    ? ({ kind: 'postgres', url: config.databaseUrl } as const)
    : ({ kind: 'pglite', dataDir: config.dataDir, lockPurpose: 'server' } as const);
  let demoSeed: DemoSeed | undefined;
  const running = await startServer({
    port: config.port,
    host: config.host,
    database,
    demo: config.demo,
    config: {
      bodyLimit: config.bodyLimit,
      ...(config.encryptionKey ? { encryptionKey: config.encryptionKey } : {}),
      ...(config.publicUrl ? { publicUrl: config.publicUrl } : {}),
    },
    logger: { level: process.env.LOG_LEVEL ?? 'info' },
    ...(config.demo
      ? {
          beforeListen: async (app) => {
            const seed = await seedDemo(app, {
              ...(process.env.XINQIAO_DEMO_SECRET_KEY
                ? { secretKey: process.env.XINQIAO_DEMO_SECRET_KEY }
                : {}),
              ...(process.env.XINQIAO_DEMO_PORTAL_URL
                ? { portalUrl: process.env.XINQIAO_DEMO_PORTAL_URL }
                : {}),
            });
            demoSeed = seed;
          },
        }
      : {}),
  });
  if (demoSeed) {
    process.stdout.write(
      `Demo tenant ${demoSeed.tenantId} seeded (school ${demoSeed.schoolId}).\n`,
    );
    if (demoSeed.mintedSecretKey)
      process.stdout.write(`Demo secret key (demo only): ${demoSeed.mintedSecretKey}\n`);
  }
  process.stdout.write(`Xinqiao server: ${running.url}  (docs: ${running.url}/docs)\n`);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await running.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: unknown) => {
  if (e instanceof ConfigError || e instanceof DataDirLockedError) {
    process.stderr.write(`${e.message}\n`);
  } else {
    process.stderr.write(`Server failed to start: ${(e as Error).name}: ${(e as Error).message}\n`);
  }
  process.exit(1);
});
