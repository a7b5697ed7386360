import type {
  AnswerValue,
  InstrumentDefinition,
  Item,
  ItemId,
} from '@xinqiao/contracts/instruments';
import { criticalFlags, type CriticalFlag } from '@xinqiao/contracts/safety-signals';
import { evaluate } from '@xinqiao/instruments/evaluate';

// The pure part of the screening form: which items are asked in which order, how they are
// grouped on screens, and which critical flags and follow-up instruments the answers raise. The
// scoring and the adaptive safety rule are @xinqiao/instruments' own (the server runs the same
// code), computed here in the browser so a critical answer is seen with no network — through its
// registry-free `evaluate` entry, over the definitions the form loaded, so no instrument texts
// are bundled twice.

/** One instrument's answers, by item id. */
export type ItemAnswers = Record<string, AnswerValue>;
/** The form's answers, by instrument id. */
export type FormAnswers = Record<string, ItemAnswers>;

/** One question: an item of an instrument. */
export interface Step {
  instrumentId: string;
  itemId: string;
}
export const stepKey = (step: Step): string => `${step.instrumentId}/${step.itemId}`;

/** An instrument the adaptive rule inserted right after the step where its flag fired. */
export interface Insertion {
  instrumentId: string;
  /** `stepKey` of the last question of the screen the flag fired on. */
  after: string;
}

const critical = new Set<string>(criticalFlags);

/** Whether `item` is asked given the answers so far (ASQ Q5 only after a positive Q1–Q4). */
export function isAsked(item: Item, answers: ItemAnswers): boolean {
  const rule = item.askIf;
  if (!rule) return true;
  return rule.anyOf.some((id) => {
    const value = answers[id];
    return typeof value === 'string' && (rule.equals as readonly string[]).includes(value);
  });
}

/**
 * Every question asked now, in order: the campaign's instruments, with each inserted instrument
 * placed right after its anchor step. An instrument appears once (an inserted ASQ is not asked
 * again where the campaign listed it).
 */
export function buildSteps(
  base: readonly string[],
  insertions: readonly Insertion[],
  definitions: ReadonlyMap<string, InstrumentDefinition>,
  answers: FormAnswers,
): Step[] {
  const out: Step[] = [];
  const seen = new Set<string>();
  const emit = (instrumentId: string) => {
    const definition = definitions.get(instrumentId);
    if (!definition || seen.has(instrumentId)) return;
    seen.add(instrumentId);
    const given = answers[instrumentId] ?? {};
    for (const item of definition.items) {
      if (!isAsked(item, given)) continue;
      const step = { instrumentId, itemId: item.id };
      out.push(step);
      for (const insertion of insertions) {
        if (insertion.after === stepKey(step)) emit(insertion.instrumentId);
      }
    }
  };
  const inserted = new Set(insertions.map((i) => i.instrumentId));
  for (const id of base) if (!inserted.has(id)) emit(id);
  // An insertion whose anchor is no longer asked still comes (at the end).
  for (const insertion of insertions) emit(insertion.instrumentId);
  return out;
}

export function itemOf(
  definitions: ReadonlyMap<string, InstrumentDefinition>,
  step: Step,
): Item | undefined {
  return definitions.get(step.instrumentId)?.items.find((i) => i.id === step.itemId);
}

/**
 * Questions per screen: one each when `grouped` is false (narrow containers); otherwise runs of
 * the same instrument with the same options (a Likert block), at most `max` per screen, breaking
 * before a question whose `askIf` depends on an answer on the same screen.
 */
