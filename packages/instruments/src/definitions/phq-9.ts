import { checked, difficultyOptions, frequencyOptions, t } from './common.js';
import type { InstrumentDefinition } from './types.js';

/**
 * PHQ-9 — Patient Health Questionnaire, depression module (Kroenke, Spitzer & Williams 2001).
 * Items 1–9 scored 0–3 (total 0–27); item 10, the difficulty question, is not scored.
 * Severity (PHQ/GAD-7 instruction manual): 0–4 minimal, 5–9 mild, 10–14 moderate,
 * 15–19 moderately severe, 20–27 severe. Item 9 ≥ 1 always needs a suicide-risk follow-up.
 *
 * Age range 13+: the adolescent validation (Richardson et al. 2010) covered ages 13–17 and the
 * manual's validation adults; for ages 11–12 use the PHQ-A, whose wording was adapted for them.
 */
export const phq9: InstrumentDefinition = {
  kind: 'content',
  id: 'phq-9',
  version: 1,
  abbreviation: 'PHQ-9',
  title: t('患者健康问卷（PHQ-9）', 'Patient Health Questionnaire (PHQ-9)'),
  instructions: t(
    '在过去两个星期，有多少时候您受到以下任何问题所困扰？',
    'Over the last 2 weeks, how often have you been bothered by any of the following problems?',
  ),
  respondent: 'self',
  ageRange: { min: 13, max: null },
  licence: 'free-with-attribution',
  attribution:
    'Developed by Drs. Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke and colleagues, with an educational grant from Pfizer Inc. No permission required to reproduce, translate, display or distribute.',
  source: {
    citation:
      'Kroenke K, Spitzer RL, Williams JBW. The PHQ-9: validity of a brief depression severity measure. J Gen Intern Med. 2001;16(9):606-613. Scoring: Instruction Manual, Instructions for Patient Health Questionnaire (PHQ) and GAD-7 Measures (Pfizer).',
    url: 'https://www.phqscreeners.com/',
    terms: 'Pfizer: "No permission required to reproduce, translate, display or distribute."',
  },
  translation: {
    'zh-CN': {
      status: 'unvalidated',
      note: 'Follows the Simplified Chinese PHQ-9 wording widely reproduced from the Pfizer translation (phqscreeners.com), but has not yet been compared word for word with the official file; switch to "official" once it has.',
    },
  },
  items: [
    {
      id: 'q1',
      scored: true,
      options: frequencyOptions,
      text: t('做事时提不起劲或没有兴趣', 'Little interest or pleasure in doing things'),
    },
    {
      id: 'q2',
      scored: true,
      options: frequencyOptions,
      text: t('感到心情低落、沮丧或绝望', 'Feeling down, depressed, or hopeless'),
    },
    {
      id: 'q3',
      scored: true,
      options: frequencyOptions,
      text: t(
        '入睡困难、睡不安稳或睡眠过多',
        'Trouble falling or staying asleep, or sleeping too much',
      ),
    },
    {
      id: 'q4',
      scored: true,
      options: frequencyOptions,
      text: t('感觉疲倦或没有活力', 'Feeling tired or having little energy'),
    },
    {
      id: 'q5',
      scored: true,
      options: frequencyOptions,
      text: t('食欲不振或吃太多', 'Poor appetite or overeating'),
    },
    {
      id: 'q6',
      scored: true,
      options: frequencyOptions,
      text: t(
        '觉得自己很糟——或觉得自己很失败，或让自己或家人失望',
        'Feeling bad about yourself — or that you are a failure or have let yourself or your family down',
      ),
    },
    {
      id: 'q7',
      scored: true,
      options: frequencyOptions,
      text: t(
        '对事物专注有困难，例如阅读报纸或看电视时',
        'Trouble concentrating on things, such as reading the newspaper or watching television',
      ),
    },
    {
      id: 'q8',
      scored: true,
      options: frequencyOptions,
      text: t(
        '动作或说话速度缓慢到别人已经觉察？或正好相反——烦躁或坐立不安、动来动去的情况更胜于平常',
        'Moving or speaking so slowly that other people could have noticed? Or the opposite — being so fidgety or restless that you have been moving around a lot more than usual',
      ),
    },
    {
      id: 'q9',
      scored: true,
      options: frequencyOptions,
      text: t(
        '有不如死掉或用某种方式伤害自己的念头',
        'Thoughts that you would be better off dead, or of hurting yourself in some way',
      ),
    },
    {
      id: 'q10',
      scored: false,
      options: difficultyOptions,
      text: t(
        '如果您检查出有任何问题，这些问题在您工作、处理家庭事务，或与他人相处上造成了多大的困难？',
        'If you checked off any problems, how difficult have these problems made it for you to do your work, take care of things at home, or get along with other people?',
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
  ],
  contentHash: 'sha256:83cdf17fd74a2361bbba025133a832cbdd0e9aca450293f6e2a57b953649c7de',
  checked: checked(
    'English: the Pfizer PHQ-9 form (phqscreeners.com). Chinese: see translation note.',
  ),
};
