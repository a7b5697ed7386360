import type { SubscaleScore, SubscaleSumScoring } from '@xinqiao/contracts/instruments';
import type { ParsedAnswers } from './answers.js';
import type { RuleOutcome } from './outcome.js';

/**
 * PSC-17: blank items count 0; more than `maxBlanks` blanks (four or more) make the form invalid,
 * with no total, band or subscales. Total ≥ `totalCutoff` is positive; each subscale is positive
 * at or above its own cut-off.
 */
export function scoreSubscaleSum(rule: SubscaleSumScoring, answers: ParsedAnswers): RuleOutcome {
  const blanks: string[] = [];
  const value = (itemId: string): number => {
    const answer = answers.get(itemId);
    if (typeof answer === 'number') return answer;
    blanks.push(itemId);
    return 0;
  };
  const subscales: Record<string, SubscaleScore> = {};
  let total = 0;
  for (const subscale of rule.subscales) {
    const score = subscale.items.reduce((sum, itemId) => sum + value(itemId), 0);
    subscales[subscale.id] = { score, positive: score >= subscale.cutoff };
    total += score;
  }
  if (blanks.length > rule.maxBlanks) {
    return {
      complete: false,
      valid: false,
      total: null,
      band: null,
      flags: [],
      scoredBlanks: blanks,
      tierTotal: null,
    };
  }
  return {
    complete: blanks.length === 0,
    valid: true,
    total,
    band: total >= rule.totalCutoff ? 'positive' : 'negative',
    subscales,
    flags: [],
    scoredBlanks: blanks,
    tierTotal: total,
  };
}
