import type { CutoffProfile, InstrumentDefinition } from '@xinqiao/contracts/instruments';
import { describe, expect, it } from 'vitest';
import {
  RegistryError,
  ScoringError,
  adolescentDefault,
  createRegistry,
  defaultRegistry,
  getInstrument,
  listProfiles,
  score,
} from '../src/index.js';
import { contentHashOf, sha256 } from './helpers.js';

function errorOf(fn: () => unknown): ScoringError | RegistryError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ScoringError || error instanceof RegistryError) return error;
    throw error;
  }
  throw new Error('expected an error');
}

/** A made-up stand-in for licensed SDQ content (three items): real content comes from the licensee. */
function licensedSdq(): InstrumentDefinition {
  const options = [
    { code: 0, label: { 'zh-CN': '不符合', en: 'Not true' } },
    { code: 1, label: { 'zh-CN': '有点符合', en: 'Somewhat true' } },
    { code: 2, label: { 'zh-CN': '完全符合', en: 'Certainly true' } },
  ];
  const items = [1, 2, 3].map((n) => ({
    id: `q${n}`,
    scored: true,
    options,
    text: { 'zh-CN': `测试条目 ${n}`, en: `Test item ${n}` },
  }));
  return {
    kind: 'content',
    id: 'sdq',
    version: 1,
    abbreviation: 'SDQ',
    title: { 'zh-CN': '长处和困难问卷（授权）', en: 'SDQ (licensed)' },
    instructions: { 'zh-CN': '请选择。', en: 'Please choose.' },
    respondent: 'parent',
    ageRange: { min: 4, max: 17 },
    licence: 'licensed',
    source: {
      citation: 'Licensed content supplied by the licensee',
      url: 'https://www.sdqinfo.org/',
      terms: 'Under licence',
    },
    translation: {
      'zh-CN': { status: 'official', source: 'Licensee-supplied official translation' },
    },
    items,
    scoring: {
      kind: 'likert-sum',
      items: ['q1', 'q2', 'q3'],
      max: 6,
      bands: [
        { min: 0, band: 'negative' },
        { min: 4, band: 'positive' },
      ],
    },
    criticalItems: [],
    contentHash: contentHashOf(items),
    checked: { by: 'licensee', on: '2026-11-25', against: 'licensed master copy' },
  };
}

const schoolProfile = (instruments: CutoffProfile['instruments'] = {}): CutoffProfile => ({
  ...structuredClone(adolescentDefault),
  id: 'school-x',
  version: 1,
  title: { 'zh-CN': '某校标准', en: 'School X' },
  instruments: { ...structuredClone(adolescentDefault.instruments), ...instruments },
});

