// District admin page: identity-free counts of critical alerts, the 统计表 by school, grade or
// class with small cells suppressed, and its CSV for the twice-yearly report.
import '@xinqiao/elements/define/xq-provider';
import type { XqProvider } from '@xinqiao/elements';
import type { CoverageStats } from '@xinqiao/contracts/stats';
import { statsColumns } from '@xinqiao/contracts/stats';
import { connectProvider, fetchToken } from './embed.js';
import { loadAlerts } from './lib/alerts.js';
import { byId, h, replaceChildren } from './lib/dom.js';
import { statsColumnLabels } from './lib/labels.js';
import { requireRole, signedIn } from './lib/session.js';

/** The semester the day falls in: from 1 September or 1 March. */
function semesterStart(today: string): string {
  const [y, m] = today.split('-').map(Number) as [number, number];
  if (m >= 9) return `${y}-09-01`;
  if (m >= 3) return `${y}-03-01`;
  return `${y - 1}-09-01`;
}

const me = await signedIn();
if (requireRole(me, ['district_admin'])) {
  const client = await connectProvider(byId<XqProvider>('provider'), me.apiUrl);
  const regionId = me.context.regionId ?? '';
  byId('scope-line').textContent =
    `${me.context.regionName ?? ''} · ${me.user.name} · 仅显示汇总数据`;

  loadAlerts(client).then(
    ({ counts }) =>
      replaceChildren(
        byId('counts'),
        h(
          'dl',
          { class: 'counts' },
          h('dt', {}, '未确认的红色预警'),
          h('dd', { id: 'open-critical' }, counts?.openCritical ?? 0),
          h('dt', {}, '其中已逾期'),
          h('dd', { id: 'overdue-critical' }, counts?.overdueCritical ?? 0),
        ),
      ),
    () => replaceChildren(byId('counts'), h('p', {}, '暂时无法加载。')),
  );

  const form = byId<HTMLFormElement>('stats-form');
  const from = byId<HTMLInputElement>('from');
  const to = byId<HTMLInputElement>('to');
  const by = byId<HTMLSelectElement>('by');
  from.value = semesterStart(me.context.today);
  to.value = me.context.today;
  const status = byId('stats-status');
  const query = () => ({
    unitId: regionId,
    from: from.value,
    to: to.value,
    by: by.value as 'school' | 'grade' | 'class',
  });

  const show = (s: CoverageStats) => {
    const cell = (v: unknown) =>
      v === null ? '—' : v === 'suppressed' ? '*' : String(v as string | number);
    replaceChildren(
      byId('stats'),
      h(
        'table',
        { id: 'stats-table' },
        h(
          'caption',
          {},
          `统计表 ${s.from} 至 ${s.to}${s.suppressed ? '（小于 5 的格子已隐藏）' : ''}`,
        ),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', { scope: 'col' }, '单位'),
            ...statsColumns.map((c) => h('th', { scope: 'col' }, statsColumnLabels[c] ?? c)),
          ),
        ),
        h(
          'tbody',
          {},
          ...s.rows.map((r) =>
            h(
              'tr',
              { class: r.total ? 'total' : '' },
              h(
                'th',
                { scope: 'row' },
                r.total ? `合计（${r.name ?? ''}）` : (r.name ?? r.externalId),
              ),
              ...statsColumns.map((c) => h('td', { 'data-column': c }, cell(r.cells[c]))),
            ),
          ),
        ),
      ),
      h('p', { class: 'muted small' }, '“<5”：1–4 人；“*”：为防止推算而隐藏；“—”：暂无数据。'),
    );
  };
  const run = () => {
    status.textContent = '正在查询…';
    client.stats.coverage(query()).then(
      (s) => {
        show(s);
        status.textContent = '';
      },
      () => {
        status.textContent = '查询失败，请检查日期。';
      },
    );
  };
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    run();
  });
  run();

  // The CSV: the same table, fetched with the user's own token and saved as a file.
  byId('csv').addEventListener('click', () => {
    const q = query();
    const url = new URL('/v1/stats/coverage.csv', me.apiUrl);
    for (const [k, v] of Object.entries(q)) url.searchParams.set(k, v);
    status.textContent = '正在生成统计表…';
    void fetchToken()
      .then((token) => fetch(url, { headers: { authorization: `Bearer ${token}` } }))
      .then(async (res) => {
        if (!res.ok) throw new Error(String(res.status));
        const name =
          /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ??
          `xinqiao-coverage-${q.from}-${q.to}.csv`;
        const link = h('a', { href: URL.createObjectURL(await res.blob()), download: name });
        document.body.append(link);
        link.click();
        link.remove();
        status.textContent = `已下载 ${name}。`;
      })
      .catch(() => {
        status.textContent = '下载失败，请稍后再试。';
      });
  });
}
