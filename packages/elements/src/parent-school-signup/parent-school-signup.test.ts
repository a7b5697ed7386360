import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../define/xq-parent-school-signup.js';
import '../define/xq-provider.js';
import { expectAccessible } from '../test/axe.js';
import {
  memorySource,
  sampleChildren,
  sampleNow,
  sampleSessions,
  sampleSignups,
} from '../test/parent-school-fixtures.js';
import { sessionIcs } from './ics.js';
import { safeLink, type XqParentSchoolSignup } from './parent-school-signup.js';
import type { XqSignupEvent } from './parent-school-signup.events.js';
import type { ParentSchoolDataSource } from './parent-school-source.js';

const q = <T extends Element = HTMLElement>(el: XqParentSchoolSignup, s: string) =>
  el.shadowRoot!.querySelector<T>(s);
const qa = (el: XqParentSchoolSignup, s: string) => [...el.shadowRoot!.querySelectorAll(s)];
const text = (el: Element) => (el.shadowRoot ?? el).textContent!.replace(/\s+/g, ' ');
const sessionIds = (el: XqParentSchoolSignup) =>
  qa(el, '[part="session"]').map((li) => li.getAttribute('data-session'));

async function settle(el: XqParentSchoolSignup) {
  for (let i = 0; i < 4; i += 1) {
    await el.updateComplete;
    await new Promise((r) => setTimeout(r));
  }
}

/** Rendering states with data passed as properties. */
async function withData(extra: Partial<XqParentSchoolSignup> = {}) {
  const el = await fixture<XqParentSchoolSignup>(
    html`<xq-parent-school-signup
      school="sc_1"
      .now=${sampleNow}
      .sessions=${structuredClone(sampleSessions)}
      .students=${sampleChildren}
      .signups=${structuredClone(sampleSignups)}
    ></xq-parent-school-signup>`,
  );
  Object.assign(el, extra);
  await settle(el);
  return el;
}

