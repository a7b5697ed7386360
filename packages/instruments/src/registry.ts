import { CutoffProfile as CutoffProfileSchema } from '@xinqiao/contracts/instruments';
import type {
  CutoffProfile,
  CutoffProfileRef,
  InstrumentDefinition,
  InstrumentEntry,
  InstrumentId,
  ScoreResult,
} from '@xinqiao/contracts/instruments';
import { canonicalContent } from './canonical.js';
import { shippedDefinitions, shippedSlots } from './definitions/index.js';
import { RegistryError, ScoringError } from './errors.js';
import {
  compatibilityProblems,
  defaultProfileRef,
  profileProblems,
  shippedProfiles,
  tierFor,
} from './profiles.js';
import type { AnswersInput } from './scoring/answers.js';
import { evaluate } from './scoring/evaluate.js';
import { suitabilityOf, type Suitability, type SuitabilityContext } from './suitability.js';
import { checkDefinition } from './validation.js';

export interface ScoreOptions {
  /** The cut-off profile to apply; `adolescent-default@1` when omitted. */
  profile?: CutoffProfileRef;
}

/** Who holds the licence for runtime-registered content (kept with the registry, shown to administrators). */
export interface LicenceGrant {
  licensee: string;
  /** Contract or permission reference. */
  reference: string;
}

export interface RegistryOptions {
  /**
   * Hex SHA-256 of a UTF-8 string (e.g. `(s) => createHash('sha256').update(s).digest('hex')`).
   * When given, `registerLicensedContent` refuses content whose `contentHash` does not match.
   */
  sha256?: (text: string) => string;
}

