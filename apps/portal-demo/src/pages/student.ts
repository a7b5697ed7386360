// Student page: this semester's screening, the hotline card, and raising a concern.
// #region guide:npm-imports
import '@xinqiao/elements/define/xq-provider';
import '@xinqiao/elements/define/xq-hotline-card';
import '@xinqiao/elements/define/xq-screening-form';
import type { XqProvider } from '@xinqiao/elements';
import { connectProvider } from './embed.js';
// #endregion
import { byId, h, replaceChildren } from './lib/dom.js';
import { requireRole, signedIn } from './lib/session.js';

const me = await signedIn();
if (requireRole(me, ['student'])) {
  // #region guide:npm-connect
  const client = await connectProvider(byId<XqProvider>('provider'), me.apiUrl);
  const { schoolId, campaignId } = me.context;
  if (schoolId) byId('hotline').setAttribute('org-unit', schoolId);
  // #endregion

  // The screening form, embedded as the docs say: one tag with the campaign id.
  const screening = byId('screening');
  if (!campaignId) {
    replaceChildren(screening, h('p', {}, '本学期暂无测评。'));
  } else if (customElements.get('xq-screening-form')) {
    // #region guide:screening-form
    const form = document.createElement('xq-screening-form');
    form.setAttribute('campaign', campaignId);
    form.setAttribute('org-unit', schoolId ?? ''); // local lines in its help panel
    form.setAttribute('heading-level', '3');
    replaceChildren(screening, form);
    // #endregion
  } else {
    replaceChildren(
      screening,
      h('p', {}, '2026年秋季学期心理健康测评已开放。'),
      h(
        'p',
        { class: 'notice notice-info' },
        '测评表单组件（<xq-screening-form>）即将上线，届时将在这里直接填写。',
      ),
    );
  }

  // Raising a concern about oneself: routed like an alert of the chosen tier.
  const form = byId<HTMLFormElement>('concern-form');
  const status = byId('concern-status');
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const data = new FormData(form);
    const tier = String(data.get('tier')) as 'attention' | 'high' | 'critical';
    const note = String(data.get('note') ?? '').trim();
    if (tier === 'critical') {
      // Help first, before anything else and whatever the network does.
      const crisis = document.createElement('xq-hotline-card');
      crisis.setAttribute('variant', 'crisis');
      crisis.setAttribute('heading-level', '3');
      replaceChildren(byId('concern-crisis'), crisis);
    }
    status.textContent = '正在发送…';
    client.concerns
      .create({ kind: 'self_referral', tier, ...(note ? { note } : {}) })
      .then(() => {
        form.reset();
        status.textContent =
          tier === 'attention'
            ? '已发送。心理老师会在近几天内找你聊一聊。'
            : '已发送。学校老师已收到通知，会尽快联系你。';
      })
      .catch(() => {
        status.textContent =
          '没有发送成功，学校还不知道。请直接告诉你信任的老师或家长；如有危险请拨打 110 或 120。';
      });
  });
}
