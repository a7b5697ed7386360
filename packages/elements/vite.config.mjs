// CDN build: ONE ES module, dist/cdn/xinqiao.js, that bundles Lit and defines every element.
// (The npm build is `tsc -p tsconfig.build.json`: unbundled, lit as a bare import.)
// Decorators: vite 8 compiles TypeScript with oxc, which reads tsconfig.json → tsconfig.base.json
// (experimentalDecorators, useDefineForClassFields: false). Nothing here may override that;
// src/cdn.test.ts fails if the bundle's decorators behave differently.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  // No public/ dir, no index.html: this is a library build only.
  publicDir: false,
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
      output: {
        minify: true,
        comments: { legal: true, annotation: false, jsdoc: false },
      },
    },
  },
});
