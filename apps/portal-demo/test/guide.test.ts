import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { guidePath, guideRegions, guideSnippets, guideTenantCommand } from './support/guide.mjs';

// docs/integration.md quotes the demo portal's own code; the portal runs that code and the
// end-to-end suite drives the portal. These checks keep the quotes and the code identical.

describe('docs/integration.md', () => {
  const regions = guideRegions();
  const snippets = guideSnippets();

  it('exists and quotes code', () => {
    expect(existsSync(guidePath)).toBe(true);
    expect(snippets.length).toBeGreaterThanOrEqual(10);
  });

  it('quotes every snippet verbatim from the portal source', () => {
    for (const s of snippets) {
      expect(regions.has(s.ref), `guide line ${s.line}: no region ${s.ref}`).toBe(true);
      expect(s.code, `guide line ${s.line}: ${s.ref} differs from the source`).toBe(
        regions.get(s.ref),
      );
    }
  });

  it('quotes every guide region of the portal (none left behind)', () => {
    const quoted = new Set(snippets.map((s) => s.ref));
    expect([...regions.keys()].filter((r) => !quoted.has(r))).toEqual([]);
  });

  it('gives the CLI command that registers a tenant (run by test/e2e/guide.e2e.ts)', () => {
    expect(guideTenantCommand()).toMatch(/^pnpm --filter @xinqiao\/server cli tenant create /);
  });
});
