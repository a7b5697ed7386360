import { defineConfig } from 'vitest/config';
import { reporters } from '../../scripts/vitest-reporters.mjs';

// The outbox in real Chromium, driven by playwright-core from node (the tests reload the page and
// cut the network, which an in-page runner cannot survive).
export default defineConfig({
  test: {
    include: ['test/browser/**/*.test.ts'],
    reporters: reporters('sdk-browser'),
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
