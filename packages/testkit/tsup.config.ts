import { defineConfig } from 'tsup';

// One entry per helper: consumers import `@xinqiao/testkit/server`, `/clock`, `/chromium`, `/postgres`.
export default defineConfig({
  entry: ['src/*.ts'],
  format: ['esm'],
  dts: true,
  sourcemap: true,
  clean: true,
  splitting: true,
  target: 'node20',
});
