import { defineConfig } from 'vitest/config';
import { reporters } from '../../scripts/vitest-reporters.mjs';

export default defineConfig({
  test: { include: ['test/**/*.test.ts', 'src/**/*.test.ts'], reporters: reporters('instruments') },
});
