import { defineConfig } from 'tsup';

// The portal's own backend (holds the tenant's secret key). The pages are built by vite.
export default defineConfig({
  entry: { 'backend/main': 'src/backend/main.ts', 'backend/app': 'src/backend/app.ts' },
  format: ['esm'],
  dts: false,
  sourcemap: true,
  clean: false,
  platform: 'node',
  target: 'node20',
});
