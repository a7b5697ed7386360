import { describe, expect, it } from 'vitest';
import {
  Answers,
  AnswerValue,
  CutoffProfile,
  InstrumentEntry,
  ScoreResult,
  compareRiskTiers,
  maxRiskTier,
  riskTierRank,
  riskTiers,
} from '../src/instruments.js';

const result = {
  instrumentId: 'phq-9',
  instrumentVersion: 1,
  contentHash: `sha256:${'a'.repeat(64)}`,
  profileId: 'adolescent-default',
  profileVersion: 1,
  complete: true,
  valid: true,
  total: 12,
  band: 'moderate',
  flags: ['suicidal-ideation'],
  tier: 'high',
  blankItems: [],
  followUp: ['asq'],
};

describe('risk tiers', () => {
  it('are ordered none < attention < high < critical', () => {
    expect(riskTiers).toEqual(['none', 'attention', 'high', 'critical']);
    expect(riskTiers.map(riskTierRank)).toEqual([0, 1, 2, 3]);
    expect(compareRiskTiers('high', 'attention')).toBeGreaterThan(0);
    expect(compareRiskTiers('none', 'critical')).toBeLessThan(0);
    expect([...riskTiers].reverse().sort(compareRiskTiers)).toEqual([...riskTiers]);
  });

  it('maxRiskTier gives the highest, none for nothing', () => {
    expect(maxRiskTier()).toBe('none');
    expect(maxRiskTier('attention', 'critical', 'high')).toBe('critical');
  });
});

describe('instrument schemas', () => {
  it('accept a score result and reject unknown tiers, bands and flags', () => {
    expect(ScoreResult.safeParse(result).success).toBe(true);
    expect(ScoreResult.safeParse({ ...result, tier: 'red' }).success).toBe(false);
    expect(ScoreResult.safeParse({ ...result, band: 'very-severe' }).success).toBe(false);
    expect(ScoreResult.safeParse({ ...result, flags: ['sad'] }).success).toBe(false);
    expect(ScoreResult.safeParse({ ...result, contentHash: 'md5:abc' }).success).toBe(false);
    expect(
      ScoreResult.safeParse({ ...result, total: null, band: null, complete: false }).success,
    ).toBe(true);
  });

  it('answers are keyed by item id and hold numbers, yes/no/declined or null', () => {
    expect(Answers.safeParse({ q1: 0, q9: 3, q12: 'yes', q13: null, q5: 'declined' }).success).toBe(
      true,
    );
    expect(Answers.safeParse({ item1: 0 }).success).toBe(false);
    expect(Answers.safeParse({ q1: 'maybe' }).success).toBe(false);
    expect(AnswerValue.safeParse(Number.POSITIVE_INFINITY).success).toBe(false);
  });

  it('a licensed slot carries metadata only', () => {
    const slot = {
      kind: 'licensed-slot',
      id: 'sdq',
      abbreviation: 'SDQ',
      title: { 'zh-CN': '长处和困难问卷', en: 'SDQ' },
      respondents: ['parent'],
      ageRange: { min: 4, max: 17 },
      licence: 'licensed',
      source: {
        citation: 'Goodman 1997',
        url: 'https://www.sdqinfo.org/',
        terms: 'Licence required',
      },
      licenceNote: { 'zh-CN': '须授权', en: 'Licence required' },
    };
    expect(InstrumentEntry.safeParse(slot).success).toBe(true);
    expect(InstrumentEntry.safeParse({ ...slot, licence: 'public-domain' }).success).toBe(false);
  });

  it('a cut-off profile must give a tier for every flag', () => {
    const flagTiers = {
      'suicidal-ideation': 'high',
      'past-month-ideation': 'high',
      'lifetime-attempt': 'high',
      'asq-positive': 'high',
      'asq-acute': 'critical',
      'asq-acuity-unknown': 'critical',
    };
    const profile = {
      id: 'test',
      version: 1,
      title: { 'zh-CN': '测试', en: 'Test' },
      population: { 'zh-CN': '测试', en: 'Test' },
      sources: ['Test'],
      instruments: { 'gad-7': { kind: 'total', tiers: [{ min: 0, tier: 'none' }] } },
      flagTiers,
    };
    expect(CutoffProfile.safeParse(profile).success).toBe(true);
    const partial: Partial<typeof flagTiers> = { ...flagTiers };
    delete partial['asq-acute'];
    expect(CutoffProfile.safeParse({ ...profile, flagTiers: partial }).success).toBe(false);
  });
});
