// Pipeline: the vite (oxc + rolldown) CDN bundle, dist/cdn/xinqiao.js, as a portal loads it.
// `pnpm test` builds it first (`vite build && … && wtr`). This page imports nothing from src/
// that defines elements before the bundle does, so every tag here comes from the bundle.
import { expect, fixture, html } from '@open-wc/testing';
import type { XqCaseTimeline } from './case-timeline/case-timeline.js';
import type { XqHotlineCard } from './hotline-card/hotline-card.js';
import type { XqParentSchoolSignup } from './parent-school-signup/parent-school-signup.js';
import type { XqProvider } from './provider/provider.js';
import { expectAccessible } from './test/axe.js';

const cdnUrl = new URL('../dist/cdn/xinqiao.js', import.meta.url).href;

interface CdnModule {
  XqProvider: typeof XqProvider;
  XqHotlineCard: typeof XqHotlineCard;
  XqParentSchoolSignup: typeof XqParentSchoolSignup;
  XqCaseTimeline: typeof XqCaseTimeline;
  XqElement: unknown;
  XqEvent: unknown;
  XqErrorEvent: unknown;
  XqSignupEvent: unknown;
  XqCancelEvent: unknown;
  XqCaseEventAddedEvent: unknown;
}

const tags = [
  'xq-provider',
  'xq-hotline-card',
  'xq-parent-school-signup',
  'xq-case-timeline',
] as const;

let cdn: CdnModule | undefined;
async function loadCdn(): Promise<CdnModule> {
  cdn ??= (await import(/* @vite-ignore */ cdnUrl)) as CdnModule;
  return cdn;
}

describe('dist/cdn/xinqiao.js (vite)', () => {
  it('is one self-contained ES module: no imports left, Lit bundled, no full zod', async () => {
    const source = await (await fetch(cdnUrl)).text();
    expect(source.length).to.be.greaterThan(5_000);
    // Minified static imports look like `import{x}from"…"` / `import"…"`; dynamic ones `import(`.
    expect(source).not.to.match(/\bimport\s*(?:[\w*{][^;]*?\bfrom\s*)?["'`]/);
    expect(source).not.to.match(/\bimport\s*\(/);
    expect(source).to.include('Copyright 2017 Google LLC'); // Lit, with its licence comment
    // No eval-like code (strict CSP without 'unsafe-eval').
    expect(source).not.to.match(/\bnew Function\s*\(|\beval\s*\(/);
  });

  it('defines every element when loaded, and exports the classes and events', async () => {
    for (const tag of tags) expect(customElements.get(tag), tag).to.equal(undefined);
    const module = await loadCdn();
    expect(customElements.get('xq-provider')).to.equal(module.XqProvider);
    expect(customElements.get('xq-hotline-card')).to.equal(module.XqHotlineCard);
    expect(customElements.get('xq-parent-school-signup')).to.equal(module.XqParentSchoolSignup);
    expect(customElements.get('xq-case-timeline')).to.equal(module.XqCaseTimeline);
    for (const tag of tags) expect(customElements.get(tag), tag).to.be.a('function');
    for (const name of [
      'XqElement',
      'XqEvent',
      'XqErrorEvent',
      'XqSignupEvent',
      'XqCancelEvent',
      'XqCaseEventAddedEvent',
    ])
      expect(module[name as keyof CdnModule], name).to.be.a('function');
  });

  it('compiled the decorators in the tsconfig.base.json mode (vite/oxc)', async () => {
    const { XqHotlineCard } = await loadCdn();
    const variant = XqHotlineCard.elementProperties.get('variant');
    expect(variant?.reflect).to.equal(true);
    expect(XqHotlineCard.elementProperties.get('orgUnit')?.attribute).to.equal('org-unit');
    expect(XqHotlineCard.elementProperties.get('loadState')?.state).to.equal(true);
    const el = await fixture<XqHotlineCard>(html`<xq-hotline-card></xq-hotline-card>`);
    // useDefineForClassFields: false — no own field shadowing Lit's accessor.
    expect(Object.prototype.hasOwnProperty.call(el, 'variant')).to.equal(false);
    el.variant = 'crisis';
    await el.updateComplete;
    expect(el.getAttribute('variant')).to.equal('crisis');
  });

  it('renders the hotline card and the signup from the bundle, accessibly', async () => {
    await loadCdn();
    const wrapper = await fixture<HTMLElement>(
      html`<div>
        <xq-provider locale="zh-CN">
          <xq-hotline-card></xq-hotline-card>
          <xq-parent-school-signup school="sc_1"></xq-parent-school-signup>
        </xq-provider>
      </div>`,
    );
    const card = wrapper.querySelector('xq-hotline-card') as XqHotlineCard;
    await card.updateComplete;
    const calls = [...card.shadowRoot!.querySelectorAll('a')].map((a) => a.getAttribute('href'));
    expect(calls).to.include.members(['tel:12356', 'tel:110', 'tel:120']);
    await expectAccessible(wrapper);
  });

  describe('two copies on one page', () => {
    it('a second copy of the bundle loads without throwing; the first definitions win', async () => {
      const first = await loadCdn();
      const second = (await import(/* @vite-ignore */ `${cdnUrl}?copy=2`)) as CdnModule;
      expect(second.XqHotlineCard).not.to.equal(first.XqHotlineCard);
      expect(customElements.get('xq-hotline-card')).to.equal(first.XqHotlineCard);
      // An element of the second copy, under another tag, still gets the first copy's provider
      // context: context keys are registered symbols shared by every copy.
      customElements.define('xq-test-second-copy-card', class extends second.XqHotlineCard {});
      const wrapper = await fixture<HTMLElement>(
        html`<xq-provider locale="en"
          ><xq-test-second-copy-card></xq-test-second-copy-card
        ></xq-provider>`,
      );
      const card = wrapper.querySelector('xq-test-second-copy-card') as XqHotlineCard;
      await card.updateComplete;
      expect(card.shadowRoot!.textContent).to.include('Help lines');
    });

    it('the npm build next to the bundle: the guarded define keeps the first copy', async () => {
      const module = await loadCdn();
      const npm = await import('./define/xq-hotline-card.js');
      expect(npm.XqHotlineCard).not.to.equal(module.XqHotlineCard);
      expect(customElements.get('xq-hotline-card')).to.equal(module.XqHotlineCard);
    });
  });
});