export interface InstrumentRegistry {
  /** Every entry: shipped instruments, then licensed slots (or the licensed content that replaced them). */
  listInstruments(): readonly InstrumentEntry[];
  /** An entry by id; `unknown_instrument` when there is none. */
  getInstrument(id: string): InstrumentEntry;
  listProfiles(): readonly CutoffProfile[];
  /** A profile by id and version; `unknown_profile` when there is none. */
  getProfile(ref: CutoffProfileRef): CutoffProfile;
  /** The profile used when `score` is given none. */
  readonly defaultProfile: CutoffProfileRef;
  /** Adds a cut-off profile (id + version must be new). Refuses thresholds that skip, descend or go below the safety floors. */
  registerProfile(profile: unknown): CutoffProfile;
  /** Fills a licensed slot with content supplied by a licensee. */
  registerLicensedContent(definition: unknown, grant: LicenceGrant): InstrumentDefinition;
  licenceGrant(instrumentId: string): LicenceGrant | undefined;
  /** Scores a form. Pure and synchronous; throws ScoringError. */
  score(instrumentId: string, answers: AnswersInput, options?: ScoreOptions): ScoreResult;
  /** The adaptive safety rule: instruments to insert now (`['asq']` after PHQ item 9 ≥ 1 or PHQ-A q12 yes). */
  followUpFor(instrumentId: string, answers: AnswersInput): InstrumentId[];
  /** Whether an instrument may be given to a student of this age by this respondent, with the reasons if not. */
  suitability(instrument: string | InstrumentEntry, context: SuitabilityContext): Suitability;
  isSuitable(instrument: string | InstrumentEntry, context: SuitabilityContext): boolean;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

const profileKey = (ref: CutoffProfileRef): string => `${ref.id}@${ref.version}`;

function build(options: RegistryOptions, readOnly: boolean): InstrumentRegistry {
  const entries = new Map<string, InstrumentEntry>();
  const profiles = new Map<string, CutoffProfile>();
  const grants = new Map<string, LicenceGrant>();

  const guard = (): void => {
    if (readOnly) {
      throw new RegistryError(
        'read_only',
        'The default registry is shared by every caller; register on a registry from createRegistry().',
      );
    }
  };

  const content = (instrumentId: string): InstrumentDefinition => {
    const entry = entries.get(instrumentId);
    if (entry === undefined) {
      throw new ScoringError(
        'unknown_instrument',
        `No instrument "${instrumentId}" in the registry.`,
        { instrumentId },
      );
    }
    if (entry.kind === 'licensed-slot') {
      throw new ScoringError(
        'instrument_licensed',
        `${entry.abbreviation} is a licensed instrument with no licensed content registered; it cannot be scored. ${entry.licenceNote.en}`,
        { instrumentId },
      );
    }
    if (entry.licence === 'blocked') {
      throw new ScoringError(
        'instrument_blocked',
        `${entry.abbreviation} is blocked and is never scored.`,
        { instrumentId },
      );
    }
    return entry;
  };

  const checkFollowUps = (definition: InstrumentDefinition): void => {
    for (const critical of definition.criticalItems) {
      for (const id of critical.followUp) {
        if (!entries.has(id) && id !== definition.id) {
          throw new RegistryError(
            'invalid_definition',
            `${definition.id}: follow-up instrument ${id} is not in the registry`,
          );
        }
      }
    }
  };

  const addProfile = (input: unknown): CutoffProfile => {
    const parsed = CutoffProfileSchema.safeParse(input);
    if (!parsed.success) {
      const issues = parsed.error.issues.map(
        (issue) => `${issue.path.join('.')}: ${issue.message}`,
      );
      throw new RegistryError('invalid_profile', `Invalid cut-off profile: ${issues.join('; ')}`);
    }
    const profile = parsed.data;
    const problems = profileProblems(profile);
    for (const instrumentId of Object.keys(profile.instruments)) {
      const entry = entries.get(instrumentId);
      if (entry === undefined) problems.push(`${instrumentId} is not in the registry`);
      else if (entry.kind === 'content') problems.push(...compatibilityProblems(profile, entry));
    }
    if (problems.length > 0) {
      throw new RegistryError(
        'invalid_profile',
        `Invalid cut-off profile ${profileKey(profile)}: ${problems.join('; ')}`,
      );
    }
    if (profiles.has(profileKey(profile))) {
      throw new RegistryError(
        'duplicate',
        `Profile ${profileKey(profile)} is already registered; publish a new version instead.`,
      );
    }
    profiles.set(profileKey(profile), deepFreeze(profile));
    return profile;
  };

  for (const slot of shippedSlots) entries.set(slot.id, deepFreeze(slot));
  for (const shipped of shippedDefinitions) {
    const definition = checkDefinition(shipped);
    if (definition.licence !== 'public-domain' && definition.licence !== 'free-with-attribution') {
      throw new RegistryError(
        'invalid_definition',
        `${definition.id}: shipped content must be free to reproduce`,
      );
    }
    entries.set(definition.id, deepFreeze(definition));
  }
  for (const definition of shippedDefinitions) checkFollowUps(definition);
  for (const profile of shippedProfiles) addProfile(profile);

  const getProfile = (ref: CutoffProfileRef): CutoffProfile => {
    const profile = profiles.get(profileKey(ref));
    if (profile === undefined) {
      throw new ScoringError(
        'unknown_profile',
        `No cut-off profile ${profileKey(ref)} in the registry.`,
        { profile: ref },
      );
    }
    return profile;
  };

  const resolve = (instrument: string | InstrumentEntry): InstrumentEntry => {
    if (typeof instrument !== 'string') return instrument;
    const entry = entries.get(instrument);
    if (entry === undefined) {
      throw new ScoringError(
        'unknown_instrument',
        `No instrument "${instrument}" in the registry.`,
        { instrumentId: instrument },
      );
    }
    return entry;
  };

  return {
    defaultProfile: defaultProfileRef,
    listInstruments: () => [...entries.values()],
    getInstrument: (id) => resolve(id),
    listProfiles: () => [...profiles.values()],
    getProfile,
    registerProfile(profile) {
      guard();
      return addProfile(profile);
    },
    registerLicensedContent(input, grant) {
      guard();
      const definition = checkDefinition(input);
      const existing = entries.get(definition.id);
      if (existing === undefined)
        throw new RegistryError('unknown_slot', `No licensed slot "${definition.id}" to fill.`);
      if (existing.kind === 'content')
        throw new RegistryError('duplicate', `${definition.id} already has content.`);
      if (definition.licence !== 'licensed') {
        throw new RegistryError(
          'invalid_definition',
          `${definition.id}: licensed content must have licence class "licensed".`,
        );
      }
      if (grant.licensee.trim() === '' || grant.reference.trim() === '') {
        throw new RegistryError(
          'invalid_definition',
          `${definition.id}: a licence grant needs a licensee and a reference.`,
        );
      }
      if (options.sha256 !== undefined) {
        const actual = `sha256:${options.sha256(canonicalContent(definition.items))}`;
        if (actual !== definition.contentHash) {
          throw new RegistryError(
            'hash_mismatch',
            `${definition.id}: contentHash does not match its items and options.`,
          );
        }
      }
      checkFollowUps(definition);
      entries.set(definition.id, deepFreeze(definition));
      grants.set(definition.id, Object.freeze({ ...grant }));
      return definition;
    },
    licenceGrant: (id) => grants.get(id),
    score(instrumentId, answers, scoreOptions = {}) {
      const definition = content(instrumentId);
      const profile = getProfile(scoreOptions.profile ?? defaultProfileRef);
      const evaluation = evaluate(definition, answers);
      const tier = tierFor(definition, evaluation, profile);
      return {
        instrumentId: definition.id,
        instrumentVersion: definition.version,
        contentHash: definition.contentHash,
        profileId: profile.id,
        profileVersion: profile.version,
        complete: evaluation.complete,
        valid: evaluation.valid,
        total: evaluation.total,
        band: evaluation.band,
        ...(evaluation.subscales !== undefined && evaluation.valid
          ? { subscales: evaluation.subscales }
          : {}),
        flags: evaluation.flags,
        tier,
        blankItems: evaluation.blankItems,
        followUp: evaluation.followUp,
      };
    },
    followUpFor: (instrumentId, answers) => evaluate(content(instrumentId), answers).followUp,
    suitability: (instrument, context) => suitabilityOf(resolve(instrument), context),
    isSuitable: (instrument, context) => suitabilityOf(resolve(instrument), context).suitable,
  };
}

/**
 * A registry of its own, holding the shipped instruments and profiles: register licensed content
 * and extra profiles here without touching what other callers see.
 */
export function createRegistry(options: RegistryOptions = {}): InstrumentRegistry {
  return build(options, false);
}

/** The shared registry behind the package-level functions; read-only. */
export const defaultRegistry: InstrumentRegistry = build({}, true);
