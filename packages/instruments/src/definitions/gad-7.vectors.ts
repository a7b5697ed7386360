import type { Band, RiskTier } from '@xinqiao/contracts/instruments';
import { adultProfile, itemIds, spread, type ScoringVector } from '../vectors.js';

const MANUAL =
  'PHQ/GAD-7 Instruction Manual (Pfizer), "Scoring the GAD-7": seven items 0–3, total 0–21; 0–4 minimal, 5–9 mild, 10–14 moderate, 15–21 severe';
const PROFILE =
  'adolescent-default@1 (Mossman et al. 2017: GAD-7 ≥ 11 in adolescents): 0–4 none, 5–10 attention, ≥ 11 high';
const ADULT = 'adult-default@1 (Spitzer 2006: ≥ 10 warrants evaluation) → high';
const MISSING = 'DOMAIN.md: any item blank → incomplete, no total, no band';
const INVALID =
  'GAD-7 options are 0 Not at all … 3 Nearly every day; anything else is an error naming the item';

const total = (points: number, extra: Record<string, unknown> = {}) => ({
  ...spread(points, itemIds(7), 3),
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
  [15, 'severe', 'high'],
  [21, 'severe', 'high'],
];

export const gad7Vectors: ScoringVector[] = [
  ...bands.map(([points, band, tier]): ScoringVector => ({
    name: `total ${points} → ${band}, ${tier}`,
    rule: `${MANUAL}; ${PROFILE}`,
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
    name: 'adult profile: 4 → none',
    rule: ADULT,
    profile: adultProfile,
    answers: total(4),
    expect: { result: { total: 4, band: 'minimal', tier: 'none' } },
  },
  {
    name: 'adult profile: 5 → attention',
    rule: ADULT,
    profile: adultProfile,
    answers: total(5),
    expect: { result: { total: 5, band: 'mild', tier: 'attention' } },
  },
  {
    name: 'adult profile: 9 → attention',
    rule: ADULT,
    profile: adultProfile,
    answers: total(9),
    expect: { result: { total: 9, band: 'mild', tier: 'attention' } },
  },
  {
    name: 'adult profile: 10 → high',
    rule: ADULT,
    profile: adultProfile,
    answers: total(10),
    expect: { result: { total: 10, band: 'moderate', tier: 'high' } },
  },
  {
    name: 'item 7 blank → incomplete',
    rule: MISSING,
    answers: total(6, { q7: null }),
    expect: {
      result: {
        complete: false,
        valid: false,
        total: null,
        band: null,
        tier: 'attention',
        blankItems: ['q7'],
      },
    },
  },
  {
    name: 'incomplete with a small partial sum → none',
    rule: MISSING,
    answers: { q1: 1 },
    expect: { result: { complete: false, total: null, band: null, tier: 'none', flags: [] } },
  },
  {
    name: 'item 1 = 4 is out of range',
    rule: INVALID,
    answers: total(0, { q1: 4 }),
    expect: { error: { code: 'invalid_answer', itemId: 'q1' } },
  },
  {
    name: 'item 6 = -0.5 is invalid',
    rule: INVALID,
    answers: total(0, { q6: -0.5 }),
    expect: { error: { code: 'invalid_answer', itemId: 'q6' } },
  },
  {
    name: 'item 2 = true is invalid',
    rule: INVALID,
    answers: total(0, { q2: true }),
    expect: { error: { code: 'invalid_answer', itemId: 'q2' } },
  },
  {
    name: 'unknown item q8',
    rule: 'Items are q1–q7 (GAD-7 form)',
    answers: total(0, { q8: 0 }),
    expect: { error: { code: 'unknown_item', itemId: 'q8' } },
  },
];
