import { adultProfile, type ScoringVector } from '../vectors.js';

const GARDNER =
  'Gardner et al. 1999 / MGH PSC-17 scoring: items 0 Never, 1 Sometimes, 2 Often; internalizing = items 2, 6, 9, 11, 15 (positive ≥ 5); attention = 1, 3, 7, 13, 17 (≥ 7); externalizing = 4, 5, 8, 10, 12, 14, 16 (≥ 7); total ≥ 15 positive';
const PROFILE = 'adolescent-default@1: any positive subscale or total → attention';
const BLANKS =
  'PSC-17 scoring instructions: blank items count 0; four or more blanks make the form invalid';
const INVALID = 'PSC-17 options are 0, 1, 2; anything else is an error naming the item';

const INTERNALIZING = ['q2', 'q6', 'q9', 'q11', 'q15'];
const ATTENTION = ['q1', 'q3', 'q7', 'q13', 'q17'];
const EXTERNALIZING = ['q4', 'q5', 'q8', 'q10', 'q12', 'q14', 'q16'];

/** Every item 0, then the given scores per subscale spread over its items (filling the first items first). */
function form(
  internalizing: number,
  attention: number,
  externalizing: number,
): Record<string, number> {
  const answers: Record<string, number> = {};
  const put = (items: string[], points: number) => {
    let left = points;
    for (const item of items) {
      answers[item] = Math.min(2, left);
      left -= answers[item];
    }
  };
  put(INTERNALIZING, internalizing);
  put(ATTENTION, attention);
  put(EXTERNALIZING, externalizing);
  return answers;
}

const sub = (i: number, a: number, e: number) => ({
  internalizing: { score: i, positive: i >= 5 },
  attention: { score: a, positive: a >= 7 },
  externalizing: { score: e, positive: e >= 7 },
});

export const psc17Vectors: ScoringVector[] = [
  {
    name: 'all Never → negative, none',
    rule: GARDNER,
    answers: form(0, 0, 0),
    expect: {
      result: {
        complete: true,
        valid: true,
        total: 0,
        band: 'negative',
        subscales: sub(0, 0, 0),
        tier: 'none',
        flags: [],
      },
    },
  },
  {
    name: 'internalizing 4 → negative',
    rule: `${GARDNER}; ${PROFILE}`,
    answers: form(4, 0, 0),
    expect: { result: { total: 4, band: 'negative', subscales: sub(4, 0, 0), tier: 'none' } },
  },
  {
    name: 'internalizing 5 → positive subscale, attention',
    rule: `${GARDNER}; ${PROFILE}`,
    answers: form(5, 0, 0),
    expect: { result: { total: 5, band: 'negative', subscales: sub(5, 0, 0), tier: 'attention' } },
  },
  {
    name: 'attention 6 → negative',
    rule: GARDNER,
    answers: form(0, 6, 0),
    expect: { result: { subscales: sub(0, 6, 0), tier: 'none' } },
  },
  {
    name: 'attention 7 → positive subscale, attention',
    rule: `${GARDNER}; ${PROFILE}`,
    answers: form(0, 7, 0),
    expect: { result: { subscales: sub(0, 7, 0), tier: 'attention' } },
  },
  {
    name: 'externalizing 6 → negative',
    rule: GARDNER,
    answers: form(0, 0, 6),
    expect: { result: { subscales: sub(0, 0, 6), tier: 'none' } },
  },
  {
    name: 'externalizing 7 → positive subscale, attention',
    rule: `${GARDNER}; ${PROFILE}`,
    answers: form(0, 0, 7),
    expect: { result: { subscales: sub(0, 0, 7), tier: 'attention' } },
  },
  {
    name: 'total 14 with no positive subscale → negative',
    rule: GARDNER,
    answers: form(4, 6, 4),
    expect: { result: { total: 14, band: 'negative', subscales: sub(4, 6, 4), tier: 'none' } },
  },
  {
    name: 'total 15 with no positive subscale → positive, attention',
    rule: `${GARDNER}; ${PROFILE}`,
    answers: form(4, 6, 5),
    expect: { result: { total: 15, band: 'positive', subscales: sub(4, 6, 5), tier: 'attention' } },
  },
  {
    name: 'every item Often → 34, all positive',
    rule: GARDNER,
    answers: form(10, 10, 14),
    expect: {
      result: { total: 34, band: 'positive', subscales: sub(10, 10, 14), tier: 'attention' },
    },
  },
  {
    name: 'subscales are keyed by item id, not position: item 2 counts as internalizing',
    rule: `${GARDNER}; DOMAIN.md: other publishers renumber, key subscales by item id`,
    answers: { ...form(0, 0, 0), q2: 2, q6: 2, q9: 1 },
    expect: { result: { subscales: sub(5, 0, 0), tier: 'attention' } },
  },
  {
    name: 'three blanks count 0 → valid, incomplete',
    rule: BLANKS,
    answers: { ...form(5, 0, 0), q1: null, q4: null, q17: null },
    expect: {
      result: {
        complete: false,
        valid: true,
        total: 5,
        band: 'negative',
        subscales: sub(5, 0, 0),
        tier: 'attention',
        blankItems: ['q1', 'q4', 'q17'],
      },
    },
  },
  {
    name: 'four blanks → invalid, no total, no subscales',
    rule: BLANKS,
    answers: { ...form(10, 10, 14), q1: null, q2: null, q3: null, q4: null },
    expect: {
      result: {
        complete: false,
        valid: false,
        total: null,
        band: null,
        tier: 'none',
        blankItems: ['q1', 'q2', 'q3', 'q4'],
      },
    },
  },
  {
    name: 'PSC-17 has no threshold in the adult profile → explicit error',
    rule: 'adult-default@1 states no PSC-17 threshold; a missing threshold is an error, never a default',
    profile: adultProfile,
    answers: form(0, 0, 0),
    expect: { error: { code: 'missing_threshold' } },
  },
  {
    name: 'item 5 = 3 is out of range',
    rule: INVALID,
    answers: { ...form(0, 0, 0), q5: 3 },
    expect: { error: { code: 'invalid_answer', itemId: 'q5' } },
  },
  {
    name: "item 9 = 'often' is invalid",
    rule: INVALID,
    answers: { ...form(0, 0, 0), q9: 'often' },
    expect: { error: { code: 'invalid_answer', itemId: 'q9' } },
  },
  {
    name: 'unknown item q18',
    rule: 'Items are q1–q17 (PSC-17 form)',
    answers: { ...form(0, 0, 0), q18: 0 },
    expect: { error: { code: 'unknown_item', itemId: 'q18' } },
  },
];
