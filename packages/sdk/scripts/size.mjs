// Bundles the browser entry the way a page would (esbuild, minified, browser platform) so that
// size-limit can measure it brotli-compressed, with its zod/mini schemas and idb included.
// `SIZE_VERBOSE=1` also prints where the bytes go (minified bytes per package; brotli of each
// page), from esbuild's metafile.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants } from 'node:zlib';

const root = fileURLToPath(new URL('..', import.meta.url));
const pages = [
  // A page that uses the screening resources (createScreeningClient): issue #6's ≤ 14 KB target.
  ['size/browser-page.ts', 'node_modules/.cache/size/browser-page.js'],
  // The same page on createClient, with every browser resource and its schemas.
  ['size/full-client.ts', 'node_modules/.cache/size/full-client.js'],
];
for (const [entry, out] of pages) {
  const result = await build({
    entryPoints: [`${root}/${entry}`],
    outfile: `${root}/${out}`,
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    metafile: true,
    absWorkingDir: root,
    logLevel: 'warning',
    // contracts' dist chunks import each other bare; they are side-effect free, so that is right.
    logOverride: { 'ignored-bare-import': 'silent' },
  });
  if (!process.env.SIZE_VERBOSE) continue;
  const [[, output]] = Object.entries(result.metafile.outputs).filter(([f]) => f.endsWith('.js'));
  const groups = {};
  for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
    const name = input
      .replace(/.*node_modules\/\.pnpm\/[^/]+\/node_modules\//, '')
      .replace(/^(zod|idb)\/.*/, '$1')
      .replace(/^\.\.\/contracts\/.*/, '@xinqiao/contracts (schemas)')
      .replace(/^(src|size)\/(.*)/, 'sdk $2');
    groups[name] = (groups[name] ?? 0) + bytesInOutput;
  }
  const brotli = brotliCompressSync(readFileSync(`${root}/${out}`), {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11 },
  }).length;
  console.log(`${entry}: ${output.bytes} B minified, ${brotli} B brotli`);
  for (const [name, bytes] of Object.entries(groups).sort((a, b) => b[1] - a[1])) {
    if (bytes > 0) console.log(`  ${String(bytes).padStart(6)} B  ${name}`);
  }
}
