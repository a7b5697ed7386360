import { ScoreResult, riskTierRank } from '@xinqiao/contracts/instruments';
import type { CutoffProfileRef, InstrumentDefinition } from '@xinqiao/contracts/instruments';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ScoringError, getInstrument, score } from '../src/index.js';

const definition = (id: string): InstrumentDefinition => {
  const entry = getInstrument(id);
  if (entry.kind !== 'content') throw new Error(`${id} has no content`);
  return entry;
};

const adult: CutoffProfileRef = { id: 'adult-default', version: 1 };

/** Random valid answers: each item answered with one of its codes, or left blank (missing or null). */
function answersFor(
  def: InstrumentDefinition,
  blankWeight = 1,
): fc.Arbitrary<Record<string, unknown>> {
  const entries = def.items.map((item) =>
    fc.oneof(
      { arbitrary: fc.constantFrom(...item.options.map((option) => option.code)), weight: 6 },
      { arbitrary: fc.constantFrom(undefined, null), weight: blankWeight },
    ),
  );
  return fc.tuple(...entries).map((values) => {
    const answers: Record<string, unknown> = {};
    values.forEach((value, index) => {
      if (value !== undefined) answers[def.items[index]!.id] = value;
    });
    return answers;
  });
}

/** Complete answers to every item. */
const completeAnswersFor = (def: InstrumentDefinition) => answersFor(def, 0);

const summed = ['phq-9', 'phq-a', 'gad-7', 'psc-17'] as const;
const profilesFor: Record<string, CutoffProfileRef[]> = {
  'phq-9': [{ id: 'adolescent-default', version: 1 }, adult],
  'phq-a': [{ id: 'adolescent-default', version: 1 }],
  'gad-7': [{ id: 'adolescent-default', version: 1 }, adult],
  'psc-17': [{ id: 'adolescent-default', version: 1 }],
  asq: [{ id: 'adolescent-default', version: 1 }, adult],
};

