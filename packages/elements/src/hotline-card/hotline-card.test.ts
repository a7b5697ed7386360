import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import {
  nationalHotlines,
  type Hotline,
  type HotlineWithStatus,
} from '@xinqiao/contracts/hotlines';
import '../define/xq-hotline-card.js';
import '../define/xq-provider.js';
import type { XqErrorEvent } from '../events.js';
import type { XqProvider } from '../provider/provider.js';
import { expectAccessible } from '../test/axe.js';
import { mergeHotlines, type XqHotlineCard } from './hotline-card.js';
import type { HotlineDataSource } from './hotline-source.js';

// Instants chosen so that the device's zone (UTC on CI) would give the opposite answer:
// 01:00Z is 09:00 in Shanghai (open 08:00–22:00; 01:00 would be closed),
// 15:00Z is 23:00 in Shanghai (closed; 15:00 would be open). 2026-11-25 is a Wednesday.
const inHours = () => new Date('2026-11-25T01:00:00Z');
const outOfHours = () => new Date('2026-11-25T15:00:00Z');

const cityLine: HotlineWithStatus = {
  id: 'hl_city_12356',
  scope: 'city',
  orgUnitId: 'ou_city',
  kind: 'psychological',
  name: { 'zh-CN': '南通市心理援助热线', en: 'Nantong psychological assistance line' },
  numbers: [{ dial: '12356' }],
  audiences: ['student', 'guardian', 'staff', 'public'],
  schedule: {
    kind: 'weekly',
    slots: [{ days: [1, 2, 3, 4, 5, 6, 7], open: '08:00', close: '22:00' }],
  },
  verification: {
    status: 'verified',
    checkedOn: '2026-11-01',
    source: { title: '南通市卫生健康委 通知' },
  },
  openNow: 'open',
};
const unverifiedLine: HotlineWithStatus = {
  ...cityLine,
  id: 'hl_unverified',
  name: { 'zh-CN': '某心理服务热线', en: 'Some counselling line' },
  numbers: [{ dial: '4009151095' }],
  schedule: { kind: 'always' },
  verification: { status: 'unverified', checkedOn: null, source: null },
};
const unverifiedTitle = (card: XqHotlineCard) =>
  card.shadowRoot!.querySelector('[data-line="hl_unverified"]');

/** A data-source seam holding fixed lines: rendering-state tests, not a server. */
const fixedSource = (lines: HotlineWithStatus[]): HotlineDataSource => ({
  listHotlines: async () => lines,
});

const q = (card: XqHotlineCard, selector: string) => card.shadowRoot!.querySelector(selector);
const qa = (card: XqHotlineCard, selector: string) => [
  ...card.shadowRoot!.querySelectorAll(selector),
];
const text = (card: XqHotlineCard) => card.shadowRoot!.textContent!.replace(/\s+/g, ' ');

async function settle(card: XqHotlineCard) {
  for (let i = 0; i < 3; i += 1) {
    await card.updateComplete;
    await new Promise((r) => setTimeout(r));
  }
}

describe('mergeHotlines', () => {
  it('lets a server line replace the bundled line with the same number, and keeps the rest', () => {
    const merged = mergeHotlines(nationalHotlines, [cityLine]);
    expect(merged.map((l) => l.id)).to.deep.equal([
      'hl_city_12356',
      'national-110',
      'national-120',
      'national-12355',
    ]);
    expect(mergeHotlines(nationalHotlines, []).map((l) => l.id)).to.deep.equal(
      nationalHotlines.map((l) => l.id),
    );
  });
});

