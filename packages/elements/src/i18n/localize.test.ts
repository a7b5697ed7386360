import { expect, fixture, html } from '@open-wc/testing';
import { LitElement } from 'lit';
import '../define/xq-provider.js';
import type { XqProvider } from '../provider/provider.js';
import { formatDateTime, formatTime } from './format.js';
import { LocalizeController, type Translation } from './localize.js';
import { matchLocale } from './locale.js';

const zh = { hello: '你好', count: (n: number) => `${n} 人` };
const en: Translation<typeof zh> = { hello: 'Hello', count: (n) => `${n} people` };

// @ts-expect-error — a catalog missing a key of the zh-CN source does not compile.
const incomplete: Translation<typeof zh> = { hello: 'Hello' };
void incomplete;

class Greeter extends LitElement {
  readonly i18n = new LocalizeController(this, { 'zh-CN': zh, en });
  override render() {
    return html`<p>${this.i18n.t('hello')} · ${this.i18n.t('count', 3)}</p>`;
  }
}
customElements.define('xq-test-greeter', Greeter);
const text = (el: Greeter) => el.shadowRoot?.textContent?.trim();

describe('LocalizeController', () => {
  it('maps language tags to the shipped locales', () => {
    expect(matchLocale('zh')).to.equal('zh-CN');
    expect(matchLocale('zh-Hans-CN')).to.equal('zh-CN');
    expect(matchLocale('en-GB')).to.equal('en');
    expect(matchLocale('fr')).to.equal(undefined);
    expect(matchLocale('')).to.equal(undefined);
  });

  it('defaults to zh-CN and follows the nearest ancestor lang', async () => {
    const bare = await fixture<Greeter>(html`<xq-test-greeter></xq-test-greeter>`);
    expect(text(bare)).to.equal('你好 · 3 人');
    const wrapper = await fixture<HTMLElement>(
      html`<div lang="en">
        <section><xq-test-greeter></xq-test-greeter></section>
      </div>`,
    );
    const el = wrapper.querySelector('xq-test-greeter') as Greeter;
    await el.updateComplete;
    expect(text(el)).to.equal('Hello · 3 people');
  });

  it('switches at runtime when an ancestor lang changes', async () => {
    const wrapper = await fixture<HTMLElement>(
      html`<div lang="zh-CN"><xq-test-greeter></xq-test-greeter></div>`,
    );
    const el = wrapper.querySelector('xq-test-greeter') as Greeter;
    expect(text(el)).to.equal('你好 · 3 人');
    wrapper.setAttribute('lang', 'en');
    await new Promise((r) => setTimeout(r)); // MutationObserver callback
    await el.updateComplete;
    expect(text(el)).to.equal('Hello · 3 people');
  });

  it('prefers the provider locale to ancestor lang, and its own lang to both', async () => {
    const wrapper = await fixture<HTMLElement>(
      html`<div lang="en">
        <xq-provider locale="zh-CN">
          <xq-test-greeter id="a"></xq-test-greeter>
          <xq-test-greeter id="b" lang="en"></xq-test-greeter>
        </xq-provider>
      </div>`,
    );
    const provider = wrapper.querySelector('xq-provider') as XqProvider;
    await provider.updateComplete;
    const a = wrapper.querySelector('#a') as Greeter;
    const b = wrapper.querySelector('#b') as Greeter;
    await a.updateComplete;
    expect(text(a)).to.equal('你好 · 3 人');
    expect(text(b)).to.equal('Hello · 3 people');
    provider.locale = 'en';
    await provider.updateComplete;
    await a.updateComplete;
    expect(text(a)).to.equal('Hello · 3 people');
  });
});

describe('Intl formatting', () => {
  it('formats in Asia/Shanghai whatever the device zone', () => {
    // 2026-12-05T11:30Z is 19:30 in Shanghai.
    expect(formatTime('zh-CN', '2026-12-05T11:30:00Z')).to.equal('19:30');
    expect(formatDateTime('en', '2026-12-05T11:30:00Z')).to.include('19:30');
    // 16:30Z on the 5th is already the 6th in Shanghai.
    expect(formatDateTime('zh-CN', '2026-12-05T16:30:00Z')).to.include('12月6日');
  });
});
