import type {
  CriticalItem,
  Flag,
  InstrumentDefinition,
  InstrumentId,
} from '@xinqiao/contracts/instruments';
import type { ParsedAnswers } from './answers.js';

/** Whether a critical item fires on the answer given (a blank never fires). */
export function fires(critical: CriticalItem, answers: ParsedAnswers): boolean {
  const value = answers.get(critical.item);
  if (value === undefined) return false;
  if (critical.when.kind === 'at-least')
    return typeof value === 'number' && value >= critical.when.value;
  return typeof value === 'string' && (critical.when.values as readonly string[]).includes(value);
}

/** Flags and follow-up instruments from the critical items, from the answers given (complete or not). */
export function criticalOutcome(
  definition: InstrumentDefinition,
  answers: ParsedAnswers,
): { flags: Flag[]; followUp: InstrumentId[] } {
  const flags: Flag[] = [];
  const followUp: InstrumentId[] = [];
  for (const critical of definition.criticalItems) {
    if (!fires(critical, answers)) continue;
    if (!flags.includes(critical.flag)) flags.push(critical.flag);
    for (const id of critical.followUp) if (!followUp.includes(id)) followUp.push(id);
  }
  return { flags, followUp };
}
