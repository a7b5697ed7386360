import type { WebhookEnvelope, WebhookEventType } from '@xinqiao/contracts/webhooks';
import { createClient, NotFoundError } from '@xinqiao/sdk';
import type { XinqiaoServerClient } from '@xinqiao/sdk/server';
import { className, roleLabels, type Directory, type PortalPerson } from './directory.js';
import type { IdMap } from './ids.js';

/**
 * The portal's message centre: what a real portal would forward to staff by WeChat or SMS when a
 * webhook arrives. The webhook carries ids only; the portal fetches the details with the
 * recipient's own embed token, so Xinqiao's policy decides what each recipient may read.
 */
export interface PortalMessage {
  id: string;
  at: string;
  /** How the portal would forward it (the demo only shows it). */
  channel: '微信' | '短信';
  title: string;
  /** Details fetched with the recipient's own token; null until fetched or when not allowed. */
  detail: string | null;
  /** The verified webhook exactly as received: event id, type, ids. */
  webhook: { id: string; type: WebhookEventType; created: string; data: WebhookEnvelope['data'] };
  verified: true;
  /** The alert this message is about, when it is about one. */
  alertId?: string;
}

const titles: Record<WebhookEventType, string> = {
  'alert.created': '新的心理预警',
  'alert.escalated': '预警已升级，请您处理',
  'alert.acknowledged': '预警已有人确认',
  'case.updated': '个案有更新',
  'concern.created': '收到一条关注上报',
  'parent_school.signup.created': '家长学校报名成功',
  'parent_school.signup.cancelled': '家长学校报名已取消',
  'parent_school.signup.promoted': '家长学校候补转正',
};

export const tierLabels: Record<string, string> = {
  critical: '红色（危急）',
  high: '橙色（高）',
  attention: '黄色（关注）',
  none: '无',
};

/**
 * Who may get an automatic message about an event. Guardians and students are never messaged
 * automatically about a screening, an alert or a case (the counsellor decides how the family is
 * contacted); guardians only hear about their own parent-school signups.
 */
export function mayReceive(person: PortalPerson, type: WebhookEventType): boolean {
  if (type.startsWith('parent_school.')) return person.role === 'guardian';
  if (person.role === 'guardian' || person.role === 'student') return false;
  return true;
}

export interface InboxOptions {
  directory: Directory;
  ids: IdMap;
  xinqiao: XinqiaoServerClient;
  apiUrl: string;
  now: () => Date;
}

export class Inbox {
  private readonly byUser = new Map<string, PortalMessage[]>();
  private readonly seen = new Set<string>();
  /** Who was told about each alert (to tell them when someone acknowledges it). */
  private readonly alertAudience = new Map<string, Set<string>>();
  private readonly pending = new Set<Promise<void>>();
  private counter = 0;

  constructor(private readonly o: InboxOptions) {}

  messagesFor(externalId: string): PortalMessage[] {
    return [...(this.byUser.get(externalId) ?? [])].reverse();
  }

  /** Resolves when every detail fetch started so far has finished (tests). */
  async idle(): Promise<void> {
    while (this.pending.size) await Promise.allSettled([...this.pending]);
  }

  /** Takes a verified event (webhooks are delivered at least once: duplicates are dropped). */
  receive(event: WebhookEnvelope): void {
    if (this.seen.has(event.id)) return;
    this.seen.add(event.id);
    const task = this.deliver(event).catch((e: unknown) => {
      console.error(`inbox: ${event.type} ${event.id}: ${(e as Error).name}`);
    });
    this.pending.add(task);
    void task.finally(() => this.pending.delete(task));
  }

  private recipients(event: WebhookEnvelope): PortalPerson[] {
    const ids = new Set<string>();
    for (const [key, value] of Object.entries(event.data)) {
      if (key === 'recipientUserIds' || key === 'guardianId' || key === 'guardianUserId') {
        for (const id of Array.isArray(value) ? value : [value]) ids.add(id);
      }
    }
    const alertId = typeof event.data.alertId === 'string' ? event.data.alertId : undefined;
    const people: PortalPerson[] = [];
    for (const id of ids) {
      const externalId = this.o.ids.externalIdOf(id);
      const person = externalId ? this.o.directory.byExternalId.get(externalId) : undefined;
      if (person) people.push(person);
    }
    if (event.type === 'alert.acknowledged' && alertId) {
      for (const externalId of this.alertAudience.get(alertId) ?? []) {
        const person = this.o.directory.byExternalId.get(externalId);
        if (person && !people.includes(person)) people.push(person);
      }
    }
    return people.filter((p) => mayReceive(p, event.type));
  }

  private async deliver(event: WebhookEnvelope): Promise<void> {
    const alertId = typeof event.data.alertId === 'string' ? event.data.alertId : undefined;
    for (const person of this.recipients(event)) {
      const message: PortalMessage = {
        id: `msg-${++this.counter}`,
        at: this.o.now().toISOString(),
        channel: person.role === 'guardian' ? '短信' : '微信',
        title: titles[event.type],
        detail: null,
        webhook: { id: event.id, type: event.type, created: event.created, data: event.data },
        verified: true,
        ...(alertId ? { alertId } : {}),
      };
      const list = this.byUser.get(person.externalId) ?? [];
      list.push(message);
      if (list.length > 100) list.shift();
      this.byUser.set(person.externalId, list);
      if (alertId && event.type !== 'alert.acknowledged') {
        const audience = this.alertAudience.get(alertId) ?? new Set<string>();
        audience.add(person.externalId);
        this.alertAudience.set(alertId, audience);
      }
      if (alertId) message.detail = await this.alertDetail(person, alertId, event.type);
    }
  }

  /** Details of an alert, read with the recipient's own token (what the policy lets them see). */
  private async alertDetail(
    person: PortalPerson,
    alertId: string,
    type: WebhookEventType,
  ): Promise<string | null> {
    // #region guide:recipient-token
    // A one-minute embed token for the recipient: Xinqiao's policy decides what they may read.
    // `fetchToken`, not a fixed token: if handling is delayed past the minute, the SDK mints a
    // fresh one once instead of dropping the message.
    const mint = async () =>
      (
        await this.o.xinqiao.embedSessions.create({
          user: { externalId: person.externalId },
          ttlSeconds: 60,
        })
      ).token;
    const client = createClient({ baseUrl: this.o.apiUrl, fetchToken: mint, maxRetries: 1 });
    const alert = await client.alerts.get(alertId).catch((error: unknown) => {
      if (error instanceof NotFoundError) return undefined; // outside this recipient's scope
      throw error;
    });
    // #endregion
    if (!alert) return null;
    const studentExternal = this.o.ids.externalIdOf(alert.studentId);
    const student = studentExternal
      ? this.o.directory.byExternalId.get(studentExternal)
      : undefined;
    const who = student
      ? `${student.name}（${className(this.o.directory, student.classExternalId)}）`
      : '一名学生';
    const due = new Date(alert.dueAt).toLocaleString('zh-CN', {
      timeZone: 'Asia/Shanghai',
      month: 'numeric',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
    });
    if (type === 'alert.acknowledged') {
      const byExternal = alert.acknowledgedBy ? this.o.ids.externalIdOf(alert.acknowledgedBy) : '';
      const by = byExternal ? this.o.directory.byExternalId.get(byExternal) : undefined;
      return `${who}的${tierLabels[alert.tier]}预警已由${by ? `${roleLabels[by.role]} ${by.name}` : '同事'}确认。`;
    }
    return `${who}：${tierLabels[alert.tier]}预警，请在 ${due} 前确认并跟进。`;
  }
}
