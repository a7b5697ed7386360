// The React 19 and Vue 3 usage examples (examples/), as built by vite.examples.config.mjs
// (`pnpm test` builds them first), running in Chromium. Each example binds attributes, object
// and function properties, and a typed event the way its README section documents.
import { expect } from '@open-wc/testing';
import type { XqHotlineCard } from './hotline-card/hotline-card.js';
import type { XqParentSchoolSignup } from './parent-school-signup/parent-school-signup.js';
import type { XqSignupEvent } from './parent-school-signup/parent-school-signup.events.js';
import type { XqProvider } from './provider/provider.js';
import { expectAccessible } from './test/axe.js';
import { memorySource, sampleNow } from './test/parent-school-fixtures.js';

interface Example {
  mount(container: HTMLElement, props: Record<string, unknown>): () => void;
}

const until = async (check: () => boolean, what: string) => {
  for (let i = 0; i < 100; i += 1) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`timed out waiting for ${what}`);
};

for (const name of ['react', 'vue'] as const) {
  describe(`${name} example`, () => {
    let container: HTMLElement;
    let unmount: () => void;
    const signups: XqSignupEvent[] = [];
    const fetchToken = async () => 'token';

    before(async () => {
      const url = new URL(`../dist/examples/${name}.js`, import.meta.url).href;
      const example = (await import(/* @vite-ignore */ url)) as Example;
      container = document.createElement('div');
      document.body.append(container);
      unmount = example.mount(container, {
        apiUrl: 'http://127.0.0.1:9',
        fetchToken,
        orgUnit: 'ou_1',
        school: 'sc_1',
        source: memorySource(),
        onSignup: (e: XqSignupEvent) => signups.push(e),
      });
      await until(() => !!container.querySelector('xq-parent-school-signup'), 'mount');
    });

    after(() => {
      unmount();
      container.remove();
    });

    it('sets attributes and function properties on the elements', async () => {
      const provider = container.querySelector('xq-provider') as XqProvider;
      expect(provider.baseUrl).to.equal('http://127.0.0.1:9');
      expect(provider.fetchToken).to.equal(fetchToken);
      expect(provider.currentClient).to.be.an('object');
      const card = container.querySelector('xq-hotline-card') as XqHotlineCard;
      await card.updateComplete;
      expect(card.orgUnit).to.equal('ou_1');
      expect(card.variant).to.equal('compact');
      expect(card.shadowRoot!.querySelector('a[href="tel:12356"]')).to.not.equal(null);
      await expectAccessible(card);
    });

    it('passes object properties and receives typed xq-signup events', async () => {
      const signup = container.querySelector('xq-parent-school-signup') as XqParentSchoolSignup;
      signup.now = sampleNow;
      await until(() => signup.loadState === 'ready', 'sessions');
      await signup.updateComplete;
      const root = signup.shadowRoot!;
      (root.querySelector('[data-session="ps_3"] button[aria-expanded]') as HTMLElement).click();
      await signup.updateComplete;
      (root.querySelector('[data-session="ps_3"] button[type="submit"]') as HTMLElement).click();
      await until(() => signups.length === 1, 'the xq-signup event');
      expect(signups[0]!.signup.state).to.equal('confirmed');
      await until(
        () => container.querySelector('[data-last-signup]')!.textContent === 'confirmed:ps_3',
        'the framework state update',
      );
    });

    it('switches the locale at runtime through the provider', async () => {
      const card = container.querySelector('xq-hotline-card') as XqHotlineCard;
      (container.querySelector('button') as HTMLButtonElement).click();
      await until(() => !!card.shadowRoot!.textContent!.includes('Help lines'), 'English');
    });
  });
}
