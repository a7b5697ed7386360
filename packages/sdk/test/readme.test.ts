import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const read = (p: string) => readFileSync(new URL(`../${p}`, import.meta.url), 'utf8');

describe('README', () => {
  it.each(['examples/browser.ts', 'examples/portal-backend.ts'])(
    'quotes %s verbatim (the examples are type-checked by tsc)',
    (file) => {
      const code = read(file).trimEnd();
      expect(read('README.md')).toContain(`\`\`\`ts\n${code}\n\`\`\``);
      expect(code.split('\n').length).toBeLessThanOrEqual(13);
    },
  );
});