describe('licensed slots', () => {
  it.each(['sdq', 'rcads', 'c-ssrs', 'mht'])('score refuses %s with a clear error', (id) => {
    const error = errorOf(() => score(id, {}));
    expect(error).toBeInstanceOf(ScoringError);
    expect(error.code).toBe('instrument_licensed');
    expect((error as ScoringError).instrumentId).toBe(id);
    expect(error.message).toMatch(/licensed/);
  });

  it('licensed content registered at runtime can be scored, in that registry only', () => {
    const registry = createRegistry({ sha256 });
    registry.registerLicensedContent(licensedSdq(), {
      licensee: 'Demo district',
      reference: 'youthinmind licence 2026-001',
    });
    registry.registerProfile(
      schoolProfile({ sdq: { kind: 'band', tiers: { negative: 'none', positive: 'attention' } } }),
    );
    const result = registry.score(
      'sdq',
      { q1: 2, q2: 2, q3: 0 },
      { profile: { id: 'school-x', version: 1 } },
    );
    expect(result).toMatchObject({
      instrumentId: 'sdq',
      total: 4,
      band: 'positive',
      tier: 'attention',
      profileId: 'school-x',
    });
    expect(registry.licenceGrant('sdq')).toEqual({
      licensee: 'Demo district',
      reference: 'youthinmind licence 2026-001',
    });
    expect(registry.getInstrument('sdq').kind).toBe('content');
    // Other callers are not affected.
    expect(getInstrument('sdq').kind).toBe('licensed-slot');
    expect(errorOf(() => score('sdq', { q1: 2 })).code).toBe('instrument_licensed');
    expect(errorOf(() => createRegistry().score('sdq', {})).code).toBe('instrument_licensed');
  });

  it('licensed content scored with a profile that has no threshold for it is an error', () => {
    const registry = createRegistry();
    registry.registerLicensedContent(licensedSdq(), {
      licensee: 'Demo district',
      reference: 'ref',
    });
    expect(errorOf(() => registry.score('sdq', { q1: 0, q2: 0, q3: 0 })).code).toBe(
      'missing_threshold',
    );
  });

  it('refuses content whose hash does not match its items', () => {
    const registry = createRegistry({ sha256 });
    const definition = licensedSdq();
    definition.items[0]!.text.en = 'Corrupted copy';
    expect(
      errorOf(() => registry.registerLicensedContent(definition, { licensee: 'x', reference: 'y' }))
        .code,
    ).toBe('hash_mismatch');
  });

  it('refuses content for an id without a slot, content that is not classed licensed, and a second registration', () => {
    const registry = createRegistry();
    expect(
      errorOf(() =>
        registry.registerLicensedContent(
          { ...licensedSdq(), id: 'bdi' },
          { licensee: 'x', reference: 'y' },
        ),
      ).code,
    ).toBe('unknown_slot');
    expect(
      errorOf(() =>
        registry.registerLicensedContent(
          { ...licensedSdq(), id: 'phq-9' },
          { licensee: 'x', reference: 'y' },
        ),
      ).code,
    ).toBe('duplicate');
    expect(
      errorOf(() =>
        registry.registerLicensedContent(
          { ...licensedSdq(), licence: 'free-with-attribution' },
          { licensee: 'x', reference: 'y' },
        ),
      ).code,
    ).toBe('invalid_definition');
    expect(
      errorOf(() =>
        registry.registerLicensedContent(licensedSdq(), { licensee: ' ', reference: 'y' }),
      ).code,
    ).toBe('invalid_definition');
    registry.registerLicensedContent(licensedSdq(), { licensee: 'x', reference: 'y' });
    expect(
      errorOf(() =>
        registry.registerLicensedContent(licensedSdq(), { licensee: 'x', reference: 'y' }),
      ).code,
    ).toBe('duplicate');
  });

  it('refuses malformed content', () => {
    const registry = createRegistry();
    expect(
      errorOf(() =>
        registry.registerLicensedContent({ id: 'sdq' }, { licensee: 'x', reference: 'y' }),
      ).code,
    ).toBe('invalid_definition');
    const definition = licensedSdq();
    if (definition.scoring.kind === 'likert-sum') definition.scoring.max = 9;
    expect(
      errorOf(() => registry.registerLicensedContent(definition, { licensee: 'x', reference: 'y' }))
        .code,
    ).toBe('invalid_definition');
  });

  it('content classed blocked can never be registered, so it is never scored', () => {
    const registry = createRegistry();
    const blocked = { ...licensedSdq(), id: 'mht', licence: 'blocked' as const };
    expect(
      errorOf(() => registry.registerLicensedContent(blocked, { licensee: 'x', reference: 'y' }))
        .code,
    ).toBe('invalid_definition');
  });
});

describe('the default registry', () => {
  it('is read-only, so runtime registration never changes what other callers see', () => {
    expect(errorOf(() => defaultRegistry.registerProfile(schoolProfile())).code).toBe('read_only');
    expect(
      errorOf(() =>
        defaultRegistry.registerLicensedContent(licensedSdq(), { licensee: 'x', reference: 'y' }),
      ).code,
    ).toBe('read_only');
  });

  it('ships adolescent-default@1 and adult-default@1, and uses adolescent-default@1 when no profile is given', () => {
    expect(listProfiles().map((profile) => `${profile.id}@${profile.version}`)).toEqual([
      'adolescent-default@1',
      'adult-default@1',
    ]);
    expect(defaultRegistry.defaultProfile).toEqual({ id: 'adolescent-default', version: 1 });
    expect(score('gad-7', { q1: 0, q2: 0, q3: 0, q4: 0, q5: 0, q6: 0, q7: 0 })).toMatchObject({
      profileId: 'adolescent-default',
      profileVersion: 1,
      instrumentVersion: 1,
    });
  });

  it('names unknown instruments and profiles', () => {
    expect(errorOf(() => score('bdi', {})).code).toBe('unknown_instrument');
    expect(
      errorOf(() => score('phq-9', {}, { profile: { id: 'adolescent-default', version: 2 } })).code,
    ).toBe('unknown_profile');
    expect(errorOf(() => getInstrument('bdi')).code).toBe('unknown_instrument');
  });

  it('rejects answers that are not an object', () => {
    for (const answers of [null, [], 'q1=1', 3]) {
      expect(errorOf(() => score('phq-9', answers as never)).code).toBe('invalid_answers');
    }
  });

  it('every result carries the content hash of the definition that scored it', () => {
    const result = score('asq', { q1: 'no', q2: 'no', q3: 'no', q4: 'no' });
    const asq = getInstrument('asq');
    expect(asq.kind === 'content' && result.contentHash === asq.contentHash).toBe(true);
  });

  it('error messages never carry the answer given', () => {
    const error = errorOf(() => score('phq-9', { q9: 'secret-sentinel' }));
    expect(error.message).not.toContain('secret-sentinel');
    expect((error as ScoringError).itemId).toBe('q9');
  });
});
