import { adultProfile, type ScoringVector } from '../vectors.js';

const TOOL =
  'NIMH ASQ toolkit, "ASQ Tool": a yes to any of questions 1–4 is a positive screen (ask question 5); all no → negative; a patient who declines to answer counts as positive';
const ACUITY =
  'NIMH ASQ toolkit, "ASQ Tool": question 5 yes → acute positive (imminent risk: STAT safety/full mental-health evaluation, do not leave alone) → critical; no → non-acute positive (brief suicide safety assessment) → high';
const UNKNOWN =
  'DOMAIN.md: ASQ positive with question 5 left blank → flag asq-acuity-unknown, treated as acute (critical) until a person has asked';
const INVALID =
  "ASQ answers are 'yes' | 'no' | 'declined'; anything else is an error naming the item";

const no = { q1: 'no', q2: 'no', q3: 'no', q4: 'no' } as const;

export const asqVectors: ScoringVector[] = [
  {
    name: 'all no → negative, none; question 5 not asked',
    rule: TOOL,
    answers: no,
    expect: {
      result: {
        complete: true,
        valid: true,
        total: null,
        band: 'negative',
        tier: 'none',
        flags: [],
        blankItems: [],
        followUp: [],
      },
    },
  },
  {
    name: 'all no and question 5 no → negative',
    rule: TOOL,
    answers: { ...no, q5: 'no' },
    expect: { result: { band: 'negative', tier: 'none', flags: [] } },
  },
  ...(['q1', 'q2', 'q3', 'q4'] as const).map((item): ScoringVector => ({
    name: `${item} yes, question 5 no → non-acute positive, high`,
    rule: `${TOOL}; ${ACUITY}`,
    answers: { ...no, [item]: 'yes', q5: 'no' },
    expect: {
      result: {
        complete: true,
        valid: true,
        band: 'non-acute-positive',
        tier: 'high',
        flags: ['asq-positive'],
      },
    },
  })),
  {
    name: 'question 3 declined, question 5 no → non-acute positive',
    rule: `${TOOL} (declined counts as positive)`,
    answers: { ...no, q3: 'declined', q5: 'no' },
    expect: { result: { band: 'non-acute-positive', tier: 'high', flags: ['asq-positive'] } },
  },
  {
    name: 'question 1 yes, question 5 yes → acute positive, critical',
    rule: ACUITY,
    answers: { ...no, q1: 'yes', q5: 'yes' },
    expect: {
      result: {
        complete: true,
        valid: true,
        band: 'acute-positive',
        tier: 'critical',
        flags: ['asq-positive', 'asq-acute'],
      },
    },
  },
  {
    name: 'question 5 declined after a positive screen → acute positive',
    rule: `${ACUITY}; a declined answer counts as positive`,
    answers: { ...no, q2: 'yes', q5: 'declined' },
    expect: {
      result: { band: 'acute-positive', tier: 'critical', flags: ['asq-positive', 'asq-acute'] },
    },
  },
  {
    name: 'question 5 yes although 1–4 are no → still acute',
    rule: `${ACUITY}; thoughts of killing yourself right now are imminent risk whatever the other answers`,
    answers: { ...no, q5: 'yes' },
    expect: {
      result: { band: 'acute-positive', tier: 'critical', flags: ['asq-positive', 'asq-acute'] },
    },
  },
  {
    name: 'positive with question 5 blank → acuity unknown, critical',
    rule: UNKNOWN,
    answers: { ...no, q4: 'yes' },
    expect: {
      result: {
        complete: false,
        valid: false,
        band: null,
        tier: 'critical',
        flags: ['asq-positive', 'asq-acuity-unknown'],
        blankItems: ['q5'],
      },
    },
  },
  {
    name: 'positive with question 5 null → acuity unknown',
    rule: UNKNOWN,
    answers: { ...no, q1: 'declined', q5: null },
    expect: { result: { tier: 'critical', flags: ['asq-positive', 'asq-acuity-unknown'] } },
  },
  {
    name: 'a single yes on an otherwise blank form → positive, acuity unknown',
    rule: `${TOOL}; ${UNKNOWN}`,
    answers: { q3: 'yes' },
    expect: {
      result: {
        complete: false,
        band: null,
        tier: 'critical',
        flags: ['asq-positive', 'asq-acuity-unknown'],
        blankItems: ['q1', 'q2', 'q4', 'q5'],
      },
    },
  },
  {
    name: 'one blank among all-no answers → incomplete, no band',
    rule: `${TOOL}: a negative screen needs a no to each of questions 1–4`,
    answers: { q1: 'no', q2: 'no', q3: 'no' },
    expect: {
      result: {
        complete: false,
        valid: false,
        band: null,
        tier: 'none',
        flags: [],
        blankItems: ['q4'],
      },
    },
  },
  {
    name: 'acute with a screening question blank → acute, incomplete',
    rule: ACUITY,
    answers: { q1: 'yes', q5: 'yes' },
    expect: { result: { complete: false, valid: true, band: 'acute-positive', tier: 'critical' } },
  },
  {
    name: 'adult profile uses the same pathway',
    rule: `${ACUITY}; validated in adults (Horowitz et al. 2020)`,
    profile: adultProfile,
    answers: { ...no, q1: 'yes', q5: 'no' },
    expect: { result: { band: 'non-acute-positive', tier: 'high' } },
  },
  {
    name: "question 1 = 'maybe' is invalid",
    rule: INVALID,
    answers: { ...no, q1: 'maybe' },
    expect: { error: { code: 'invalid_answer', itemId: 'q1' } },
  },
  {
    name: 'question 2 = 1 is invalid',
    rule: INVALID,
    answers: { ...no, q2: 1 },
    expect: { error: { code: 'invalid_answer', itemId: 'q2' } },
  },
  {
    name: 'question 5 = true is invalid',
    rule: INVALID,
    answers: { ...no, q5: true },
    expect: { error: { code: 'invalid_answer', itemId: 'q5' } },
  },
  {
    name: 'unknown item q6',
    rule: 'Items are q1–q5 (ASQ Tool)',
    answers: { ...no, q6: 'no' },
    expect: { error: { code: 'unknown_item', itemId: 'q6' } },
  },
];
