/**
 * @xinqiao/instruments — instrument registry, pure scoring, cut-off profiles and risk tiers.
 * No DOM, no I/O: the browser form and the server score with the same code and test vectors.
 */
import type {
  CutoffProfile,
  CutoffProfileRef,
  InstrumentEntry,
  ScoreResult,
} from '@xinqiao/contracts/instruments';
import { defaultRegistry, type ScoreOptions } from './registry.js';
import type { AnswersInput } from './scoring/answers.js';
import type { Suitability, SuitabilityContext } from './suitability.js';

/**
 * Scores one instrument's answers with the default registry. Pure and synchronous.
 * Throws ScoringError (`unknown_instrument`, `instrument_licensed`, `unknown_item`,
 * `invalid_answer` with the item id, `unknown_profile`, `missing_threshold` …).
 */
export function score(
  instrumentId: string,
  answers: AnswersInput,
  options?: ScoreOptions,
): ScoreResult {
  return defaultRegistry.score(instrumentId, answers, options);
}

/** Whether a campaign may give this instrument to a student of this age, filled by this respondent. */
export function isSuitable(
  instrument: string | InstrumentEntry,
  context: SuitabilityContext,
): boolean {
  return defaultRegistry.isSuitable(instrument, context);
}

/** Like `isSuitable`, with the reasons an instrument is unsuitable. */
export function suitability(
  instrument: string | InstrumentEntry,
  context: SuitabilityContext,
): Suitability {
  return defaultRegistry.suitability(instrument, context);
}

/** Every shipped instrument and licensed slot. */
export function listInstruments(): readonly InstrumentEntry[] {
  return defaultRegistry.listInstruments();
}

export function getInstrument(id: string): InstrumentEntry {
  return defaultRegistry.getInstrument(id);
}

export function listProfiles(): readonly CutoffProfile[] {
  return defaultRegistry.listProfiles();
}

export function getProfile(ref: CutoffProfileRef): CutoffProfile {
  return defaultRegistry.getProfile(ref);
}

export { combineTiers } from './combine.js';
export { followUpFor } from './follow-up.js';
export { canonicalContent } from './canonical.js';
export { createRegistry, defaultRegistry } from './registry.js';
export type {
  InstrumentRegistry,
  LicenceGrant,
  RegistryOptions,
  ScoreOptions,
} from './registry.js';
export { ScoringError, RegistryError } from './errors.js';
export type { ScoringErrorCode, RegistryErrorCode } from './errors.js';
export type { AnswersInput } from './scoring/answers.js';
export type { Suitability, SuitabilityContext, UnsuitableReason } from './suitability.js';
export { adolescentDefault, adultDefault, defaultProfileRef, safetyFloors } from './profiles.js';
export { asq, gad7, phq9, phqA, psc17 } from './definitions/index.js';
export { cssrs, mht, rcads, sdq } from './definitions/licensed.js';
export {
  compareRiskTiers,
  maxRiskTier,
  riskTierRank,
  riskTiers,
} from '@xinqiao/contracts/instruments';
export type {
  Band,
  CutoffProfile,
  CutoffProfileRef,
  Flag,
  InstrumentDefinition,
  InstrumentEntry,
  LicensedSlot,
  RiskTier,
  ScoreResult,
} from '@xinqiao/contracts/instruments';
