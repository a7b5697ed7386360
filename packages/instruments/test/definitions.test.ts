import { InstrumentEntry } from '@xinqiao/contracts/instruments';
import type { InstrumentDefinition, LicensedSlot } from '@xinqiao/contracts/instruments';
import { describe, expect, it } from 'vitest';
import { getInstrument, listInstruments } from '../src/index.js';
import { definitionProblems } from '../src/validation.js';

const entries = listInstruments();
const shipped = entries.filter((entry): entry is InstrumentDefinition => entry.kind === 'content');
const slots = entries.filter((entry): entry is LicensedSlot => entry.kind === 'licensed-slot');
const content = (id: string): InstrumentDefinition => {
  const entry = getInstrument(id);
  if (entry.kind !== 'content') throw new Error(`${id} has no content`);
  return entry;
};

describe('shipped definitions', () => {
  it('ship PHQ-9, PHQ-A, GAD-7, ASQ and PSC-17, and slots for SDQ, RCADS, C-SSRS and MHT', () => {
    expect(shipped.map((definition) => definition.id)).toEqual([
      'phq-9',
      'phq-a',
      'gad-7',
      'asq',
      'psc-17',
    ]);
    expect(slots.map((slot) => slot.id).sort()).toEqual(['c-ssrs', 'mht', 'rcads', 'sdq']);
  });

  it.each(entries.map((entry) => [entry.id, entry] as const))(
    '%s matches the contracts schema',
    (_id, entry) => {
      expect(InstrumentEntry.safeParse(entry).success).toBe(true);
    },
  );

  describe.each(shipped.map((definition) => [definition.id, definition] as const))(
    '%s',
    (_id, definition) => {
      it('has a source, a free licence, a pinned hash and a record of who checked it', () => {
        expect(definition.source.citation.length).toBeGreaterThan(20);
        expect(definition.source.url).toMatch(/^https:\/\//);
        expect(definition.source.terms.length).toBeGreaterThan(10);
        expect(['public-domain', 'free-with-attribution']).toContain(definition.licence);
        if (definition.licence === 'free-with-attribution')
          expect(definition.attribution?.length).toBeGreaterThan(10);
        expect(definition.contentHash).toMatch(/^sha256:[0-9a-f]{64}$/);
        expect(definition.checked).toMatchObject({ by: 'xinqiao-team', on: '2026-11-25' });
        expect(definition.version).toBeGreaterThanOrEqual(1);
      });

      it('has every text in both languages', () => {
        const texts = [
          definition.title,
          definition.instructions,
          ...definition.items.flatMap((item) => [
            item.text,
            ...item.options.map((option) => option.label),
          ]),
        ];
        for (const text of texts) {
          expect(text['zh-CN'].trim()).not.toBe('');
          expect(text.en.trim()).not.toBe('');
          expect(text['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
        }
      });

      it('states its translation status honestly', () => {
        const status = definition.translation['zh-CN'];
        if (status.status === 'official') expect(status.source.length).toBeGreaterThan(10);
        else expect(status.note.length).toBeGreaterThan(10);
      });

      it('passes every semantic check', () => {
        expect(definitionProblems(definition)).toEqual([]);
      });

      it('has an age range and respondent', () => {
        expect(definition.ageRange.min).toBeGreaterThanOrEqual(0);
        expect(['self', 'parent']).toContain(definition.respondent);
      });
    },
  );

  it('PHQ-9: q1–q9 scored 0–3, q10 the unscored difficulty item', () => {
    const phq9 = content('phq-9');
    expect(phq9.items.map((item) => item.id)).toEqual([
      'q1',
      'q2',
      'q3',
      'q4',
      'q5',
      'q6',
      'q7',
      'q8',
      'q9',
      'q10',
    ]);
    expect(phq9.items.filter((item) => item.scored).map((item) => item.id)).toEqual([
      'q1',
      'q2',
      'q3',
      'q4',
      'q5',
      'q6',
      'q7',
      'q8',
      'q9',
    ]);
    expect(phq9.items[8]?.text.en).toMatch(/better off dead/);
    expect(phq9.items[9]?.text.en).toMatch(/how difficult/);
  });

  it('PHQ-A: q1–q9 scored, q10 past year, q11 difficulty, q12 past-month thoughts, q13 lifetime attempt', () => {
    const phqA = content('phq-a');
    expect(phqA.items).toHaveLength(13);
    expect(phqA.items.filter((item) => item.scored)).toHaveLength(9);
    expect(phqA.items[9]?.text.en).toMatch(/past year/);
    expect(phqA.items[10]?.text.en).toMatch(/how difficult/);
    expect(phqA.items[11]?.text.en).toMatch(/past month.*ending your life/);
    expect(phqA.items[12]?.text.en).toMatch(/tried to kill yourself/);
    for (const index of [9, 11, 12])
      expect(phqA.items[index]?.options.map((option) => option.code)).toEqual(['yes', 'no']);
  });

  it('GAD-7: seven items whose lowest option is "Not at all" (never "Not at all sure")', () => {
    const gad7 = content('gad-7');
    expect(gad7.items).toHaveLength(7);
    for (const item of gad7.items) {
      expect(item.options.map((option) => option.code)).toEqual([0, 1, 2, 3]);
      expect(item.options[0]?.label.en).toBe('Not at all');
    }
  });

  it('ASQ: q1–q5, q5 asked only after a positive screen, declined is an option', () => {
    const asq = content('asq');
    expect(asq.items.map((item) => item.id)).toEqual(['q1', 'q2', 'q3', 'q4', 'q5']);
    expect(asq.items[4]?.askIf).toEqual({
      anyOf: ['q1', 'q2', 'q3', 'q4'],
      equals: ['yes', 'declined'],
    });
    for (const item of asq.items)
      expect(item.options.map((option) => option.code)).toEqual(['yes', 'no', 'declined']);
  });

  it('PSC-17: 17 items 0–2 in the Gardner order, filled by a parent, subscales keyed by item id', () => {
    const psc17 = content('psc-17');
    expect(psc17.items).toHaveLength(17);
    expect(psc17.respondent).toBe('parent');
    expect(psc17.items[0]?.text.en).toBe('Fidgety, unable to sit still');
    expect(psc17.items[1]?.text.en).toBe('Feels sad, unhappy');
    expect(psc17.items[16]?.text.en).toBe('Distracted easily');
    if (psc17.scoring.kind !== 'subscale-sum') throw new Error('expected subscale-sum');
    expect(psc17.scoring.subscales).toEqual([
      { id: 'internalizing', items: ['q2', 'q6', 'q9', 'q11', 'q15'], cutoff: 5 },
      { id: 'attention', items: ['q1', 'q3', 'q7', 'q13', 'q17'], cutoff: 7 },
      { id: 'externalizing', items: ['q4', 'q5', 'q8', 'q10', 'q12', 'q14', 'q16'], cutoff: 7 },
    ]);
  });

  it('age ranges follow the sources', () => {
    expect(content('phq-a').ageRange).toEqual({ min: 11, max: 17 });
    expect(content('asq').ageRange).toEqual({ min: 10, max: 24 });
    expect(content('psc-17').ageRange).toEqual({ min: 4, max: 16 });
    expect(content('phq-9').ageRange).toEqual({ min: 13, max: null });
    expect(content('gad-7').ageRange).toEqual({ min: 11, max: null });
  });

  it('definitions are frozen: no caller can alter the registry through them', () => {
    const phq9 = content('phq-9');
    expect(Object.isFrozen(phq9)).toBe(true);
    expect(Object.isFrozen(phq9.items[0]?.text)).toBe(true);
  });

  it.each(slots.map((slot) => [slot.id, slot] as const))(
    'licensed slot %s: metadata only, licence "licensed"',
    (_id, slot) => {
      expect(slot.licence).toBe('licensed');
      expect('items' in slot).toBe(false);
      expect(slot.source.citation.length).toBeGreaterThan(10);
      expect(slot.licenceNote['zh-CN'].length).toBeGreaterThan(5);
      expect(slot.licenceNote.en.length).toBeGreaterThan(5);
    },
  );
});

describe('definition checks', () => {
  const broken = (mutate: (definition: InstrumentDefinition) => void): string[] => {
    const definition = structuredClone(content('phq-9')) as InstrumentDefinition;
    mutate(definition);
    return definitionProblems(definition);
  };

  it.each<[string, (definition: InstrumentDefinition) => void]>([
    ['items out of order', (d) => d.items.reverse()],
    [
      'a stated max that the items do not reach',
      (d) => d.scoring.kind === 'likert-sum' && (d.scoring.max = 30),
    ],
    [
      'bands not starting at 0',
      (d) => d.scoring.kind === 'likert-sum' && (d.scoring.bands[0]!.min = 1),
    ],
    ['descending bands', (d) => d.scoring.kind === 'likert-sum' && (d.scoring.bands[2]!.min = 3)],
    ['a critical item that does not exist', (d) => (d.criticalItems[0]!.item = 'q42')],
    ['an empty Chinese text', (d) => (d.items[0]!.text['zh-CN'] = ' ')],
    ['duplicate option codes', (d) => (d.items[0]!.options[1]!.code = 0)],
    ['"scored" disagreeing with the rule', (d) => (d.items[9]!.scored = true)],
  ])('catch %s', (_what, mutate) => {
    expect(broken(mutate).length).toBeGreaterThan(0);
  });
});
