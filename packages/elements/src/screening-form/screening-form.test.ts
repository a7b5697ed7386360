import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { nothing } from 'lit';
import type { CampaignCreate } from '@xinqiao/contracts/campaigns';
import { createClient, createOutbox, type ClientOutbox, type XinqiaoClient } from '@xinqiao/sdk';
import '../define/xq-provider.js';
import '../define/xq-screening-form.js';
import type { XqErrorEvent } from '../events.js';
import { expectAccessible } from '../test/axe.js';
import { memoryScreeningSource, sampleCampaign, sampleDraft } from '../test/screening-fixtures.js';
import type { XqScreeningForm } from './screening-form.js';
import type { XqCriticalEvent, XqSubmitEvent, XqSubmittedEvent } from './screening-form.events.js';

// <xq-screening-form> against the REAL server: @xinqiao/testkit starts it once per wtr run
// (scripts/wtr-test-server.mjs); each test seeds its own tenant with the testkit roster, and the
// page gets embed tokens the way a portal page would. The form's client is a real SDK client with
// a real IndexedDB outbox. "Offline" cuts the client's connection at its `fetch` (the SDK's
// transport seam: every request then fails as on a dead school network, before it leaves the
// page); the server, the outbox and the drain are never replaced. Layout checks at the end use
// the in-memory source of the stories.

interface Tenant {
  url: string;
  tenant: string;
  schoolId: string;
  units: Record<string, string>;
  users: Record<string, string>;
}

async function route<T>(path: string): Promise<T> {
  const response = await fetch(`/__xq/test-server/${path}`);
  const body = (await response.json()) as T & { error?: string };
  if (body.error) throw new Error(`test server: ${body.error}`);
  return body;
}

/** A real key press through the test runner (playwright), not a synthetic event. */
async function press(key: string): Promise<void> {
  const sessionId = new URL(location.href).searchParams.get('wtr-session-id');
  // @ts-expect-error -- served by web-test-runner's dev server
  const ws = (await import('/__web-dev-server__web-socket.js')) as {
    sendMessageWaitForResponse(message: unknown): Promise<{ executed: boolean }>;
  };
  const answer = await ws.sendMessageWaitForResponse({
    type: 'wtr-command',
    sessionId,
    command: 'send-keys',
    payload: { press: key },
  });
  if (!answer.executed) throw new Error(`send-keys ${key} was not executed`);
}

/** mocha's per-test or per-suite timeout (the mocha globals here type `this` as unknown). */
const slow = (context: unknown, ms: number) =>
  (context as { timeout(ms: number): void }).timeout(ms);

