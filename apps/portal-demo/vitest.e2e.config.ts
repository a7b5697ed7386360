import { defineConfig } from 'vitest/config';
import { reporters } from '../../scripts/vitest-reporters.mjs';

// End-to-end: the real server, the portal backend and Debian Chromium driven by playwright-core.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    reporters: reporters('portal-e2e'),
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 180_000,
  },
});
