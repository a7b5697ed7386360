// Guardian page. The elements come from the CDN file (a plain <script type="module"> in the
// page's head); this script imports none of them, only the portal's own helpers, and reads data
// through the provider's client.
import type { XqProvider } from '@xinqiao/elements';
import type { Eligibility } from '@xinqiao/contracts/campaigns';
import type { XinqiaoClient } from '@xinqiao/sdk';
import { fetchToken } from './token.js';
import { byId, h, replaceChildren } from './lib/dom.js';
import { eligibilityReasonLabels } from './lib/labels.js';
import { requireRole, signedIn, type StudentRef } from './lib/session.js';

const me = await signedIn();
if (requireRole(me, ['guardian'])) {
  // #region guide:cdn-script
  await customElements.whenDefined('xq-provider'); // defined by the CDN file
  const provider = byId<XqProvider>('provider');
  provider.baseUrl = me.apiUrl;
  provider.fetchToken = fetchToken;
  await provider.updateComplete;
  const client = provider.currentClient!;
  const { schoolId, campaignId, guardianCampaignId, children = [] } = me.context;
  if (schoolId) {
    byId('signup').setAttribute('school', schoolId);
    byId('hotline').setAttribute('org-unit', schoolId);
  }
  // #endregion
  const box = byId('children');
  replaceChildren(
    box,
    ...children.map((c) => childCard(client, c, campaignId ?? null, guardianCampaignId ?? null)),
  );
  if (!children.length) replaceChildren(box, h('p', {}, '名册中没有与您关联的学生。'));
}

/** A child's guardian-visible summary: class, and whether this semester's screening is done. */
function childCard(
  client: XinqiaoClient,
  child: StudentRef,
  campaignId: string | null,
  guardianCampaignId: string | null,
) {
  const status = h('div', { class: 'child-status' }, h('p', { class: 'muted' }, '正在查询…'));
  const card = h(
    'article',
    { class: 'child', 'aria-label': child.name },
    h('h3', {}, child.name, ' ', h('span', { class: 'muted' }, child.className)),
    status,
  );
  if (guardianCampaignId && child.id) guardianForm(client, card, child, guardianCampaignId);
  if (!campaignId || !child.id) {
    replaceChildren(status, h('p', {}, '本学期暂无测评。'));
    return card;
  }
  const studentId = child.id;
  const show = (e: Eligibility) => {
    const parts: HTMLElement[] = [];
    if (e.existingScreeningId) {
      parts.push(h('p', {}, '本学期心理健康测评：已完成。谢谢您的支持。'));
    } else if (e.eligible) {
      parts.push(h('p', {}, '本学期心理健康测评：可以开始，孩子登录门户即可填写。'));
    } else {
      parts.push(
        h(
          'p',
          {},
          '本学期心理健康测评：',
          e.reasons.map((r) => eligibilityReasonLabels[r] ?? r).join('、'),
          '。',
        ),
      );
    }
    if (e.missingConsents.length) parts.push(consentForm(client, studentId, campaignId, e, show));
    parts.push(
      h(
        'p',
        { class: 'muted small' },
        '测评结果不会自动发送给家长；如有需要，学校心理老师会亲自与您联系。',
      ),
    );
    replaceChildren(status, ...parts);
  };
  client.campaigns
    .eligibility(campaignId, { studentId })
    .then(show)
    .catch(() => replaceChildren(status, h('p', {}, '暂时无法查询，请稍后再试。')));
  return card;
}

/** Guardian consent and the separate consent for health data (PIPL), recorded by the guardian. */
function consentForm(
  client: XinqiaoClient,
  studentId: string,
  campaignId: string,
  e: Eligibility,
  show: (e: Eligibility) => void,
) {
  const labels = {
    guardian: '我作为监护人，同意孩子参加学校的心理健康测评。',
    health_data: '我同意学校为开展心理健康工作处理孩子的心理健康信息。',
  } as const;
  const note = h('p', { role: 'status', class: 'form-status' });
  const form = h(
    'form',
    { class: 'stack consent' },
    h(
      'fieldset',
      {},
      h('legend', {}, '需要您的同意'),
      ...e.missingConsents.map((kind) =>
        h(
          'label',
          {},
          h('input', { type: 'checkbox', name: 'kind', value: kind, required: true }),
          ' ',
          labels[kind],
        ),
      ),
    ),
    h('button', { type: 'submit', class: 'primary' }, '提交同意'),
    note,
  );
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    note.textContent = '正在提交…';
    Promise.all(
      e.missingConsents.map((kind) => client.consents.create({ studentId, kind, granted: true })),
    )
      .then(() => client.campaigns.eligibility(campaignId, { studentId }))
      .then(show)
      .catch(() => {
        note.textContent = '提交失败，请稍后再试。';
      });
  });
  return form;
}

/**
 * A form the school asks the guardian to fill about this child (PSC-17, respondent `parent`):
 * shown only when the campaign includes the child and gives the guardian instruments. The form
 * itself handles consent still missing, the window and an answer already given.
 */
function guardianForm(
  client: XinqiaoClient,
  card: HTMLElement,
  child: StudentRef,
  campaignId: string,
) {
  const studentId = child.id!;
  client.campaigns
    .eligibility(campaignId, { studentId })
    .then((e) => {
      if (!e.instruments.length || e.reasons.includes('not_in_campaign')) return;
      const form = document.createElement('xq-screening-form');
      form.setAttribute('campaign', campaignId);
      form.setAttribute('student-id', studentId); // the guardian answers about this child
      form.setAttribute('heading-level', '4');
      // The form is its own region (it speaks to a guardian when `student-id` is set), so the
      // portal adds no second landmark or heading around it; the label names the child, so a
      // guardian of two children gets two distinct regions.
      form.setAttribute('label', `家长问卷 · ${child.name}`);
      card.append(
        h(
          'div',
          { class: 'guardian-form' },
          h(
            'p',
            { class: 'muted small' },
            '学校请您根据孩子最近的情况填写这份问卷（约 5 分钟）。答案只供学校心理老师了解孩子的情况，结果不会显示给您或孩子。',
          ),
          form,
        ),
      );
    })
    .catch(() => undefined); // no guardian form for this child (or not reachable): nothing to show
}
