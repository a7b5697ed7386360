import { readFile } from 'node:fs/promises';
import { defineConfig } from 'tsup';
import type { Options } from 'tsup';

type Plugin = NonNullable<Options['esbuildPlugins']>[number];

/**
 * Marks every `z.*(…)` call (and so the `.check(…)` chained on it) `/* @__PURE__ *\/`: zod/mini
 * builders have no side effects, but a bundler cannot know that across modules, so without the
 * mark it keeps every schema of a module a page imports one schema from. With it, a page's
 * bundle carries only the schemas it reaches (issue #6: the SDK's browser size).
 */
export const pureZodCalls: Plugin = {
  name: 'pure-zod-calls',
  setup(build) {
    build.onLoad({ filter: /[\\/]src[\\/][^\\/]+\.ts$/ }, async ({ path }) => ({
      contents: annotatePureZodCalls(await readFile(path, 'utf8')),
      loader: 'ts',
    }));
  },
};

export function annotatePureZodCalls(source: string): string {
  return source.replace(
    /(?<![\w$.])z\.(?:iso\.|coerce\.)?(?!config\b)[A-Za-z]\w*\(/g,
    '/* @__PURE__ */ $&',
  );
}

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
  esbuildPlugins: [pureZodCalls],
});
