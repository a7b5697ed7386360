// Home page: the portal's user picker (the demo's stand-in for the portal's own login).
import { byId, h, replaceChildren } from './lib/dom.js';
import { showUser, type Me } from './lib/session.js';

interface PersonView {
  externalId: string;
  name: string;
  role: string;
  roleLabel: string;
  className: string;
}

const roleHints: Record<string, string> = {
  student: '测评、热线、告诉学校你的担心',
  guardian: '家长学校报名、孩子的测评情况',
  class_teacher: '本班预警与确认',
  grade_leader: '升级到年级的预警',
  counsellor: '预警、待复核、个案、学生档案',
  school_admin: '在校时间、值班、覆盖率、结案审批',
  volunteer: '结对学生的个案',
  district_admin: '区域统计表与下载',
};

async function login(externalId: string) {
  const res = await fetch('/api/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ externalId }),
  });
  if (!res.ok) return;
  const { page } = (await res.json()) as { page: string };
  location.assign(page);
}

async function showPicker() {
  const res = await fetch('/api/people');
  const { featured, everyone } = (await res.json()) as {
    featured: PersonView[];
    everyone: PersonView[];
  };
  replaceChildren(
    byId('picker'),
    ...featured.map((p) =>
      h(
        'li',
        {},
        h(
          'button',
          {
            type: 'button',
            class: 'person',
            'data-external-id': p.externalId,
            onclick: () => void login(p.externalId),
          },
          h('span', { class: 'person-role' }, p.roleLabel),
          h('span', { class: 'person-name' }, p.name),
          h('span', { class: 'person-hint' }, p.className || roleHints[p.role] || ''),
        ),
      ),
    ),
  );
  const select = byId<HTMLSelectElement>('other-user-select');
  replaceChildren(
    select,
    ...everyone.map((p) =>
      h(
        'option',
        { value: p.externalId },
        `${p.roleLabel} · ${p.name}${p.className ? `（${p.className}）` : ''}`,
      ),
    ),
  );
  byId('other-user').addEventListener('submit', (e) => {
    e.preventDefault();
    void login(select.value);
  });
}

async function showStatus() {
  const line = byId('xinqiao-status');
  try {
    const body = (await (await fetch('/api/status')).json()) as { xinqiao: string };
    line.textContent = body.xinqiao === 'ok' ? '心桥服务运行正常。' : '心桥服务暂不可用。';
  } catch {
    line.textContent = '心桥服务暂不可用。';
  }
}

async function showSignedIn() {
  const res = await fetch('/api/me');
  if (!res.ok) return showUser(undefined);
  const me = (await res.json()) as Me;
  showUser(me);
}

void showPicker();
void showStatus();
void showSignedIn();
