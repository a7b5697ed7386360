import { checked, difficultyOptions, frequencyOptions, t, yesNoOptions } from './common.js';
import type { InstrumentDefinition } from './types.js';

/**
 * PHQ-A — the PHQ-9 modified for adolescents, as reproduced on the NIMH ASQ toolkit pages
 * (adapted from Johnson et al. 2002). Items 1–9 scored 0–3 like the PHQ-9, with the same bands;
 * q10 past-year depressed (yes/no), q11 difficulty (unscored), q12 serious thoughts of ending your
 * life in the past month (yes/no), q13 ever tried to kill yourself (yes/no).
 * Note the adolescent order differs from the PHQ-9 (q1 is "feeling down", q2 "little interest"):
 * rules are keyed by item id, never by position. Item 9 is still the self-harm item.
 */
export const phqA: InstrumentDefinition = {
  kind: 'content',
  id: 'phq-a',
  version: 1,
  abbreviation: 'PHQ-A',
  title: t('青少年版患者健康问卷（PHQ-A）', 'PHQ-9 modified for Adolescents (PHQ-A)'),
  instructions: t(
    '在过去两周里，下面这些情况困扰你的频率有多高？请为每一项选出最符合你感受的答案。',
    'How often have you been bothered by each of the following symptoms during the past two weeks? For each symptom put an "X" in the box beneath the answer that best describes how you have been feeling.',
  ),
  respondent: 'self',
  ageRange: { min: 11, max: 17 },
  licence: 'free-with-attribution',
  attribution:
    'PHQ-A adapted from the PHQ (Spitzer, Williams, Kroenke and colleagues, with an educational grant from Pfizer Inc.); Johnson JG et al., J Adolesc Health 2002. As reproduced in the NIMH ASQ toolkit.',
  source: {
    citation:
      'Johnson JG, Harris ES, Spitzer RL, Williams JBW. The Patient Health Questionnaire for Adolescents: validation of an instrument for the assessment of mental disorders among adolescent primary care patients. J Adolesc Health. 2002;30(3):196-204. Form text: NIMH ASQ toolkit, "PHQ-9 modified for Adolescents (PHQ-A)"; scoring: GLAD-PC toolkit, "Scoring the PHQ-9 modified for Teens".',
    url: 'https://www.nimh.nih.gov/research/research-conducted-at-nimh/asq-toolkit-materials/asq-tool/phq-9-modified-for-adolescents-phq-a',
    terms:
      'Published by NIMH as part of a free toolkit; PHQ content under Pfizer\'s "no permission required to reproduce, translate, display or distribute".',
  },
  translation: {
    'zh-CN': {
      status: 'unvalidated',
      note: 'Translated by the Xinqiao team for students (no published Chinese PHQ-A was found); not back-translated or validated.',
    },
  },
  items: [
    {
      id: 'q1',
      scored: true,
      options: frequencyOptions,
      text: t(
        '感到心情低落、沮丧、烦躁或没有希望？',
        'Feeling down, depressed, irritable, or hopeless?',
      ),
    },
    {
      id: 'q2',
      scored: true,
      options: frequencyOptions,
      text: t('做事情提不起兴趣，或感受不到乐趣？', 'Little interest or pleasure in doing things?'),
    },
    {
      id: 'q3',
      scored: true,
      options: frequencyOptions,
      text: t(
        '入睡困难、睡不安稳，或睡得太多？',
        'Trouble falling asleep, staying asleep, or sleeping too much?',
      ),
    },
    {
      id: 'q4',
      scored: true,
      options: frequencyOptions,
      text: t('没有胃口、体重减轻，或吃得太多？', 'Poor appetite, weight loss, or overeating?'),
    },
    {
      id: 'q5',
      scored: true,
      options: frequencyOptions,
      text: t('感到疲倦，或没有精力？', 'Feeling tired, or having little energy?'),
    },
    {
      id: 'q6',
      scored: true,
      options: frequencyOptions,
      text: t(
        '觉得自己很差劲——或觉得自己很失败，或觉得让自己或家人失望了？',
        'Feeling bad about yourself – or feeling that you are a failure, or that you have let yourself or your family down?',
      ),
    },
    {
      id: 'q7',
      scored: true,
      options: frequencyOptions,
      text: t(
        '很难集中注意力，比如做功课、阅读或看电视的时候？',
        'Trouble concentrating on things like school work, reading, or watching TV?',
      ),
    },
    {
      id: 'q8',
      scored: true,
      options: frequencyOptions,
      text: t(
        '动作或说话慢到别人都能察觉？或者正好相反——烦躁、坐立不安，比平时动来动去多得多？',
        'Moving or speaking so slowly that other people could have noticed? Or the opposite – being so fidgety or restless that you were moving around a lot more than usual?',
      ),
    },
    {
      id: 'q9',
      scored: true,
      options: frequencyOptions,
      text: t(
        '有过“自己死了会更好”的想法，或者想用某种方式伤害自己？',
        'Thoughts that you would be better off dead, or of hurting yourself in some way?',
      ),
    },
    {
      id: 'q10',
      scored: false,
      options: yesNoOptions,
      text: t(
        '在过去一年里，即使有时感觉还好，你是否大多数日子都感到抑郁或难过？',
        'In the past year have you felt depressed or sad most days, even if you felt okay sometimes?',
      ),
    },
    {
      id: 'q11',
      scored: false,
      options: difficultyOptions,
      text: t(
        '如果你有这份问卷上的任何问题，这些问题给你完成学习或工作、做家里的事情或与他人相处带来了多大困难？',
        'If you are experiencing any of the problems on this form, how difficult have these problems made it for you to do your work, take care of things at home or get along with other people?',
      ),
    },
    {
      id: 'q12',
      scored: false,
      options: yesNoOptions,
      text: t(
        '在过去一个月里，你是否有过认真想要结束自己生命的念头？',
        'Has there been a time in the past month when you have had serious thoughts about ending your life?',
      ),
    },
    {
      id: 'q13',
      scored: false,
      options: yesNoOptions,
      text: t(
        '在你的一生中，你是否曾经尝试过自杀？',
        'Have you EVER, in your WHOLE LIFE, tried to kill yourself or made a suicide attempt?',
      ),
    },
  ],
  scoring: {
    kind: 'likert-sum',
    items: ['q1', 'q2', 'q3', 'q4', 'q5', 'q6', 'q7', 'q8', 'q9'],
    max: 27,
    bands: [
      { min: 0, band: 'minimal' },
      { min: 5, band: 'mild' },
      { min: 10, band: 'moderate' },
      { min: 15, band: 'moderately-severe' },
      { min: 20, band: 'severe' },
    ],
  },
  criticalItems: [
    {
      item: 'q9',
      when: { kind: 'at-least', value: 1 },
      flag: 'suicidal-ideation',
      followUp: ['asq'],
    },
    {
      item: 'q12',
      when: { kind: 'one-of', values: ['yes'] },
      flag: 'past-month-ideation',
      followUp: ['asq'],
    },
    {
      item: 'q13',
      when: { kind: 'one-of', values: ['yes'] },
      flag: 'lifetime-attempt',
      followUp: [],
    },
  ],
  contentHash: 'sha256:8ace83f4a3fc4bc0727f0b441005a68348bba29316561bdcaf17e4ce6b1ce82b',
  checked: checked(
    'English: the NIMH ASQ toolkit page "PHQ-9 modified for Adolescents (PHQ-A)" and the GLAD-PC form. Chinese: see translation note.',
  ),
};
