import type { Translation } from '../i18n/localize.js';

/**
 * zh-CN: the source catalog of `<xq-screening-form>`. Calm, plain words for a 11–17-year-old;
 * never a diagnosis or a label; honest about what the school has and has not been told.
 */
export const zh = {
  title: '心理健康小问卷',
  loading: '正在准备问卷…',
  unavailable: '问卷还没有连接到学校的系统，现在无法填写。',
  offline: '现在连不上网络，问卷暂时打不开。请联网后再试。',
  loadError: '问卷暂时打不开。请稍后再试，或者告诉老师。',
  retry: '再试一次',
  // eligibility, before question 1
  notOpenYet: (when: string) => `这次问卷还没有开始，${when} 开放。到时候再来吧。`,
  closed: '这次问卷已经结束了，不需要再填写。谢谢你。',
  notInCampaign: '这次问卷不是为你的年级或班级安排的，你不需要填写。',
  consentRequired:
    '开始之前，需要先得到家长（监护人）的同意。请家长在学校的平台上确认后，再来填写。',
  missingGuardian: '还需要：家长（监护人）同意',
  missingHealthData: '还需要：同意学校使用这份问卷里的健康信息',
  alreadySubmitted: '你已经完成了这次问卷，不需要再填写。谢谢你。',
  ineligibleHelp:
    '如果你现在感到难过或不安全，请告诉老师或家长；遇到危险时，请马上拨打 110 或 120。',
  // intro
  introText: '下面是一些关于你最近心情和感受的问题，没有对错之分，按你真实的情况选就好。',
  introTime: (n: number) => `一共大约 ${n} 道题，需要 5 到 10 分钟。`,
  introPrivacy: '你的回答只有学校的心理老师能看到，用来及时关心和支持你。',
  draftOn: '你的答案会自动保存在这台设备上（24 小时内有效），中途离开也不会丢失。',
  draftShared: '这台设备是公用的，答案不会保存在本机，请一次完成。',
  resumed: '已经为你恢复上次填写的答案。',
  start: '开始答题',
  resume: '继续答题',
  // questions
  questionOf: (n: number, total: number) => `第 ${n} 题，共 ${total} 题`,
  pageOf: (n: number, total: number) => `第 ${n} 页，共 ${total} 页`,
  back: '上一题',
  next: '下一题',
  submit: '提交答案',
  chooseOne: '请先选择一个答案，再继续。',
  // help panel
  helpTitle: '谢谢你愿意说出来',
  helpIntro: '你现在的感受很重要，你不需要一个人面对。',
  helpNowTitle: '现在可以做的事',
  helpNow1: '如果你有危险，或者担心自己会伤害自己，请马上拨打 110 或 120。',
  helpNow2: '现在就去找一位你信任的大人：班主任、心理老师、家长或身边的人，告诉他们你的感受。',
  helpNow3: '尽量不要一个人待着。',
  helpSending: '正在通知学校的老师……在收到确认之前，请先按下面的方法去找身边的大人。',
  helpSent: '学校的老师已经收到提醒，会尽快来找你。在老师来之前，你也可以先告诉身边的大人。',
  helpQueued:
    '学校还没有收到提醒：现在连不上网络。请现在就告诉一位你信任的大人——班主任、心理老师或家长，或者拨打下面的电话。联网后，这里会自动再通知学校。',
  helpUnsent:
    '学校还没有收到提醒：现在连不上网络。请现在就告诉一位你信任的大人——班主任、心理老师或家长，或者拨打下面的电话。请不要关闭这个页面，联网后会再试。',
  helpFailed:
    '学校还没有收到提醒：系统没有接收。请现在就告诉一位你信任的大人——班主任、心理老师或家长，或者拨打下面的电话。',
  helpContinue: '我知道了，继续答题',
  helpContinueSubmit: '我知道了，提交答案',
  helpClose: '返回',
  safetySent: '学校已收到提醒。',
  safetyNotSent: '学校还没有收到提醒，请告诉身边的大人。',
  safetySending: '正在通知学校…',
  showHelp: '查看求助方式',
  // submission
  submitting: '正在提交…',
  submittedTitle: '已提交，谢谢你',
  submittedFallback: '谢谢你认真完成问卷。如果你现在感到难过或不安全，请马上告诉身边的老师或家长。',
  queuedTitle: '答案已保存在这台设备上',
  queuedText: '还没有发送到学校：现在连不上网络。联网后会自动发送，在那之前请不要清除浏览器数据。',
  unsentText: '没有提交成功：现在连不上网络。你的答案还在，请联网后再点“提交答案”。',
  tierNone: '从这次的回答看，暂时没有需要特别关注的地方。照顾好自己，有需要随时找老师聊聊。',
  tierAttention:
    '从这次的回答看，你最近可能有些辛苦。心理老师可能会找你聊一聊，你也可以主动去找老师。',
  tierHigh: '从这次的回答看，你最近可能过得不太容易。心理老师会尽快和你聊一聊。',
  tierCritical: '从这次的回答看，你现在需要有人陪着你。老师会马上来找你，请先告诉身边的大人。',
  score: (name: string, total: string) => `${name}：${total} 分`,
  // refused after answering
  rejectedClosed: '没有提交成功：这次问卷已经结束了。',
  rejectedConsent: '没有提交成功：还需要家长（监护人）的同意。请家长确认后再来。',
  rejectedAlready: '没有提交成功：你已经提交过这次问卷了。',
  rejectedNotEligible: '没有提交成功：你现在不能参加这次问卷。',
  rejectedOther: '没有提交成功。请稍后再试，或者告诉老师。',
  rejectedSignalStored: '不过，你刚才提到的情况，学校的老师已经收到提醒。',
  // Guardian voice: the same screens when a parent answers about their child (`student-id` set,
  // e.g. PSC-17). Addressed to the adult, about the child; never the student's "你". (The help
  // panel stays the student's: parent-report instruments have no critical items.)
  titleGuardian: '家长问卷',
  closedGuardian: '这次问卷已经结束了，不需要再填写。谢谢您。',
  notInCampaignGuardian: '这次问卷不需要您为这个孩子填写。',
  consentRequiredGuardian: '开始之前，需要先在学校的平台上确认监护人同意。确认后再来填写。',
  alreadySubmittedGuardian: '这份问卷已经为这个孩子填写过了，不需要再填写。谢谢您。',
  ineligibleHelpGuardian:
    '如果您担心孩子现在的情绪或安全，请联系班主任或学校心理老师；遇到危险时，请马上拨打 110 或 120。',
  introTextGuardian: '下面是一些关于孩子最近情况的问题，请根据您的观察如实选择，没有对错之分。',
  introPrivacyGuardian: '您的回答只有学校的心理老师能看到，用来更好地了解和支持孩子。',
  submittedTitleGuardian: '已提交，谢谢您',
  submittedFallbackGuardian:
    '谢谢您认真完成问卷。如果您担心孩子现在的安全，请马上联系学校，或拨打 110 或 120。',
  tierNoneGuardian: '从这次的回答看，孩子暂时没有需要特别关注的地方。',
  tierAttentionGuardian: '从这次的回答看，孩子最近可能有些辛苦。学校的心理老师可能会联系您。',
  tierHighGuardian: '从这次的回答看，孩子最近可能过得不太容易。学校的心理老师会尽快联系您。',
  tierCriticalGuardian:
    '从这次的回答看，孩子现在需要有人陪伴。学校会马上联系您，请先陪在孩子身边。',
  rejectedConsentGuardian: '没有提交成功：还需要先确认监护人同意。',
  rejectedAlreadyGuardian: '没有提交成功：这份问卷已经为这个孩子提交过了。',
  draftOnGuardian: '您的答案会自动保存在这台设备上（24 小时内有效），中途离开也不会丢失。',
  resumedGuardian: '已经为您恢复上次填写的答案。',
  unsentTextGuardian: '没有提交成功：现在连不上网络。您的答案还在，请联网后再点“提交答案”。',
  rejectedNotEligibleGuardian: '没有提交成功：现在不能为这个孩子填写这份问卷。',
  loadErrorGuardian: '问卷暂时打不开。请稍后再试，或者联系学校。',
  rejectedOtherGuardian: '没有提交成功。请稍后再试，或者联系学校。',
};

