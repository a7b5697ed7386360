// The benchmark (bench/bench.mjs) runs in the test suite too, once per case, so that a change
// that breaks it (or makes the card fail to render under throttling) fails CI. Figures come from
// `pnpm --filter @xinqiao/elements bench` (7 runs each).
import { describe, expect, it } from 'vitest';
import { runBench } from '../bench/bench.mjs';
import { chromiumPath } from './chromium.mjs';

describe.skipIf(!chromiumPath)('benchmark (CPU ×4, Slow 4G)', () => {
  it('measures navigation → rendered for the hotline card and a bare Lit element', async () => {
    const results = await runBench({ runs: 1 });
    const card = results['<xq-hotline-card>'];
    const bare = results['bare Lit element'];
    expect(card.runs).toBe(1);
    expect(bare.medianMs).toBeGreaterThan(0);
    expect(card.medianMs).toBeGreaterThan(0);
    // Served compressed, as from a CDN: far below the raw file size (≈ 190 KB); the size budget
    // itself is size-limit's (.size-limit.json), not this sanity bound.
    expect(card.scriptBytes).toBeGreaterThan(bare.scriptBytes);
    expect(card.scriptBytes).toBeLessThan(90_000);
  });
});
