import type { InstrumentDefinition, Item } from '@xinqiao/contracts/instruments';
import { describe, expect, it } from 'vitest';
import { canonicalContent, listInstruments } from '../src/index.js';
import { contentHashOf } from './helpers.js';

/**
 * The hashes of the item and option texts as checked against the cited sources (checked by
 * xinqiao-team on 2026-11-25). Pinned here a second time, apart from the definitions: a change to
 * any item text, option label or code fails this test until someone re-checks the source and
 * re-pins both copies (and bumps the instrument's version).
 */
const pinned: Record<string, string> = {
  'phq-9': 'sha256:83cdf17fd74a2361bbba025133a832cbdd0e9aca450293f6e2a57b953649c7de',
  'phq-a': 'sha256:8ace83f4a3fc4bc0727f0b441005a68348bba29316561bdcaf17e4ce6b1ce82b',
  'gad-7': 'sha256:3549f14bdd49fff267ebc1d1da8cdd053f59600f11943ecea797c9868cfc3b20',
  asq: 'sha256:c137b23e32e4eabe3985a438eaf50573a0ffc8addae96771f8ca8b9a366e8fb0',
  'psc-17': 'sha256:449ff8f5c3b37be8d90ccfe9fef0c4a99b282d4c539abc7638ca8b37ac0e81ca',
};

const shipped = listInstruments().filter(
  (entry): entry is InstrumentDefinition => entry.kind === 'content',
);

describe('content hash', () => {
  it('pins exactly the shipped instruments', () => {
    expect(shipped.map((definition) => definition.id).sort()).toEqual(Object.keys(pinned).sort());
  });

  it.each(shipped.map((definition) => [definition.id, definition] as const))(
    '%s: items and options hash to the pinned value',
    (id, definition) => {
      expect(definition.contentHash).toBe(pinned[id]);
      expect(contentHashOf(definition.items)).toBe(pinned[id]);
    },
  );

  const clone = (items: readonly Item[]): Item[] => structuredClone(items) as Item[];
  const [phq9] = shipped;
  if (phq9 === undefined) throw new Error('no shipped instrument');

  it.each<[string, (items: Item[]) => void]>([
    ['one character of an English item text', (items) => (items[0]!.text.en += '.')],
    [
      'one character of a Chinese item text',
      (items) => (items[8]!.text['zh-CN'] = items[8]!.text['zh-CN'].replace('死', '亡')),
    ],
    ['an option label', (items) => (items[0]!.options[0]!.label.en = 'Not at all sure')],
    ['an option code', (items) => (items[1]!.options[3]!.code = 4)],
    ['the order of two items', (items) => items.reverse()],
    ['an option removed', (items) => items[2]!.options.pop()],
    ['an item id', (items) => (items[9]!.id = 'q11')],
  ])('changes when %s changes', (_what, mutate) => {
    const items = clone(phq9.items);
    mutate(items);
    expect(contentHashOf(items)).not.toBe(phq9.contentHash);
  });

  it('is computed over a canonical JSON with a fixed key order', () => {
    const items = clone(phq9.items).map((item) => ({
      options: item.options,
      text: { en: item.text.en, 'zh-CN': item.text['zh-CN'] },
      scored: item.scored,
      id: item.id,
    }));
    expect(canonicalContent(items)).toBe(canonicalContent(phq9.items));
  });
});
