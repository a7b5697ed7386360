import type { InstrumentEntry, Respondent } from '@xinqiao/contracts/instruments';

export interface SuitabilityContext {
  /** The student's age in completed years (fractions are floored). */
  age: number;
  /** Who would fill the form: the student (`self`) or a guardian (`parent`). */
  respondent: Respondent;
}

export type UnsuitableReason =
  /** Younger than the instrument's age range. */
  | 'below-age-range'
  /** Older than the instrument's age range. */
  | 'above-age-range'
  /** The instrument is filled by someone else (PSC-17 by a guardian, PHQ by the student). */
  | 'wrong-respondent'
  /** A licensed slot without licensed content: it cannot be given at all. */
  | 'no-licensed-content';

export interface Suitability {
  suitable: boolean;
  reasons: UnsuitableReason[];
}

/** Why an instrument cannot be given to a student of this age by this respondent (no reasons: suitable). */
export function suitabilityOf(
  instrument: InstrumentEntry,
  context: SuitabilityContext,
): Suitability {
  if (!Number.isFinite(context.age) || context.age < 0)
    throw new RangeError('age must be a non-negative number of years');
  const age = Math.floor(context.age);
  const reasons: UnsuitableReason[] = [];
  const { min, max } = instrument.ageRange;
  if (age < min) reasons.push('below-age-range');
  if (max !== null && age > max) reasons.push('above-age-range');
  const respondents =
    instrument.kind === 'content' ? [instrument.respondent] : instrument.respondents;
  if (!respondents.includes(context.respondent)) reasons.push('wrong-respondent');
  if (instrument.kind === 'licensed-slot') reasons.push('no-licensed-content');
  return { suitable: reasons.length === 0, reasons };
}
