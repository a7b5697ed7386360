// Bundles the browser entry the way a page would (esbuild, minified, browser platform) so that
// size-limit can measure it brotli-compressed, with its zod/mini schemas and idb included.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
for (const [entry, out] of [['size/browser-page.ts', 'node_modules/.cache/size/browser-page.js']]) {
  await build({
    entryPoints: [`${root}/${entry}`],
    outfile: `${root}/${out}`,
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    logLevel: 'warning',
  });
}
