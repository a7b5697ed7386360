import type { CutoffProfileRef, ScoreResult } from '@xinqiao/contracts/instruments';
import type { ScoringErrorCode } from './errors.js';

/** The parts of a ScoreResult a vector pins (any field left out is not checked). */
export type ExpectedResult = Partial<
  Pick<
    ScoreResult,
    | 'complete'
    | 'valid'
    | 'total'
    | 'band'
    | 'subscales'
    | 'flags'
    | 'tier'
    | 'blankItems'
    | 'followUp'
  >
>;

/**
 * A test vector: answers, the result (or error) the published rule demands, and the rule itself
 * — manual or toolkit section — so a reviewer can check the vector against its source.
 */
export interface ScoringVector {
  name: string;
  rule: string;
  answers: Readonly<Record<string, unknown>>;
  profile?: CutoffProfileRef;
  expect: { result: ExpectedResult } | { error: { code: ScoringErrorCode; itemId?: string } };
}

/** `q1`…`qN`. */
export function itemIds(count: number, from = 1): string[] {
  return Array.from({ length: count }, (_, index) => `q${from + index}`);
}

/** Answers that put `total` points on `items` (each 0…`max`), filling from the first item. */
export function spread(
  total: number,
  items: readonly string[],
  max: number,
): Record<string, number> {
  if (total > items.length * max)
    throw new RangeError(`cannot spread ${total} over ${items.length} items`);
  let left = total;
  const answers: Record<string, number> = {};
  for (const item of items) {
    const value = Math.min(max, left);
    answers[item] = value;
    left -= value;
  }
  return answers;
}

export const adultProfile: CutoffProfileRef = { id: 'adult-default', version: 1 };