async function until(check: () => boolean, what: string, ms = 8_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The API connection of the form's client: `down` fails every request like a dead network. */
const net = { down: false, urls: [] as string[] };
const netFetch: typeof fetch = (input, init) => {
  net.urls.push(input instanceof Request ? input.url : String(input));
  return net.down ? Promise.reject(new TypeError('Failed to fetch')) : fetch(input, init);
};

let dbCounter = 0;
const outboxes: ClientOutbox[] = [];

/** One school's world: a fresh tenant, a school admin who makes campaigns, tokens on demand. */
async function world() {
  const t = await route<Tenant>('tenant');
  const tokens = new Map<string, Promise<{ token: string; personId: string }>>();
  const sign = (externalId: string) => {
    let s = tokens.get(externalId);
    if (!s) {
      s = route(
        `token?tenant=${encodeURIComponent(t.tenant)}&user=${encodeURIComponent(externalId)}`,
      );
      tokens.set(externalId, s);
    }
    return s;
  };
  const plain = async (externalId: string) =>
    createClient({ baseUrl: t.url, token: (await sign(externalId)).token, maxRetries: 0 });
  const admin = await plain(t.users['school_admin']!);
  let n = 0;
  return {
    t,
    sign,
    plain,
    student: t.users['student']!,
    /** The SDK client a portal page would give the form: embed token, outbox in IndexedDB. */
    async formClient(externalId = t.users['student']!, dbName = `xq-form-${++dbCounter}`) {
      const { token } = await sign(externalId);
      const client = createClient({
        baseUrl: t.url,
        locale: 'zh-CN', // Accept-Language: the server's result message in the page's language
        fetchToken: async () => token,
        maxRetries: 0,
        fetch: netFetch,
        outbox: createOutbox({ dbName, drainIntervalMs: 0 }),
      });
      outboxes.push(client.outbox);
      return client;
    },
    async campaign(over: Partial<CampaignCreate> = {}) {
      const { now } = await route<{ now: string }>('clock');
      const at = Date.parse(now);
      const day = 86_400_000;
      return admin.campaigns.create({
        name: `screening form ${++n}`,
        schoolId: t.schoolId,
        opensAt: new Date(at - day).toISOString(),
        closesAt: new Date(at + 30 * day).toISOString(),
        instruments: ['phq-a', 'gad-7'],
        consentRequired: false,
        legalBasis: 'School health programme under the provincial education department notice.',
        acknowledgeUnvalidatedTranslations: ['phq-a', 'gad-7', 'asq'],
        ...over,
      });
    },
  };
}

const q = <T extends Element = HTMLElement>(el: XqScreeningForm, s: string) =>
  el.shadowRoot!.querySelector<T>(s);
const qa = (el: XqScreeningForm, s: string) => [...el.shadowRoot!.querySelectorAll(s)];
const text = (el: Element) => (el.shadowRoot ?? el).textContent!.replace(/\s+/g, ' ');
const heading = (el: XqScreeningForm) => q(el, '#screen-heading')?.textContent?.trim() ?? '';
const legend = (el: XqScreeningForm) => q(el, 'legend')?.textContent?.trim() ?? '';

async function mount(
  campaignId: string,
  client: XinqiaoClient | undefined,
  width = 360,
  attrs: { lang?: string; studentId?: string } = {},
): Promise<XqScreeningForm> {
  const wrapper = await fixture<HTMLElement>(
    html`<div lang=${attrs.lang ?? 'zh-CN'}>
      <xq-provider .client=${client}
        ><xq-screening-form
          campaign=${campaignId}
          student-id=${attrs.studentId ?? nothing}
        ></xq-screening-form
      ></xq-provider>
    </div>`,
  );
  wrapper.style.width = `${width}px`;
  const form = wrapper.querySelector('xq-screening-form') as XqScreeningForm;
  await until(() => form.formState !== 'loading', 'the form to load', 15_000);
  await form.updateComplete;
  return form;
}

/** Picks `code` on every question of the current screen and presses the primary button. */
async function answerScreen(
  form: XqScreeningForm,
  code: (legendText: string, itemKey: string) => string,
) {
  for (const fieldset of qa(form, 'fieldset')) {
    const key = fieldset.getAttribute('data-step')!;
    const want = code(fieldset.querySelector('legend')!.textContent!.trim(), key);
    const radio = fieldset.querySelector<HTMLInputElement>(`input[value="${want}"]`);
    if (!radio) throw new Error(`no option ${want} on ${key}`);
    radio.click();
  }
  await form.updateComplete;
  q<HTMLButtonElement>(form, 'button[type="submit"]')!.click();
  await form.updateComplete;
}

/** Answers screens until the form leaves the questions or `stop` says so. */
async function answerUntil(
  form: XqScreeningForm,
  code: (itemKey: string) => string,
  stop: (form: XqScreeningForm) => boolean = () => false,
) {
  for (let guard = 0; guard < 40 && form.formState === 'question' && !stop(form); guard += 1) {
    await answerScreen(form, (_, key) => code(key));
  }
}

/** Every item "not at all" / "no"; PHQ-A item 9 as given. */
const calm =
  (item9 = '0') =>
  (key: string) =>
    key === 'phq-a/q9' ? item9 : /phq-a\/q1[023]|asq\//.test(key) ? 'no' : '0';

after(() => {
  for (const outbox of outboxes) outbox.dispose();
});

describe('<xq-screening-form> against the real server', function (this: unknown) {
  slow(this, 60_000);

  describe('eligibility, before question 1', () => {
    let w: Awaited<ReturnType<typeof world>>;
    before(async function (this: unknown) {
      slow(this, 120_000);
      w = await world();
    });

    it('asks for consent first, calmly, naming what is missing', async () => {
      const campaign = await w.campaign({ consentRequired: true, legalBasis: undefined });
      const form = await mount(campaign.id, await w.formClient());
      expect(form.formState).to.equal('ineligible');
      expect(q(form, '[data-reasons]')!.dataset['reasons']).to.equal('consent_required');
      expect(text(form)).to.include('需要先得到家长（监护人）的同意');
      expect(text(form)).to.include('还需要：家长（监护人）同意');
      expect(text(form)).to.include('还需要：同意学校使用这份问卷里的健康信息');
      expect(qa(form, 'fieldset').length).to.equal(0);
      await expectAccessible(form);
    });

    it('says when the campaign has closed or has not opened yet', async () => {
      const day = 86_400_000;
      const { now } = await route<{ now: string }>('clock');
      const at = Date.parse(now);
      const closed = await w.campaign({
        opensAt: new Date(at - 30 * day).toISOString(),
        closesAt: new Date(at - day).toISOString(),
      });
      const form = await mount(closed.id, await w.formClient());
      expect(form.formState).to.equal('ineligible');
      expect(text(form)).to.include('这次问卷已经结束了');
      const later = await w.campaign({
        opensAt: new Date(at + 2 * day).toISOString(),
        closesAt: new Date(at + 30 * day).toISOString(),
      });
      const waiting = await mount(later.id, await w.formClient());
      expect(q(waiting, '[data-reasons]')!.dataset['reasons']).to.equal('not_open_yet');
      expect(text(waiting)).to.include('这次问卷还没有开始');
      await expectAccessible(waiting);
    });

    it('says the student has already submitted', async () => {
      const campaign = await w.campaign({ instruments: ['gad-7'] });
      const direct = await w.plain(w.student);
      await direct.screenings.create({
        campaignId: campaign.id,
        responses: [
          {
            instrumentId: 'gad-7',
            answers: Object.fromEntries(Array.from({ length: 7 }, (_, i) => [`q${i + 1}`, 0])),
          },
        ],
      });
      const form = await mount(campaign.id, await w.formClient());
      expect(form.formState).to.equal('ineligible');
      expect(text(form)).to.include('你已经完成了这次问卷');
    });

    it('gets every definition it may need with eligibility: one request before the intro', async () => {
      const campaign = await w.campaign();
      const client = await w.formClient();
      net.urls = [];
      const form = await mount(campaign.id, client);
      expect(form.formState).to.equal('intro');
      const api = net.urls.filter((u) => u.startsWith(w.t.url));
      expect(api.length, api.join('\n')).to.equal(1);
      expect(api[0]).to.match(/\/eligibility\?include=definitions$/);
      // PHQ-A + GAD-7 are on the intro's count; ASQ (the follow-up) came along too: the safety
      // path below inserts it with the server unreachable.
      expect(text(form)).to.include('一共大约 20 道题');
    });

    it('says it is offline, and starts once the connection is back', async () => {
      const campaign = await w.campaign({ instruments: ['gad-7'] });
      net.down = true;
      let form: XqScreeningForm;
      try {
        form = await mount(campaign.id, await w.formClient());
      } finally {
        net.down = false;
      }
      expect(form.formState).to.equal('offline');
      expect(text(form)).to.include('现在连不上网络');
      q<HTMLButtonElement>(form, 'button')!.click();
      await until(() => form.formState === 'intro', 'the intro');
      await expectAccessible(form);
    });
  });

  describe('a whole screening', () => {
    it('is completed with the keyboard alone (PHQ-A + GAD-7), stored once, with the result message and no tier', async function (this: unknown) {
      slow(this, 120_000);
      const w = await world();
      const campaign = await w.campaign();
      const form = await mount(campaign.id, await w.formClient());
      expect(form.formState).to.equal('intro');
      expect(text(form)).to.include('一共大约 20 道题');
      await expectAccessible(form);
      const submits: XqSubmitEvent[] = [];
      form.addEventListener('xq-submit', (e) => submits.push(e));
      const submitted = oneEvent(form, 'xq-submitted') as unknown as Promise<XqSubmittedEvent>;

      await press('Tab'); // the start button
      expect(form.shadowRoot!.activeElement?.textContent?.trim()).to.equal('开始答题');
      await press('Enter');
      await form.updateComplete;
      let screens = 0;
      while (form.formState === 'question') {
        screens += 1;
        expect(form.shadowRoot!.activeElement?.id, heading(form)).to.equal('screen-heading');
        if (screens === 1) await expectAccessible(form);
        const codes = [...form.shadowRoot!.querySelectorAll<HTMLInputElement>('input')].map(
          (i) => i.value,
        );
        const want = codes.includes('no') ? codes.indexOf('no') : codes.indexOf('0');
        await press('Tab'); // into the radio group: its first option
        if (want === 0) await press('Space');
        for (let i = 0; i < want; i += 1) await press('ArrowDown');
        await form.updateComplete;
        const checked = form.shadowRoot!.querySelector<HTMLInputElement>('input:checked');
        expect(checked?.value, legend(form)).to.equal(codes[want]);
        await press('Enter'); // submits the screen from the radio
        await until(
          () => form.formState !== 'question' || heading(form) !== `第 ${screens} 题，共 20 题`,
          'the next screen',
        );
        await form.updateComplete;
        if (screens > 25) throw new Error('too many screens');
      }
      expect(screens).to.equal(20);
      const event = await submitted;
      expect(event.state).to.equal('sent');
      expect(event.id).to.match(/^scr_/);
      expect(event.tier).to.equal(undefined);
      expect(submits.length).to.equal(1);
      expect(submits[0]!.instruments).to.deep.equal(['phq-a', 'gad-7']);
      expect(form.formState).to.equal('submitted');
      expect(text(form)).to.include('谢谢你认真完成问卷');
      expect(q(form, '[data-tier]')).to.equal(null);
      expect(form.dataset['safety']).to.equal('none');
      await expectAccessible(form);

      // Stored once: the counsellor sees one screening of this campaign in the student's record.
      const counsellor = await w.plain(w.t.users['counsellor']!);
      const { personId } = await w.sign(w.student);
      const record = await counsellor.students.record(personId);
      const mine = record.screenings.filter((s) => s.campaignId === campaign.id);
      expect(mine.map((s) => s.id)).to.deep.equal([event.id]);
    });

    it('shows the tier when the result policy allows it', async () => {
      const w = await world();
      const campaign = await w.campaign({ instruments: ['gad-7'], resultPolicy: 'tier' });
      const form = await mount(campaign.id, await w.formClient());
      q<HTMLButtonElement>(form, '[part="primary-button"]')!.click();
      await form.updateComplete;
      const submitted = oneEvent(form, 'xq-submitted') as unknown as Promise<XqSubmittedEvent>;
      await answerUntil(form, () => '3');
      const event = await submitted;
      expect(event.tier).to.equal('high'); // GAD-7 total 21 ≥ 11
      await form.updateComplete;
      expect(q(form, '[data-tier]')!.dataset['tier']).to.equal('high');
      expect(text(form)).to.include('心理老师会尽快和你聊一聊');
    });

    it('submitted offline is queued on the device, then stored exactly once when the network is back', async () => {
      const w = await world();
      const campaign = await w.campaign({ instruments: ['gad-7'] });
      const form = await mount(campaign.id, await w.formClient());
      q<HTMLButtonElement>(form, '[part="primary-button"]')!.click();
      await form.updateComplete;
      await answerUntil(
        form,
        () => '1',
        (f) => heading(f) === '第 7 题，共 7 题',
      );
      const events: XqSubmittedEvent[] = [];
      form.addEventListener('xq-submitted', (e) => events.push(e));
      net.down = true;
      try {
        await answerScreen(form, () => '1');
        await until(() => form.formState === 'queued', 'the queued state');
      } finally {
        net.down = false;
      }
      await form.updateComplete;
      expect(events.map((e) => [e.state, e.id])).to.deep.equal([['queued', undefined]]);
      expect(text(form)).to.include('答案已保存在这台设备上');
      expect(text(form)).to.include('还没有发送到学校');
      const counsellor = await w.plain(w.t.users['counsellor']!);
      const { personId } = await w.sign(w.student);
      const stored = async () =>
        (await counsellor.students.record(personId)).screenings.filter(
          (s) => s.campaignId === campaign.id,
        );
      expect(await stored()).to.deep.equal([]);
      // Back online (twice, as flaky networks do): one drain sends it, with its one key.
      dispatchEvent(new Event('online'));
      dispatchEvent(new Event('online'));
      await until(() => form.formState === 'submitted', 'the submitted state');
      expect(events.map((e) => e.state)).to.deep.equal(['queued', 'sent']);
      expect((await stored()).map((s) => s.id)).to.deep.equal([events[1]!.id]);
    });

    it('lets a portal cancel xq-submit: nothing is sent', async () => {
      const w = await world();
      const campaign = await w.campaign({ instruments: ['gad-7'] });
      const form = await mount(campaign.id, await w.formClient());
      form.addEventListener('xq-submit', (e) => e.preventDefault(), { once: true });
      q<HTMLButtonElement>(form, '[part="primary-button"]')!.click();
      await form.updateComplete;
      await answerUntil(
        form,
        () => '0',
        (f) => heading(f) === '第 7 题，共 7 题',
      );
      await answerScreen(form, () => '0');
      expect(form.formState).to.equal('question');
      expect(heading(form)).to.equal('第 7 题，共 7 题');
    });
  });

  describe('a guardian answering about their child (student-id)', () => {
    it('speaks to the guardian about the child, from the intro to "already submitted"', async function (this: unknown) {
      slow(this, 120_000);
      const w = await world();
      const child = await w.sign(w.student);
      const campaign = await w.campaign({
        instruments: ['psc-17'],
        acknowledgeUnvalidatedTranslations: ['psc-17', 'asq'],
      });
      const guardian = await w.formClient(w.t.users['guardian']!);
      const form = await mount(campaign.id, guardian, 360, { studentId: child.personId });
      expect(form.formState).to.equal('intro');
      expect(text(form)).to.include('家长问卷');
      expect(text(form)).to.include('关于孩子最近情况');
      expect(text(form)).to.include('您的答案会自动保存'); // the draft line, the guardian's too
      expect(text(form)).not.to.include('你');
      await expectAccessible(form);
      q<HTMLButtonElement>(form, '[part="intro"] button.primary')!.click();
      await until(() => form.formState === 'question', 'question 1');
      await answerUntil(form, () => '0');
      await until(() => form.formState === 'submitted', 'the receipt', 15_000);
      expect(text(form)).not.to.include('你');
      const again = await mount(campaign.id, guardian, 360, { studentId: child.personId });
      expect(again.formState).to.equal('ineligible');
      expect(text(again)).to.include('已经为这个孩子填写过了');
      expect(text(again)).not.to.include('你已经完成');
    });

    it("takes a label, so two children's forms on one page are two distinct regions", async () => {
      const wrapper = await fixture<HTMLElement>(
        html`<div lang="zh-CN">
          <xq-screening-form
            campaign=${sampleCampaign}
            label="家长问卷 · 李明"
            student-id="stu_a"
            .source=${memoryScreeningSource({})}
          ></xq-screening-form>
          <xq-screening-form
            campaign=${sampleCampaign}
            label="家长问卷 · 李华"
            student-id="stu_b"
            .source=${memoryScreeningSource({})}
          ></xq-screening-form>
        </div>`,
      );
      const forms = [...wrapper.querySelectorAll('xq-screening-form')] as XqScreeningForm[];
      for (const f of forms) await until(() => f.formState === 'intro', 'the intro');
      expect(forms.map((f) => q(f, '[part="title"]')!.textContent!.trim())).to.deep.equal([
        '家长问卷 · 李明',
        '家长问卷 · 李华',
      ]);
      await expectAccessible(wrapper);
    });
  });

  describe('the safety path', () => {
    it('shows the help panel first, sends the safety signal (the counsellor sees the alert), then asks the ASQ', async () => {
      const w = await world();
      const campaign = await w.campaign({ instruments: ['phq-a'] });
      const form = await mount(campaign.id, await w.formClient());
      q<HTMLButtonElement>(form, '[part="primary-button"]')!.click();
      await form.updateComplete;
      const critical = oneEvent(form, 'xq-critical') as unknown as Promise<XqCriticalEvent>;
      await answerUntil(form, calm('1'), (f) => f.formState !== 'question');
      expect(form.formState).to.equal('help');
      const event = await critical;
      expect(event.flags).to.deep.equal(['suicidal-ideation']);
      // Flags and the campaign only: no answers.
      expect(
        Object.keys(event)
          .filter((k) => k !== 'isTrusted')
          .sort(),
      ).to.deep.equal(['campaignId', 'flags']);
      // The panel comes before anything else, and is focused.
      expect(form.shadowRoot!.activeElement?.id).to.equal('help-title');
      expect(text(form)).to.include('谢谢你愿意说出来');
      const card = q(form, 'xq-hotline-card[variant="crisis"]')!;
      expect(card).to.not.equal(null);
      await until(() => form.safetyState === 'sent', 'the signal to be sent');
      await form.updateComplete;
      expect(q(form, '[part="help-status"]')!.dataset['status']).to.equal('sent');
      expect(text(form)).to.include('学校的老师已经收到提醒');
      await expectAccessible(form);

      // Through the API, as the school's counsellor: the alert is there, from the safety signal.
      const counsellor = await w.plain(w.t.users['counsellor']!);
      const { personId } = await w.sign(w.student);
      const alerts = (await counsellor.alerts.list()).data as Array<{
        studentId: string;
        source: string;
        flags: string[];
      }>;
      const fromSignal = alerts.filter(
        (a) => a.studentId === personId && a.source === 'safety_signal',
      );
      expect(fromSignal.length).to.equal(1);
      expect(fromSignal[0]!.flags).to.include('suicidal-ideation');

      // Continue: the ASQ comes next, right after item 9.
      q<HTMLButtonElement>(form, '[part="help-panel"] [part="primary-button"]')!.click();
      await form.updateComplete;
      expect(form.formState).to.equal('question');
      expect(legend(form)).to.include('你是否曾希望自己已经死了');
      expect(q(form, '[part="safety-status"]')!.dataset['status']).to.equal('sent');
    });

    it('offline: says plainly the school has NOT been told, and says so once the signal arrives', async () => {
      const w = await world();
      const campaign = await w.campaign({ instruments: ['phq-a'] });
      const client = await w.formClient();
      const form = await mount(campaign.id, client);
      q<HTMLButtonElement>(form, '[part="primary-button"]')!.click();
      await form.updateComplete;
      await answerUntil(form, calm('1'), (f) => legend(f).includes('死了会更好'));
      net.down = true;
      try {
        await answerScreen(form, () => '1'); // item 9, with the network gone
        expect(form.formState).to.equal('help');
        await until(() => form.safetyState === 'queued', 'the signal to be queued');
        await form.updateComplete;
        expect(q(form, '[part="help-status"]')!.dataset['status']).to.equal('queued');
        expect(text(form)).to.include('学校还没有收到提醒');
        expect(text(form)).to.include('请现在就告诉一位你信任的大人');
        expect(text(form)).to.not.include('已经收到提醒');
        // 110 and 120 are there without any network.
        const card = q(form, 'xq-hotline-card')!;
        const dials = [...card.shadowRoot!.querySelectorAll('a')].map((a) =>
          a.getAttribute('href'),
        );
        expect(dials.slice(0, 2)).to.deep.equal(['tel:110', 'tel:120']);
        await expectAccessible(form);
        // The ASQ is inserted next although nothing could be loaded now.
        q<HTMLButtonElement>(form, '[part="help-panel"] [part="primary-button"]')!.click();
        await form.updateComplete;
        expect(legend(form)).to.include('你是否曾希望自己已经死了');
        expect(q(form, '[part="safety-status"]')!.dataset['status']).to.equal('queued');
      } finally {
        net.down = false;
      }
      const counsellor = await w.plain(w.t.users['counsellor']!);
      const { personId } = await w.sign(w.student);
      const signalAlerts = async () =>
        (
          (await counsellor.alerts.list()).data as Array<{ studentId: string; source: string }>
        ).filter((a) => a.studentId === personId && a.source === 'safety_signal').length;
      expect(await signalAlerts()).to.equal(0); // honest: nothing reached the school
      // The network is back: the outbox drains (the browser's `online`), safety signal first.
      dispatchEvent(new Event('online'));
      await until(() => form.safetyState === 'sent', 'the signal to arrive');
      await form.updateComplete;
      expect(q(form, '[part="safety-status"]')!.textContent).to.include('学校已收到提醒');
      expect(await signalAlerts()).to.equal(1);
    });

    it('with a client without an outbox (`<xq-provider base-url>`): says the school has NOT been told, and tries again', async () => {
      const w = await world();
      const campaign = await w.campaign({ instruments: ['phq-a'] });
      const { token } = await w.sign(w.student);
      const client = createClient({
        baseUrl: w.t.url,
        locale: 'zh-CN',
        token,
        maxRetries: 0,
        fetch: netFetch,
      });
      const form = await mount(campaign.id, client);
      expect(text(form)).to.not.include('自动保存在这台设备上'); // nothing is kept locally
      q<HTMLButtonElement>(form, '[part="primary-button"]')!.click();
      await form.updateComplete;
      await answerUntil(form, calm('1'), (f) => legend(f).includes('死了会更好'));
      net.down = true;
      try {
        await answerScreen(form, () => '1');
        await until(() => form.safetyState === 'unsent', 'the signal to fail');
        await form.updateComplete;
        expect(text(form)).to.include('学校还没有收到提醒');
        expect(text(form)).to.include('请不要关闭这个页面');
      } finally {
        net.down = false;
      }
      dispatchEvent(new Event('online')); // the form tries again itself
      await until(() => form.safetyState === 'sent', 'the signal to be sent');
      await form.updateComplete;
      expect(text(form)).to.include('学校的老师已经收到提醒');
    });

    it('a refused screening (already submitted) still says the school was told: the 4xx carries safetySignalId', async () => {
      const w = await world();
      const campaign = await w.campaign({ instruments: ['phq-a'] });
      const form = await mount(campaign.id, await w.formClient());
      // Meanwhile the same student submits elsewhere (another tab, another device).
      const direct = await w.plain(w.student);
      await direct.screenings.create({
        campaignId: campaign.id,
        responses: [
          {
            instrumentId: 'phq-a',
            answers: {
              ...Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`q${i + 1}`, 0])),
              q10: 'no',
              q11: 0,
              q12: 'no',
              q13: 'no',
            },
          },
        ],
      });
      q<HTMLButtonElement>(form, '[part="primary-button"]')!.click();
      await form.updateComplete;
      await answerUntil(form, calm('1'), (f) => f.formState !== 'question');
      expect(form.formState).to.equal('help');
      const error = oneEvent(form, 'xq-error') as unknown as Promise<XqErrorEvent>;
      q<HTMLButtonElement>(form, '[part="help-panel"] [part="primary-button"]')!.click();
      await form.updateComplete;
      await answerUntil(form, calm('1'));
      expect((await error).code).to.equal('already_submitted');
      await until(() => form.formState === 'rejected', 'the refusal');
      await form.updateComplete;
      expect(q(form, '[part="result"]')!.dataset['code']).to.equal('already_submitted');
      expect(text(form)).to.include('你已经提交过这次问卷了');
      expect(text(form)).to.include('学校的老师已经收到提醒');
      expect(form.safetyState).to.equal('sent');
      await expectAccessible(form);
    });
  });

  describe('drafts', () => {
    it('resume after a reload, and never reach a second student on the same browser', async function (this: unknown) {
      slow(this, 90_000);
      const w = await world();
      const campaign = await w.campaign({ instruments: ['phq-a'] });
      const dbName = `xq-form-shared-profile-${++dbCounter}`;
      const first = await mount(campaign.id, await w.formClient(w.student, dbName));
      expect(text(first)).to.include('自动保存在这台设备上');
      q<HTMLButtonElement>(first, '[part="primary-button"]')!.click();
      await first.updateComplete;
      await answerUntil(
        first,
        () => '2',
        (f) => heading(f) === '第 4 题，共 13 题',
      );
      await new Promise((r) => setTimeout(r, 200)); // the draft write (IndexedDB)
      first.closest('div')!.remove();

      // "Reload": a new page's client on the same IndexedDB, the same student.
      const again = await mount(campaign.id, await w.formClient(w.student, dbName));
      expect(again.formState).to.equal('intro');
      expect(text(again)).to.include('已经为你恢复上次填写的答案');
      q<HTMLButtonElement>(again, '[part="primary-button"]')!.click();
      await again.updateComplete;
      expect(heading(again)).to.equal('第 4 题，共 13 题');
      q<HTMLButtonElement>(again, '[part="nav"] [part="secondary-button"]')!.click();
      await again.updateComplete;
      expect(q<HTMLInputElement>(again, 'input:checked')!.value).to.equal('2');
      await new Promise((r) => setTimeout(r, 200));
      again.closest('div')!.remove();

      // Another student signs in on the same browser profile: nothing of the first one's.
      const other = await mount(campaign.id, await w.formClient('tk-student-2', dbName));
      expect(other.formState).to.equal('intro');
      expect(text(other)).to.not.include('已经为你恢复');
      q<HTMLButtonElement>(other, '[part="primary-button"]')!.click();
      await other.updateComplete;
      expect(heading(other)).to.equal('第 1 题，共 13 题');
      expect(q(other, 'input:checked')).to.equal(null);
    });

    it('resume offline after a reload, and the ASQ still comes from what the draft kept', async function (this: unknown) {
      slow(this, 90_000);
      const w = await world();
      const campaign = await w.campaign({ instruments: ['phq-a'] });
      const dbName = `xq-form-offline-reload-${++dbCounter}`;
      const first = await mount(campaign.id, await w.formClient(w.student, dbName));
      q<HTMLButtonElement>(first, '[part="primary-button"]')!.click();
      await first.updateComplete;
      await answerUntil(first, calm('0'), (f) => heading(f) === '第 9 题，共 13 题');
      await new Promise((r) => setTimeout(r, 200));
      first.closest('div')!.remove();
      net.down = true;
      try {
        const again = await mount(campaign.id, await w.formClient(w.student, dbName));
        expect(again.formState).to.equal('intro');
        expect(text(again)).to.include('已经为你恢复上次填写的答案');
        q<HTMLButtonElement>(again, '[part="primary-button"]')!.click();
        await again.updateComplete;
        expect(heading(again)).to.equal('第 9 题，共 13 题');
        await answerScreen(again, () => '2');
        expect(again.formState).to.equal('help');
        await until(() => again.safetyState === 'queued', 'the signal to be queued');
        q<HTMLButtonElement>(again, '[part="help-panel"] [part="primary-button"]')!.click();
        await again.updateComplete;
        expect(legend(again)).to.include('你是否曾希望自己已经死了');
      } finally {
        net.down = false;
      }
    });

    it('are off on shared devices, and the form says so', async () => {
      const w = await world();
      const campaign = await w.campaign({ instruments: ['gad-7'], sharedDevices: true });
      const dbName = `xq-form-lab-${++dbCounter}`;
      const first = await mount(campaign.id, await w.formClient(w.student, dbName));
      expect(text(first)).to.include('这台设备是公用的');
      q<HTMLButtonElement>(first, '[part="primary-button"]')!.click();
      await first.updateComplete;
      await answerUntil(
        first,
        () => '1',
        (f) => heading(f) === '第 3 题，共 7 题',
      );
      await new Promise((r) => setTimeout(r, 200));
      first.closest('div')!.remove();
      const again = await mount(campaign.id, await w.formClient(w.student, dbName));
      expect(text(again)).to.not.include('已经为你恢复');
      const client = await w.formClient(w.student, dbName);
      expect(await client.screenings.loadDraft(campaign.id)).to.equal(undefined);
    });
  });
});

