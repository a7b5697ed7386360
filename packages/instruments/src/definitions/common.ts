import type { ContentCheck, LocalizedText, Option } from './types.js';

/** A text in both locales: zh-CN first, as everywhere in Xinqiao. */
export function t(zh: string, en: string): LocalizedText {
  return { 'zh-CN': zh, en };
}

/** When the item and option texts were last compared with the cited source. */
export function checked(against: string): ContentCheck {
  return { by: 'xinqiao-team', on: '2026-11-25', against };
}

/**
 * The PHQ/GAD frequency scale, 0–3. The lowest option is "Not at all" (some published copies of the
 * GAD-7 wrongly print "Not at all sure").
 */
export const frequencyOptions: Option[] = [
  { code: 0, label: t('完全不会', 'Not at all') },
  { code: 1, label: t('好几天', 'Several days') },
  { code: 2, label: t('一半以上的天数', 'More than half the days') },
  { code: 3, label: t('几乎每天', 'Nearly every day') },
];

/** The unscored functional-difficulty question of the PHQ forms. */
export const difficultyOptions: Option[] = [
  { code: 0, label: t('毫无困难', 'Not difficult at all') },
  { code: 1, label: t('有点困难', 'Somewhat difficult') },
  { code: 2, label: t('非常困难', 'Very difficult') },
  { code: 3, label: t('极度困难', 'Extremely difficult') },
];

export const yesNoOptions: Option[] = [
  { code: 'yes', label: t('是', 'Yes') },
  { code: 'no', label: t('否', 'No') },
];
