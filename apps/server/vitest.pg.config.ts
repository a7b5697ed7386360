import { defineConfig } from 'vitest/config';
import { reporters } from '../../scripts/vitest-reporters.mjs';
import {
  findPostgresBin,
  postgresInstallHint,
  postgresRequired,
} from '../../packages/testkit/src/postgres.js';

// The same suite against a real PostgreSQL started by the global setup. Without PostgreSQL the
// run is one visibly skipped test, or one failed test when XINQIAO_REQUIRE_POSTGRES=1.
const available = findPostgresBin() !== undefined;
if (!available) {
  console.warn(
    `[server-pg] ${postgresInstallHint} ${postgresRequired() ? 'Required: failing.' : 'Skipping the PostgreSQL run.'}`,
  );
}

export default defineConfig({
  test: {
    include: available ? ['test/**/*.test.ts'] : ['test/support/postgres-unavailable.ts'],
    exclude: ['test/**/*.pglite-only.test.ts'],
    globalSetup: available ? ['test/support/global-setup-pg.ts'] : [],
    reporters: reporters('server-pg'),
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
