import { checked, t } from './common.js';
import type { InstrumentDefinition, Option } from './types.js';

const asqOptions: Option[] = [
  { code: 'yes', label: t('是', 'Yes') },
  { code: 'no', label: t('否', 'No') },
  { code: 'declined', label: t('我不想回答', 'Prefer not to answer') },
];

/**
 * ASQ — Ask Suicide-Screening Questions (NIMH; Horowitz et al. 2012). Q1–Q4 screen; Q5, the acuity
 * question, is asked only when any of Q1–Q4 is yes (or declined). Outcomes (ASQ toolkit, "ASQ Tool"
 * and information sheet): all of Q1–Q4 no → negative; any yes or declined on Q1–Q4 with Q5 no →
 * non-acute positive (brief suicide safety assessment before the student leaves); Q5 yes → acute
 * positive (imminent risk: do not leave the student alone, immediate full evaluation).
 *
 * Age range 10–24: the toolkit's validated youth range (it also notes use from age 8 and a 2020
 * adult validation; campaigns here serve ages 10–24).
 */
export const asq: InstrumentDefinition = {
  kind: 'content',
  id: 'asq',
  version: 1,
  abbreviation: 'ASQ',
  title: t('自杀风险筛查问题（ASQ）', 'Ask Suicide-Screening Questions (ASQ)'),
  instructions: t(
    '下面几个问题是关于你最近的想法和感受的。请如实回答，你的回答会帮助关心你的人及时给你支持。',
    'The next questions are about your recent thoughts and feelings. Please answer honestly, so that the people who care about you can support you.',
  ),
  respondent: 'self',
  ageRange: { min: 10, max: 24 },
  licence: 'public-domain',
  attribution: 'Ask Suicide-Screening Questions (ASQ), National Institute of Mental Health (NIMH).',
  source: {
    citation:
      'Horowitz LM, Bridge JA, Teach SJ, et al. Ask Suicide-Screening Questions (ASQ): a brief instrument for the pediatric emergency department. Arch Pediatr Adolesc Med. 2012;166(12):1170-1176. Form text and pathway: NIMH ASQ Suicide Risk Screening Toolkit, "ASQ Tool" and "Information Sheet".',
    url: 'https://www.nimh.nih.gov/research/research-conducted-at-nimh/asq-toolkit-materials',
    terms:
      'A free resource published by NIMH, a US federal agency (works of the US Government are in the public domain).',
  },
  translation: {
    'zh-CN': {
      status: 'unvalidated',
      note: 'Translated by the Xinqiao team. NIMH publishes a Mandarin ASQ among its translations; compare with it and switch to "official" citing it once checked.',
    },
  },
  items: [
    {
      id: 'q1',
      scored: true,
      options: asqOptions,
      text: t(
        '在过去几周里，你是否曾希望自己已经死了？',
        'In the past few weeks, have you wished you were dead?',
      ),
    },
    {
      id: 'q2',
      scored: true,
      options: asqOptions,
      text: t(
        '在过去几周里，你是否曾觉得如果你死了，你或你的家人会过得更好？',
        'In the past few weeks, have you felt that you or your family would be better off if you were dead?',
      ),
    },
    {
      id: 'q3',
      scored: true,
      options: asqOptions,
      text: t(
        '在过去一周里，你是否有过想要自杀的念头？',
        'In the past week, have you been having thoughts about killing yourself?',
      ),
    },
    {
      id: 'q4',
      scored: true,
      options: asqOptions,
      text: t('你是否曾经尝试过自杀？', 'Have you ever tried to kill yourself?'),
    },
    {
      id: 'q5',
      scored: true,
      options: asqOptions,
      askIf: { anyOf: ['q1', 'q2', 'q3', 'q4'], equals: ['yes', 'declined'] },
      text: t(
        '你现在是否有想要自杀的念头？',
        'Are you having thoughts of killing yourself right now?',
      ),
    },
  ],
  scoring: { kind: 'asq', screenItems: ['q1', 'q2', 'q3', 'q4'], acuityItem: 'q5' },
  criticalItems: [],
  contentHash: 'sha256:c137b23e32e4eabe3985a438eaf50573a0ffc8addae96771f8ca8b9a366e8fb0',
  checked: checked(
    'English: the NIMH ASQ toolkit "ASQ Tool" (questions 1–5). Chinese: see translation note. The "Prefer not to answer" option records the toolkit\'s "declines to answer", which counts as positive.',
  ),
};
