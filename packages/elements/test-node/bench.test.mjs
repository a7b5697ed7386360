// The benchmark (bench/bench.mjs) runs in the test suite too, once per case, so that a change
// that breaks it (or makes the card or the screening form fail to render under throttling) fails
// CI. No timing assertions. Figures come from `pnpm --filter @xinqiao/elements bench` (7 runs
// each).
import { beforeAll, describe, expect, it } from 'vitest';
import { runBench } from '../bench/bench.mjs';
import { chromiumPath } from './chromium.mjs';

describe.skipIf(!chromiumPath)('benchmark (CPU ×4, Slow 4G)', () => {
  /** @type {Awaited<ReturnType<typeof runBench>>} */
  let results;
  beforeAll(async () => {
    results = await runBench({ runs: 1 });
  }, 180_000);

  it('measures navigation → rendered for the hotline card and a bare Lit element', () => {
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

  it('measures navigation → question 1 focusable for the screening form on the real server', () => {
    // runBench throws if the form ends in an error, offline, ineligible or unavailable state, so
    // a result means question 1's radio inputs rendered, visible and enabled, after the page
    // got a token (from the portal's route, or from the page itself) and eligibility with every
    // definition from the API — and no instrument request at all (one round trip).
    const cases = {
      'screening form': true,
      'form-only bundle': true,
      'screening form (token in page)': false,
      'form-only bundle (token in page)': false,
    };
    for (const [name, fetchesToken] of Object.entries(cases)) {
      const form = results[name];
      expect(form.runs).toBe(1);
      expect(form.medianMs).toBeGreaterThan(0);
      expect(Object.keys(form.phasesMedianMs)).toEqual([
        'script loaded',
        ...(fetchesToken ? ['token response'] : []),
        'eligibility response',
        'intro start button',
      ]);
      expect(form.medianMs).toBeGreaterThanOrEqual(form.phasesMedianMs['intro start button']);
      expect(form.phasesMedianMs['intro start button']).toBeGreaterThanOrEqual(
        form.phasesMedianMs['eligibility response'],
      );
    }
  });
});
