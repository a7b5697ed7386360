import { ScoreResult } from '@xinqiao/contracts/instruments';
import { describe, expect, it } from 'vitest';
import { vectorsByInstrument } from '../src/definitions/vectors.js';
import { ScoringError, getInstrument, getProfile, score } from '../src/index.js';
import type { ScoringVector } from '../src/vectors.js';

function run(instrumentId: string, vector: ScoringVector) {
  return () =>
    score(instrumentId, vector.answers, vector.profile ? { profile: vector.profile } : undefined);
}

describe.each(Object.entries(vectorsByInstrument))('%s test vectors', (instrumentId, vectors) => {
  it.each(vectors.map((vector) => [vector.name, vector] as const))('%s', (_name, vector) => {
    expect(vector.rule.length).toBeGreaterThan(10);
    if ('error' in vector.expect) {
      const { code, itemId } = vector.expect.error;
      let thrown: unknown;
      try {
        run(instrumentId, vector)();
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(ScoringError);
      expect((thrown as ScoringError).code).toBe(code);
      if (itemId !== undefined) expect((thrown as ScoringError).itemId).toBe(itemId);
      return;
    }
    const result = run(instrumentId, vector)();
    expect(ScoreResult.safeParse(result).success).toBe(true);
    expect(result.instrumentId).toBe(instrumentId);
    expect(result.profileId).toBe(vector.profile?.id ?? 'adolescent-default');
    expect(result).toMatchObject(vector.expect.result);
  });
});

/** Every total a vector scores with a given profile, for an instrument. */
function totalsCovered(instrumentId: string, profileId: string): Set<number> {
  const covered = new Set<number>();
  for (const vector of vectorsByInstrument[instrumentId] ?? []) {
    if ((vector.profile?.id ?? 'adolescent-default') !== profileId) continue;
    if ('result' in vector.expect && typeof vector.expect.result.total === 'number')
      covered.add(vector.expect.result.total);
  }
  return covered;
}

describe('vector coverage', () => {
  it.each(['phq-9', 'phq-a', 'gad-7', 'psc-17'])(
    '%s: every band boundary has a vector on each side',
    (instrumentId) => {
      const definition = getInstrument(instrumentId);
      if (definition.kind !== 'content') throw new Error('expected content');
      const rule = definition.scoring;
      const covered = totalsCovered(instrumentId, 'adolescent-default');
      const boundaries =
        rule.kind === 'likert-sum'
          ? rule.bands.map((band) => band.min)
          : rule.kind === 'subscale-sum'
            ? [rule.totalCutoff]
            : [];
      for (const min of boundaries) {
        expect(covered, `total ${min}`).toContain(min);
        if (min > 0) expect(covered, `total ${min - 1}`).toContain(min - 1);
      }
      if (rule.kind === 'likert-sum') expect(covered).toContain(rule.max);
    },
  );

  it.each([
    ['phq-9', 'adolescent-default'],
    ['phq-a', 'adolescent-default'],
    ['gad-7', 'adolescent-default'],
    ['phq-9', 'adult-default'],
    ['gad-7', 'adult-default'],
  ])('%s: every %s tier threshold has a vector on each side', (instrumentId, profileId) => {
    const cutoffs = getProfile({ id: profileId, version: 1 }).instruments[instrumentId];
    if (cutoffs?.kind !== 'total') throw new Error('expected total cut-offs');
    const covered = totalsCovered(instrumentId, profileId);
    for (const { min } of cutoffs.tiers) {
      if (min === 0) continue;
      expect(covered, `total ${min}`).toContain(min);
      expect(covered, `total ${min - 1}`).toContain(min - 1);
    }
  });

  it('every ASQ band and every flag is exercised by some vector', () => {
    const seenBands = new Set<string>();
    const seenFlags = new Set<string>();
    for (const vectors of Object.values(vectorsByInstrument)) {
      for (const vector of vectors) {
        if (!('result' in vector.expect)) continue;
        if (vector.expect.result.band) seenBands.add(vector.expect.result.band);
        for (const flag of vector.expect.result.flags ?? []) seenFlags.add(flag);
      }
    }
    for (const band of ['negative', 'non-acute-positive', 'acute-positive', 'positive'])
      expect(seenBands).toContain(band);
    for (const flag of [
      'suicidal-ideation',
      'past-month-ideation',
      'lifetime-attempt',
      'asq-positive',
      'asq-acute',
      'asq-acuity-unknown',
    ]) {
      expect(seenFlags).toContain(flag);
    }
  });

  it('every instrument has vectors for blanks and for invalid answers', () => {
    for (const [instrumentId, vectors] of Object.entries(vectorsByInstrument)) {
      const errors = vectors
        .filter((vector) => 'error' in vector.expect)
        .map((vector) => ('error' in vector.expect ? vector.expect.error.code : ''));
      expect(errors, instrumentId).toContain('invalid_answer');
      expect(errors, instrumentId).toContain('unknown_item');
      const blanks = vectors.filter(
        (vector) => 'result' in vector.expect && (vector.expect.result.blankItems?.length ?? 0) > 0,
      );
      expect(blanks.length, instrumentId).toBeGreaterThan(0);
    }
  });
});
