import { InstrumentDefinition } from '@xinqiao/contracts/instruments';
import type { LocalizedText } from '@xinqiao/contracts/ids';
import type { Item } from '@xinqiao/contracts/instruments';
import { RegistryError } from './errors.js';

const numericCodes = (item: Item): number[] =>
  item.options
    .map((option) => option.code)
    .filter((code): code is number => typeof code === 'number');

const isNumeric = (item: Item): boolean =>
  item.options.every((option) => typeof option.code === 'number');
const isYesNo = (item: Item): boolean =>
  item.options.every((option) => typeof option.code === 'string');
const maxCode = (item: Item): number => Math.max(...numericCodes(item));

function textProblems(where: string, text: LocalizedText): string[] {
  const problems: string[] = [];
  for (const locale of ['zh-CN', 'en'] as const) {
    const value = text[locale];
    if (value.trim().length === 0) problems.push(`${where}: empty ${locale} text`);
    else if (value !== value.trim())
      problems.push(`${where}: ${locale} text has surrounding whitespace`);
    else if (value !== value.normalize('NFC'))
      problems.push(`${where}: ${locale} text is not NFC-normalized`);
  }
  return problems;
}

/** Every problem with a definition's data beyond its schema: item order, options, scoring rule, critical items. */
export function definitionProblems(definition: InstrumentDefinition): string[] {
  const problems: string[] = [];
  const items = new Map(definition.items.map((item) => [item.id, item]));
  problems.push(
    ...textProblems('title', definition.title),
    ...textProblems('instructions', definition.instructions),
  );
  if (definition.ageRange.max !== null && definition.ageRange.max < definition.ageRange.min)
    problems.push('age range: max below min');

  definition.items.forEach((item, index) => {
    if (item.id !== `q${index + 1}`)
      problems.push(`item ${index + 1} has id ${item.id}; ids are q1…qN in the source's order`);
    problems.push(...textProblems(item.id, item.text));
    item.options.forEach((option) =>
      problems.push(...textProblems(`${item.id} option ${String(option.code)}`, option.label)),
    );
    const codes = item.options.map((option) => option.code);
    if (new Set(codes).size !== codes.length) problems.push(`${item.id}: duplicate option codes`);
    if (!isNumeric(item) && !isYesNo(item))
      problems.push(`${item.id}: mixes numeric and yes/no codes`);
    for (const ref of item.askIf?.anyOf ?? []) {
      const target = items.get(ref);
      if (target === undefined || definition.items.indexOf(target) >= index)
        problems.push(`${item.id}: askIf refers to ${ref}, not an earlier item`);
    }
  });

  const rule = definition.scoring;
  const ruleItems =
    rule.kind === 'likert-sum'
      ? rule.items
      : rule.kind === 'subscale-sum'
        ? rule.subscales.flatMap((subscale) => subscale.items)
        : [...rule.screenItems, rule.acuityItem];
  if (new Set(ruleItems).size !== ruleItems.length) problems.push('scoring: an item is used twice');
  for (const itemId of ruleItems)
    if (!items.has(itemId)) problems.push(`scoring: unknown item ${itemId}`);
  for (const item of definition.items) {
    if (item.scored !== ruleItems.includes(item.id))
      problems.push(`${item.id}: "scored" disagrees with the scoring rule`);
  }
  const ruleDefs = ruleItems
    .map((id) => items.get(id))
    .filter((item): item is Item => item !== undefined);

  if (rule.kind === 'likert-sum' || rule.kind === 'subscale-sum') {
    for (const item of ruleDefs) {
      if (!isNumeric(item)) problems.push(`${item.id}: summed items need numeric options`);
      else if (Math.min(...numericCodes(item)) !== 0)
        problems.push(`${item.id}: summed items start at 0`);
    }
    const max = ruleDefs.filter(isNumeric).reduce((sum, item) => sum + maxCode(item), 0);
    if (max !== rule.max)
      problems.push(`scoring: max is ${rule.max} but the items add up to ${max}`);
  }
  if (rule.kind === 'likert-sum') {
    if (rule.bands[0]?.min !== 0) problems.push('scoring: the first band must start at 0');
    rule.bands.forEach((band, index) => {
      const previous = rule.bands[index - 1];
      if (previous !== undefined && band.min <= previous.min)
        problems.push('scoring: bands must ascend');
      if (band.min > rule.max) problems.push(`scoring: band ${band.band} starts above the maximum`);
    });
  }
  if (rule.kind === 'subscale-sum') {
    if (rule.totalCutoff > rule.max) problems.push('scoring: total cut-off above the maximum');
    for (const subscale of rule.subscales) {
      const subMax = subscale.items.reduce((sum, id) => {
        const item = items.get(id);
        return sum + (item !== undefined && isNumeric(item) ? maxCode(item) : 0);
      }, 0);
      if (subscale.cutoff > subMax)
        problems.push(`scoring: ${subscale.id} cut-off above its maximum`);
    }
    if (new Set(rule.subscales.map((subscale) => subscale.id)).size !== rule.subscales.length)
      problems.push('scoring: duplicate subscale ids');
  }
  if (rule.kind === 'asq') {
    for (const item of ruleDefs)
      if (!isYesNo(item)) problems.push(`${item.id}: ASQ items take yes/no codes`);
  }

  for (const critical of definition.criticalItems) {
    const item = items.get(critical.item);
    if (item === undefined) {
      problems.push(`critical item ${critical.item} does not exist`);
      continue;
    }
    const codes = item.options.map((option) => option.code);
    if (critical.when.kind === 'at-least') {
      const { value } = critical.when;
      if (!isNumeric(item) || !codes.some((code) => typeof code === 'number' && code >= value)) {
        problems.push(`critical item ${critical.item}: no option can reach ${value}`);
      }
    } else if (!critical.when.values.every((value) => codes.includes(value))) {
      problems.push(`critical item ${critical.item}: a value is not one of its options`);
    }
  }
  return problems;
}

/** Parses and checks a definition; throws `invalid_definition` with every problem found. */
export function checkDefinition(input: unknown): InstrumentDefinition {
  const parsed = InstrumentDefinition.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new RegistryError(
      'invalid_definition',
      `Invalid instrument definition: ${issues.join('; ')}`,
    );
  }
  const problems = definitionProblems(parsed.data);
  if (problems.length > 0) {
    throw new RegistryError(
      'invalid_definition',
      `Invalid instrument definition ${parsed.data.id}: ${problems.join('; ')}`,
    );
  }
  return parsed.data;
}
