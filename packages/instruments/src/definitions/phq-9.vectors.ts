import type { Band, RiskTier } from '@xinqiao/contracts/instruments';
import { adultProfile, itemIds, spread, type ScoringVector } from '../vectors.js';

const MANUAL =
  'PHQ/GAD-7 Instruction Manual (Pfizer), "Scoring the PHQ-9": items 1–9 scored 0–3, total 0–27; severity 0–4 minimal, 5–9 mild, 10–14 moderate, 15–19 moderately severe, 20–27 severe';
const PROFILE =
  'adolescent-default@1 (Richardson et al., Pediatrics 2010: PHQ-9 ≥ 11 for adolescents): 0–4 none, 5–10 attention, ≥ 11 high';
const ADULT = 'adult-default@1 (Kroenke 2001, PHQ/GAD-7 manual): ≥ 10 warrants follow-up → high';
const ITEM9 =
  'PHQ-9 manual and NIMH ASQ pathway: item 9 ≥ 1 needs a suicide-risk follow-up whatever the total → flag suicidal-ideation, tier ≥ high, insert the ASQ';
const MISSING =
  'DOMAIN.md: no official missing-item rule — any of items 1–9 blank → incomplete, no total, no band';
const INVALID =
  'Answers are the option codes 0–3 (PHQ-9 form); anything else is an error naming the item, never a silent 0';

/** Eight items 1–8 carry the total; item 9 stays 0 so only the band and profile are tested. */
const total = (points: number, extra: Record<string, unknown> = {}) => ({
  ...spread(points, itemIds(8), 3),
  q9: 0,
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

export const phq9Vectors: ScoringVector[] = [
  ...bands.map(([points, band, tier]): ScoringVector => ({
    name: `total ${points} → ${band}, ${tier}`,
    rule: `${MANUAL}; ${PROFILE}`,
    answers: total(points),
    expect: {
      result: { complete: true, valid: true, total: points, band, tier, flags: [], followUp: [] },
    },
  })),
  {
    name: 'every item 3 → 27, severe, with the item 9 flag',
    rule: `${MANUAL}; ${ITEM9}`,
    answers: spread(27, itemIds(9), 3),
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
    name: 'item 9 = 1 and nothing else: minimal total, but high with the flag',
    rule: ITEM9,
    answers: { ...spread(0, itemIds(8), 3), q9: 1 },
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
    name: 'item 9 = 0 never flags',
    rule: ITEM9,
    answers: total(3),
    expect: { result: { flags: [], followUp: [] } },
  },
  {
    name: 'item 10 (difficulty) is not scored',
    rule: 'PHQ-9 manual: item 10 is not used to score the PHQ-9',
    answers: total(6, { q10: 3 }),
    expect: { result: { total: 6, band: 'mild', blankItems: [] } },
  },
  {
    name: 'item 10 blank does not make the form incomplete',
    rule: `${MISSING} (item 10 is not one of items 1–9)`,
    answers: total(6),
    expect: { result: { complete: true, total: 6, blankItems: ['q10'] } },
  },
  {
    name: 'one scored item blank → incomplete, no total, no band',
    rule: MISSING,
    answers: { ...total(0), q3: undefined },
    expect: {
      result: {
        complete: false,
        valid: false,
        total: null,
        band: null,
        tier: 'none',
        blankItems: ['q3', 'q10'],
      },
    },
  },
  {
    name: 'null is a blank',
    rule: MISSING,
    answers: { ...total(4), q1: null },
    expect: { result: { complete: false, total: null, band: null } },
  },
  {
    name: 'empty form → incomplete, every item blank',
    rule: MISSING,
    answers: {},
    expect: {
      result: {
        complete: false,
        total: null,
        band: null,
        tier: 'none',
        flags: [],
        blankItems: itemIds(10),
      },
    },
  },
  {
    name: 'incomplete form still flags item 9',
    rule: `${ITEM9}; the flag fires from the answers given, even on an incomplete form`,
    answers: { q9: 2 },
    expect: {
      result: {
        complete: false,
        total: null,
        band: null,
        tier: 'high',
        flags: ['suicidal-ideation'],
        followUp: ['asq'],
      },
    },
  },
  {
    name: 'incomplete form whose answered items already reach 11 → high',
    rule: `${PROFILE}; the answered items are a lower bound of the total, so the tier they reach is certain`,
    answers: { q1: 3, q2: 3, q3: 3, q4: 2 },
    expect: { result: { complete: false, total: null, band: null, tier: 'high', flags: [] } },
  },
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
    name: 'item 1 = 4 is out of range',
    rule: INVALID,
    answers: total(0, { q1: 4 }),
    expect: { error: { code: 'invalid_answer', itemId: 'q1' } },
  },
  {
    name: 'item 2 = -1 is out of range',
    rule: INVALID,
    answers: total(0, { q2: -1 }),
    expect: { error: { code: 'invalid_answer', itemId: 'q2' } },
  },
  {
    name: "item 3 = '2' (a string) is invalid",
    rule: INVALID,
    answers: total(0, { q3: '2' }),
    expect: { error: { code: 'invalid_answer', itemId: 'q3' } },
  },
  {
    name: 'item 4 = 1.5 is invalid',
    rule: INVALID,
    answers: total(0, { q4: 1.5 }),
    expect: { error: { code: 'invalid_answer', itemId: 'q4' } },
  },
  {
    name: "item 9 = 'yes' is invalid",
    rule: INVALID,
    answers: total(0, { q9: 'yes' }),
    expect: { error: { code: 'invalid_answer', itemId: 'q9' } },
  },
  {
    name: 'item 9 = NaN is invalid',
    rule: INVALID,
    answers: total(0, { q9: Number.NaN }),
    expect: { error: { code: 'invalid_answer', itemId: 'q9' } },
  },
  {
    name: 'item 10 = 4 is invalid',
    rule: INVALID,
    answers: total(0, { q10: 4 }),
    expect: { error: { code: 'invalid_answer', itemId: 'q10' } },
  },
  {
    name: 'unknown item q11',
    rule: 'Items are q1–q10 (PHQ-9 form)',
    answers: total(0, { q11: 0 }),
    expect: { error: { code: 'unknown_item', itemId: 'q11' } },
  },
];
