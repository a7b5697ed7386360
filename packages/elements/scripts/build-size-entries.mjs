#!/usr/bin/env node
// Builds the browser bundles the size budgets measure (.size-limit.json): each file in
// size-entries/ becomes dist/size/<name>.js, with Lit bundled and minified exactly like the CDN
// file (same vite.config.mjs). The CDN file itself is measured as it ships.
import { readdirSync, rmSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const pkgDir = fileURLToPath(new URL('..', import.meta.url));
const entries = readdirSync(`${pkgDir}/size-entries`).filter((f) => f.endsWith('.js'));
rmSync(`${pkgDir}/dist/size`, { recursive: true, force: true });

for (const file of entries) {
  const name = basename(file, '.js');
  await build({
    root: pkgDir,
    configFile: `${pkgDir}/vite.config.mjs`,
    logLevel: 'warn',
    build: {
      outDir: `dist/size/${name}`,
      emptyOutDir: true,
      sourcemap: false,
      lib: { entry: `size-entries/${file}`, formats: ['es'], fileName: () => `${name}.js` },
    },
  });
}
