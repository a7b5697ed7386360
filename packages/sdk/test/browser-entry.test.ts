import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

describe('browser entry', () => {
  it('bundles for the browser with no Node-only imports', async () => {
    const result = await build({
      entryPoints: [fileURLToPath(new URL('../src/index.ts', import.meta.url))],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(
      inputs.filter((i) => i.startsWith('node:') || /\bnode_modules\/@types\/node\b/.test(i)),
    ).toEqual([]);
    expect(result.errors).toEqual([]);
  });
});
