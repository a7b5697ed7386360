import { flags as flagOrder } from '@xinqiao/contracts/instruments';
import type { Flag, InstrumentDefinition, InstrumentId } from '@xinqiao/contracts/instruments';
import { isAsked, parseAnswers, type ParsedAnswers } from './answers.js';
import { scoreAsq } from './asq.js';
import { criticalOutcome } from './critical.js';
import { scoreLikertSum } from './likert-sum.js';
import type { RuleOutcome } from './outcome.js';
import { scoreSubscaleSum } from './subscale-sum.js';

/** A form scored by its instrument's own rules, before a cut-off profile turns it into a tier. */
export interface Evaluation extends RuleOutcome {
  flags: Flag[];
  /** Every item that was to be asked and was left blank, scored or not, in item order. */
  blankItems: string[];
  followUp: InstrumentId[];
}

function applyRule(definition: InstrumentDefinition, answers: ParsedAnswers): RuleOutcome {
  const rule = definition.scoring;
  switch (rule.kind) {
    case 'likert-sum':
      return scoreLikertSum(rule, answers);
    case 'subscale-sum':
      return scoreSubscaleSum(rule, answers);
    case 'asq':
      return scoreAsq(rule, answers);
  }
}

/** Validates the answers and applies the instrument's scoring rule and critical items. Pure. */
export function evaluate(definition: InstrumentDefinition, rawAnswers: unknown): Evaluation {
  const answers = parseAnswers(definition, rawAnswers);
  const outcome = applyRule(definition, answers);
  const critical = criticalOutcome(definition, answers);
  const raised = new Set<Flag>([...outcome.flags, ...critical.flags]);
  const blankItems = definition.items
    .filter((item) => !answers.has(item.id) && isAsked(item, answers))
    .map((item) => item.id);
  return {
    ...outcome,
    flags: flagOrder.filter((flag) => raised.has(flag)),
    blankItems,
    followUp: critical.followUp,
  };
}
