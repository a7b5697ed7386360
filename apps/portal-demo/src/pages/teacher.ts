// Class teacher (and grade leader) page: the class's alerts with tiers and acknowledgement — never
// a student's answers — and raising a concern about a student.
import '@xinqiao/elements/define/xq-provider';
import type { XqProvider } from '@xinqiao/elements';
import { connectProvider } from './embed.js';
import { loadAlerts, renderAlerts } from './lib/alerts.js';
import { byId, h, replaceChildren } from './lib/dom.js';
import { startMessages } from './lib/messages.js';
import { requireRole, signedIn } from './lib/session.js';
import { loadStaff, loadStudents } from './lib/students.js';

const me = await signedIn();
if (requireRole(me, ['class_teacher', 'grade_leader'])) {
  startMessages(byId('messages-list'));
  const client = await connectProvider(byId<XqProvider>('provider'), me.apiUrl);
  const [students, staff] = await Promise.all([loadStudents(), loadStaff()]);
  const leader = me.user.role === 'grade_leader';
  byId('scope-line').textContent = leader
    ? `${me.context.gradeName ?? ''} · 升级到年级组长的预警`
    : `${me.context.className ?? ''} · ${me.user.name}`;
  if (leader) byId('page-title').textContent = '年级心理预警';

  const container = byId('alerts');
  const refresh = async () => {
    try {
      const { alerts } = await loadAlerts(client);
      renderAlerts(
        container,
        alerts,
        { client, students, staff, status: byId('alerts-status'), canAcknowledge: true },
        leader ? '目前没有升级到您的预警。' : '本班目前没有预警。',
      );
    } catch {
      replaceChildren(container, h('p', {}, '暂时无法加载预警，请稍后刷新。'));
    }
  };
  await refresh();
  setInterval(() => void refresh(), 10_000);

  const select = byId<HTMLSelectElement>('concern-student');
  replaceChildren(
    select,
    ...[...students.values()].map((s) =>
      h('option', { value: s.id ?? '' }, `${s.name}（${s.className}）`),
    ),
  );
  const form = byId<HTMLFormElement>('concern-form');
  const status = byId('concern-status');
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const data = new FormData(form);
    const note = String(data.get('note') ?? '').trim();
    status.textContent = '正在上报…';
    client.concerns
      .create({
        studentId: String(data.get('studentId')),
        kind: 'classroom_observation',
        tier: String(data.get('tier')) as 'attention' | 'high' | 'critical',
        ...(note ? { note } : {}),
      })
      .then(() => {
        form.reset();
        status.textContent = '已上报，已按预警流程通知相关老师。';
        void refresh();
      })
      .catch(() => {
        status.textContent = '上报失败，请稍后再试；紧急情况请直接联系心理教师。';
      });
  });
}
