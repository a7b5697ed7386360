import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import type { XqDecoratorProbe } from '../internal/decorator-probe/decorator-probe.js';
import type { XqProbeIncrementEvent } from '../internal/decorator-probe/decorator-probe.events.js';
import { expectAccessible } from './axe.js';

/**
 * The behaviour of `<xq-decorator-probe>`, run against every build of it: the sources compiled by
 * esbuild (decorator-probe.test.ts) and the vite/oxc CDN bundle (cdn.test.ts). Each assertion
 * fails if that pipeline compiled `@property`/`@state` in another decorator mode than
 * tsconfig.base.json's (experimentalDecorators: true, useDefineForClassFields: false).
 *
 * @param load returns the class registered for `xq-decorator-probe` in this page
 */
export function decoratorProbeSuite(load: () => Promise<typeof XqDecoratorProbe>): void {
  let Probe: typeof XqDecoratorProbe;

  before(async () => {
    Probe = await load();
  });

  const render = (markup = html`<xq-decorator-probe></xq-decorator-probe>`) =>
    fixture<XqDecoratorProbe>(markup);

  const shadow = (el: XqDecoratorProbe) => {
    const root = el.shadowRoot;
    if (!root) throw new Error('no shadow root');
    const button = root.querySelector<HTMLButtonElement>('button[part="button"]');
    const output = root.querySelector<HTMLOutputElement>('output[part="value"]');
    if (!button || !output) throw new Error('probe did not render its button and output');
    return { button, output };
  };

  it('is the class registered for xq-decorator-probe', () => {
    expect(customElements.get('xq-decorator-probe')).to.equal(Probe);
  });

  it('compiled the decorators in the tsconfig.base.json mode', async () => {
    // experimentalDecorators: @property/@state registered the reactive properties with options.
    const count = Probe.elementProperties.get('count');
    expect(count?.type).to.equal(Number);
    expect(count?.reflect).to.equal(true);
    expect(Probe.elementProperties.get('clicks')?.state).to.equal(true);
    // useDefineForClassFields: false: `count = 0` is assigned through Lit's accessor, not
    // defined as an own field that would shadow it (and silently stop updates).
    const el = await render();
    expect(Object.prototype.hasOwnProperty.call(el, 'count')).to.equal(false);
    expect(Object.prototype.hasOwnProperty.call(el, 'clicks')).to.equal(false);
    expect(el.count).to.equal(0);
  });

  it('converts the count attribute to a number', async () => {
    const el = await render(html`<xq-decorator-probe count="5"></xq-decorator-probe>`);
    expect(el.count).to.equal(5);
    expect(shadow(el).output.textContent).to.equal('5');
  });

  it('re-renders when count is set and reflects it to the attribute', async () => {
    const el = await render();
    el.count = 41;
    await el.updateComplete;
    expect(el.getAttribute('count')).to.equal('41');
    expect(shadow(el).output.textContent).to.equal('41');
    el.setAttribute('count', '7');
    await el.updateComplete;
    expect(el.count).to.equal(7);
  });

  it('on click: increments, re-renders @state, fires a typed bubbling composed event', async () => {
    const wrapper = await fixture<HTMLDivElement>(
      html`<div><xq-decorator-probe count="2"></xq-decorator-probe></div>`,
    );
    const el = wrapper.querySelector('xq-decorator-probe') as XqDecoratorProbe;
    const heard: XqProbeIncrementEvent[] = [];
    // Typed through GlobalEventHandlersEventMap: `event.count` compiles without a cast.
    const onDocument = (event: XqProbeIncrementEvent) => heard.push(event);
    document.addEventListener('xq-probe-increment', onDocument);
    try {
      const fired = oneEvent<XqProbeIncrementEvent>(wrapper, 'xq-probe-increment');
      shadow(el).button.click();
      const event = await fired;
      expect(event.count).to.equal(3);
      expect(event.bubbles).to.equal(true);
      expect(event.composed).to.equal(true);
      await el.updateComplete;
      expect(el.count).to.equal(3);
      expect(el.getAttribute('count')).to.equal('3');
      expect(shadow(el).output.textContent).to.equal('3');
      expect(shadow(el).output.dataset['clicks']).to.equal('1');
      expect(heard.map((e) => e.count)).to.deep.equal([3]);
    } finally {
      document.removeEventListener('xq-probe-increment', onDocument);
    }
  });

  it('passes axe in the light theme', async () => {
    const el = await render(html`<xq-decorator-probe count="3"></xq-decorator-probe>`);
    await expectAccessible(el);
  });

  it('passes axe in the dark theme (color-scheme: dark on an ancestor)', async () => {
    const wrapper = await fixture<HTMLDivElement>(
      html`<div class="dark"><xq-decorator-probe count="3"></xq-decorator-probe></div>`,
    );
    // A test-page stylesheet, as a portal would ship; no inline style attributes (strict CSP).
    const sheet = new CSSStyleSheet();
    sheet.replaceSync('.dark { color-scheme: dark; background: #14181d; }');
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    try {
      const el = wrapper.querySelector('xq-decorator-probe') as XqDecoratorProbe;
      await el.updateComplete;
      // The dark defaults applied: the surface is no longer the light white.
      expect(getComputedStyle(el).backgroundColor).to.equal('rgb(20, 24, 29)');
      await expectAccessible(wrapper);
    } finally {
      document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet);
    }
  });
}
