import { byId, h, replaceChildren } from './dom.js';

/** What `GET /api/me` answers: the signed-in portal user and what their page needs. */
export interface Me {
  user: { externalId: string; name: string; role: string; roleLabel: string; className: string };
  page: string;
  apiUrl: string;
  ready: boolean;
  context: {
    schoolId?: string | null;
    schoolName?: string;
    today: string;
    campaignId?: string | null;
    /** Guardians: the campaign that asks them for a form about their child (PSC-17). */
    guardianCampaignId?: string | null;
    classId?: string | null;
    className?: string;
    gradeName?: string;
    regionId?: string | null;
    regionName?: string;
    children?: StudentRef[];
  };
}

export interface StudentRef {
  id: string | null;
  name: string;
  className: string;
  classId: string | null;
}

/** The signed-in user, or a trip back to the home page's user picker. */
export async function signedIn(): Promise<Me> {
  const res = await fetch('/api/me', { credentials: 'same-origin' });
  if (res.status === 401) {
    location.assign('/');
    throw new Error('not signed in');
  }
  const me = (await res.json()) as Me;
  showUser(me);
  return me;
}

/** Fills the header's user area: name, role and a sign-out button. */
export function showUser(me: Me | undefined): void {
  const box = document.getElementById('portal-user');
  if (!box) return;
  if (!me) {
    replaceChildren(box, h('span', {}, '未登录'));
    return;
  }
  const out = h('button', { type: 'button', class: 'link-button' }, '切换用户');
  out.addEventListener('click', () => {
    void fetch('/api/logout', { method: 'POST' }).then(() => location.assign('/'));
  });
  replaceChildren(
    box,
    h('span', { class: 'portal-user-name' }, me.user.name),
    h('span', { class: 'portal-user-role' }, me.user.roleLabel),
    out,
  );
  const nav = document.getElementById('section-nav-list');
  if (nav) {
    const here = location.pathname;
    replaceChildren(
      nav,
      h('li', {}, h('a', { href: '/' }, '服务首页')),
      h(
        'li',
        {},
        h(
          'a',
          { href: me.page, ...(here === me.page ? { 'aria-current': 'page' } : {}) },
          `我的工作台（${me.user.roleLabel}）`,
        ),
      ),
    );
  }
}

/** Puts a page-level note (role mismatch, not ready) at the top of <main>. */
export function notice(text: string, kind: 'info' | 'warning' = 'info'): HTMLElement {
  const p = h('p', { class: `notice notice-${kind}`, role: 'status' }, text);
  byId('main').prepend(p);
  return p;
}

/** Whether this page is meant for the signed-in role; otherwise says where to go. */
export function requireRole(me: Me, roles: string[]): boolean {
  if (roles.includes(me.user.role)) return true;
  const p = notice(`此页面不面向${me.user.roleLabel}。`, 'warning');
  p.append(' ', h('a', { href: me.page }, '前往我的工作台'));
  return false;
}
