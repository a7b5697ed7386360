import { checked, frequencyOptions, t } from './common.js';
import type { InstrumentDefinition } from './types.js';

/**
 * GAD-7 — Generalized Anxiety Disorder 7-item scale (Spitzer et al. 2006). Seven items 0–3,
 * total 0–21; severity (PHQ/GAD-7 instruction manual): 0–4 minimal, 5–9 mild, 10–14 moderate,
 * 15–21 severe. The lowest option is "Not at all" (some copies wrongly print "Not at all sure").
 *
 * Age range 11+: validated in adults (Spitzer 2006) and in adolescents 11–17 (Mossman et al. 2017).
 * The optional functional-difficulty question printed under some copies of the form is not part of
 * this version: it is not scored and its wording has not been checked against the source.
 */
export const gad7: InstrumentDefinition = {
  kind: 'content',
  id: 'gad-7',
  version: 1,
  abbreviation: 'GAD-7',
  title: t('广泛性焦虑障碍量表（GAD-7）', 'Generalized Anxiety Disorder 7-item scale (GAD-7)'),
  instructions: t(
    '在过去两个星期，有多少时候您受到以下任何问题所困扰？',
    'Over the last 2 weeks, how often have you been bothered by the following problems?',
  ),
  respondent: 'self',
  ageRange: { min: 11, max: null },
  licence: 'free-with-attribution',
  attribution:
    'Developed by Drs. Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke and colleagues, with an educational grant from Pfizer Inc. No permission required to reproduce, translate, display or distribute.',
  source: {
    citation:
      'Spitzer RL, Kroenke K, Williams JBW, Löwe B. A brief measure for assessing generalized anxiety disorder: the GAD-7. Arch Intern Med. 2006;166(10):1092-1097. Scoring: Instruction Manual, Instructions for Patient Health Questionnaire (PHQ) and GAD-7 Measures (Pfizer). Adolescents: Mossman SA et al. Ann Clin Psychiatry. 2017;29(4):227-234A.',
    url: 'https://www.phqscreeners.com/',
    terms: 'Pfizer: "No permission required to reproduce, translate, display or distribute."',
  },
  translation: {
    'zh-CN': {
      status: 'unvalidated',
      note: 'Follows the Simplified Chinese GAD-7 wording widely reproduced from the Pfizer translation (phqscreeners.com), but has not yet been compared word for word with the official file; switch to "official" once it has.',
    },
  },
  items: [
    {
      id: 'q1',
      scored: true,
      options: frequencyOptions,
      text: t('感觉紧张，焦虑或急切', 'Feeling nervous, anxious, or on edge'),
    },
    {
      id: 'q2',
      scored: true,
      options: frequencyOptions,
      text: t('不能够停止或控制担忧', 'Not being able to stop or control worrying'),
    },
    {
      id: 'q3',
      scored: true,
      options: frequencyOptions,
      text: t('对各种各样的事情担忧过多', 'Worrying too much about different things'),
    },
    {
      id: 'q4',
      scored: true,
      options: frequencyOptions,
      text: t('很难放松下来', 'Trouble relaxing'),
    },
    {
      id: 'q5',
      scored: true,
      options: frequencyOptions,
      text: t('由于不安而无法静坐', 'Being so restless that it is hard to sit still'),
    },
    {
      id: 'q6',
      scored: true,
      options: frequencyOptions,
      text: t('变得容易烦恼或急躁', 'Becoming easily annoyed or irritable'),
    },
    {
      id: 'q7',
      scored: true,
      options: frequencyOptions,
      text: t(
        '感到似乎将有可怕的事情发生而害怕',
        'Feeling afraid, as if something awful might happen',
      ),
    },
  ],
  scoring: {
    kind: 'likert-sum',
    items: ['q1', 'q2', 'q3', 'q4', 'q5', 'q6', 'q7'],
    max: 21,
    bands: [
      { min: 0, band: 'minimal' },
      { min: 5, band: 'mild' },
      { min: 10, band: 'moderate' },
      { min: 15, band: 'severe' },
    ],
  },
  criticalItems: [],
  contentHash: 'sha256:3549f14bdd49fff267ebc1d1da8cdd053f59600f11943ecea797c9868cfc3b20',
  checked: checked(
    'English: the Pfizer GAD-7 form (phqscreeners.com). Chinese: see translation note.',
  ),
};