/** en: complete (a missing key is a type error). */
export const en: Translation<typeof zh> = {
  title: 'Wellbeing check-in',
  loading: 'Getting the questions ready…',
  unavailable:
    "This questionnaire isn't connected to your school's system, so it can't be filled in now.",
  offline:
    "You're offline, so the questionnaire can't open yet. Please try again when you're connected.",
  loadError: "The questionnaire can't open right now. Please try again later, or tell a teacher.",
  retry: 'Try again',
  notOpenYet: (when) =>
    `This questionnaire hasn't started yet. It opens on ${when}. Come back then.`,
  closed: "This questionnaire has ended, so there's nothing to fill in. Thank you.",
  notInCampaign:
    "This questionnaire isn't for your grade or class, so you don't need to fill it in.",
  consentRequired:
    'Before you start, a parent or guardian needs to agree. Once they have confirmed on the school platform, come back to fill it in.',
  missingGuardian: 'Still needed: a parent or guardian agrees',
  missingHealthData: 'Still needed: agreement that the school may use the health information in it',
  alreadySubmitted:
    "You've already completed this questionnaire, so there's nothing more to do. Thank you.",
  ineligibleHelp:
    "If you feel upset or unsafe right now, tell a teacher or a parent. If you're in danger, call 110 or 120 now.",
  introText:
    "These questions are about how you've been feeling lately. There are no right or wrong answers: just choose what is true for you.",
  introTime: (n) => `About ${n} questions, 5 to 10 minutes.`,
  introPrivacy:
    "Only your school's counsellor sees your answers, so they can check in and support you.",
  draftOn:
    'Your answers are saved on this device as you go (for 24 hours), so nothing is lost if you stop.',
  draftShared: "This is a shared device: answers aren't saved on it, so please finish in one go.",
  resumed: 'Your earlier answers are back.',
  start: 'Start',
  resume: 'Continue',
  questionOf: (n, total) => `Question ${n} of ${total}`,
  pageOf: (n, total) => `Page ${n} of ${total}`,
  back: 'Back',
  next: 'Next',
  submit: 'Submit answers',
  chooseOne: 'Please choose an answer to continue.',
  helpTitle: 'Thank you for telling us',
  helpIntro: "How you feel matters, and you don't have to face it alone.",
  helpNowTitle: 'What you can do right now',
  helpNow1: "If you're in danger, or worried you might hurt yourself, call 110 or 120 now.",
  helpNow2:
    'Go to an adult you trust now — your class teacher, the school counsellor, a parent or someone near you — and tell them how you feel.',
  helpNow3: 'Try not to be on your own.',
  helpSending:
    'Letting your school know… Until this says it has been done, please go to an adult near you as below.',
  helpSent:
    "Your school's teachers have been alerted and will come to find you soon. Until then, you can also tell an adult near you.",
  helpQueued:
    "Your school has NOT been told yet: there's no connection. Please tell an adult you trust now — your class teacher, the school counsellor or a parent — or call one of the numbers below. When the connection is back, this will tell the school automatically.",
  helpUnsent:
    "Your school has NOT been told yet: there's no connection. Please tell an adult you trust now — your class teacher, the school counsellor or a parent — or call one of the numbers below. Please keep this page open: it will try again when you're connected.",
  helpFailed:
    'Your school has NOT been told: the system did not accept it. Please tell an adult you trust now — your class teacher, the school counsellor or a parent — or call one of the numbers below.',
  helpContinue: 'OK, continue',
  helpContinueSubmit: 'OK, submit my answers',
  helpClose: 'Back',
  safetySent: 'Your school has been alerted.',
  safetyNotSent: 'Your school has not been told yet: please tell an adult near you.',
  safetySending: 'Letting your school know…',
  showHelp: 'Where to get help',
  submitting: 'Submitting…',
  submittedTitle: 'Submitted. Thank you',
  submittedFallback:
    'Thank you for completing the questionnaire. If you feel upset or unsafe right now, tell a teacher or a parent straight away.',
  queuedTitle: 'Your answers are saved on this device',
  queuedText:
    "They haven't reached your school yet: there's no connection. They'll be sent automatically when you're back online; until then, please don't clear the browser's data.",
  unsentText:
    "Not submitted: there's no connection. Your answers are still here; please press “Submit answers” again when you're connected.",
  tierNone:
    "From these answers, nothing needs special attention for now. Look after yourself, and talk to a teacher whenever you'd like.",
  tierAttention:
    "From these answers, things may have been a bit hard lately. The counsellor may check in with you, and you're welcome to go and see them.",
  tierHigh:
    'From these answers, things may not have been easy lately. The school counsellor will talk with you soon.',
  tierCritical:
    'From these answers, you need someone with you right now. A teacher will come to find you straight away; please tell an adult near you first.',
  score: (name, total) => `${name}: ${total}`,
  rejectedClosed: 'Not submitted: this questionnaire has ended.',
  rejectedConsent:
    'Not submitted: a parent or guardian still needs to agree. Come back once they have.',
  rejectedAlready: "Not submitted: you've already submitted this questionnaire.",
  rejectedNotEligible: "Not submitted: you can't take part in this questionnaire now.",
  rejectedOther: 'Not submitted. Please try again later, or tell a teacher.',
  rejectedSignalStored: 'Your school has still been alerted about what you told us just now.',
  titleGuardian: 'Parent questionnaire',
  closedGuardian: "This questionnaire has ended, so there's nothing to fill in. Thank you.",
  notInCampaignGuardian: "You don't need to fill in this questionnaire for this child.",
  consentRequiredGuardian:
    "Before you start, a guardian's agreement needs to be confirmed on the school platform. Come back once it is.",
  alreadySubmittedGuardian:
    "This questionnaire has already been completed for this child, so there's nothing more to do. Thank you.",
  ineligibleHelpGuardian:
    "If you're worried about your child's mood or safety, contact the class teacher or the school counsellor. In an emergency, call 110 or 120 now.",
  introTextGuardian:
    "These questions are about how your child has been lately. There are no right or wrong answers: choose what matches what you've seen.",
  introPrivacyGuardian:
    'Only the school counsellor sees your answers, to understand and support your child better.',
  submittedTitleGuardian: 'Submitted. Thank you',
  submittedFallbackGuardian:
    "Thank you for completing the questionnaire. If you're worried about your child's safety right now, contact the school, or call 110 or 120.",
  tierNoneGuardian: 'From these answers, nothing about your child needs special attention for now.',
  tierAttentionGuardian:
    'From these answers, things may have been a bit hard for your child lately. The school counsellor may contact you.',
  tierHighGuardian:
    'From these answers, things may not have been easy for your child lately. The school counsellor will contact you soon.',
  tierCriticalGuardian:
    'From these answers, your child needs someone with them right now. The school will contact you straight away; please stay with your child.',
  rejectedConsentGuardian: "Not submitted: a guardian's agreement still needs to be confirmed.",
  rejectedAlreadyGuardian:
    'Not submitted: this questionnaire was already submitted for this child.',
  draftOnGuardian:
    'Your answers are saved on this device as you go (for 24 hours), so nothing is lost if you stop.',
  resumedGuardian: 'Your earlier answers are back.',
  unsentTextGuardian:
    "Not submitted: there's no connection. Your answers are still here; please press “Submit answers” again when you're connected.",
  rejectedNotEligibleGuardian:
    "Not submitted: this questionnaire can't be filled in for this child now.",
  loadErrorGuardian:
    "The questionnaire can't open right now. Please try again later, or contact the school.",
  rejectedOtherGuardian: 'Not submitted. Please try again later, or contact the school.',
};
