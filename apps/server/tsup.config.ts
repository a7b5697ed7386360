import { defineConfig } from 'tsup';

// index: the library surface (buildApp, openDatabase, startServer) for the testkit and the root
// start script; server: the boot script; cli: migrations and tenant/key administration.
export default defineConfig({
  entry: ['src/index.ts', 'src/server.ts', 'src/cli.ts'],
  format: ['esm'],
  dts: { entry: ['src/index.ts'] },
  sourcemap: true,
  clean: true,
  splitting: true,
  target: 'node20',
});
