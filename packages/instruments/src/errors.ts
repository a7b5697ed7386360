/**
 * Errors of the instruments package. Messages name the instrument, item or profile, never an
 * answer's value: they may end up in logs, and answers are sensitive personal information.
 */

export type ScoringErrorCode =
  /** No instrument with this id in the registry. */
  | 'unknown_instrument'
  /** A licensed slot with no licensed content registered: metadata only, cannot be scored. */
  | 'instrument_licensed'
  /** Licence class `blocked`: never scored. */
  | 'instrument_blocked'
  /** The answers are not an object keyed by item id. */
  | 'invalid_answers'
  /** An answer for an item id the instrument does not have. */
  | 'unknown_item'
  /** An answer that is not one of the item's option codes (out of range, wrong type, not an integer…). */
  | 'invalid_answer'
  /** No cut-off profile with this id and version. */
  | 'unknown_profile'
  /** The profile states no threshold for this instrument (or none for one of its bands). */
  | 'missing_threshold';

export interface ScoringErrorDetails {
  instrumentId?: string;
  itemId?: string;
  profile?: { id: string; version: number };
}

/** Thrown by `score` and `followUpFor`. Branch on `code`; `itemId` names the offending item. */
export class ScoringError extends Error {
  override readonly name = 'ScoringError';
  readonly code: ScoringErrorCode;
  readonly instrumentId: string | undefined;
  readonly itemId: string | undefined;
  readonly profile: { id: string; version: number } | undefined;

  constructor(code: ScoringErrorCode, message: string, details: ScoringErrorDetails = {}) {
    super(message);
    this.code = code;
    this.instrumentId = details.instrumentId;
    this.itemId = details.itemId;
    this.profile = details.profile;
  }
}

export type RegistryErrorCode =
  /** A definition that fails its schema or a semantic check (bands, item order, critical items…). */
  | 'invalid_definition'
  /** A profile that fails its schema or a semantic check (thresholds, safety floors…). */
  | 'invalid_profile'
  /** A profile with this id and version, or licensed content for this slot, is already registered. */
  | 'duplicate'
  /** The default registry is shared by every caller: register on a registry from `createRegistry()`. */
  | 'read_only'
  /** Licensed content for an id that has no licensed slot. */
  | 'unknown_slot'
  /** The definition's `contentHash` does not match its items and options. */
  | 'hash_mismatch';

/** Thrown when registering definitions or profiles. */
export class RegistryError extends Error {
  override readonly name = 'RegistryError';
  readonly code: RegistryErrorCode;

  constructor(code: RegistryErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}
