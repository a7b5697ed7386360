// Counsellor page: alerts, the attention review list, cases (with their timelines) and a
// student's record (一生一档).
import '@xinqiao/elements/define/xq-provider';
import '@xinqiao/elements/define/xq-case-timeline';
import type { XqProvider } from '@xinqiao/elements';
import type { StudentRecord } from '@xinqiao/contracts/cases';
import { connectProvider } from './embed.js';
import { loadAlerts, renderAlerts } from './lib/alerts.js';
import { casesOf, renderCaseList, showCase, type CaseRef } from './lib/cases.js';
import { byId, h, replaceChildren, time } from './lib/dom.js';
import { flagLabels, tierLabels } from './lib/labels.js';
import { startMessages } from './lib/messages.js';
import { requireRole, signedIn } from './lib/session.js';
import { loadStaff, loadStudents } from './lib/students.js';

const me = await signedIn();
if (requireRole(me, ['counsellor'])) {
  startMessages(byId('messages-list'));
  const client = await connectProvider(byId<XqProvider>('provider'), me.apiUrl);
  const [students, staff] = await Promise.all([loadStudents(), loadStaff()]);
  const people = { students, staff };
  byId('scope-line').textContent = `${me.context.schoolName ?? ''} · ${me.user.name}`;

  const caseView = byId('case-view');
  const renderCases = (cases: CaseRef[]) =>
    renderCaseList(
      byId('cases'),
      cases,
      students,
      (c) => void showCase(caseView, client, c, people),
      {
        empty: '目前没有个案。',
        state: true,
        overdue: true,
      },
    );

  const refresh = async () => {
    const { alerts } = await loadAlerts(client);
    const opts = { client, students, staff, status: byId('alerts-status'), canAcknowledge: true };
    renderAlerts(
      byId('alerts'),
      alerts.filter((a) => a.tier !== 'attention'),
      { ...opts, onChange: () => void refresh() },
      '目前没有红色或橙色预警。',
    );
    renderAlerts(
      byId('review'),
      alerts.filter((a) => a.tier === 'attention'),
      opts,
      '待复核名单为空。',
    );
    renderCases(
      await casesOf(
        client,
        alerts.map((a) => a.studentId),
      ),
    );
  };
  const tryRefresh = () =>
    refresh().catch(() => {
      for (const id of ['alerts', 'review', 'cases'])
        replaceChildren(byId(id), h('p', {}, '暂时无法加载，稍后会自动重试。'));
    });
  await tryRefresh();
  setInterval(() => void tryRefresh(), 15_000);

  // 一生一档: one student's record as the counsellor may see it.
  const select = byId<HTMLSelectElement>('record-student');
  replaceChildren(
    select,
    ...[...students.values()].map((s) =>
      h('option', { value: s.id ?? '' }, `${s.name}（${s.className}）`),
    ),
  );
  byId('record-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const id = select.value;
    client.students.record(id).then(
      (r) => showRecord(r),
      () => replaceChildren(byId('record'), h('p', {}, '无法查看该学生的档案。')),
    );
  });

  function showRecord(r: StudentRecord) {
    const s = students.get(r.studentId);
    replaceChildren(
      byId('record'),
      h('h3', {}, `${s?.name ?? '学生'}（${s?.className ?? ''}）`),
      h('h4', {}, '测评'),
      r.screenings.length
        ? h(
            'ul',
            { class: 'record-list' },
            ...r.screenings.map((x) =>
              h(
                'li',
                {},
                time(x.submittedAt),
                ' · ',
                x.tier ? (tierLabels[x.tier] ?? x.tier) : '—',
                x.flags?.length ? ` · ${x.flags.map((f) => flagLabels[f] ?? f).join('、')}` : '',
              ),
            ),
          )
        : h('p', { class: 'muted' }, '暂无测评记录。'),
      h('h4', {}, '个案'),
      r.cases.length
        ? h(
            'ul',
            { class: 'record-list' },
            ...r.cases.map((c) =>
              h(
                'li',
                {},
                h(
                  'button',
                  {
                    type: 'button',
                    class: 'link-button',
                    onclick: () =>
                      void showCase(caseView, client, { ...c, studentId: r.studentId }, people),
                  },
                  c.state === 'open' ? '进行中的个案' : '已结案的个案',
                ),
                ' · 开案于 ',
                time(c.openedAt),
              ),
            ),
          )
        : h('p', { class: 'muted' }, '暂无个案。'),
    );
  }
}
