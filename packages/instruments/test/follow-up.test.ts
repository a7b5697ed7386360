import { describe, expect, it } from 'vitest';
import { ScoringError, createRegistry, followUpFor, score } from '../src/index.js';

describe('followUpFor — the adaptive safety rule (NIMH pathway)', () => {
  it('PHQ-9 item 9 ≥ 1 inserts the ASQ, whatever the rest of the form', () => {
    expect(followUpFor('phq-9', { q9: 1 })).toEqual(['asq']);
    expect(followUpFor('phq-9', { q9: 3, q1: 0 })).toEqual(['asq']);
    expect(followUpFor('phq-9', { q9: 0 })).toEqual([]);
    expect(followUpFor('phq-9', {})).toEqual([]);
    expect(
      followUpFor('phq-9', { q1: 3, q2: 3, q3: 3, q4: 3, q5: 3, q6: 3, q7: 3, q8: 3, q9: 0 }),
    ).toEqual([]);
  });

  it('PHQ-A item 9 ≥ 1 or q12 yes inserts the ASQ; q13 alone does not', () => {
    expect(followUpFor('phq-a', { q9: 2 })).toEqual(['asq']);
    expect(followUpFor('phq-a', { q12: 'yes' })).toEqual(['asq']);
    expect(followUpFor('phq-a', { q9: 1, q12: 'yes' })).toEqual(['asq']);
    expect(followUpFor('phq-a', { q12: 'no', q9: 0 })).toEqual([]);
    expect(followUpFor('phq-a', { q13: 'yes' })).toEqual([]);
  });

  it('GAD-7, PSC-17 and the ASQ itself insert nothing', () => {
    expect(followUpFor('gad-7', { q1: 3 })).toEqual([]);
    expect(followUpFor('psc-17', { q2: 2 })).toEqual([]);
    expect(followUpFor('asq', { q1: 'yes' })).toEqual([]);
  });

  it('agrees with the followUp of score', () => {
    expect(score('phq-a', { q12: 'yes' }).followUp).toEqual(followUpFor('phq-a', { q12: 'yes' }));
  });

  it('rejects an invalid answer with the item id rather than guessing', () => {
    expect(() => followUpFor('phq-9', { q9: 5 })).toThrow(ScoringError);
    try {
      followUpFor('phq-9', { q9: '1' });
    } catch (error) {
      expect((error as ScoringError).code).toBe('invalid_answer');
      expect((error as ScoringError).itemId).toBe('q9');
    }
  });

  it('refuses licensed slots and unknown instruments', () => {
    expect(() => followUpFor('c-ssrs', {})).toThrow(/licensed/);
    expect(() => followUpFor('nope', {})).toThrow(ScoringError);
  });

  it('is available on a custom registry', () => {
    expect(createRegistry().followUpFor('phq-9', { q9: 1 })).toEqual(['asq']);
  });
});