describe('<xq-screening-form> rendering (in-memory source)', () => {
  async function local(width: number, extra: Parameters<typeof memoryScreeningSource>[0] = {}) {
    const wrapper = await fixture<HTMLElement>(
      html`<div>
        <xq-screening-form
          campaign="cmp_01JBQ0000000000000000000"
          .source=${memoryScreeningSource(extra)}
        ></xq-screening-form>
      </div>`,
    );
    wrapper.style.width = `${width}px`;
    const form = wrapper.querySelector('xq-screening-form') as XqScreeningForm;
    await until(() => form.formState !== 'loading', 'the form to load');
    q<HTMLButtonElement>(form, '[part="primary-button"]')?.click();
    await new Promise((r) => requestAnimationFrame(r));
    await form.updateComplete;
    return { wrapper, form };
  }

  it('without a provider says it is not connected', async () => {
    const form = await fixture<XqScreeningForm>(
      html`<xq-screening-form campaign="cmp_01JBQ0000000000000000000"></xq-screening-form>`,
    );
    expect(form.formState).to.equal('unavailable');
    expect(text(form)).to.include('还没有连接到学校的系统');
  });

  it('works at 320 px: one question per screen, 44 px targets, no horizontal scrolling', async () => {
    const { wrapper, form } = await local(320);
    expect(qa(form, 'fieldset').length).to.equal(1);
    expect(form.scrollWidth).to.be.at.most(320);
    for (const target of qa(form, '.option, button')) {
      const box = target.getBoundingClientRect();
      expect(box.height, target.textContent ?? '').to.be.at.least(44);
      expect(box.right).to.be.at.most(wrapper.getBoundingClientRect().right + 0.5);
    }
    await expectAccessible(form);
  });

  it('reflows at 200 % zoom without horizontal scrolling', async () => {
    const { wrapper, form } = await local(320);
    wrapper.style.zoom = '2';
    await form.updateComplete;
    expect(form.scrollWidth).to.be.at.most(form.clientWidth);
    const card = q(form, '.card')!;
    expect(card.scrollWidth).to.be.at.most(card.clientWidth + 1);
  });

  it('groups a Likert block on one screen in a wide container', async () => {
    const { form } = await local(800);
    await until(() => qa(form, 'fieldset').length > 1, 'the grouped layout');
    expect(qa(form, 'fieldset').length).to.equal(9); // PHQ-A items 1–9
    expect(heading(form)).to.match(/^第 1 页，共 \d+ 页$/);
    await expectAccessible(form);
  });

  it('asks for an answer before moving on, and says so', async () => {
    const { form } = await local(360);
    q<HTMLButtonElement>(form, 'button[type="submit"]')!.click();
    await form.updateComplete;
    expect(heading(form)).to.equal('第 1 题，共 20 题');
    expect(text(form)).to.include('请先选择一个答案');
    expect(form.shadowRoot!.activeElement?.getAttribute('type')).to.equal('radio');
    await expectAccessible(form);
  });

  it('speaks English, questions included, and stays accessible in dark', async () => {
    const wrapper = await fixture<HTMLElement>(
      html`<div lang="en">
        <xq-screening-form
          campaign="cmp_01JBQ0000000000000000000"
          .source=${memoryScreeningSource({ draft: sampleDraft() })}
        ></xq-screening-form>
      </div>`,
    );
    wrapper.style.colorScheme = 'dark';
    const form = wrapper.querySelector('xq-screening-form') as XqScreeningForm;
    await until(() => form.formState === 'intro', 'the intro');
    await form.updateComplete;
    expect(text(form)).to.include('Wellbeing check-in');
    q<HTMLButtonElement>(form, '[part="primary-button"]')!.click();
    await form.updateComplete;
    expect(heading(form)).to.equal('Question 1 of 20');
    expect(legend(form)).to.equal('Feeling down, depressed, irritable, or hopeless?');
    await expectAccessible(form);
  });
});

