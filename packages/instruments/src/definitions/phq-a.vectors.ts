import type { Band, RiskTier } from '@xinqiao/contracts/instruments';
import { adultProfile, itemIds, spread, type ScoringVector } from '../vectors.js';

const GLAD =
  'GLAD-PC toolkit, "Scoring the PHQ-9 modified for Teens": add items 1–9 (0–3 each) for a total 0–27; same severity bands as the PHQ-9 (0–4 minimal, 5–9 mild, 10–14 moderate, 15–19 moderately severe, 20–27 severe)';
const PROFILE =
  'adolescent-default@1: PHQ-A 0–4 none, 5–10 attention, ≥ 11 high (a total > 10 is the usual flag for major depression, GLAD-PC)';
const ITEM9 =
  'GLAD-PC: item 9 at 1–3 is a positive answer to follow up; NIMH pathway inserts the ASQ → flag suicidal-ideation, tier ≥ high';
const Q12 =
  'NIMH ASQ toolkit / GLAD-PC: "serious thoughts about ending your life in the past month" yes → flag past-month-ideation, tier ≥ high, insert the ASQ';
const Q13 = 'GLAD-PC: "ever tried to kill yourself" yes → flag lifetime-attempt, tier ≥ high';
const MISSING = 'DOMAIN.md: any of items 1–9 blank → incomplete, no total, no band';
const INVALID =
  'PHQ-A options: 0–3 for items 1–9 and 11, yes/no for items 10, 12 and 13; anything else is an error naming the item';

const total = (points: number, extra: Record<string, unknown> = {}) => ({
  ...spread(points, itemIds(8), 3),
  q9: 0,
  q10: 'no',
  q11: 0,
  q12: 'no',
  q13: 'no',
  ...extra,
});

const bands: [number, Band, RiskTier][] = [
  [0, 'minimal', 'none'],
  [4, 'minimal', 'none'],
  [5, 'mild', 'attention'],
  [9, 'mild', 'attention'],
  [10, 'moderate', 'attention'],
  [11, 'moderate', 'high'],
  [14, 'moderate', 'high'],
  [15, 'moderately-severe', 'high'],
  [19, 'moderately-severe', 'high'],
  [20, 'severe', 'high'],
  [24, 'severe', 'high'],
];

