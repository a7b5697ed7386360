// Node-side suites of @xinqiao/elements that drive Chromium with playwright-core (tests that
// need several origins, response headers, CPU/network throttling or a fresh page per case, which
// web-test-runner cannot do from inside its page). Results go to reports/elements-browser.vitest.json.
import { defineConfig } from 'vitest/config';
import { reporters } from '../../scripts/vitest-reporters.mjs';

export default defineConfig({
  test: {
    include: ['test-node/**/*.test.mjs'],
    environment: 'node',
    reporters: reporters('elements-browser'),
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