describe('<xq-hotline-card>', () => {
  describe('with no network and no provider', () => {
    it('renders the bundled national lines at once, in Chinese', async () => {
      const card = await fixture<XqHotlineCard>(html`<xq-hotline-card></xq-hotline-card>`);
      expect(card.loadState).to.equal('idle');
      const calls = qa(card, '[part="call"]').map((a) => a.getAttribute('href'));
      expect(calls).to.deep.equal(['tel:12356', 'tel:12355']);
      const emergency = qa(card, '[part="emergency-call"]').map((a) => a.getAttribute('href'));
      expect(emergency).to.deep.equal(['tel:110', 'tel:120']);
      expect(text(card)).to.include('心理援助热线');
      expect(text(card)).to.include('各地开通时间不同');
      await expectAccessible(card);
    });

    it('never says "24 h" for lines whose hours vary, and says it for verified 110/120 only', async () => {
      const card = await fixture<XqHotlineCard>(
        html`<xq-hotline-card
          .source=${fixedSource([unverifiedLine])}
          org-unit="ou_city"
        ></xq-hotline-card>`,
      );
      await settle(card);
      const national = q(card, '[data-line="national-12356"]')!;
      expect(national.textContent).not.to.include('24');
      expect(national.textContent).to.include('各地开通时间不同');
      // An unverified line with an "always" schedule is neither labelled 24 h nor open.
      const unverified = unverifiedTitle(card)!;
      expect(unverified.textContent).not.to.include('24 小时');
      expect(unverified.textContent).to.include('开通时间未经核实');
      expect(unverified.textContent).to.include('号码未经核实');
    });

    it('works at 320 px with 44 px touch targets', async () => {
      const wrapper = await fixture<HTMLElement>(
        html`<div class="narrow"><xq-hotline-card></xq-hotline-card></div>`,
      );
      wrapper.style.width = '320px';
      const card = wrapper.querySelector('xq-hotline-card') as XqHotlineCard;
      await card.updateComplete;
      expect(card.scrollWidth).to.be.at.most(320);
      for (const target of qa(card, 'a, button')) {
        const box = target.getBoundingClientRect();
        expect(box.height, target.textContent ?? '').to.be.at.least(44);
        expect(box.right).to.be.at.most(wrapper.getBoundingClientRect().right + 0.5);
      }
    });
  });

  describe('at 200 % zoom', () => {
    it('reflows in 640 px of screen without horizontal scrolling', async () => {
      const wrapper = await fixture<HTMLElement>(
        html`<div>
          <xq-hotline-card .source=${fixedSource([cityLine])} org-unit="ou_city"></xq-hotline-card>
        </div>`,
      );
      wrapper.style.width = '320px';
      wrapper.style.zoom = '2';
      const card = wrapper.querySelector('xq-hotline-card') as XqHotlineCard;
      await settle(card);
      expect(wrapper.getBoundingClientRect().width).to.be.closeTo(640, 1);
      expect(card.scrollWidth).to.be.at.most(card.clientWidth);
      const inner = q(card, '.card')!;
      expect(inner.scrollWidth).to.be.at.most(inner.clientWidth + 1);
    });
  });

  describe('at a fixed clock (Asia/Shanghai, whatever the device zone)', () => {
    it('shows a weekly line as open in hours', async () => {
      const card = await fixture<XqHotlineCard>(
        html`<xq-hotline-card
          .now=${inHours}
          .source=${fixedSource([cityLine])}
          org-unit="ou_city"
        ></xq-hotline-card>`,
      );
      await settle(card);
      expect(card.loadState).to.equal('loaded');
      const line = q(card, '[data-line="hl_city_12356"]')!;
      expect(line.getAttribute('data-open')).to.equal('open');
      expect(line.textContent).to.include('现在开通');
      expect(line.textContent).to.include('每天 08:00–22:00');
      // The city's 12356 replaces the bundled national 12356.
      expect(q(card, '[data-line="national-12356"]')).to.equal(null);
      await expectAccessible(card);
    });

    it('shows it as closed out of hours', async () => {
      const card = await fixture<XqHotlineCard>(
        html`<xq-hotline-card
          .now=${outOfHours}
          .source=${fixedSource([cityLine])}
          org-unit="ou_city"
        ></xq-hotline-card>`,
      );
      await settle(card);
      const line = q(card, '[data-line="hl_city_12356"]')!;
      expect(line.getAttribute('data-open')).to.equal('closed');
      expect(line.textContent).to.include('现在未开通');
    });

    it('writes weekday runs as ranges', async () => {
      const weekdays: HotlineWithStatus = {
        ...cityLine,
        id: 'hl_weekdays',
        numbers: [{ dial: '051388886666' }],
        schedule: {
          kind: 'weekly',
          slots: [
            { days: [1, 2, 3, 4, 5], open: '08:00', close: '17:00' },
            { days: [6, 7], open: '09:00', close: '12:00' },
          ],
        },
      };
      const card = await fixture<XqHotlineCard>(
        html`<xq-hotline-card
          .now=${inHours}
          .source=${fixedSource([weekdays])}
          org-unit="ou_city"
        ></xq-hotline-card>`,
      );
      await settle(card);
      const hours = q(card, '[data-line="hl_weekdays"] [part="hours"]')!.textContent!;
      expect(hours).to.include('周一至周五 08:00–17:00');
      expect(hours).to.include('周六、周日 09:00–12:00');
    });
  });

  describe('crisis variant', () => {
    it('lists 110 and 120 first, then verified lines open now; never an unverified line', async () => {
      const card = await fixture<XqHotlineCard>(
        html`<xq-hotline-card
          variant="crisis"
          .now=${inHours}
          .source=${fixedSource([cityLine, unverifiedLine])}
          org-unit="ou_city"
        ></xq-hotline-card>`,
      );
      await settle(card);
      const hrefs = qa(card, 'a').map((a) => a.getAttribute('href'));
      expect(hrefs).to.deep.equal(['tel:110', 'tel:120', 'tel:12356']);
      expect(unverifiedTitle(card)).to.equal(null);
      expect(text(card)).to.include('现在就需要帮助');
      await expectAccessible(card);
    });

    it('out of hours shows only 110 and 120 and says why', async () => {
      const card = await fixture<XqHotlineCard>(
        html`<xq-hotline-card
          variant="crisis"
          .now=${outOfHours}
          .source=${fixedSource([cityLine])}
          org-unit="ou_city"
        ></xq-hotline-card>`,
      );
      await settle(card);
      const hrefs = qa(card, 'a').map((a) => a.getAttribute('href'));
      expect(hrefs).to.deep.equal(['tel:110', 'tel:120']);
      expect(text(card)).to.include('110 和 120 随时可以拨打');
    });

    it('with bundled lines only (their hours vary) shows 110 and 120 alone', async () => {
      const card = await fixture<XqHotlineCard>(
        html`<xq-hotline-card variant="crisis"></xq-hotline-card>`,
      );
      const hrefs = qa(card, 'a').map((a) => a.getAttribute('href'));
      expect(hrefs).to.deep.equal(['tel:110', 'tel:120']);
    });
  });

  describe('local lines', () => {
    it('keeps the national lines and says so when the API cannot be reached', async () => {
      // A real SDK client aimed at a port nobody listens on: a genuine connection failure.
      const wrapper = await fixture<HTMLElement>(
        html`<xq-provider base-url="http://127.0.0.1:9"
          ><xq-hotline-card org-unit="ou_city"></xq-hotline-card
        ></xq-provider>`,
      );
      const card = wrapper.querySelector('xq-hotline-card') as XqHotlineCard;
      expect(card.loadState).to.equal('loading');
      await oneEvent(card, 'xq-error');
      await card.updateComplete;
      expect(card.loadState).to.equal('offline');
      expect(qa(card, '[part="call"]').length).to.equal(2);
      expect(text(card)).to.include('网络未连接');
    });

    it('shows loading, then error, keeping the national lines', async () => {
      let fail: (e: Error) => void = () => {};
      const source: HotlineDataSource = {
        listHotlines: () =>
          new Promise<readonly Hotline[]>((_, reject) => (fail = reject)) as never,
      };
      const card = await fixture<XqHotlineCard>(
        html`<xq-hotline-card .source=${source} org-unit="ou_city"></xq-hotline-card>`,
      );
      expect(card.loadState).to.equal('loading');
      expect(card.dataset['state']).to.equal('loading');
      expect(text(card)).to.include('正在加载本地热线');
      expect(qa(card, '[part="call"]').length).to.equal(2);
      const error = oneEvent(card, 'xq-error');
      fail(Object.assign(new Error('boom'), { code: 'internal_error' }));
      expect(((await error) as unknown as XqErrorEvent).code).to.equal('internal_error');
      await card.updateComplete;
      expect(card.loadState).to.equal('error');
      expect(text(card)).to.include('暂时无法加载本地热线');
      await expectAccessible(card);
    });

    it('filters by audience, keeping 110/120', async () => {
      const card = await fixture<XqHotlineCard>(
        html`<xq-hotline-card audience="staff"></xq-hotline-card>`,
      );
      const calls = qa(card, '[part="call"]').map((a) => a.getAttribute('href'));
      expect(calls).to.deep.equal(['tel:12356']); // 12355 is for students and guardians
      expect(qa(card, '[part="emergency-call"]').length).to.equal(2);
    });
  });

  describe('copy number', () => {
    it('announces the result in a live region', async () => {
      const card = await fixture<XqHotlineCard>(html`<xq-hotline-card></xq-hotline-card>`);
      const button = q(card, '[part="copy"]') as HTMLButtonElement;
      expect(button.getAttribute('aria-describedby')).to.equal('name-national-12356');
      button.click();
      for (let i = 0; i < 20 && !q(card, '[role="status"]')!.textContent!.trim(); i += 1) {
        await new Promise((r) => setTimeout(r, 10));
      }
      const status = q(card, '[role="status"]')!.textContent!;
      // Headless Chromium may refuse the clipboard; either way the number is announced.
      expect(status).to.match(/已复制号码 12356|请记下号码 12356/);
    });
  });

  describe('locale and theme', () => {
    it('switches to English at runtime with the nearest lang, and stays accessible in dark', async () => {
      const wrapper = await fixture<HTMLElement>(
        html`<div lang="zh-CN"><xq-hotline-card .now=${inHours}></xq-hotline-card></div>`,
      );
      const card = wrapper.querySelector('xq-hotline-card') as XqHotlineCard;
      expect(text(card)).to.include('心理援助热线');
      wrapper.setAttribute('lang', 'en');
      wrapper.style.colorScheme = 'dark';
      await new Promise((r) => setTimeout(r));
      await card.updateComplete;
      expect(text(card)).to.include('Help lines');
      expect(text(card)).to.include('Hours vary by city');
      expect(text(card)).to.include('Call 12356');
      await expectAccessible(card);
    });
  });

  describe('next to a provider that upgrades later', () => {
    it('receives the provider locale once the provider is defined', async () => {
      const wrapper = await fixture<HTMLElement>(html`<div></div>`);
      const tag = 'xq-test-late-provider-card';
      wrapper.innerHTML = `<${tag} locale="en"><xq-hotline-card></xq-hotline-card></${tag}>`;
      const card = wrapper.querySelector('xq-hotline-card') as XqHotlineCard;
      await card.updateComplete;
      expect(text(card)).to.include('心理援助热线');
      const { XqProvider } = await import('../provider/provider.js');
      customElements.define(tag, class extends XqProvider {});
      await (wrapper.querySelector(tag) as XqProvider).updateComplete;
      await card.updateComplete;
      expect(text(card)).to.include('Help lines');
    });
  });
});
