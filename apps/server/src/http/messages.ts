import type { ErrorCode } from '@xinqiao/contracts/errors';
import type { Locale } from '@xinqiao/contracts/ids';

/** The message of each error code, per locale. Clients branch on `code`, people read these. */
export const errorMessages: Record<ErrorCode, Record<Locale, string>> = {
  validation_failed: { 'zh-CN': '请求内容不符合要求。', en: 'The request is not valid.' },
  invalid_json: { 'zh-CN': '请求体不是有效的 JSON。', en: 'The request body is not valid JSON.' },
  idempotency_key_required: {
    'zh-CN': '此请求需要 Idempotency-Key 请求头。',
    en: 'This request needs an Idempotency-Key header.',
  },
  unauthenticated: { 'zh-CN': '需要有效的凭据。', en: 'Valid credentials are required.' },
  token_expired: {
    'zh-CN': '令牌已过期，请重新获取。',
    en: 'The token has expired; fetch a new one.',
  },
  forbidden: { 'zh-CN': '无权执行此操作。', en: 'You are not allowed to do this.' },
  consent_required: { 'zh-CN': '需要先取得同意。', en: 'Consent is required first.' },
  not_eligible: { 'zh-CN': '不符合参加条件。', en: 'Not eligible.' },
  instrument_licensed: {
    'zh-CN': '该量表需要授权后才能使用。',
    en: 'This instrument needs a licence before it can be used.',
  },
  not_found: { 'zh-CN': '未找到。', en: 'Not found.' },
  method_not_allowed: { 'zh-CN': '不支持此请求方法。', en: 'Method not allowed.' },
  conflict: { 'zh-CN': '与当前状态冲突。', en: 'This conflicts with the current state.' },
  already_submitted: { 'zh-CN': '已经提交过。', en: 'Already submitted.' },
  idempotency_in_progress: {
    'zh-CN': '相同的请求正在处理中，请稍后重试。',
    en: 'The same request is still being processed; retry shortly.',
  },
  campaign_closed: { 'zh-CN': '测评活动已结束。', en: 'The campaign is closed.' },
  locked: { 'zh-CN': '资源已锁定。', en: 'The resource is locked.' },
  payload_too_large: { 'zh-CN': '请求体过大。', en: 'The request body is too large.' },
  unsupported_media_type: {
    'zh-CN': '不支持的内容类型，请使用 application/json。',
    en: 'Unsupported content type; use application/json.',
  },
  idempotency_key_reused: {
    'zh-CN': '此 Idempotency-Key 已用于另一个请求。',
    en: 'This Idempotency-Key was used for a different request.',
  },
  dangling_reference: {
    'zh-CN': '请求引用了不存在的对象。',
    en: 'The request refers to things that do not exist.',
  },
  unprocessable: { 'zh-CN': '无法处理此请求。', en: 'The request cannot be processed.' },
  occurred_at_out_of_range: {
    'zh-CN': '发生时间不能晚于现在，也不能早于个案建档前 30 天。',
    en: 'The time it happened cannot be later than now, nor more than 30 days before the case was opened.',
  },
  contact_kind_not_allowed: {
    'zh-CN': '只有家校联系记录可以填写联系方式。',
    en: 'Only a home–school contact has a kind of contact.',
  },
  rate_limited: {
    'zh-CN': '请求过于频繁，请稍后再试。',
    en: 'Too many requests; try again later.',
  },
  internal_error: { 'zh-CN': '服务器内部错误。', en: 'Internal server error.' },
  service_unavailable: { 'zh-CN': '服务暂不可用。', en: 'The service is unavailable.' },
};

/** Picks zh-CN or en from an Accept-Language header (quality values honoured; zh-CN default). */
export function localeFrom(acceptLanguage: string | undefined): Locale {
  if (!acceptLanguage) return 'zh-CN';
  const ranked = acceptLanguage
    .split(',')
    .map((part, i) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { tag: tag.toLowerCase(), q: q === undefined ? 1 : Number(q), i };
    })
    .filter((x) => x.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const { tag } of ranked) {
    if (tag.startsWith('zh')) return 'zh-CN';
    if (tag.startsWith('en')) return 'en';
  }
  return 'zh-CN';
}
