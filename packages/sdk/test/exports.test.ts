import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  exports: Record<string, Record<string, string>>;
};

/** Node's algorithm for a conditions object: the first key the environment knows wins. */
function resolve(subpath: string, conditions: string[]): string | undefined {
  const entry = pkg.exports[subpath]!;
  for (const [key, target] of Object.entries(entry)) {
    if (key === 'types') continue;
    if (key === 'default' || conditions.includes(key)) return target;
  }
  return undefined;
}

describe('package exports', () => {
  it('a browser bundle of @xinqiao/sdk/server gets the stub that throws', () => {
    for (const bundler of [
      ['browser', 'import', 'module', 'default'], // vite, webpack, esbuild --platform=browser
      ['browser', 'import', 'default'],
    ]) {
      expect(resolve('./server', bundler)).toBe('./dist/server-in-browser.js');
    }
  });

  it('server runtimes get the real server client', () => {
    for (const runtime of ['node', 'deno', 'bun', 'workerd', 'edge-light']) {
      expect(resolve('./server', [runtime, 'import'])).toBe('./dist/server.js');
    }
  });

  it('the browser entry is the same everywhere', () => {
    expect(resolve('.', ['browser', 'import'])).toBe('./dist/index.js');
    expect(resolve('.', ['node', 'import'])).toBe('./dist/index.js');
  });
});