export function buildScreens(
  steps: readonly Step[],
  definitions: ReadonlyMap<string, InstrumentDefinition>,
  grouped: boolean,
  max = 9,
): Step[][] {
  if (!grouped) return steps.map((s) => [s]);
  const screens: Step[][] = [];
  let current: Step[] = [];
  let shape = '';
  for (const step of steps) {
    const item = itemOf(definitions, step);
    const mine = `${step.instrumentId}|${item?.options.map((o) => o.code).join(',')}`;
    const dependsOnScreen = item?.askIf?.anyOf.some((id) =>
      current.some((c) => c.instrumentId === step.instrumentId && c.itemId === id),
    );
    if (current.length && (mine !== shape || current.length >= max || dependsOnScreen)) {
      screens.push(current);
      current = [];
    }
    shape = mine;
    current.push(step);
  }
  if (current.length) screens.push(current);
  return screens;
}

/** Only the answers given (blank items are left out, as the scorer expects). */
function given(answers: ItemAnswers | undefined): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [id, value] of Object.entries(answers ?? {})) if (value != null) out[id] = value;
  return out;
}

/** The critical items of a definition the scorer does not know (e.g. licensed content). */
function fromCriticalItems(definition: InstrumentDefinition, answers: Record<string, unknown>) {
  const flags: string[] = [];
  const followUp: string[] = [];
  for (const c of definition.criticalItems) {
    const value = answers[c.item];
    const fires =
      c.when.kind === 'at-least'
        ? typeof value === 'number' && value >= c.when.value
        : typeof value === 'string' && (c.when.values as readonly string[]).includes(value);
    if (!fires) continue;
    flags.push(c.flag);
    followUp.push(...c.followUp);
  }
  return { flags, followUp };
}

/**
 * The critical flags (`criticalFlags` of the contracts: the ones that send a safety signal) the
 * answers given raise now, from @xinqiao/instruments' `evaluate`. While the instrument is still in
 * progress, `asq-acuity-unknown` is held back: Q5 is still to be asked.
 */
export function criticalFlagsOf(
  definition: InstrumentDefinition,
  answers: ItemAnswers | undefined,
  finished: boolean,
): CriticalFlag[] {
  const values = given(answers);
  let flags: readonly string[];
  try {
    flags = evaluate(definition, values).flags;
  } catch {
    flags = fromCriticalItems(definition, values).flags;
  }
  return flags.filter(
    (f): f is CriticalFlag => critical.has(f) && (finished || f !== 'asq-acuity-unknown'),
  );
}

/** The instruments the adaptive safety rule asks for now (what `followUpFor` of @xinqiao/instruments says). */
export function followUpsOf(definition: InstrumentDefinition, answers: ItemAnswers | undefined) {
  const values = given(answers);
  try {
    return evaluate(definition, values).followUp;
  } catch {
    return fromCriticalItems(definition, values).followUp;
  }
}

/** Every instrument the form may need: the campaign's, and the follow-ups their rules insert. */
export function followUpIds(definition: InstrumentDefinition): string[] {
  return [...new Set(definition.criticalItems.flatMap((c) => c.followUp))];
}

/** The answers as `POST /v1/screenings` takes them: asked items only, blank as missing. */
export function responsesOf(
  steps: readonly Step[],
  answers: FormAnswers,
): Array<{ instrumentId: string; answers: Record<ItemId, AnswerValue> }> {
  const order: string[] = [];
  for (const s of steps) if (!order.includes(s.instrumentId)) order.push(s.instrumentId);
  return order.map((instrumentId) => {
    const out: Record<string, AnswerValue> = {};
    for (const s of steps) {
      if (s.instrumentId !== instrumentId) continue;
      const value = answers[instrumentId]?.[s.itemId];
      if (value != null) out[s.itemId] = value;
    }
    return { instrumentId, answers: out };
  });
}

/** Severity order of the critical flags: the most urgent signal goes first. */
const urgency: Record<CriticalFlag, number> = {
  'asq-acute': 0,
  'asq-acuity-unknown': 1,
  'asq-positive': 2,
  'past-month-ideation': 3,
  'suicidal-ideation': 4,
};
export const byUrgency = (a: CriticalFlag, b: CriticalFlag) => urgency[a] - urgency[b];

/** An idempotency key (a UUID); `crypto.randomUUID` exists only in secure contexts. */
export function newKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
