import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import type { ParentSchoolSession } from '@xinqiao/contracts/parent-school';
import '../define/xq-parent-school-signup.js';
import '../define/xq-provider.js';
import type { XqErrorEvent } from '../events.js';
import { expectAccessible } from '../test/axe.js';
import {
  apiError,
  memorySource,
  sampleChildren,
  sampleNow,
  sampleSessions,
  sampleSignup,
} from '../test/parent-school-fixtures.js';
import { realTenant, type RealTenant, type Signed } from '../test/real-server.js';
import { calendarFileName, safeLink, type XqParentSchoolSignup } from './parent-school-signup.js';
import type { XqCancelEvent, XqSignupEvent } from './parent-school-signup.events.js';
import type { ParentSchoolDataSource } from './parent-school-source.js';

const q = <T extends Element = HTMLElement>(el: XqParentSchoolSignup, s: string) =>
  el.shadowRoot!.querySelector<T>(s);
const qa = (el: XqParentSchoolSignup, s: string) => [...el.shadowRoot!.querySelectorAll(s)];
const text = (el: Element) => (el.shadowRoot ?? el).textContent!.replace(/\s+/g, ' ');
const sessionIds = (el: XqParentSchoolSignup) =>
  qa(el, '[part="session"]').map((li) => li.getAttribute('data-session'));
const status = (el: XqParentSchoolSignup) => q(el, '[role="status"]')!.textContent!.trim();
const sessionText = (el: XqParentSchoolSignup, id: string) =>
  q(el, `[data-session="${id}"]`)!.textContent!.replace(/\s+/g, ' ');

