import type { XinqiaoClient } from '@xinqiao/sdk';
import type { Alert, AlertList } from '@xinqiao/contracts/alerts';
import { h, replaceChildren, time } from './dom.js';
import { flagLabels, recommendedActionLabels, sourceLabels, tierLabels } from './labels.js';
import type { StudentRef } from './session.js';
import type { StaffRef } from './students.js';

/** Every alert the signed-in user may see (all pages), plus the district's identity-free counts. */
export async function loadAlerts(
  client: XinqiaoClient,
): Promise<{ alerts: Alert[]; counts: AlertList['identityFreeCounts'] }> {
  const alerts: Alert[] = [];
  let cursor: string | undefined;
  let counts: AlertList['identityFreeCounts'];
  for (let page = 0; page < 20; page++) {
    const list = await client.alerts.list({ limit: 100, ...(cursor ? { cursor } : {}) });
    counts ??= list.identityFreeCounts;
    alerts.push(...list.data.filter((a): a is Alert => 'tier' in a));
    if (!list.nextCursor) break;
    cursor = list.nextCursor;
  }
  return { alerts, counts };
}

export interface AlertViewOptions {
  client: XinqiaoClient;
  students: Map<string, StudentRef>;
  staff: Map<string, StaffRef>;
  /** Announces acknowledgements (a polite live region). */
  status: HTMLElement;
  canAcknowledge: boolean;
  onChange?: () => void;
}

const rank: Record<string, number> = { critical: 0, high: 1, attention: 2 };

/** Renders alerts as a list: tier (colour and words), student, source, flags, due, acknowledgement. */
export function renderAlerts(
  container: HTMLElement,
  alerts: Alert[],
  o: AlertViewOptions,
  emptyText: string,
): void {
  if (!alerts.length) {
    replaceChildren(container, h('p', { class: 'empty' }, emptyText));
    return;
  }
  const sorted = [...alerts].sort(
    (a, b) =>
      (a.state === 'open' ? 0 : 1) - (b.state === 'open' ? 0 : 1) ||
      (rank[a.tier] ?? 9) - (rank[b.tier] ?? 9) ||
      b.createdAt.localeCompare(a.createdAt),
  );
  replaceChildren(container, h('ul', { class: 'alert-list' }, ...sorted.map((a) => row(a, o))));
}

function row(a: Alert, o: AlertViewOptions): HTMLElement {
  const student = o.students.get(a.studentId);
  const titleId = `alert-${a.id}-title`;
  const li = h(
    'li',
    {
      class: `alert tier-${a.tier}`,
      'data-alert-id': a.id,
      'data-tier': a.tier,
      'data-state': a.state,
      'aria-labelledby': titleId,
    },
    h(
      'p',
      { class: 'alert-head', id: titleId },
      h('span', { class: `tier-badge tier-${a.tier}` }, tierLabels[a.tier] ?? a.tier),
      h('strong', { class: 'alert-student' }, student ? student.name : '学生'),
      student?.className ? h('span', { class: 'muted' }, student.className) : null,
    ),
    h(
      'p',
      { class: 'alert-meta' },
      `来源：${sourceLabels[a.source] ?? a.source} · 产生于 `,
      time(a.createdAt),
      a.level > 0 ? ` · 已升级 ${a.level} 级` : '',
    ),
    a.flags.length
      ? h(
          'ul',
          { class: 'flag-list', 'aria-label': '提示' },
          ...a.flags.map((f) => h('li', {}, flagLabels[f] ?? f)),
        )
      : null,
    h('p', { class: 'alert-action' }, recommendedActionLabels[a.tier] ?? a.recommendedAction),
  );
  if (a.state === 'open') {
    li.append(
      h(
        'p',
        { class: a.overdue ? 'due overdue' : 'due' },
        a.overdue ? '已逾期 · 应于 ' : '请于 ',
        time(a.dueAt),
        a.overdue ? ' 前确认' : ' 前确认',
      ),
    );
    if (o.canAcknowledge) {
      const button = h(
        'button',
        { type: 'button', class: 'primary', 'aria-describedby': titleId },
        '确认收到',
      );
      button.addEventListener('click', () => {
        button.disabled = true;
        o.client.alerts.acknowledge(a.id).then(
          (updated) => {
            o.status.textContent = `已确认${student ? ` ${student.name} 的` : ''}预警。`;
            li.replaceWith(row(updated, o));
            o.onChange?.();
          },
          () => {
            button.disabled = false;
            o.status.textContent = '确认失败，请重试。';
          },
        );
      });
      li.append(button);
    }
  } else {
    const by = a.acknowledgedBy ? o.staff.get(a.acknowledgedBy) : undefined;
    li.append(
      h(
        'p',
        { class: 'acknowledged' },
        `✓ 已由${by ? ` ${by.name} ` : ''}确认`,
        a.acknowledgedAt ? ' · ' : '',
        a.acknowledgedAt ? time(a.acknowledgedAt) : '',
      ),
    );
  }
  return li;
}
