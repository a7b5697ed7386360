#!/usr/bin/env node
// Headless check of the *built* Storybook (`pnpm build-storybook` at the repo root first):
// serves storybook-static/ on port 0, opens each element story's iframe in Debian Chromium and
// checks that the element upgraded and rendered its shadow DOM — an empty tag would mean
// Storybook's production build tree-shook the define module (package.json "sideEffects", see
// TOOLCHAIN.md) or compiled the decorators in another mode. Run: `pnpm storybook:smoke`.
import { chromiumLaunchOptions } from '@xinqiao/testkit/chromium';
import { chromium } from 'playwright-core';
import { serveStorybook } from './serve-storybook.mjs';

const { server, port } = await serveStorybook('storybook-smoke');

const checks = [
  { id: 'internal-decorator-probe--default', globals: '', count: '0' },
  { id: 'internal-decorator-probe--clicked', globals: '', count: '42' }, // after its play function
  {
    id: 'internal-decorator-probe--default',
    globals: 'theme:dark;locale:en',
    count: '0',
    dark: true,
  },
];

// Product element stories: the element upgraded, rendered `selector` in its shadow root, with
// `text` in it; `dark` also checks the dark token colours reached the shadow DOM.
const elementChecks = [
  {
    id: 'elements-hotline-card--national-lines-offline',
    tag: 'xq-hotline-card',
    selector: 'a[href="tel:12356"]',
    text: '心理援助热线',
  },
  {
    id: 'elements-hotline-card--crisis',
    globals: 'theme:dark;locale:en',
    tag: 'xq-hotline-card',
    selector: 'a[href="tel:110"]',
    text: 'Need help right now',
    dark: true,
  },
  {
    id: 'elements-hotline-card--local-lines-closed',
    tag: 'xq-hotline-card',
    selector: '[data-open="closed"]',
    text: '现在未开通',
  },
  {
    id: 'elements-hotline-card--load-error',
    tag: 'xq-hotline-card',
    selector: 'a[href="tel:110"]',
    text: '暂时无法加载本地热线',
  },
  {
    id: 'elements-parent-school-signup--sessions',
    tag: 'xq-parent-school-signup',
    selector: '[data-session="ps_1"]',
    text: '如何与青春期孩子沟通',
  },
  {
    id: 'elements-parent-school-signup--joined-waitlist',
    tag: 'xq-parent-school-signup',
    selector: '[data-session="ps_2"] [data-signup]',
    text: '候补第 1 位',
  },
  {
    id: 'elements-parent-school-signup--waitlisted',
    globals: 'theme:dark;locale:en',
    tag: 'xq-parent-school-signup',
    selector: '[data-signup="su_2"]',
    text: 'Waitlist: number 2',
    dark: true,
  },
  {
    id: 'elements-case-timeline--counsellor-view',
    tag: 'xq-case-timeline',
    selector: '[data-stage="peer_follow_up"][data-status="not_needed"]',
    text: '学生更愿意和大人谈',
  },
  {
    id: 'elements-case-timeline--class-teacher-view',
    globals: 'theme:dark;locale:en',
    tag: 'xq-case-timeline',
    selector: '[data-event]',
    text: 'The six steps',
    dark: true,
  },
  {
    id: 'elements-provider--english-dark',
    tag: 'xq-hotline-card',
    selector: 'a[href="tel:110"]',
    text: 'Help lines',
    dark: true,
  },
];

// Throws, naming `apt-get install chromium`, when there is no browser.
const browser = await chromium.launch(chromiumLaunchOptions());
let failures = 0;
try {
  for (const check of checks) {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const url = `http://127.0.0.1:${port}/iframe.html?id=${check.id}&viewMode=story${check.globals ? `&globals=${check.globals}` : ''}`;
    await page.goto(url);
    const label = `${check.id}${check.globals ? ` [${check.globals}]` : ''}`;
    try {
      await page.waitForFunction(
        (expected) =>
          document.querySelector('xq-decorator-probe')?.shadowRoot?.querySelector('output')
            ?.textContent === expected,
        check.count,
        { timeout: 15_000 },
      );
      const state = await page.evaluate(() => {
        const el = /** @type {any} */ (document.querySelector('xq-decorator-probe'));
        const ctor = /** @type {any} */ (customElements.get('xq-decorator-probe'));
        return {
          button: el.shadowRoot.querySelector('button')?.textContent,
          attribute: el.getAttribute('count'),
          countIsNumberProperty: ctor.elementProperties.get('count')?.type === Number,
          noOwnField: !Object.prototype.hasOwnProperty.call(el, 'count'),
          lang: el.closest('[lang]')?.getAttribute('lang'),
          background: getComputedStyle(el).backgroundColor,
          errorShown: document.body.classList.contains('sb-show-errordisplay'),
        };
      });
      const ok =
        state.button === '加一' &&
        state.attribute === check.count &&
        state.countIsNumberProperty &&
        state.noOwnField &&
        !state.errorShown &&
        errors.length === 0 &&
        (check.dark
          ? state.background === 'rgb(20, 24, 29)' && state.lang === 'en'
          : state.background === 'rgb(255, 255, 255)');
      if (!ok) failures += 1;
      console.log(
        `${ok ? 'ok  ' : 'FAIL'} ${label} ${JSON.stringify(state)}${errors.length ? ` errors: ${errors.join(' | ')}` : ''}`,
      );
    } catch (error) {
      failures += 1;
      const html = await page.evaluate(
        () => document.querySelector('#storybook-root')?.innerHTML ?? '(no root)',
      );
      console.log(
        `FAIL ${label}: ${error.message.split('\n')[0]}; root: ${html.slice(0, 300)}; page errors: ${errors.join(' | ')}`,
      );
    }
    await page.close();
  }
  for (const check of elementChecks) {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const url = `http://127.0.0.1:${port}/iframe.html?id=${check.id}&viewMode=story${check.globals ? `&globals=${check.globals}` : ''}`;
    const label = `${check.id}${check.globals ? ` [${check.globals}]` : ''}`;
    await page.goto(url);
    try {
      await page.waitForFunction(
        ({ tag, selector, text }) => {
          const root = document.querySelector(tag)?.shadowRoot;
          return !!root?.querySelector(selector) && !!root.textContent?.includes(text);
        },
        check,
        { timeout: 15_000 },
      );
      const background = await page.evaluate(
        (tag) =>
          getComputedStyle(
            /** @type {Element} */ (
              document.querySelector(tag)?.shadowRoot?.querySelector('.card')
            ),
          ).backgroundColor,
        check.tag,
      );
      const ok =
        errors.length === 0 &&
        background === (check.dark ? 'rgb(20, 24, 29)' : 'rgb(255, 255, 255)');
      if (!ok) failures += 1;
      console.log(
        `${ok ? 'ok  ' : 'FAIL'} ${label} background=${background}${errors.length ? ` errors: ${errors.join(' | ')}` : ''}`,
      );
    } catch (error) {
      failures += 1;
      console.log(
        `FAIL ${label}: ${error.message.split('\n')[0]}; page errors: ${errors.join(' | ')}`,
      );
    }
    await page.close();
  }
} finally {
  await browser.close();
  server.close();
}
const total = checks.length + elementChecks.length;
console.log(`storybook-smoke: ${total - failures}/${total} stories rendered`);
process.exit(failures ? 1 : 0);
