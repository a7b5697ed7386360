import { t } from './common.js';
import type { LicensedSlot } from './types.js';

/**
 * Instruments we may not ship as content (DOMAIN.md, "must NOT ship"). Metadata only: `score`
 * refuses them until a registry is given licensed content (`registerLicensedContent`) by a
 * deployment that holds a licence.
 */
export const sdq: LicensedSlot = {
  kind: 'licensed-slot',
  id: 'sdq',
  abbreviation: 'SDQ',
  title: t('长处和困难问卷（SDQ）', 'Strengths and Difficulties Questionnaire (SDQ)'),
  respondents: ['parent', 'self'],
  ageRange: { min: 4, max: 17 },
  licence: 'licensed',
  source: {
    citation:
      'Goodman R. The Strengths and Difficulties Questionnaire: a research note. J Child Psychol Psychiatry. 1997;38(5):581-586.',
    url: 'https://www.sdqinfo.org/',
    terms:
      'youthinmind forbids electronic versions without authorisation and any modification of the items.',
  },
  licenceNote: t(
    'SDQ 的电子版本须获得 youthinmind 授权，且不得修改条目。配置授权内容后方可使用。',
    'Electronic versions of the SDQ need authorisation from youthinmind and the items may not be modified. Usable once licensed content is configured.',
  ),
};

export const rcads: LicensedSlot = {
  kind: 'licensed-slot',
  id: 'rcads',
  abbreviation: 'RCADS',
  title: t('修订版儿童焦虑抑郁量表（RCADS）', 'Revised Child Anxiety and Depression Scale (RCADS)'),
  respondents: ['self', 'parent'],
  ageRange: { min: 8, max: 18 },
  licence: 'licensed',
  source: {
    citation:
      'Chorpita BF, Yim L, Moffitt C, Umemoto LA, Francis SE. Assessment of symptoms of DSM-IV anxiety and depression in children: a revised child anxiety and depression scale. Behav Res Ther. 2000;38(8):835-855.',
    url: 'https://www.childfirst.ucla.edu/resources/',
    terms: 'Written permission is required for institutional or electronic use.',
  },
  licenceNote: t(
    'RCADS 用于机构或电子化用途须取得书面许可。配置授权内容后方可使用。',
    'Institutional or electronic use of the RCADS needs written permission. Usable once licensed content is configured.',
  ),
};

export const cssrs: LicensedSlot = {
  kind: 'licensed-slot',
  id: 'c-ssrs',
  abbreviation: 'C-SSRS',
  title: t(
    '哥伦比亚自杀严重程度评定量表（C-SSRS）',
    'Columbia Suicide Severity Rating Scale (C-SSRS)',
  ),
  respondents: ['self'],
  ageRange: { min: 6, max: null },
  licence: 'licensed',
  source: {
    citation:
      'Posner K, Brown GK, Stanley B, et al. The Columbia-Suicide Severity Rating Scale: initial validity and internal consistency findings from three multisite studies with adolescents and adults. Am J Psychiatry. 2011;168(12):1266-1277.',
    url: 'https://cssrs.columbia.edu/',
    terms: 'Electronic versions are under an exclusive licence with per-use fees.',
  },
  licenceNote: t(
    'C-SSRS 电子版本为独家授权并按次收费。配置授权内容后方可使用。',
    'Electronic versions of the C-SSRS are exclusively licensed, with per-use fees. Usable once licensed content is configured.',
  ),
};

export const mht: LicensedSlot = {
  kind: 'licensed-slot',
  id: 'mht',
  abbreviation: 'MHT',
  title: t('心理健康诊断测验（MHT）', 'Mental Health Test (MHT, 心理健康诊断测验)'),
  respondents: ['self'],
  ageRange: { min: 9, max: 18 },
  licence: 'licensed',
  source: {
    citation: '周步成 等. 心理健康诊断测验（MHT）手册. 上海: 华东师范大学出版社, 1991.',
    url: 'https://www.ecnupress.com.cn/',
    terms:
      'Commercial Chinese test; copyright unclear. Many web copies are corrupted (e.g. 40-item versions).',
  },
  licenceNote: t(
    'MHT 为商业测验，版权情况不明，网上流传版本多有错误。须由持有授权的部署提供经核对的内容。',
    'The MHT is a commercial test with unclear copyright, and many copies on the web are corrupted. A deployment holding a licence must supply checked content.',
  ),
};

export const licensedSlots: readonly LicensedSlot[] = [sdq, rcads, cssrs, mht];
