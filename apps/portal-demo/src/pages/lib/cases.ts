import type { XinqiaoClient } from '@xinqiao/sdk';
import type { StudentRecord } from '@xinqiao/contracts/cases';
import { h, replaceChildren, time } from './dom.js';
import { caseEventLabels, stageLabels } from './labels.js';
import type { StudentRef } from './session.js';
import type { StaffRef } from './students.js';

export interface CaseRef {
  id: string;
  studentId: string;
  state: 'open' | 'closed';
  openedAt: string;
  overdue: boolean;
}

/** The cases of these students the caller may see (through each student's record). */
export async function casesOf(client: XinqiaoClient, studentIds: string[]): Promise<CaseRef[]> {
  const out: CaseRef[] = [];
  const records = await Promise.all(
    [...new Set(studentIds)].map((id) =>
      client.students.record(id).catch(() => undefined as StudentRecord | undefined),
    ),
  );
  for (const r of records) {
    if (!r) continue;
    for (const c of r.cases) out.push({ ...c, studentId: r.studentId });
  }
  return out.sort((a, b) => b.openedAt.localeCompare(a.openedAt));
}

/**
 * A staff page's case list: one button per case (the student's name) that calls `open`, then the
 * state, when it was opened and — where the page asks — whether no adult is named yet.
 */
export function renderCaseList(
  box: HTMLElement,
  cases: CaseRef[],
  students: Map<string, StudentRef>,
  open: (c: CaseRef) => void,
  options: { empty: string; state?: boolean; overdue?: boolean },
): void {
  if (!cases.length) {
    replaceChildren(box, h('p', { class: 'empty' }, options.empty));
    return;
  }
  replaceChildren(
    box,
    h(
      'ul',
      { class: 'case-list' },
      ...cases.map((c) =>
        h(
          'li',
          { 'data-case-id': c.id, 'data-state': c.state },
          h(
            'button',
            { type: 'button', class: 'link-button', onclick: () => open(c) },
            `${students.get(c.studentId)?.name ?? '学生'} 的个案`,
          ),
          ...(options.state ? [' · ', c.state === 'open' ? '进行中' : '已结案'] : []),
          ' · 开案于 ',
          time(c.openedAt),
          options.overdue && c.overdue ? h('span', { class: 'overdue' }, ' · 未指定责任人') : '',
        ),
      ),
    ),
  );
}

const pairingKind: Record<string, 'teacher' | 'volunteer' | 'counsellor'> = {
  class_teacher: 'teacher',
  grade_leader: 'teacher',
  counsellor: 'counsellor',
  volunteer: 'volunteer',
};

/** The timeline's `people`: staff named by their Xinqiao ids, with who may be paired. */
export function casePeople(staff: Map<string, StaffRef>) {
  return [...staff.entries()].map(([id, s]) => ({
    id,
    name: s.name,
    ...(pairingKind[s.role] ? { kind: pairingKind[s.role] } : {}),
  }));
}

/**
 * Shows one case: `<xq-case-timeline case-id>` when the element is on the page; until it ships,
 * the portal's own plain rendering of the same data (stages and the events the caller may see).
 */
export async function showCase(
  container: HTMLElement,
  client: XinqiaoClient,
  c: CaseRef,
  people: { students: Map<string, StudentRef>; staff: Map<string, StaffRef> },
  options: { mentor?: boolean } = {},
): Promise<void> {
  if (customElements.get('xq-case-timeline')) {
    // #region guide:case-timeline
    const el = document.createElement('xq-case-timeline');
    el.setAttribute('case-id', c.id);
    el.setAttribute('heading-level', '3');
    // Names for Xinqiao's person ids, and who may be paired (the portal's own staff list).
    Object.assign(el, { people: casePeople(people.staff) });
    if (options.mentor) {
      // A volunteer mentor adds sessions and follow-ups, visible to mentors.
      Object.assign(el, {
        eventTypes: ['intervention_session', 'peer_follow_up'],
        visibilities: ['mentor'],
      });
    }
    replaceChildren(container, el);
    // #endregion
    return;
  }
  replaceChildren(container, h('p', { class: 'muted' }, '正在加载个案…'));
  const [detail, timeline] = await Promise.all([
    client.cases.get(c.id),
    client.cases.timeline(c.id),
  ]);
  const student = people.students.get(detail.studentId);
  const stages = detail.stages
    ? h(
        'ul',
        { class: 'stage-list', 'aria-label': '六步工作' },
        ...Object.entries(detail.stages).map(([id, s]) =>
          h(
            'li',
            { 'data-stage': id, 'data-status': s.status },
            `${stageLabels[id] ?? id}：`,
            s.status === 'done' ? '已完成' : s.status === 'open' ? '进行中' : `无需（${s.reason}）`,
          ),
        ),
      )
    : null;
  const adults = detail.responsibleAdults.map((a) => people.staff.get(a.personId)?.name ?? a.kind);
  replaceChildren(
    container,
    h(
      'div',
      { class: 'case-fallback', 'data-case-id': c.id },
      h(
        'h3',
        {},
        `个案 · ${student?.name ?? '学生'}`,
        ' ',
        h('span', { class: 'muted' }, detail.state === 'open' ? '进行中' : '已结案'),
      ),
      h(
        'p',
        {},
        '开案于 ',
        time(detail.openedAt),
        ' · 责任人：',
        adults.length ? adults.join('、') : '尚未指定',
        detail.overdue ? h('span', { class: 'overdue' }, ' · 需尽快指定责任人') : '',
      ),
      stages,
      h('h4', {}, '时间线'),
      h(
        'ol',
        { class: 'timeline' },
        ...timeline.data.map((e) =>
          h(
            'li',
            { 'data-event-type': e.type },
            h('strong', {}, caseEventLabels[e.type] ?? e.type),
            ' · ',
            time(e.at),
            e.note ? h('p', { class: 'note' }, e.note) : null,
          ),
        ),
      ),
      h(
        'p',
        { class: 'muted small' },
        '（个案时间线组件 <xq-case-timeline> 发布后将在此处替换为组件。）',
      ),
    ),
  );
}
