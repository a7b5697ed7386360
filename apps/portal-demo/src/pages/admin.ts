// School admin page: school hours and the on-call contact (pushed to Xinqiao with the roster),
// this semester's coverage, the school's alerts, and cases (closure approval in the timeline).
import '@xinqiao/elements/define/xq-provider';
import '@xinqiao/elements/define/xq-case-timeline';
import type { XqProvider } from '@xinqiao/elements';
import { connectProvider } from './embed.js';
import { loadAlerts, renderAlerts } from './lib/alerts.js';
import { casesOf, renderCaseList, showCase } from './lib/cases.js';
import { byId, h, replaceChildren } from './lib/dom.js';
import { startMessages } from './lib/messages.js';
import { requireRole, signedIn } from './lib/session.js';
import { loadStaff, loadStudents } from './lib/students.js';

interface Settings {
  schoolHours: { days: number[]; open: string; close: string };
  onCall: { externalId: string; name: string } | null;
  candidates: Array<{ externalId: string; name: string; roleLabel: string }>;
}

const dayNames = ['一', '二', '三', '四', '五', '六', '日'];

const me = await signedIn();
if (requireRole(me, ['school_admin'])) {
  startMessages(byId('messages-list'));
  const client = await connectProvider(byId<XqProvider>('provider'), me.apiUrl);
  const [students, staff] = await Promise.all([loadStudents(), loadStaff()]);
  byId('scope-line').textContent = `${me.context.schoolName ?? ''} · ${me.user.name}`;

  // School hours and on-call contact: the portal's own settings, synced with the roster.
  const form = byId<HTMLFormElement>('settings-form');
  const status = byId('settings-status');
  const fill = (s: Settings) => {
    replaceChildren(
      byId('days'),
      ...dayNames.map((d, i) =>
        h(
          'label',
          {},
          h('input', {
            type: 'checkbox',
            name: 'day',
            value: i + 1,
            checked: s.schoolHours.days.includes(i + 1),
          }),
          ` 周${d}`,
        ),
      ),
    );
    byId<HTMLInputElement>('open-time').value = s.schoolHours.open;
    byId<HTMLInputElement>('close-time').value = s.schoolHours.close;
    replaceChildren(
      byId('on-call'),
      ...s.candidates.map((c) =>
        h(
          'option',
          { value: c.externalId, selected: c.externalId === s.onCall?.externalId },
          `${c.name}（${c.roleLabel}）`,
        ),
      ),
    );
  };
  fill((await (await fetch('/api/school-settings')).json()) as Settings);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const data = new FormData(form);
    status.textContent = '正在保存并同步到心桥…';
    void fetch('/api/school-settings', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        schoolHours: {
          days: data.getAll('day').map(Number),
          open: data.get('open'),
          close: data.get('close'),
        },
        onCall: data.get('onCall'),
      }),
    }).then(async (res) => {
      const body = (await res.json()) as Settings & { error?: string };
      if (!res.ok) {
        status.textContent = body.error ?? '保存失败。';
        return;
      }
      fill(body);
      status.textContent = `已保存并同步。值班联系人：${body.onCall?.name ?? '未设置'}。`;
    });
  });

  // Coverage of this semester's campaign: screened / enrolled per grade and class.
  const coverageBox = byId('coverage');
  if (me.context.campaignId) {
    client.campaigns.coverage(me.context.campaignId).then(
      (c) => {
        const kindLabel = { school: '全校', grade: '年级', class: '班级' } as const;
        replaceChildren(
          coverageBox,
          h(
            'div',
            {
              class: 'table-wrap',
              tabindex: 0,
              role: 'region',
              'aria-label': '覆盖率表（可横向滚动）',
            },
            h(
              'table',
              {},
              h('caption', {}, '2026年秋季学期心理健康测评'),
              h(
                'thead',
                {},
                h(
                  'tr',
                  {},
                  h('th', { scope: 'col' }, '范围'),
                  h('th', { scope: 'col' }, '在籍'),
                  h('th', { scope: 'col' }, '已测评'),
                  h('th', { scope: 'col' }, '覆盖率'),
                ),
              ),
              h(
                'tbody',
                {},
                ...c.rows.map((r) =>
                  h(
                    'tr',
                    { 'data-kind': r.kind },
                    h('th', { scope: 'row' }, kindLabel[r.kind]),
                    h('td', {}, r.enrolled),
                    h('td', {}, r.screened),
                    h('td', {}, r.coverage === null ? '—' : `${Math.round(r.coverage * 100)}%`),
                  ),
                ),
              ),
            ),
          ),
        );
      },
      () => replaceChildren(coverageBox, h('p', {}, '暂时无法加载覆盖率。')),
    );
  } else {
    replaceChildren(coverageBox, h('p', {}, '本学期暂无测评。'));
  }

  const { alerts } = await loadAlerts(client);
  renderAlerts(
    byId('alerts'),
    alerts,
    { client, students, staff, status: byId('alerts-status'), canAcknowledge: true },
    '全校目前没有预警。',
  );
  const cases = await casesOf(
    client,
    alerts.map((a) => a.studentId),
  );
  renderCaseList(
    byId('cases'),
    cases,
    students,
    (c) => void showCase(byId('case-view'), client, c, { students, staff }),
    { empty: '目前没有个案。', state: true },
  );
}
