import { checked, t } from './common.js';
import type { InstrumentDefinition, Option } from './types.js';

const pscOptions: Option[] = [
  { code: 0, label: t('从不', 'Never') },
  { code: 1, label: t('有时', 'Sometimes') },
  { code: 2, label: t('经常', 'Often') },
];

/**
 * PSC-17 — Pediatric Symptom Checklist, 17 items (Gardner et al. 1999), parent report, in the
 * Gardner form order. Items 0 Never · 1 Sometimes · 2 Often. Subscales: internalizing = items
 * 2, 6, 9, 11, 15 (positive ≥ 5); attention = 1, 3, 7, 13, 17 (≥ 7); externalizing = 4, 5, 8,
 * 10, 12, 14, 16 (≥ 7); total ≥ 15 positive. Blank items count 0; four or more blanks make the
 * form invalid. Other publishers renumber the items, so subscales are keyed by item id here.
 */
export const psc17: InstrumentDefinition = {
  kind: 'content',
  id: 'psc-17',
  version: 1,
  abbreviation: 'PSC-17',
  title: t(
    '儿童症状检查表（PSC-17，家长填写）',
    'Pediatric Symptom Checklist (PSC-17), parent report',
  ),
  instructions: t(
    '请根据您孩子的情况，为每一项选择最符合的一栏。',
    'Please mark under the heading that best fits your child.',
  ),
  respondent: 'parent',
  ageRange: { min: 4, max: 16 },
  licence: 'free-with-attribution',
  attribution:
    'Pediatric Symptom Checklist-17 (PSC-17), Gardner W, Murphy JM, Jellinek MS et al.; Massachusetts General Hospital.',
  source: {
    citation:
      'Gardner W, Murphy M, Childs G, et al. The PSC-17: a brief pediatric symptom checklist with psychosocial problem subscales. A report from PROS and ASPN. Ambulatory Child Health. 1999;5:225-236. Form and scoring: Massachusetts General Hospital, Pediatric Symptom Checklist.',
    url: 'https://www.massgeneral.org/psychiatry/treatments-and-services/pediatric-symptom-checklist',
    terms: 'The PSC and PSC-17 "may be freely reproduced"; keep the attribution.',
  },
  translation: {
    'zh-CN': {
      status: 'unvalidated',
      note: 'Translated by the Xinqiao team for parents; not back-translated or validated. Published Chinese PSC-17 versions exist in research; compare with one before claiming "official".',
    },
  },
  items: [
    {
      id: 'q1',
      scored: true,
      options: pscOptions,
      text: t('坐不住，总是动来动去', 'Fidgety, unable to sit still'),
    },
    {
      id: 'q2',
      scored: true,
      options: pscOptions,
      text: t('感到难过、不开心', 'Feels sad, unhappy'),
    },
    {
      id: 'q3',
      scored: true,
      options: pscOptions,
      text: t('常常发呆、做白日梦', 'Daydreams too much'),
    },
    {
      id: 'q4',
      scored: true,
      options: pscOptions,
      text: t('不愿意和别人分享', 'Refuses to share'),
    },
    {
      id: 'q5',
      scored: true,
      options: pscOptions,
      text: t('不理解别人的感受', "Does not understand other people's feelings"),
    },
    { id: 'q6', scored: true, options: pscOptions, text: t('感到没有希望', 'Feels hopeless') },
    {
      id: 'q7',
      scored: true,
      options: pscOptions,
      text: t('难以集中注意力', 'Has trouble concentrating'),
    },
    {
      id: 'q8',
      scored: true,
      options: pscOptions,
      text: t('和其他孩子打架', 'Fights with other children'),
    },
    {
      id: 'q9',
      scored: true,
      options: pscOptions,
      text: t('看不起自己、常常责怪自己', 'Is down on him or herself'),
    },
    {
      id: 'q10',
      scored: true,
      options: pscOptions,
      text: t('把自己遇到的麻烦怪到别人身上', 'Blames others for his or her troubles'),
    },
    {
      id: 'q11',
      scored: true,
      options: pscOptions,
      text: t('好像没有以前那么快乐了', 'Seems to be having less fun'),
    },
    {
      id: 'q12',
      scored: true,
      options: pscOptions,
      text: t('不听从规则', 'Does not listen to rules'),
    },
    {
      id: 'q13',
      scored: true,
      options: pscOptions,
      text: t('像装了马达一样停不下来', 'Acts as if driven by a motor'),
    },
    { id: 'q14', scored: true, options: pscOptions, text: t('取笑、捉弄别人', 'Teases others') },
    { id: 'q15', scored: true, options: pscOptions, text: t('经常担心', 'Worries a lot') },
    {
      id: 'q16',
      scored: true,
      options: pscOptions,
      text: t('拿不属于自己的东西', 'Takes things that do not belong to him or her'),
    },
    { id: 'q17', scored: true, options: pscOptions, text: t('容易分心', 'Distracted easily') },
  ],
  scoring: {
    kind: 'subscale-sum',
    max: 34,
    maxBlanks: 3,
    totalCutoff: 15,
    subscales: [
      { id: 'internalizing', items: ['q2', 'q6', 'q9', 'q11', 'q15'], cutoff: 5 },
      { id: 'attention', items: ['q1', 'q3', 'q7', 'q13', 'q17'], cutoff: 7 },
      { id: 'externalizing', items: ['q4', 'q5', 'q8', 'q10', 'q12', 'q14', 'q16'], cutoff: 7 },
    ],
  },
  criticalItems: [],
  contentHash: 'sha256:449ff8f5c3b37be8d90ccfe9fef0c4a99b282d4c539abc7638ca8b37ac0e81ca',
  checked: checked(
    'English: the PSC-17 form in the Gardner order (Massachusetts General Hospital). Chinese: see translation note.',
  ),
};
