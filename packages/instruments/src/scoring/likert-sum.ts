import type { Band, BandThreshold, LikertSumScoring } from '@xinqiao/contracts/instruments';
import type { ParsedAnswers } from './answers.js';
import type { RuleOutcome } from './outcome.js';

/** The band whose range holds `total` (bands ascend from 0). */
export function bandFor(bands: readonly BandThreshold[], total: number): Band {
  let band: Band | undefined;
  for (const threshold of bands) if (total >= threshold.min) band = threshold.band;
  if (band === undefined) throw new Error(`No band starts at or below ${total}.`); // unreachable for a registered definition
  return band;
}

/**
 * PHQ-9 / PHQ-A / GAD-7: the sum of the scored items. No official rule for missing items exists,
 * so any scored item blank makes the form incomplete: no total, no band. The sum of the answered
 * items is kept as `tierTotal`, a lower bound of the total, so a form left incomplete still
 * reaches the tier its answers have certainly reached.
 */
export function scoreLikertSum(rule: LikertSumScoring, answers: ParsedAnswers): RuleOutcome {
  let sum = 0;
  const blanks: string[] = [];
  for (const itemId of rule.items) {
    const value = answers.get(itemId);
    if (typeof value === 'number') sum += value;
    else blanks.push(itemId);
  }
  if (blanks.length > 0) {
    return {
      complete: false,
      valid: false,
      total: null,
      band: null,
      flags: [],
      scoredBlanks: blanks,
      tierTotal: sum,
    };
  }
  return {
    complete: true,
    valid: true,
    total: sum,
    band: bandFor(rule.bands, sum),
    flags: [],
    scoredBlanks: [],
    tierTotal: sum,
  };
}
