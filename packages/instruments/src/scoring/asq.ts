import type { AsqScoring, Flag } from '@xinqiao/contracts/instruments';
import type { ParsedAnswers } from './answers.js';
import type { RuleOutcome } from './outcome.js';

const positive = (value: unknown): boolean => value === 'yes' || value === 'declined';

/**
 * The NIMH ASQ pathway (toolkit "ASQ Tool"): a yes — or a declined answer — to any of Q1–Q4 is a
 * positive screen; then Q5 (thoughts of killing yourself right now) decides acuity: yes → acute
 * positive, no → non-acute positive. Q5 declined counts as yes (acute). Q5 left blank after a
 * positive screen → `asq-acuity-unknown`, no band until a person has asked (the profile makes it
 * critical). A Q5 yes is acute even if Q1–Q4 were all no: a student who says so is at imminent
 * risk, whatever the order of the answers. The ASQ has no total score.
 */
export function scoreAsq(rule: AsqScoring, answers: ParsedAnswers): RuleOutcome {
  const screenBlanks = rule.screenItems.filter((itemId) => answers.get(itemId) === undefined);
  const screenPositive = rule.screenItems.some((itemId) => positive(answers.get(itemId)));
  const acuity = answers.get(rule.acuityItem);
  const base = { total: null, tierTotal: null } as const;

  if (positive(acuity)) {
    const flags: Flag[] = ['asq-positive', 'asq-acute'];
    return {
      ...base,
      complete: screenBlanks.length === 0,
      valid: true,
      band: 'acute-positive',
      flags,
      scoredBlanks: screenBlanks,
    };
  }
  if (screenPositive) {
    if (acuity === undefined) {
      const flags: Flag[] = ['asq-positive', 'asq-acuity-unknown'];
      return {
        ...base,
        complete: false,
        valid: false,
        band: null,
        flags,
        scoredBlanks: [...screenBlanks, rule.acuityItem],
      };
    }
    const flags: Flag[] = ['asq-positive'];
    return {
      ...base,
      complete: screenBlanks.length === 0,
      valid: true,
      band: 'non-acute-positive',
      flags,
      scoredBlanks: screenBlanks,
    };
  }
  if (screenBlanks.length > 0) {
    return {
      ...base,
      complete: false,
      valid: false,
      band: null,
      flags: [],
      scoredBlanks: screenBlanks,
    };
  }
  return { ...base, complete: true, valid: true, band: 'negative', flags: [], scoredBlanks: [] };
}
