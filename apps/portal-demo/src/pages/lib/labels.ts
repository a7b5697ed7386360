// zh-CN labels the portal shows for Xinqiao's codes.

export const tierLabels: Record<string, string> = {
  critical: '红色 · 危急',
  high: '橙色 · 高',
  attention: '黄色 · 关注',
  none: '无风险提示',
};

export const flagLabels: Record<string, string> = {
  'suicidal-ideation': '自伤念头（PHQ 第 9 题）',
  'past-month-ideation': '近一个月有轻生念头',
  'lifetime-attempt': '曾有自伤尝试',
  'asq-positive': 'ASQ 阳性',
  'asq-acute': 'ASQ 急性阳性',
  'asq-acuity-unknown': 'ASQ 急性程度未知',
  'follow-up-missing': '随访问卷未完成',
};

export const sourceLabels: Record<string, string> = {
  screening: '测评',
  safety_signal: '安全信号',
  concern: '关注上报',
};

export const caseEventLabels: Record<string, string> = {
  screening_filed: '测评结果归档',
  concern_raised: '关注上报',
  pairing_assigned: '结对导师',
  intervention_session: '心理辅导',
  peer_follow_up: '同伴跟进',
  home_school_contact: '家校联系',
  referral_proposed: '提出转介',
  referral_consented: '转介已获同意',
  referral_sent: '转介已发送',
  referral_accepted: '转介已接收',
  referral_rejected: '转介被拒绝',
  referral_completed: '转介已完成',
  rescreening: '复测',
  closure_requested: '申请结案',
  closure_approved: '结案已批准',
  note: '记录',
};

export const stageLabels: Record<string, string> = {
  assessment: '评估',
  pairing: '结对',
  intervention: '干预',
  peer_follow_up: '同伴跟进',
  home_school: '家校联系',
  referral: '转介',
};

export const statsColumnLabels: Record<string, string> = {
  enrolled: '在籍人数',
  screened: '已测评',
  coveragePercent: '覆盖率(%)',
  tierNone: '无风险',
  tierAttention: '黄色',
  tierHigh: '橙色',
  tierCritical: '红色',
  alertsOpen: '未确认预警',
  alertsOverdue: '逾期预警',
  casesOpenWithAdult: '有责任人个案',
  casesOpenWithoutAdult: '无责任人个案',
  pairs: '结对数',
  homeVisits: '家访次数',
  parentSchoolSessions: '家长学校场次',
  parentSchoolFamilies: '覆盖家庭',
  concernsRaised: '关注上报',
};

export const eligibilityReasonLabels: Record<string, string> = {
  not_open_yet: '测评尚未开始',
  closed: '测评已结束',
  not_in_campaign: '不在本次测评范围内',
  consent_required: '需要家长同意',
  already_submitted: '已完成',
};

/**
 * What to do now, per tier, in the portal's language (the API's `recommendedAction` is English
 * only for now; these follow the same routing table).
 */
export const recommendedActionLabels: Record<string, string> = {
  critical:
    '不要让学生独处。心理教师立即与学生面谈并做安全评估；是否及如何联系家长由心理教师决定并记录。',
  high: '心理教师在时限内与学生面谈评估，并决定、记录与家庭的联系方式。',
  attention: '列入心理教师待复核名单，5 个在校日内复核。',
};