export const phqAVectors: ScoringVector[] = [
  ...bands.map(([points, band, tier]): ScoringVector => ({
    name: `total ${points} → ${band}, ${tier}`,
    rule: `${GLAD}; ${PROFILE}`,
    answers: total(points),
    expect: {
      result: {
        complete: true,
        valid: true,
        total: points,
        band,
        tier,
        flags: [],
        followUp: [],
        blankItems: [],
      },
    },
  })),
  {
    name: 'every item 3 → 27, severe, with the item 9 flag',
    rule: `${GLAD}; ${ITEM9}`,
    answers: total(24, { q9: 3 }),
    expect: {
      result: {
        total: 27,
        band: 'severe',
        tier: 'high',
        flags: ['suicidal-ideation'],
        followUp: ['asq'],
      },
    },
  },
  {
    name: 'item 9 = 1 → suicidal-ideation, high, ASQ',
    rule: ITEM9,
    answers: total(0, { q9: 1 }),
    expect: {
      result: {
        total: 1,
        band: 'minimal',
        tier: 'high',
        flags: ['suicidal-ideation'],
        followUp: ['asq'],
      },
    },
  },
  {
    name: 'q12 yes → past-month-ideation, high, ASQ',
    rule: Q12,
    answers: total(0, { q12: 'yes' }),
    expect: {
      result: { total: 0, tier: 'high', flags: ['past-month-ideation'], followUp: ['asq'] },
    },
  },
  {
    name: 'q13 yes → lifetime-attempt, high (no ASQ by itself)',
    rule: Q13,
    answers: total(0, { q13: 'yes' }),
    expect: { result: { tier: 'high', flags: ['lifetime-attempt'], followUp: [] } },
  },
  {
    name: 'item 9, q12 and q13 together: all three flags, one ASQ',
    rule: `${ITEM9}; ${Q12}; ${Q13}`,
    answers: total(20, { q9: 3, q12: 'yes', q13: 'yes' }),
    expect: {
      result: {
        total: 23,
        band: 'severe',
        tier: 'high',
        flags: ['suicidal-ideation', 'past-month-ideation', 'lifetime-attempt'],
        followUp: ['asq'],
      },
    },
  },
  {
    name: 'q10 yes (past-year depressed) raises no flag and adds nothing',
    rule: 'GLAD-PC: the past-year question informs the clinician (dysthymia); it is not part of the total',
    answers: total(3, { q10: 'yes' }),
    expect: { result: { total: 3, tier: 'none', flags: [] } },
  },
  {
    name: 'q12 yes on an otherwise empty form still flags',
    rule: `${Q12}; flags fire from the answers given, even on an incomplete form`,
    answers: { q12: 'yes' },
    expect: {
      result: {
        complete: false,
        total: null,
        band: null,
        tier: 'high',
        flags: ['past-month-ideation'],
        followUp: ['asq'],
      },
    },
  },
  {
    name: 'q13 yes on an incomplete form still flags',
    rule: Q13,
    answers: { q1: 0, q13: 'yes' },
    expect: { result: { complete: false, tier: 'high', flags: ['lifetime-attempt'] } },
  },
  {
    name: 'item 5 blank → incomplete',
    rule: MISSING,
    answers: total(0, { q5: null }),
    expect: {
      result: {
        complete: false,
        valid: false,
        total: null,
        band: null,
        tier: 'none',
        blankItems: ['q5'],
      },
    },
  },
  {
    name: 'the unscored items blank → still complete, listed as blank',
    rule: MISSING,
    answers: { ...spread(7, itemIds(9), 3) },
    expect: {
      result: { complete: true, total: 7, band: 'mild', blankItems: ['q10', 'q11', 'q12', 'q13'] },
    },
  },
  {
    name: 'PHQ-A has no threshold in the adult profile → explicit error',
    rule: 'adult-default@1 states no PHQ-A threshold; a missing threshold is an error, never a default',
    profile: adultProfile,
    answers: total(5),
    expect: { error: { code: 'missing_threshold' } },
  },
  {
    name: 'item 1 = 3.0001 is invalid',
    rule: INVALID,
    answers: total(0, { q1: 3.0001 }),
    expect: { error: { code: 'invalid_answer', itemId: 'q1' } },
  },
  {
    name: 'item 9 = 4 is invalid',
    rule: INVALID,
    answers: total(0, { q9: 4 }),
    expect: { error: { code: 'invalid_answer', itemId: 'q9' } },
  },
  {
    name: 'q12 = 1 is invalid (yes/no item)',
    rule: INVALID,
    answers: total(0, { q12: 1 }),
    expect: { error: { code: 'invalid_answer', itemId: 'q12' } },
  },
  {
    name: "q12 = 'declined' is invalid (the PHQ-A offers yes/no)",
    rule: INVALID,
    answers: total(0, { q12: 'declined' }),
    expect: { error: { code: 'invalid_answer', itemId: 'q12' } },
  },
  {
    name: "q13 = 'Yes' is invalid (codes are lower case)",
    rule: INVALID,
    answers: total(0, { q13: 'Yes' }),
    expect: { error: { code: 'invalid_answer', itemId: 'q13' } },
  },
  {
    name: "q11 = 'no' is invalid",
    rule: INVALID,
    answers: total(0, { q11: 'no' }),
    expect: { error: { code: 'invalid_answer', itemId: 'q11' } },
  },
  {
    name: 'unknown item q14',
    rule: 'Items are q1–q13 (PHQ-A form)',
    answers: total(0, { q14: 'yes' }),
    expect: { error: { code: 'unknown_item', itemId: 'q14' } },
  },
];