describe('<xq-parent-school-signup>', () => {
  describe('rendering states (data as properties)', () => {
    it('lists upcoming sessions in time order, without past ones', async () => {
      const el = await withData();
      expect(el.loadState).to.equal('ready');
      expect(sessionIds(el)).to.deep.equal(['ps_1', 'ps_2', 'ps_3']);
      expect(text(el)).to.include('剩余 18 个名额');
      expect(text(el)).to.include('名额已满，可以候补');
      expect(text(el)).to.include('已报名 · 小明（8 年级）');
      // Times in Asia/Shanghai: 11:30Z is 19:30.
      expect(q(el, '[data-session="ps_1"] .meta')!.textContent).to.include('19:30');
      await expectAccessible(el);
    });

    it('filters by format and by grade', async () => {
      const el = await withData();
      const online = qa(el, 'input[type="radio"]')[1] as HTMLInputElement;
      online.click();
      await el.updateComplete;
      expect(sessionIds(el)).to.deep.equal(['ps_2']);
      (qa(el, 'input[type="radio"]')[0] as HTMLInputElement).click();
      const select = q<HTMLSelectElement>(el, '.filters select')!;
      select.value = '7';
      select.dispatchEvent(new Event('change'));
      await el.updateComplete;
      expect(sessionIds(el)).to.deep.equal(['ps_1', 'ps_3']); // ps_3 is for every grade
      (qa(el, 'input[type="radio"]')[1] as HTMLInputElement).click();
      await el.updateComplete;
      expect(text(el)).to.include('没有符合筛选条件的课程');
    });

    it('opens details with the signup form and, for a signup, cancel and calendar', async () => {
      const el = await withData();
      const toggle = q<HTMLButtonElement>(el, '[data-session="ps_1"] button[aria-expanded]')!;
      expect(toggle.getAttribute('aria-expanded')).to.equal('false');
      toggle.click();
      await el.updateComplete;
      expect(toggle.getAttribute('aria-expanded')).to.equal('true');
      const details = q(el, '[data-session="ps_1"] [part="session-details"]')!;
      expect(details.hidden).to.equal(false);
      expect(details.textContent).to.include('适合 7 年级、8 年级');
      expect(q(el, '[data-cancel="su_1"]')).to.not.equal(null);
      const calendar = q<HTMLAnchorElement>(el, '[part="calendar-link"]')!;
      expect(calendar.href).to.match(/^blob:/);
      expect(calendar.download).to.equal('ps_1.ics');
      const ics = await (await fetch(calendar.href)).text();
      expect(ics).to.include('DTSTART:20261205T113000Z');
      // st_1 is signed up already: the form offers the other child only.
      const options = qa(el, 'select[name="child"] option').map((o) => o.getAttribute('value'));
      expect(options).to.deep.equal(['st_2']);
      await expectAccessible(el);
    });

    it('shows the waitlist position of a waitlisted signup', async () => {
      const el = await withData({
        signups: [
          {
            id: 'su_9',
            sessionId: 'ps_2',
            childId: 'st_2',
            attendees: 1,
            status: 'waitlisted',
            waitlistPosition: 3,
          },
        ],
      });
      expect(q(el, '[data-signup="su_9"]')!.textContent).to.include('候补第 3 位');
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
            .signups=${sampleSignups}
          ></xq-parent-school-signup>
        </div>`,
      );
      const el = wrapper.querySelector('xq-parent-school-signup') as XqParentSchoolSignup;
      await settle(el);
      expect(text(el)).to.include('Parent school');
      expect(text(el)).to.include('18 seats left');
      await expectAccessible(el);
    });
  });

  describe('behaviour through the data-source seam', () => {
    it('loading → error with retry', async () => {
      const failing = memorySource(undefined, undefined, undefined, { fail: true, delayMs: 20 });
      const el = await fixture<XqParentSchoolSignup>(
        html`<xq-parent-school-signup school="sc_1" .source=${failing}></xq-parent-school-signup>`,
      );
      expect(el.loadState).to.equal('loading');
      expect(text(el)).to.include('正在加载课程');
      await oneEvent(el, 'xq-error');
      await el.updateComplete;
      expect(el.loadState).to.equal('error');
      expect(q(el, '[role="alert"]')!.textContent).to.include('课程暂时无法加载');
      await expectAccessible(el);
    });

    it('signup → waitlist → cancel, with events and announced results', async () => {
      const source = memorySource();
      const el = await fixture<XqParentSchoolSignup>(
        html`<xq-parent-school-signup
          school="sc_1"
          .now=${sampleNow}
          .source=${source}
        ></xq-parent-school-signup>`,
      );
      await settle(el);
      expect(el.loadState).to.equal('ready');

      // ps_2 is full: the button offers the waitlist.
      q<HTMLButtonElement>(el, '[data-session="ps_2"] button[aria-expanded]')!.click();
      await el.updateComplete;
      const submit = q<HTMLButtonElement>(el, '[data-session="ps_2"] button[type="submit"]')!;
      expect(submit.textContent).to.include('加入候补');
      const signupEvent = oneEvent(el, 'xq-signup');
      submit.click();
      const signup = (await signupEvent) as unknown as XqSignupEvent;
      expect(signup.signup.status).to.equal('waitlisted');
      expect(signup.signup.waitlistPosition).to.equal(1);
      expect(signup.session.id).to.equal('ps_2');
      await el.updateComplete;
      expect(q(el, '[role="status"]')!.textContent).to.include('候补，第 1 位');

      // ps_3 has seats: a confirmed signup for two people takes two seats.
      q<HTMLButtonElement>(el, '[data-session="ps_3"] button[aria-expanded]')!.click();
      await el.updateComplete;
      const form = q<HTMLFormElement>(el, '[data-session="ps_3"] form')!;
      (form.querySelector('select[name="attendees"]') as HTMLSelectElement).value = '2';
      const confirmed = oneEvent(el, 'xq-signup');
      form.requestSubmit();
      expect(((await confirmed) as unknown as XqSignupEvent).signup.status).to.equal('confirmed');
      await el.updateComplete;
      expect(q(el, '[data-session="ps_3"]')!.textContent).to.include('剩余 28 个名额');

      // Cancel it: the seats come back and xq-cancel fires.
      const cancelButton = q<HTMLButtonElement>(el, '[data-session="ps_3"] [data-cancel]')!;
      const cancelled = oneEvent(el, 'xq-cancel');
      cancelButton.click();
      await cancelled;
      await el.updateComplete;
      expect(q(el, '[data-session="ps_3"]')!.textContent).to.include('剩余 30 个名额');
      expect(q(el, '[role="status"]')!.textContent).to.include('已取消报名');
      await expectAccessible(el);
    });

    it('shows a signup error and keeps the form', async () => {
      const source: ParentSchoolDataSource = {
        ...memorySource(),
        signup: async () => {
          throw Object.assign(new Error('nope'), { code: 'session_closed' });
        },
      };
      const el = await fixture<XqParentSchoolSignup>(
        html`<xq-parent-school-signup
          school="sc_1"
          .now=${sampleNow}
          .source=${source}
        ></xq-parent-school-signup>`,
      );
      await settle(el);
      q<HTMLButtonElement>(el, '[data-session="ps_3"] button[aria-expanded]')!.click();
      await el.updateComplete;
      const error = oneEvent(el, 'xq-error');
      q<HTMLButtonElement>(el, '[data-session="ps_3"] button[type="submit"]')!.click();
      await error;
      await el.updateComplete;
      expect(q(el, '[role="status"]')!.textContent).to.include('报名没有成功');
      expect(q(el, '[data-session="ps_3"] form')).to.not.equal(null);
    });
  });

  describe('links from data', () => {
    it('renders only http(s) meeting links', () => {
      expect(safeLink('https://meeting.example.edu.cn/x')).to.equal(
        'https://meeting.example.edu.cn/x',
      );
      expect(safeLink('javascript:alert(1)')).to.equal(undefined);
      expect(safeLink('data:text/html,hi')).to.equal(undefined);
      expect(safeLink('not a url')).to.equal(undefined);
    });
  });

  describe('calendar file', () => {
    it('is valid iCalendar with escaped, folded UTF-8 lines', () => {
      const ics = sessionIcs(
        { ...sampleSessions[0]!, place: '学校报告厅, 三楼; 东侧'.repeat(4) },
        'zh-CN',
        new Date('2026-11-25T02:00:00Z'),
      );
      expect(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).to.equal(true);
      expect(ics).to.include('UID:ps_1@xinqiao');
      expect(ics).to.include('DTSTAMP:20261125T020000Z');
      expect(ics).to.include('DTEND:20261205T130000Z');
      expect(ics).to.include('SUMMARY:如何与青春期孩子沟通');
      expect(ics).to.include('学校报告厅\\, 三楼\\; 东侧');
      for (const line of ics.split('\r\n')) {
        expect(new TextEncoder().encode(line).length).to.be.at.most(75);
      }
      expect(ics.endsWith('END:VCALENDAR\r\n')).to.equal(true);
    });
  });
});
