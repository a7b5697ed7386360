import { defineConfig } from 'tsup';

// One output file per source file: consumers import `@xinqiao/contracts/<resource>`, never a barrel.
export default defineConfig({
  entry: ['src/*.ts'],
  format: ['esm'],
  dts: true,
  sourcemap: true,
  clean: true,
  splitting: true,
  treeshake: true,
  target: 'es2022',
});