describe('<xq-screening-form> in custom-elements.json (the JSDoc API contract)', () => {
  it('has its attributes, typed events, parts and --xq-screening-form-* properties', async () => {
    const response = await fetch(new URL('../../custom-elements.json', import.meta.url));
    expect(response.ok, 'custom-elements.json (run `pnpm build` or `pnpm test`)').to.equal(true);
    const manifest = (await response.json()) as {
      modules: Array<{
        declarations?: Array<{
          tagName?: string;
          summary?: string;
          attributes?: { name: string }[];
          events?: { name: string; type?: { text: string } }[];
          cssParts?: { name: string }[];
          cssProperties?: { name: string }[];
        }>;
      }>;
    };
    const form = manifest.modules
      .flatMap((m) => m.declarations ?? [])
      .find((d) => d.tagName === 'xq-screening-form');
    expect(form?.summary).to.be.a('string').and.not.equal('');
    expect(form!.attributes!.map((a) => a.name)).to.include.members([
      'campaign',
      'student-id',
      'layout',
    ]);
    expect(form!.events!.map((e) => `${e.name}:${e.type?.text}`)).to.include.members([
      'xq-submit:XqSubmitEvent',
      'xq-submitted:XqSubmittedEvent',
      'xq-critical:XqCriticalEvent',
      'xq-error:XqErrorEvent',
    ]);
    expect(form!.cssParts!.map((p) => p.name)).to.include.members([
      'help-panel',
      'help-status',
      'question',
      'option',
    ]);
    const properties = form!.cssProperties!.map((p) => p.name);
    expect(properties.every((n) => n.startsWith('--xq-screening-form-'))).to.equal(true);
  });
});