async function waitFor(check: () => boolean, what: string, ms = 8000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function settle(el: XqParentSchoolSignup) {
  await waitFor(() => el.loadState !== 'loading', 'the sessions to load');
  for (let i = 0; i < 3; i += 1) {
    await el.updateComplete;
    await new Promise((r) => setTimeout(r));
  }
}

/** Opens a session's details (if closed). */
async function open(el: XqParentSchoolSignup, id: string) {
  const toggle = q<HTMLButtonElement>(el, `[data-session="${id}"] [data-toggle]`)!;
  if (toggle.getAttribute('aria-expanded') !== 'true') toggle.click();
  await el.updateComplete;
}

/** Chooses a value in one of a session's selects, as a person does (a change event). */
async function choose(el: XqParentSchoolSignup, id: string, name: string, value: string) {
  const select = q<HTMLSelectElement>(el, `[data-session="${id}"] select[name="${name}"]`)!;
  select.value = value;
  select.dispatchEvent(new Event('change', { bubbles: true }));
  await el.updateComplete;
}

const submitButton = (el: XqParentSchoolSignup, id: string) =>
  q<HTMLButtonElement>(el, `[data-session="${id}"] button[type="submit"]`)!;

/** Submits a session's signup form and waits for the outcome (xq-signup or xq-error). */
async function submitSignup(el: XqParentSchoolSignup, id: string) {
  const outcome = Promise.race([oneEvent(el, 'xq-signup'), oneEvent(el, 'xq-error')]);
  submitButton(el, id).click();
  const event = (await outcome) as unknown as XqSignupEvent | XqErrorEvent;
  await waitFor(() => !submitButton(el, id)?.disabled, 'the form to be free again');
  await el.updateComplete;
  return event;
}

/** Rendering states with data passed as properties. */
async function withData(extra: Partial<XqParentSchoolSignup> = {}) {
  const el = await fixture<XqParentSchoolSignup>(
    html`<xq-parent-school-signup
      school="sc_1"
      .now=${sampleNow}
      .sessions=${structuredClone(sampleSessions)}
      .students=${sampleChildren}
    ></xq-parent-school-signup>`,
  );
  Object.assign(el, extra);
  await settle(el);
  return el;
}

async function withSource(source: ParentSchoolDataSource) {
  const el = await fixture<XqParentSchoolSignup>(
    html`<xq-parent-school-signup school="sc_1" .source=${source}></xq-parent-school-signup>`,
  );
  await settle(el);
  return el;
}

describe('<xq-parent-school-signup>', () => {
  describe('against the real server (@xinqiao/testkit)', function (this: {
    timeout(ms: number): void;
  }) {
    this.timeout(60_000);
    let tenant: RealTenant;
    let grades: Record<string, string>;
    const sessions = {} as Record<'talk' | 'small' | 'grade8' | 'doomed', ParentSchoolSession>;
    const who = {} as Record<'g1' | 'g1b' | 'g2' | 'g3', Signed>;

    /** The element inside a provider signed in as `user`, as a portal page would have it. */
    async function mount(
      user: keyof typeof who,
      props: Partial<XqParentSchoolSignup> = {},
      width?: number,
    ) {
      const wrapper = await fixture<HTMLElement>(
        html`<div style=${width ? `width: ${width}px` : ''}>
          <xq-provider base-url=${tenant.url} locale="zh-CN" .fetchToken=${who[user].fetchToken}>
            <xq-parent-school-signup
              school=${tenant.schoolId}
              .sessions=${props.sessions}
              .students=${props.students}
              .now=${props.now ?? (() => new Date())}
            ></xq-parent-school-signup>
          </xq-provider>
        </div>`,
      );
      const el = wrapper.querySelector('xq-parent-school-signup') as XqParentSchoolSignup;
      await settle(el);
      expect(el.loadState).to.equal('ready');
      return el;
    }

    before(async () => {
      tenant = await realTenant();
      // Four families in two grades: two guardians of one family (小明), the next family
      // (小红), and a family with a child in each grade (小刚 in grade 8, 小丽 in grade 7).
      const roster = await tenant.roster({
        academicYear: '2026-2027',
        grades: [
          { externalId: 'tk-g7', name: '七年级' },
          { externalId: 'tk-g8', name: '八年级' },
        ],
        classes: [
          { externalId: 'tk-c7-1', grade: 'tk-g7', name: '七年级1班' },
          { externalId: 'tk-c8-1', grade: 'tk-g8', name: '八年级1班' },
        ],
        students: [
          { externalId: 'tk-student-1', name: '小明', class: 'tk-c7-1' },
          { externalId: 'tk-student-2', name: '小红', class: 'tk-c7-1' },
          { externalId: 'tk-student-3', name: '小刚', class: 'tk-c8-1' },
          { externalId: 'tk-student-4', name: '小丽', class: 'tk-c7-1' },
        ],
        guardians: [
          { externalId: 'tk-guardian-1', family: 'tk-family-1', students: ['tk-student-1'] },
          { externalId: 'tk-guardian-1b', family: 'tk-family-1', students: ['tk-student-1'] },
          { externalId: 'tk-guardian-2', family: 'tk-family-2', students: ['tk-student-2'] },
          {
            externalId: 'tk-guardian-3',
            family: 'tk-family-3',
            students: ['tk-student-3', 'tk-student-4'],
          },
        ],
        staff: [
          {
            externalId: 'tk-teacher-1',
            memberships: [
              { role: 'class_teacher', unit: { kind: 'class', externalId: 'tk-c7-1' } },
            ],
          },
          {
            externalId: 'tk-counsellor-1',
            memberships: [{ role: 'counsellor', unit: { kind: 'school' } }],
          },
        ],
        onCall: 'tk-counsellor-1',
      });
      grades = Object.fromEntries(roster.grades.map((g) => [g.externalId, g.id]));
      const now = (await tenant.clock()).getTime();
      const day = 24 * 3600_000;
      const at = (days: number, hours = 0) => new Date(now + days * day + hours * 3600_000);
      const create = (
        title: string,
        days: number,
        extra: Partial<Parameters<RealTenant['createParentSchoolSession']>[0]>,
      ) =>
        tenant.createParentSchoolSession({
          title,
          topic: '家庭教育',
          speaker: '陈老师',
          mode: 'offline',
          place: '学校报告厅',
          capacity: 30,
          startsAt: at(days).toISOString(),
          endsAt: at(days, 1.5).toISOString(),
          schoolIds: [tenant.schoolId],
          ...extra,
        });
      sessions.talk = await create('如何与青春期孩子沟通', 7, { topic: '亲子沟通' });
      sessions.small = await create('考前焦虑：家长能做什么', 10, {
        topic: '考试压力',
        mode: 'online',
        place: undefined,
        link: 'https://meeting.example.edu.cn/xinqiao-2',
        capacity: 2,
      });
      sessions.grade8 = await create('八年级家长会', 14, { gradeIds: [grades['tk-g8']!] });
      sessions.doomed = await create('即将取消的课程', 20, { capacity: 10 });
      who.g1 = await tenant.asUser('tk-guardian-1');
      who.g1b = await tenant.asUser('tk-guardian-1b');
      who.g2 = await tenant.asUser('tk-guardian-2');
      who.g3 = await tenant.asUser('tk-guardian-3');
    });

    it("shows a guardian the upcoming sessions for their child's school and grade", async () => {
      const el = await mount('g1');
      // 小明 is in grade 7: the grade-8 meeting is not for this family.
      expect(sessionIds(el)).to.deep.equal([
        sessions.talk.id,
        sessions.small.id,
        sessions.doomed.id,
      ]);
      expect(sessionText(el, sessions.talk.id)).to.include('如何与青春期孩子沟通');
      expect(sessionText(el, sessions.talk.id)).to.include('剩余 30 个名额');
      expect(sessionText(el, sessions.small.id)).to.include('线上');
      await open(el, sessions.talk.id);
      const children = qa(el, `[data-session="${sessions.talk.id}"] select[name="child"] option`);
      expect(children.map((o) => o.textContent!.trim())).to.deep.equal(['小明（七年级）']);
      await expectAccessible(el);
    });

    it('filters by format and grade through the list query', async () => {
      const el = await mount('g3');
      expect(sessionIds(el)).to.have.length(4); // a child in each grade: every session
      (qa(el, 'input[name="mode"]')[1] as HTMLInputElement).click(); // online
      await waitFor(() => sessionIds(el).join() === sessions.small.id, 'the online sessions');
      (qa(el, 'input[name="mode"]')[0] as HTMLInputElement).click();
      const grade = q<HTMLSelectElement>(el, 'select[name="grade"]')!;
      const names = [...grade.options].map((o) => o.textContent!.trim());
      expect(names[0]).to.equal('全部年级');
      expect(names.slice(1)).to.have.members(['七年级', '八年级']);
      grade.value = grades['tk-g7']!;
      grade.dispatchEvent(new Event('change'));
      await waitFor(
        () => sessionIds(el).length === 3 && !sessionIds(el).includes(sessions.grade8.id),
        'the grade-7 sessions',
      );
      grade.value = grades['tk-g8']!;
      grade.dispatchEvent(new Event('change'));
      await waitFor(() => sessionIds(el).length === 4, 'the grade-8 sessions');
      expect(q(el, 'section')!.getAttribute('aria-busy')).to.equal('false');
    });

    it('signs up a child: the seats left change and xq-signup fires', async () => {
      const el = await mount('g1');
      const id = sessions.small.id;
      expect(sessionText(el, id)).to.include('剩余 2 个名额');
      await open(el, id);
      await choose(el, id, 'attendees', '2');
      expect(submitButton(el, id).textContent).to.include('报名');
      const event = (await submitSignup(el, id)) as XqSignupEvent;
      expect(event.type).to.equal('xq-signup');
      expect(event.signup.state).to.equal('confirmed');
      expect(event.signup.attendeeCount).to.equal(2);
      expect(event.session.id).to.equal(id);
      await waitFor(() => sessionText(el, id).includes('名额已满'), 'the full session');
      expect(status(el)).to.include('报名成功：考前焦虑：家长能做什么');
      expect(
        q(el, `[data-session="${id}"] [data-signup-state="confirmed"]`)!.textContent,
      ).to.include('已报名 · 小明（七年级）');
      await expectAccessible(el);
    });

    it('puts the next family on the waitlist of a full session, at position 1', async () => {
      const el = await mount('g2');
      const id = sessions.small.id;
      expect(sessionText(el, id)).to.include('名额已满，可以候补');
      await open(el, id);
      expect(submitButton(el, id).textContent).to.include('加入候补');
      const event = (await submitSignup(el, id)) as XqSignupEvent;
      expect(event.type).to.equal('xq-signup');
      expect(event.signup.state).to.equal('waitlisted');
      expect(event.signup.waitlistPosition).to.equal(1);
      expect(status(el)).to.include('已为你候补，第 1 位');
      expect(
        q(el, `[data-session="${id}"] [data-signup-state="waitlisted"]`)!.textContent,
      ).to.include('候补第 1 位');
      await expectAccessible(el);
    });

    it('promotes the waitlisted family when the confirmed one cancels', async () => {
      const id = sessions.small.id;
      const waiting = await mount('g2');
      expect(q(waiting, `[data-session="${id}"] [data-signup-state="waitlisted"]`)).to.not.equal(
        null,
      );
      const el = await mount('g1');
      await open(el, id);
      const cancelled = oneEvent(el, 'xq-cancel');
      q<HTMLButtonElement>(el, `[data-session="${id}"] [data-cancel]`)!.click();
      const event = (await cancelled) as unknown as XqCancelEvent;
      expect(event.signup.state).to.equal('cancelled');
      // Two seats freed, one taken at once by the waitlisted family.
      await waitFor(() => sessionText(el, id).includes('剩余 1 个名额'), 'the freed seat');
      expect(status(el)).to.include('已取消报名');
      expect(q(el, `[data-session="${id}"] [data-signup]`)).to.equal(null);
      expect(q(el, `[data-session="${id}"] form`)).to.not.equal(null); // may sign up again

      // The waiting family's page, re-read: confirmed.
      await waiting.reload();
      await waiting.updateComplete;
      const badge = q(waiting, `[data-session="${id}"] [data-signup]`)!;
      expect(badge.getAttribute('data-signup-state')).to.equal('confirmed');
      expect(badge.textContent).to.include('已报名 · 小红（七年级）');
      await expectAccessible(waiting);
    });

    it("downloads the server's calendar file, named after the session", async () => {
      const el = await mount('g2');
      const id = sessions.small.id;
      await open(el, id);
      const clicked: HTMLAnchorElement[] = [];
      const click = Object.getOwnPropertyDescriptor(HTMLAnchorElement.prototype, 'click');
      // Catch the download instead of letting the browser save it.
      HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
        clicked.push(this);
      };
      try {
        q<HTMLButtonElement>(el, `[data-session="${id}"] [data-calendar]`)!.click();
        await waitFor(() => clicked.length === 1, 'the download');
      } finally {
        if (click) Object.defineProperty(HTMLAnchorElement.prototype, 'click', click);
        else delete (HTMLAnchorElement.prototype as { click?: unknown }).click;
      }
      const link = clicked[0]!;
      expect(link.download).to.equal('考前焦虑：家长能做什么.ics');
      expect(link.href).to.match(/^blob:/);
      const file = await (await fetch(link.href)).blob();
      expect(file.type).to.match(/^text\/calendar/);
      const ics = await file.text();
      expect(ics.startsWith('BEGIN:VCALENDAR')).to.equal(true);
      expect(ics.replace(/\r\n[ \t]/g, '')).to.include(`UID:${id}@xinqiao`);
      expect(ics).to.include('END:VCALENDAR');
      await el.updateComplete;
      expect(status(el)).to.include('日历文件已下载');
    });

    it('tells another guardian of the family it is already signed up (409 conflict)', async () => {
      const id = sessions.talk.id;
      const el = await mount('g1b');
      await open(el, id);
      expect(submitButton(el, id)).to.not.equal(null);
      // Meanwhile the other guardian signs 小明 up from their own phone.
      const [child] = (await who.g1.client.parentSchool.children()).data;
      await who.g1.client.parentSchool.signup(id, {
        childStudentId: child!.studentId,
        attendeeCount: 1,
      });
      const event = (await submitSignup(el, id)) as XqErrorEvent;
      expect(event.type).to.equal('xq-error');
      expect(event.code).to.equal('conflict');
      expect(status(el)).to.equal('你家已经报名了这节课，不用重复报名。');
      expect(q(el, '.feedback')!.classList.contains('error')).to.equal(true);
      // The element re-read the session: the family's signup is shown.
      await waitFor(
        () => !!q(el, `[data-session="${id}"] [data-signup-state="confirmed"]`),
        "the family's signup",
      );
      await expectAccessible(el);
    });

    it('shows a refused signup for a child the session is not for (403 not_eligible)', async () => {
      const id = sessions.grade8.id;
      const children = (await who.g3.client.parentSchool.children()).data;
      const view = await who.g3.client.parentSchool.get(id);
      expect(view.eligibleChildIds).to.have.length(1); // only 小刚, in grade 8
      // A page that kept an out-of-date view offers both children.
      const stale = { ...view, eligibleChildIds: children.map((c) => c.studentId) };
      const now = await tenant.clock();
      const el = await mount('g3', { sessions: [stale], students: children, now: () => now });
      await open(el, id);
      const grade7 = children.find((c) => c.displayName === '小丽')!;
      await choose(el, id, 'child', grade7.studentId);
      const event = (await submitSignup(el, id)) as XqErrorEvent;
      expect(event.code).to.equal('not_eligible');
      expect(status(el)).to.equal('这节课不面向这个孩子的年级。');
      expect(q(el, `[data-session="${id}"] form`)).to.not.equal(null);
      await expectAccessible(el);
    });

    it('refuses a signup for a session the school has just cancelled', async () => {
      const id = sessions.doomed.id;
      const el = await mount('g2');
      await open(el, id);
      await tenant.cancelParentSchoolSession(id);
      const event = (await submitSignup(el, id)) as XqErrorEvent;
      expect(event.code).to.equal('conflict');
      expect(status(el)).to.equal('这节课已被学校取消，不能再报名。');
      await waitFor(() => sessionText(el, id).includes('本场已取消'), 'the cancelled session');
      expect(q(el, `[data-session="${id}"] form`)).to.equal(null);
    });

    it('fits 320 px with a signup form open, accessibly', async () => {
      const el = await mount('g2', {}, 320);
      await open(el, sessions.talk.id);
      const box = el.getBoundingClientRect();
      expect(box.width).to.equal(320);
      expect(el.shadowRoot!.querySelector('.card')!.scrollWidth).to.be.at.most(320);
      for (const control of qa(el, 'button, select, a, input')) {
        const r = control.getBoundingClientRect();
        if (!r.width) continue;
        expect(r.left, control.outerHTML).to.be.at.least(box.left - 0.5);
        expect(r.right, control.outerHTML).to.be.at.most(box.right + 0.5);
      }
      await expectAccessible(el);
    });
  });

  describe('rendering states (data as properties)', () => {
    it('lists upcoming sessions in time order, without past ones', async () => {
      const el = await withData();
      expect(el.loadState).to.equal('ready');
      expect(sessionIds(el)).to.deep.equal(['ps_1', 'ps_2', 'ps_3']);
      expect(text(el)).to.include('剩余 18 个名额');
      expect(text(el)).to.include('名额已满，可以候补');
      expect(text(el)).to.include('已报名 · 小明（八年级）');
      expect(text(el)).to.include('主题：亲子沟通');
      // Times in Asia/Shanghai: 11:30Z is 19:30.
      expect(q(el, '[data-session="ps_1"] .meta')!.textContent).to.include('19:30');
      await expectAccessible(el);
    });

    it('filters by format and by grade', async () => {
      const el = await withData();
      (qa(el, 'input[type="radio"]')[1] as HTMLInputElement).click();
      await el.updateComplete;
      expect(sessionIds(el)).to.deep.equal(['ps_2']);
      (qa(el, 'input[type="radio"]')[0] as HTMLInputElement).click();
      const select = q<HTMLSelectElement>(el, 'select[name="grade"]')!;
      select.value = 'gr_8';
      select.dispatchEvent(new Event('change'));
      await el.updateComplete;
      expect(sessionIds(el)).to.deep.equal(['ps_1', 'ps_3']); // ps_3 is for every grade
      (qa(el, 'input[type="radio"]')[1] as HTMLInputElement).click();
      await el.updateComplete;
      expect(text(el)).to.include('没有符合筛选条件的课程');
      expect(q(el, '[part="filters"]')).to.not.equal(null); // the filters stay to undo them
    });

    it('opens details with cancel for a signup, and a form for the eligible children', async () => {
      const el = await withData();
      const toggle = q<HTMLButtonElement>(el, '[data-session="ps_1"] [data-toggle]')!;
      expect(toggle.getAttribute('aria-expanded')).to.equal('false');
      toggle.click();
      await el.updateComplete;
      expect(toggle.getAttribute('aria-expanded')).to.equal('true');
      const details = q(el, '[data-session="ps_1"] [part="session-details"]')!;
      expect(details.hidden).to.equal(false);
      expect(details.textContent).to.include('主讲：王老师');
      expect(details.textContent).to.include('适合 八年级 等年级'); // gr_7 has no name here
      expect(q(el, '[data-cancel="su_1"]')).to.not.equal(null);
      expect(q(el, '[data-session="ps_1"] form')).to.equal(null); // one signup per family
      await open(el, 'ps_3');
      const options = qa(el, '[data-session="ps_3"] select[name="child"] option');
      expect(options.map((o) => o.textContent!.trim())).to.deep.equal([
        '小明（八年级）',
        '九年级的孩子',
      ]);
      const counts = qa(el, '[data-session="ps_3"] select[name="attendees"] option');
      expect(counts.map((o) => o.getAttribute('value'))).to.deep.equal(['1', '2', '3', '4', '5']);
      await expectAccessible(el);
    });

    it('offers the waitlist when the party is bigger than the seats left', async () => {
      const nearlyFull = structuredClone(sampleSessions).map((s) =>
        s.id === 'ps_3' ? { ...s, seatsTaken: 38, seatsLeft: 2 } : s,
      );
      const el = await withData({ sessions: nearlyFull });
      await open(el, 'ps_3');
      expect(submitButton(el, 'ps_3').textContent).to.include('报名');
      await choose(el, 'ps_3', 'attendees', '3');
      expect(submitButton(el, 'ps_3').textContent).to.include('加入候补');
      expect(text(el)).to.include('剩余名额不够这么多人');
      await expectAccessible(el);
    });

    it('shows the waitlist position of a waitlisted signup', async () => {
      const list = structuredClone(sampleSessions);
      list[1]!.mySignups = [
        sampleSignup({
          id: 'su_9',
          sessionId: 'ps_2',
          childStudentId: 'st_2',
          state: 'waitlisted',
          waitlistPosition: 3,
        }),
      ];
      const el = await withData({ sessions: list });
      expect(q(el, '[data-signup="su_9"]')!.textContent).to.include('候补第 3 位 · 九年级的孩子');
    });

    it('shows the empty state', async () => {
      const el = await withData({ sessions: [sampleSessions[3]!] });
      expect(text(el)).to.include('近期没有家长学校课程');
      await expectAccessible(el);
    });

    it('says signup is unavailable with no provider and no data', async () => {
      const el = await fixture<XqParentSchoolSignup>(
        html`<xq-parent-school-signup school="sc_1"></xq-parent-school-signup>`,
      );
      expect(el.loadState).to.equal('unavailable');
      expect(text(el)).to.include('请从学校门户登录后再报名');
      await expectAccessible(el);
    });

    it('renders in English and stays accessible in dark', async () => {
      const wrapper = await fixture<HTMLElement>(
        html`<div lang="en" style="color-scheme: dark">
          <xq-parent-school-signup
            .now=${sampleNow}
            .sessions=${sampleSessions}
            .students=${sampleChildren}
          ></xq-parent-school-signup>
        </div>`,
      );
      const el = wrapper.querySelector('xq-parent-school-signup') as XqParentSchoolSignup;
      await settle(el);
      expect(text(el)).to.include('Parent school');
      expect(text(el)).to.include('18 seats left');
      expect(text(el)).to.include('Signed up · 小明 (八年级)');
      await expectAccessible(el);
    });
  });

  describe('behaviour through the data-source seam (in memory)', () => {
    it('loading → error with retry', async () => {
      const el = await fixture<XqParentSchoolSignup>(
        html`<xq-parent-school-signup
          school="sc_1"
          .source=${memorySource({ fail: true, delayMs: 20 })}
        ></xq-parent-school-signup>`,
      );
      expect(el.loadState).to.equal('loading');
      expect(text(el)).to.include('正在加载课程');
      await oneEvent(el, 'xq-error');
      await el.updateComplete;
      expect(el.loadState).to.equal('error');
      expect(q(el, '[role="alert"]')!.textContent).to.include('课程暂时无法加载');
      expect(q(el, '[role="alert"] button')!.textContent).to.include('重试');
      await expectAccessible(el);
    });

    it('says so when offline', async () => {
      const el = await withSource({
        ...memorySource(),
        listSessions: async () => {
          throw Object.assign(new Error('Failed to fetch'), { name: 'ConnectionError' });
        },
      });
      expect(el.loadState).to.equal('offline');
      expect(q(el, '[role="alert"]')!.textContent).to.include('网络未连接');
    });

    it('signup → waitlist → cancel, with events and announced results', async () => {
      const el = await withSource(memorySource());
      expect(sessionIds(el)).to.deep.equal(['ps_1', 'ps_2', 'ps_3']);

      await open(el, 'ps_2'); // full: the waitlist
      expect(submitButton(el, 'ps_2').textContent).to.include('加入候补');
      const waitlisted = (await submitSignup(el, 'ps_2')) as XqSignupEvent;
      expect(waitlisted.signup.state).to.equal('waitlisted');
      expect(waitlisted.signup.waitlistPosition).to.equal(1);
      expect(status(el)).to.include('候补，第 1 位');

      await open(el, 'ps_3'); // seats left: two people take two seats
      await choose(el, 'ps_3', 'attendees', '2');
      const confirmed = (await submitSignup(el, 'ps_3')) as XqSignupEvent;
      expect(confirmed.signup.state).to.equal('confirmed');
      expect(sessionText(el, 'ps_3')).to.include('剩余 28 个名额');

      const cancelled = oneEvent(el, 'xq-cancel');
      q<HTMLButtonElement>(el, '[data-session="ps_3"] [data-cancel]')!.click();
      await cancelled;
      await waitFor(() => sessionText(el, 'ps_3').includes('剩余 30 个名额'), 'the seats back');
      expect(status(el)).to.include('已取消报名');
      await expectAccessible(el);
    });

    it("maps the API's refusals to plain sentences and keeps the form", async () => {
      let refusal: unknown;
      const el = await withSource({
        ...memorySource(),
        signup: async () => {
          throw refusal;
        },
      });
      await open(el, 'ps_3');
      const cases: [unknown, string][] = [
        [apiError(409, 'conflict', { reason: 'family_already_signed_up' }), '你家已经报名'],
        [apiError(409, 'conflict', { reason: 'session_started' }), '这节课已经开始'],
        [apiError(409, 'conflict', { reason: 'session_cancelled' }), '已被学校取消'],
        [apiError(403, 'not_eligible'), '不面向这个孩子的年级'],
        [apiError(404, 'not_found'), '找不到这节课'],
        [apiError(422, 'unprocessable'), '参加人数超过'],
        [apiError(401, 'unauthenticated'), '登录已失效'],
        [apiError(500, 'internal_error'), '报名没有成功'],
        [Object.assign(new Error('x'), { name: 'ConnectionError' }), '网络未连接'],
      ];
      for (const [error, message] of cases) {
        refusal = error;
        const event = (await submitSignup(el, 'ps_3')) as XqErrorEvent;
        expect(event.type).to.equal('xq-error');
        expect(status(el), message).to.include(message);
        expect(q(el, '[data-session="ps_3"] form')).to.not.equal(null);
      }
      await expectAccessible(el);
    });
  });

  describe('helpers', () => {
    it('renders only http(s) meeting links', () => {
      expect(safeLink('https://meeting.example.edu.cn/x')).to.equal(
        'https://meeting.example.edu.cn/x',
      );
      expect(safeLink('javascript:alert(1)')).to.equal(undefined);
      expect(safeLink('data:text/html,hi')).to.equal(undefined);
      expect(safeLink('not a url')).to.equal(undefined);
      expect(safeLink(null)).to.equal(undefined);
    });

    it('names the calendar file after the session', () => {
      expect(calendarFileName({ id: 'ps_1', title: '睡眠与手机使用' })).to.equal(
        '睡眠与手机使用.ics',
      );
      expect(calendarFileName({ id: 'ps_1', title: 'A/B: "考前" <焦虑>?' })).to.equal(
        'A B 考前 焦虑.ics',
      );
      expect(calendarFileName({ id: 'ps_1', title: '...' })).to.equal('parent-school-ps_1.ics');
    });
  });
});
