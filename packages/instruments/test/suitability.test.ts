import { describe, expect, it } from 'vitest';
import { createRegistry, getInstrument, isSuitable, suitability } from '../src/index.js';

describe('isSuitable', () => {
  it('PHQ-A is for students aged 11–17', () => {
    expect(isSuitable('phq-a', { age: 10, respondent: 'self' })).toBe(false);
    expect(isSuitable('phq-a', { age: 11, respondent: 'self' })).toBe(true);
    expect(isSuitable('phq-a', { age: 17, respondent: 'self' })).toBe(true);
    expect(isSuitable('phq-a', { age: 17.9, respondent: 'self' })).toBe(true);
    expect(isSuitable('phq-a', { age: 18, respondent: 'self' })).toBe(false);
  });

  it('ASQ is for ages 10–24', () => {
    expect(suitability('asq', { age: 9, respondent: 'self' }).reasons).toEqual(['below-age-range']);
    expect(isSuitable('asq', { age: 10, respondent: 'self' })).toBe(true);
    expect(isSuitable('asq', { age: 24, respondent: 'self' })).toBe(true);
    expect(suitability('asq', { age: 25, respondent: 'self' }).reasons).toEqual([
      'above-age-range',
    ]);
  });

  it('PSC-17 is filled by a guardian for children aged 4–16, never by the student', () => {
    expect(isSuitable('psc-17', { age: 8, respondent: 'parent' })).toBe(true);
    expect(suitability('psc-17', { age: 8, respondent: 'self' }).reasons).toEqual([
      'wrong-respondent',
    ]);
    expect(suitability('psc-17', { age: 3, respondent: 'parent' }).reasons).toEqual([
      'below-age-range',
    ]);
    expect(suitability('psc-17', { age: 17, respondent: 'parent' }).reasons).toEqual([
      'above-age-range',
    ]);
  });

  it('PHQ-9 from 13, GAD-7 from 11, self-report, no upper bound', () => {
    expect(isSuitable('phq-9', { age: 12, respondent: 'self' })).toBe(false);
    expect(isSuitable('phq-9', { age: 13, respondent: 'self' })).toBe(true);
    expect(isSuitable('phq-9', { age: 45, respondent: 'self' })).toBe(true);
    expect(isSuitable('phq-9', { age: 15, respondent: 'parent' })).toBe(false);
    expect(isSuitable('gad-7', { age: 10, respondent: 'self' })).toBe(false);
    expect(isSuitable('gad-7', { age: 11, respondent: 'self' })).toBe(true);
  });

  it('a licensed slot without content is never suitable', () => {
    expect(suitability('sdq', { age: 10, respondent: 'parent' })).toEqual({
      suitable: false,
      reasons: ['no-licensed-content'],
    });
  });

  it('accepts a definition as well as an id, and works on a custom registry', () => {
    expect(isSuitable(getInstrument('phq-a'), { age: 12, respondent: 'self' })).toBe(true);
    expect(createRegistry().isSuitable('phq-a', { age: 12, respondent: 'self' })).toBe(true);
  });

  it('rejects a nonsensical age', () => {
    expect(() => isSuitable('phq-a', { age: -1, respondent: 'self' })).toThrow(RangeError);
    expect(() => isSuitable('phq-a', { age: Number.NaN, respondent: 'self' })).toThrow(RangeError);
  });
});
