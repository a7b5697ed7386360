import { expect, fixture, html } from '@open-wc/testing';
import { XqElement } from '../base/xq-element.js';
import { defineElement } from '../base/define-element.js';
import { css } from 'lit';

/** A throwaway element that paints with three tokens. */
class XqTestTokens extends XqElement {
  static override styles = [
    XqElement.styles,
    css`
      :host {
        display: block;
        background: var(--_xq-color-surface);
        padding: var(--_xq-space-4);
        border-radius: var(--_xq-radius-m);
      }
    `,
  ];
}
defineElement('xq-test-tokens', XqTestTokens);

const withSheet = async (cssText: string, body: () => Promise<void>) => {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(cssText);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  try {
    await body();
  } finally {
    document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet);
  }
};

describe('tokens', () => {
  it('applies the light defaults when nothing is set', async () => {
    const el = await fixture(html`<xq-test-tokens></xq-test-tokens>`);
    const style = getComputedStyle(el);
    expect(style.backgroundColor).to.equal('rgb(255, 255, 255)');
    expect(style.paddingTop).to.equal('16px');
    expect(style.borderTopLeftRadius).to.equal('8px');
    expect(style.fontFamily).to.include('PingFang SC');
  });

  it('switches to the dark defaults under an inherited color-scheme: dark', async () => {
    await withSheet('.dark { color-scheme: dark; }', async () => {
      const wrapper = await fixture(
        html`<div class="dark"><xq-test-tokens></xq-test-tokens></div>`,
      );
      const el = wrapper.firstElementChild as Element;
      expect(getComputedStyle(el).backgroundColor).to.equal('rgb(20, 24, 29)');
    });
  });

  it('lets a portal override a public --xq-* token on any ancestor', async () => {
    await withSheet(
      '.portal { --xq-color-surface: rgb(1, 2, 3); --xq-space-4: 3px; }',
      async () => {
        const wrapper = await fixture(
          html`<section class="portal">
            <div><xq-test-tokens></xq-test-tokens></div>
          </section>`,
        );
        const el = wrapper.querySelector('xq-test-tokens') as Element;
        expect(getComputedStyle(el).backgroundColor).to.equal('rgb(1, 2, 3)');
        expect(getComputedStyle(el).paddingTop).to.equal('3px');
      },
    );
  });

  it('honours the hidden attribute', async () => {
    const el = await fixture(html`<xq-test-tokens hidden></xq-test-tokens>`);
    expect(getComputedStyle(el).display).to.equal('none');
  });
});
