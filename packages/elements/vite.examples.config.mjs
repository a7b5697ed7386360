// Builds the React 19 and Vue 3 usage examples (examples/) into dist/examples/ so that the
// browser test suite (src/examples.test.ts) runs them as a portal's bundler would have built
// them: React's CommonJS and Vue's template compiler bundled, our elements imported by their
// public npm paths (@xinqiao/elements/define/…, aliased here to the sources).
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const src = fileURLToPath(new URL('src/', import.meta.url));

export default defineConfig({
  publicDir: false,
  logLevel: 'warn',
  resolve: {
    alias: [
      { find: /^@xinqiao\/elements\/(.*)\.js$/, replacement: `${src}$1.ts` },
      // Templates compiled at runtime need Vue's full build.
      { find: /^vue$/, replacement: 'vue/dist/vue.esm-bundler.js' },
    ],
  },
  define: {
    'process.env.NODE_ENV': '"production"',
    __VUE_OPTIONS_API__: 'true',
    __VUE_PROD_DEVTOOLS__: 'false',
    __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
  },
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: 'dist/examples',
    emptyOutDir: true,
    target: 'es2022',
    minify: false,
    sourcemap: false,
    lib: {
      entry: {
        react: fileURLToPath(new URL('examples/react/hotline-page.jsx', import.meta.url)),
        vue: fileURLToPath(new URL('examples/vue/hotline-page.js', import.meta.url)),
      },
      formats: ['es'],
      fileName: (_format, name) => `${name}.js`,
    },
    rolldownOptions: { external: [] },
  },
});
