import type { InstrumentDefinition, Item, OptionCode } from '@xinqiao/contracts/instruments';
import { ScoringError } from '../errors.js';

/**
 * Answers as received: keyed by item id; Likert items take their numeric option code, yes/no
 * items 'yes' | 'no' (and 'declined' where the instrument offers it); a missing key, `undefined`
 * or `null` is a blank. Values are typed `unknown` because they arrive from forms and the wire:
 * each one is checked against the item's options.
 */
export type AnswersInput = Readonly<Record<string, unknown>>;

/** Answered items only, with values proven to be one of the item's option codes. */
export type ParsedAnswers = ReadonlyMap<string, OptionCode>;

/** Checks every answer; throws a ScoringError naming the item for an unknown item or a value that is not an option. */
export function parseAnswers(definition: InstrumentDefinition, answers: unknown): ParsedAnswers {
  if (typeof answers !== 'object' || answers === null || Array.isArray(answers)) {
    throw new ScoringError(
      'invalid_answers',
      `Answers for ${definition.id} must be an object keyed by item id.`,
      {
        instrumentId: definition.id,
      },
    );
  }
  const items = new Map<string, Item>(definition.items.map((item) => [item.id, item]));
  const parsed = new Map<string, OptionCode>();
  for (const [itemId, value] of Object.entries(answers as Record<string, unknown>)) {
    const item = items.get(itemId);
    if (item === undefined) {
      throw new ScoringError('unknown_item', `${definition.id} has no item "${itemId}".`, {
        instrumentId: definition.id,
        itemId,
      });
    }
    if (value === null || value === undefined) continue;
    const option = item.options.find((candidate) => candidate.code === value);
    if (option === undefined) {
      throw new ScoringError(
        'invalid_answer',
        `The answer to ${definition.id} ${itemId} is not one of its options (${item.options.map((o) => JSON.stringify(o.code)).join(', ')}).`,
        { instrumentId: definition.id, itemId },
      );
    }
    parsed.set(itemId, option.code);
  }
  return parsed;
}

/** Whether an item is to be asked given the other answers (items without `askIf` always are). */
export function isAsked(item: Item, answers: ParsedAnswers): boolean {
  if (item.askIf === undefined) return true;
  const { anyOf, equals } = item.askIf;
  return anyOf.some((id) => {
    const value = answers.get(id);
    return typeof value === 'string' && (equals as readonly string[]).includes(value);
  });
}
