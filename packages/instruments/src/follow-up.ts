import type { InstrumentId } from '@xinqiao/contracts/instruments';
import { defaultRegistry } from './registry.js';
import type { AnswersInput } from './scoring/answers.js';

/**
 * The adaptive safety rule the form and the server share (NIMH pathway, ARCHITECTURE §3): the
 * instruments to insert at once given the answers so far. `['asq']` when PHQ-9 / PHQ-A item 9 is
 * ≥ 1 or PHQ-A q12 (serious thoughts of ending your life in the past month) is yes; `[]` otherwise.
 * Works on incomplete forms; throws ScoringError for an unknown item or an invalid answer.
 */
export function followUpFor(instrumentId: string, answers: AnswersInput): InstrumentId[] {
  return defaultRegistry.followUpFor(instrumentId, answers);
}
