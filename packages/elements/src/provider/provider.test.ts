import { ContextConsumer } from '@lit/context';
import { expect, fixture, html } from '@open-wc/testing';
import type { XinqiaoClient } from '@xinqiao/sdk';
import { LitElement } from 'lit';
import { appearanceContext, clientContext, localeContext } from '../context/contexts.js';
import { ensureContextRoot } from '../context/context-root.js';
import '../define/xq-provider.js';
import type { XqProvider } from './provider.js';
import { expectAccessible } from '../test/axe.js';
import { realTenant } from '../test/real-server.js';

/** A consumer that records what it receives, defined under a fresh tag per test. */
class Probe extends LitElement {
  client: XinqiaoClient | undefined;
  locale: string | undefined;
  theme: string | undefined;
  constructor() {
    super();
    new ContextConsumer(this, {
      context: clientContext,
      subscribe: true,
      callback: (v) => (this.client = v),
    });
    new ContextConsumer(this, {
      context: localeContext,
      subscribe: true,
      callback: (v) => (this.locale = v),
    });
    new ContextConsumer(this, {
      context: appearanceContext,
      subscribe: true,
      callback: (v) => (this.theme = v?.theme),
    });
  }
}
let n = 0;
const probeTag = () => {
  const tag = `xq-test-context-probe-${++n}`;
  customElements.define(tag, class extends Probe {});
  return tag;
};

describe('<xq-provider>', () => {
  it('creates an SDK client from base-url and provides it, the locale and the theme', async () => {
    const tag = probeTag();
    const el = await fixture<XqProvider>(
      `<xq-provider base-url="http://127.0.0.1:9" locale="en-GB" theme="dark"><${tag}></${tag}></xq-provider>`,
    );
    await el.updateComplete;
    const probe = el.querySelector(tag) as Probe;
    expect(probe.client).to.equal(el.currentClient);
    expect(probe.client).to.be.an('object');
    expect(probe.locale).to.equal('en');
    expect(probe.theme).to.equal('dark');
    expect(getComputedStyle(el).colorScheme).to.equal('dark');
    await expectAccessible(el);
  });

  it('passes runtime changes of locale, theme and client to consumers', async () => {
    const tag = probeTag();
    const el = await fixture<XqProvider>(
      `<xq-provider locale="zh-CN"><${tag}></${tag}></xq-provider>`,
    );
    const probe = el.querySelector(tag) as Probe;
    expect(probe.client).to.equal(undefined);
    expect(probe.locale).to.equal('zh-CN');
    el.locale = 'en';
    el.theme = 'light';
    el.baseUrl = 'http://127.0.0.1:9';
    await el.updateComplete;
    expect(probe.locale).to.equal('en');
    expect(probe.theme).to.equal('light');
    expect(probe.client).to.be.an('object');
    const given = { health: async () => ({ status: 'ok' }) } as unknown as XinqiaoClient;
    el.client = given;
    await el.updateComplete;
    expect(probe.client).to.equal(given);
  });

  it('reaches elements that upgraded before the provider (ContextRoot on the document)', async () => {
    ensureContextRoot(); // what every XqElement does when it connects
    const tag = probeTag();
    const providerTag = `xq-test-late-provider-${n}`;
    const wrapper = await fixture<HTMLElement>(html`<div></div>`);
    // The consumer is defined and connected inside a provider tag that is not defined yet.
    wrapper.innerHTML = `<${providerTag} base-url="http://127.0.0.1:9" locale="en"><${tag}></${tag}></${providerTag}>`;
    const probe = wrapper.querySelector(tag) as Probe;
    expect(probe.client).to.equal(undefined);
    const { XqProvider } = await import('./provider.js');
    customElements.define(providerTag, class extends XqProvider {});
    const provider = wrapper.querySelector(providerTag) as XqProvider;
    await provider.updateComplete;
    expect(probe.client).to.equal(provider.currentClient);
    expect(probe.locale).to.equal('en');
  });

  it('uses a token the page already has, and fetchToken only once it expires (real server)', async () => {
    const tenant = await realTenant();
    const student = await tenant.as('student');
    let fetched = 0;
    const el = await fixture<XqProvider>(`<xq-provider locale="zh-CN"></xq-provider>`);
    el.baseUrl = tenant.url;
    el.token = student.token;
    el.fetchToken = () => {
      fetched += 1;
      return student.fetchToken();
    };
    await el.updateComplete;
    const client = el.currentClient!;
    const first = await client.instruments.list();
    expect(first.data).to.be.an('array');
    expect(fetched, 'the page token was used as it is').to.equal(0);
    await tenant.clock(2 * 60 * 60 * 1000); // past the token's lifetime
    const again = await client.instruments.list();
    expect(again.data).to.be.an('array');
    expect(fetched, 'one fresh token after the 401').to.equal(1);
  });
});
