import { CutoffProfile } from '@xinqiao/contracts/instruments';
import { describe, expect, it } from 'vitest';
import {
  RegistryError,
  ScoringError,
  adolescentDefault,
  adultDefault,
  combineTiers,
  createRegistry,
  listProfiles,
  safetyFloors,
  score,
} from '../src/index.js';
import { profileProblems } from '../src/profiles.js';

const phq = (values: number[]) =>
  Object.fromEntries(values.map((value, index) => [`q${index + 1}`, value]));

function registryError(fn: () => unknown): RegistryError {
  try {
    fn();
  } catch (error) {
    if (error instanceof RegistryError) return error;
    throw error;
  }
  throw new Error('expected a RegistryError');
}

const variant = (patch: (profile: CutoffProfile) => void): CutoffProfile => {
  const profile = structuredClone(adolescentDefault) as CutoffProfile;
  profile.id = 'variant';
  patch(profile);
  return profile;
};

describe('cut-off profiles', () => {
  it.each(listProfiles().map((profile) => [`${profile.id}@${profile.version}`, profile] as const))(
    '%s is valid and states its sources',
    (_key, profile) => {
      expect(CutoffProfile.safeParse(profile).success).toBe(true);
      expect(profileProblems(profile)).toEqual([]);
      expect(profile.sources.length).toBeGreaterThan(0);
    },
  );

  it('adolescent-default@1 states PHQ-9/PHQ-A/GAD-7 0–4 none, 5–10 attention, ≥ 11 high', () => {
    for (const id of ['phq-9', 'phq-a', 'gad-7']) {
      expect(adolescentDefault.instruments[id]).toEqual({
        kind: 'total',
        tiers: [
          { min: 0, tier: 'none' },
          { min: 5, tier: 'attention' },
          { min: 11, tier: 'high' },
        ],
      });
    }
    expect(adolescentDefault.instruments['asq']).toEqual({
      kind: 'band',
      tiers: { negative: 'none', 'non-acute-positive': 'high', 'acute-positive': 'critical' },
    });
    expect(adolescentDefault.instruments['psc-17']).toEqual({
      kind: 'band',
      tiers: { negative: 'none', positive: 'attention' },
      subscalePositive: 'attention',
    });
  });

  it('adult-default@1 uses the manuals’ ≥ 10 and states no threshold for the child instruments', () => {
    expect(adultDefault.instruments['phq-9']).toMatchObject({
      tiers: [{ min: 0 }, { min: 5 }, { min: 10, tier: 'high' }],
    });
    expect(adultDefault.instruments['gad-7']).toMatchObject({
      tiers: [{ min: 0 }, { min: 5 }, { min: 10, tier: 'high' }],
    });
    expect(adultDefault.instruments['phq-a']).toBeUndefined();
    expect(adultDefault.instruments['psc-17']).toBeUndefined();
  });

  it('a profile registered at runtime is used and named in the result', () => {
    const registry = createRegistry();
    // e.g. a population where a 2025 study found PHQ-9 ≥ 11 best, with review from 8.
    registry.registerProfile(
      variant((profile) => {
        profile.id = 'cn-children';
        profile.instruments['phq-9'] = {
          kind: 'total',
          tiers: [
            { min: 0, tier: 'none' },
            { min: 8, tier: 'attention' },
            { min: 11, tier: 'high' },
          ],
        };
      }),
    );
    const answers = { ...phq([2, 2, 2, 1, 0, 0, 0, 0, 0]) };
    expect(
      registry.score('phq-9', answers, { profile: { id: 'cn-children', version: 1 } }),
    ).toMatchObject({
      profileId: 'cn-children',
      profileVersion: 1,
      total: 7,
      tier: 'none',
    });
    expect(registry.score('phq-9', answers)).toMatchObject({
      profileId: 'adolescent-default',
      tier: 'attention',
    });
  });

  it.each<[string, (profile: CutoffProfile) => void]>([
    [
      'a safety flag mapped below its floor',
      (p) => (p.flagTiers['suicidal-ideation'] = 'attention'),
    ],
    [
      'ASQ acuity unknown mapped below critical',
      (p) => (p.flagTiers['asq-acuity-unknown'] = 'high'),
    ],
    [
      'thresholds not starting at 0',
      (p) => (p.instruments['gad-7'] = { kind: 'total', tiers: [{ min: 1, tier: 'none' }] }),
    ],
    [
      'descending thresholds',
      (p) =>
        (p.instruments['gad-7'] = {
          kind: 'total',
          tiers: [
            { min: 0, tier: 'none' },
            { min: 10, tier: 'high' },
            { min: 5, tier: 'attention' },
          ],
        }),
    ],
    [
      'a higher total giving a lower tier',
      (p) =>
        (p.instruments['gad-7'] = {
          kind: 'total',
          tiers: [
            { min: 0, tier: 'none' },
            { min: 5, tier: 'high' },
            { min: 10, tier: 'attention' },
          ],
        }),
    ],
    [
      'a threshold above the maximum',
      (p) =>
        (p.instruments['gad-7'] = {
          kind: 'total',
          tiers: [
            { min: 0, tier: 'none' },
            { min: 22, tier: 'high' },
          ],
        }),
    ],
    [
      'a band left without a tier',
      (p) =>
        (p.instruments['asq'] = {
          kind: 'band',
          tiers: { negative: 'none', 'non-acute-positive': 'high' },
        }),
    ],
    [
      'a total cut-off for the ASQ, which has no total',
      (p) => (p.instruments['asq'] = { kind: 'total', tiers: [{ min: 0, tier: 'none' }] }),
    ],
    [
      'an instrument the registry does not know',
      (p) => (p.instruments['bdi-ii'] = { kind: 'total', tiers: [{ min: 0, tier: 'none' }] }),
    ],
    [
      'a flag left out',
      (p) => delete (p.flagTiers as Partial<typeof p.flagTiers>)['lifetime-attempt'],
    ],
  ])('refuses %s', (_what, patch) => {
    expect(registryError(() => createRegistry().registerProfile(variant(patch))).code).toBe(
      'invalid_profile',
    );
  });

  it('refuses a second profile with the same id and version', () => {
    const registry = createRegistry();
    expect(registryError(() => registry.registerProfile(adolescentDefault)).code).toBe('duplicate');
    registry.registerProfile({ ...structuredClone(adolescentDefault), version: 2 });
    expect(registry.getProfile({ id: 'adolescent-default', version: 2 }).version).toBe(2);
  });

  it('the safety floors hold: item 9 ≥ 1 is at least high, ASQ acute or acuity unknown is critical', () => {
    expect(safetyFloors).toEqual({
      'suicidal-ideation': 'high',
      'past-month-ideation': 'high',
      'lifetime-attempt': 'high',
      'asq-positive': 'high',
      'asq-acute': 'critical',
      'asq-acuity-unknown': 'critical',
    });
    expect(Object.isFrozen(safetyFloors)).toBe(true);
  });

  it('scoring an instrument the profile does not list is an explicit error naming both', () => {
    try {
      score('psc-17', {}, { profile: { id: 'adult-default', version: 1 } });
      throw new Error('expected an error');
    } catch (error) {
      expect(error).toBeInstanceOf(ScoringError);
      expect((error as ScoringError).code).toBe('missing_threshold');
      expect((error as ScoringError).instrumentId).toBe('psc-17');
      expect((error as ScoringError).profile).toEqual({ id: 'adult-default', version: 1 });
    }
  });
});

describe('combineTiers', () => {
  it('gives the highest tier of a screening', () => {
    expect(combineTiers([])).toBe('none');
    expect(combineTiers([{ tier: 'none' }, { tier: 'attention' }])).toBe('attention');
    expect(combineTiers([{ tier: 'high' }, { tier: 'critical' }, { tier: 'attention' }])).toBe(
      'critical',
    );
  });

  it('combines real results: PHQ-9 item 9 then an acute ASQ → critical', () => {
    const phq9 = score('phq-9', { ...phq([0, 0, 0, 0, 0, 0, 0, 0, 1]) });
    const asq = score('asq', { q1: 'yes', q2: 'no', q3: 'no', q4: 'no', q5: 'yes' });
    const gad7 = score('gad-7', phq([1, 1, 1, 1, 1, 0, 0]));
    expect([phq9.tier, asq.tier, gad7.tier]).toEqual(['high', 'critical', 'attention']);
    expect(combineTiers([phq9, asq, gad7])).toBe('critical');
  });
});
