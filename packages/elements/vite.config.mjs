// CDN build: ONE ES module, dist/cdn/xinqiao.js, that bundles Lit and defines every element.
// (The npm build is `tsc -p tsconfig.build.json`: unbundled, lit as a bare import.)
// Decorators: vite 8 compiles TypeScript with oxc, which reads tsconfig.json → tsconfig.base.json
// (experimentalDecorators, useDefineForClassFields: false). Nothing here may override that;
// src/cdn.test.ts fails if the bundle's decorators behave differently.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { minifyLitCss } from './scripts/vite-minify-css.mjs';

export default defineConfig({
  // No public/ dir, no index.html: this is a library build only.
  publicDir: false,
  plugins: [minifyLitCss()],
  build: {
    outDir: 'dist/cdn',
    emptyOutDir: true,
    target: 'es2022',
    // The CDN file is loaded as-is by browsers (no bundler after us), so minify whitespace too
    // (vite's lib mode keeps it for es output by default) and keep Lit's @license comments.
    minify: 'oxc',
    sourcemap: true,
    reportCompressedSize: false,
    lib: {
      entry: fileURLToPath(new URL('src/cdn.ts', import.meta.url)),
      formats: ['es'],
      fileName: () => 'xinqiao.js',
    },
    rolldownOptions: {
      // Everything is bundled, Lit included: the CDN file has no bare imports.
      external: [],
      // Building a zod schema (`z.object(…)`, `z.enum(…)`) has no side effects. Saying so lets
      // the bundler drop the schemas the elements do not use: without it, importing only the
      // hotline rules from @xinqiao/contracts/hotlines pulls in ≈ 8 kB (brotli) of zod/mini.
      treeshake: { manualPureFunctions: ['z'] },
      output: {
        minify: true,
        comments: { legal: true, annotation: false, jsdoc: false },
      },
    },
  },
});