describe('properties', () => {
  it.each(summed)(
    '%s: a complete form has a total within range and the band its total calls for',
    (id) => {
      const def = definition(id);
      const rule = def.scoring;
      if (rule.kind === 'asq') throw new Error('unexpected');
      fc.assert(
        fc.property(completeAnswersFor(def), (answers) => {
          const result = score(id, answers);
          expect(result.complete).toBe(true);
          expect(result.total).not.toBeNull();
          expect(result.total).toBeGreaterThanOrEqual(0);
          expect(result.total).toBeLessThanOrEqual(rule.max);
          if (rule.kind === 'likert-sum') {
            const expected = rule.items.reduce((sum, item) => sum + (answers[item] as number), 0);
            expect(result.total).toBe(expected);
            const band = [...rule.bands]
              .reverse()
              .find((threshold) => expected >= threshold.min)?.band;
            expect(result.band).toBe(band);
          } else {
            expect(result.band).toBe(
              (result.total ?? 0) >= rule.totalCutoff ? 'positive' : 'negative',
            );
          }
        }),
      );
    },
  );

  it.each(Object.keys(profilesFor))(
    '%s: every result, complete or not, matches the ScoreResult contract',
    (id) => {
      const def = definition(id);
      fc.assert(
        fc.property(answersFor(def), fc.constantFrom(...profilesFor[id]!), (answers, profile) => {
          const result = score(id, answers, { profile });
          expect(ScoreResult.safeParse(result).success).toBe(true);
          if (!result.complete && (id === 'phq-9' || id === 'phq-a' || id === 'gad-7')) {
            expect(result.total).toBeNull();
            expect(result.band).toBeNull();
          }
          if (result.total !== null && def.scoring.kind !== 'asq')
            expect(result.total).toBeLessThanOrEqual(def.scoring.max);
        }),
      );
    },
  );

  it.each(summed)('%s: adding a point to an answer never lowers the tier (nor the total)', (id) => {
    const def = definition(id);
    const rule = def.scoring;
    if (rule.kind === 'asq') throw new Error('unexpected');
    const scoredItems =
      rule.kind === 'likert-sum'
        ? rule.items
        : rule.subscales.flatMap((subscale) => subscale.items);
    fc.assert(
      fc.property(
        answersFor(def),
        fc.constantFrom(...scoredItems),
        fc.constantFrom(...profilesFor[id]!),
        (answers, item, profile) => {
          const value = answers[item];
          const max = Math.max(
            ...def.items
              .find((candidate) => candidate.id === item)!
              .options.map((option) => option.code as number),
          );
          fc.pre(typeof value === 'number' && value < max);
          const before = score(id, answers, { profile });
          const after = score(id, { ...answers, [item]: (value as number) + 1 }, { profile });
          expect(riskTierRank(after.tier)).toBeGreaterThanOrEqual(riskTierRank(before.tier));
          if (before.total !== null) expect(after.total).toBe(before.total + 1);
        },
      ),
    );
  });

  it('answering a blank PHQ/GAD item never lowers the tier', () => {
    for (const id of ['phq-9', 'phq-a', 'gad-7']) {
      const def = definition(id);
      fc.assert(
        fc.property(
          answersFor(def, 3),
          fc.constantFrom(...def.items.filter((item) => item.scored)),
          (answers, item) => {
            fc.pre(answers[item.id] === undefined || answers[item.id] === null);
            const before = score(id, answers);
            for (const option of item.options) {
              const after = score(id, { ...answers, [item.id]: option.code });
              expect(riskTierRank(after.tier)).toBeGreaterThanOrEqual(riskTierRank(before.tier));
            }
          },
        ),
      );
    }
  });

  it('ASQ: turning a no into a yes, or a blank into an answer, never lowers the tier', () => {
    const def = definition('asq');
    fc.assert(
      fc.property(
        answersFor(def, 2),
        fc.constantFrom('q1', 'q2', 'q3', 'q4', 'q5'),
        fc.constantFrom('yes', 'declined'),
        (answers, item, raised) => {
          const current = answers[item];
          fc.pre(current === 'no' || current === undefined || current === null);
          const before = score('asq', answers);
          const after = score('asq', { ...answers, [item]: raised });
          expect(riskTierRank(after.tier)).toBeGreaterThanOrEqual(riskTierRank(before.tier));
        },
      ),
    );
  });

  it('ASQ: any yes or declined on Q1–Q5 is positive and at least high; never positive otherwise', () => {
    const def = definition('asq');
    fc.assert(
      fc.property(answersFor(def), fc.constantFrom(...profilesFor['asq']!), (answers, profile) => {
        const result = score('asq', answers, { profile });
        const anyPositive = Object.values(answers).some(
          (value) => value === 'yes' || value === 'declined',
        );
        expect(result.flags.includes('asq-positive')).toBe(anyPositive);
        if (anyPositive)
          expect(riskTierRank(result.tier)).toBeGreaterThanOrEqual(riskTierRank('high'));
        else expect(result.tier).toBe('none');
        const q5 = answers['q5'];
        if (q5 === 'yes' || q5 === 'declined') expect(result.tier).toBe('critical');
        if (anyPositive && (q5 === undefined || q5 === null)) {
          expect(result.flags).toContain('asq-acuity-unknown');
          expect(result.tier).toBe('critical');
        }
      }),
    );
  });

  it.each(['phq-9', 'phq-a'])(
    '%s: item 9 ≥ 1 ⇔ suicidal-ideation, always with tier ≥ high and the ASQ',
    (id) => {
      const def = definition(id);
      fc.assert(
        fc.property(answersFor(def), fc.constantFrom(...profilesFor[id]!), (answers, profile) => {
          const result = score(id, answers, { profile });
          const item9 = answers['q9'];
          const fires = typeof item9 === 'number' && item9 >= 1;
          expect(result.flags.includes('suicidal-ideation')).toBe(fires);
          if (fires) {
            expect(riskTierRank(result.tier)).toBeGreaterThanOrEqual(riskTierRank('high'));
            expect(result.followUp).toEqual(['asq']);
          }
        }),
      );
    },
  );

  it('PHQ-A: q12 yes and q13 yes always raise the tier to at least high', () => {
    const def = definition('phq-a');
    fc.assert(
      fc.property(answersFor(def), (answers) => {
        const result = score('phq-a', answers);
        if (answers['q12'] === 'yes') {
          expect(result.flags).toContain('past-month-ideation');
          expect(result.followUp).toContain('asq');
        }
        if (answers['q13'] === 'yes') expect(result.flags).toContain('lifetime-attempt');
        if (answers['q12'] === 'yes' || answers['q13'] === 'yes')
          expect(riskTierRank(result.tier)).toBeGreaterThanOrEqual(riskTierRank('high'));
      }),
    );
  });

  it.each(Object.keys(profilesFor))(
    '%s: any value that is not an option code is rejected with its item id',
    (id) => {
      const def = definition(id);
      const junk = fc.oneof(
        fc.integer({ min: -1000, max: 1000 }),
        fc.double(),
        fc.string(),
        fc.boolean(),
        fc.constant({}),
        fc.constant([]),
      );
      fc.assert(
        fc.property(
          answersFor(def),
          fc.constantFrom(...def.items),
          junk,
          (answers, item, value) => {
            fc.pre(!item.options.some((option) => option.code === value));
            try {
              score(id, { ...answers, [item.id]: value });
              throw new Error('expected a ScoringError');
            } catch (error) {
              expect(error).toBeInstanceOf(ScoringError);
              expect((error as ScoringError).code).toBe('invalid_answer');
              expect((error as ScoringError).itemId).toBe(item.id);
            }
          },
        ),
      );
    },
  );

  it.each(Object.keys(profilesFor))(
    '%s: scoring is pure — same answers, same result, answers untouched',
    (id) => {
      const def = definition(id);
      fc.assert(
        fc.property(answersFor(def), (answers) => {
          const frozen = Object.freeze({ ...answers });
          const first = score(id, frozen);
          const second = score(id, frozen);
          expect(second).toEqual(first);
          expect(frozen).toEqual(answers);
        }),
      );
    },
  );

  it('PSC-17: blanks count 0; more than three make the form invalid', () => {
    const def = definition('psc-17');
    fc.assert(
      fc.property(answersFor(def, 3), (answers) => {
        const blanks = def.items.filter(
          (item) => answers[item.id] === undefined || answers[item.id] === null,
        ).length;
        const result = score('psc-17', answers);
        expect(result.valid).toBe(blanks <= 3);
        expect(result.complete).toBe(blanks === 0);
        if (result.valid) {
          const sum = def.items.reduce(
            (total, item) => total + ((answers[item.id] as number | null | undefined) ?? 0),
            0,
          );
          expect(result.total).toBe(sum);
          expect(Object.keys(result.subscales ?? {})).toEqual([
            'internalizing',
            'attention',
            'externalizing',
          ]);
        } else {
          expect(result.total).toBeNull();
          expect(result.subscales).toBeUndefined();
        }
      }),
    );
  });
});
