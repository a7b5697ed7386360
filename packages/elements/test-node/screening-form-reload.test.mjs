// <xq-screening-form> drafts across REAL page reloads (issue #8), which web-test-runner cannot do
// from inside its own page: a portal page (its own origin) with the CDN file and a portal script
// giving `<xq-provider>` its `fetchToken`, against the real server (bench/bench.mjs's startApi:
// tenant allowing the page origin, testkit roster, PHQ-A + GAD-7 campaign, 20 questions).
// The portal's backend mints an embed token for whoever is signed in to the portal now
// (`signedIn`), as a portal session would; one browser context is one browser profile, so
// every reload sees the same IndexedDB (the SDK's outbox and drafts).
//
// 1. Student A answers questions 1–3 and reloads: the form offers to resume at question 4, with
//    A's answers kept.
// 2. A answers 2 more, the network goes down (context.setOffline: no request leaves the browser;
//    the portal's page, scripts and token are answered from memory by page.route, as a cached
//    portal / service worker would), reload: the form resumes at question 6 from the draft alone
//    (eligibility and definitions included), and no API request got through.
// 3. B signs in on the same profile and reloads: intro, nothing resumed, question 1 empty, and
//    A's draft is gone from the device. Back to A: the SDK wiped A's draft when another person
//    signed in (README: drafts "are wiped when another person signs in"), so A starts afresh too.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi } from '../bench/bench.mjs';
import { chromiumPath, launch } from './chromium.mjs';
import { serve } from './servers.mjs';

const pkgDir = fileURLToPath(new URL('..', import.meta.url));
const studentA = 'tk-student-1';
const studentB = 'tk-student-2';

describe.skipIf(!chromiumPath)('<xq-screening-form> drafts across real page reloads', () => {
  /** @type {Awaited<ReturnType<typeof startApi>>} */
  let api;
  /** @type {Awaited<ReturnType<typeof serve>>} */
  let portal;
  /** @type {import('playwright-core').Browser} */
  let browser;
  /** @type {import('playwright-core').BrowserContext} */
  let context;
  /** @type {import('playwright-core').Page} */
  let page;
  /** The student signed in to the portal (its session): whose token the backend mints. */
  let signedIn = studentA;
  /** Every request the page made to the API origin that got a response. */
  const apiResponses = [];

  const js = 'text/javascript; charset=utf-8';
  const html = () =>
    `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>portal</title><script type="module" src="/portal.js"></script><script type="module" src="/xinqiao.js"></script></head><body><xq-provider base-url="${api.url}" locale="zh-CN"><xq-screening-form campaign="${api.campaignId}"></xq-screening-form></xq-provider></body></html>`;
  const portalJs = `document.querySelector('xq-provider').fetchToken = async () => {
  const response = await fetch('/portal/xinqiao-token', { method: 'POST' });
  return response.ok ? response.text() : '';
};`;

  beforeAll(async () => {
    portal = await serve({
      '/form.html': () => ({ type: 'text/html; charset=utf-8', body: html() }),
      '/portal.js': { type: js, body: portalJs },
      '/xinqiao.js': () => ({ type: js, body: readFileSync(`${pkgDir}/dist/cdn/xinqiao.js`) }),
      '/portal/xinqiao-token': async () => ({
        type: 'text/plain; charset=utf-8',
        headers: { 'cache-control': 'no-store' },
        body: await api.tokenFor(signedIn),
      }),
    });
    api = await startApi(portal.origin);
    browser = await launch();
    context = await browser.newContext({ viewport: { width: 360, height: 740 } });
    page = await context.newPage();
    page.on('response', (r) => {
      if (r.url().startsWith(api.url)) apiResponses.push(`${r.request().method()} ${r.url()}`);
    });
  });

  afterAll(async () => {
    await browser?.close();
    await portal?.close();
    await api?.close();
  });

  const form = 'xq-screening-form';

  /** Waits until the form has left `loading`; returns its state. */
  const settled = async () => {
    await page.waitForFunction(
      () => {
        const state = document.querySelector('xq-screening-form')?.dataset.state;
        return state && state !== 'loading';
      },
      null,
      { timeout: 60_000 },
    );
    return page.evaluate(() => document.querySelector('xq-screening-form').dataset.state);
  };

  const intro = () => page.locator(`${form} [part="intro"]`).innerText();
  const heading = () => page.locator(`${form} #screen-heading`).innerText();
  const checked = () =>
    page.evaluate(() =>
      [
        ...document.querySelector('xq-screening-form').shadowRoot.querySelectorAll('input:checked'),
      ].map((i) => i.value),
    );

  /** Presses the intro's start / continue button and waits for a question screen. */
  const start = async () => {
    await page.locator(`${form} [part="intro"] [part="primary-button"]`).click();
    await page.locator(`${form} #screen-heading`).waitFor();
  };

  /** Picks `value` on the (single, at 360 px) question on screen and goes on. */
  const answer = async (value) => {
    const before = await heading();
    await page
      .locator(`${form} fieldset label.option`)
      .filter({ has: page.locator(`input[value="${value}"]`) })
      .click();
    await page.locator(`${form} button[type="submit"]`).click();
    await page.waitForFunction(
      ({ before }) =>
        document
          .querySelector('xq-screening-form')
          ?.shadowRoot?.querySelector('#screen-heading')
          ?.textContent?.trim() !== before,
      { before },
    );
  };

  const back = async () => {
    const before = await heading();
    await page.locator(`${form} [part="nav"] [part="secondary-button"]`).click();
    await page.waitForFunction(
      ({ before }) =>
        document
          .querySelector('xq-screening-form')
          .shadowRoot.querySelector('#screen-heading')
          ?.textContent?.trim() !== before,
      { before },
    );
  };

  /** The drafts on this profile (the SDK's outbox in IndexedDB), read in the page. */
  const drafts = () =>
    page.evaluate(
      () =>
        new Promise((resolve, reject) => {
          const open = indexedDB.open('xinqiao-outbox');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const db = open.result;
            if (!db.objectStoreNames.contains('drafts')) {
              db.close();
              resolve([]);
              return;
            }
            const all = db.transaction('drafts').objectStore('drafts').getAll();
            all.onsuccess = () => {
              db.close();
              resolve(
                all.result.map((d) => ({
                  subject: d.subject,
                  cursor: d.data.cursor,
                  answers: d.data.answers,
                })),
              );
            };
            all.onerror = () => reject(all.error);
          };
        }),
    );

  /** Waits until the saved draft has reached `cursor` (the form saves shortly after a change). */
  const draftAt = async (cursor) => {
    await expect
      .poll(async () => (await drafts()).map((d) => d.cursor), { timeout: 15_000 })
      .toEqual([cursor]);
  };

  it('resumes at question 4 after a reload, with the answers kept', async () => {
    await page.goto(`${portal.origin}/form.html`);
    expect(await settled()).toBe('intro');
    expect(await intro()).toContain('自动保存在这台设备上');
    expect(await intro()).not.toContain('已经为你恢复');
    await start();
    expect(await heading()).toBe('第 1 题，共 20 题');
    await answer('1');
    await answer('2');
    await answer('3');
    expect(await heading()).toBe('第 4 题，共 20 题');
    await draftAt('phq-a/q4');

    await page.reload();
    expect(await settled()).toBe('intro');
    expect(await intro()).toContain('已经为你恢复上次填写的答案');
    await start();
    expect(await heading()).toBe('第 4 题，共 20 题');
    expect(await checked()).toEqual([]);
    await back();
    expect(await heading()).toBe('第 3 题，共 20 题');
    expect(await checked()).toEqual(['3']);
    await back();
    await back();
    expect(await heading()).toBe('第 1 题，共 20 题');
    expect(await checked()).toEqual(['1']);
  });

  it('resumes offline after a reload, from the draft alone (definitions included)', async () => {
    // Forward again to question 4 (answers kept), then two more.
    await answer('1');
    await answer('2');
    await answer('3');
    await answer('0');
    await answer('1');
    expect(await heading()).toBe('第 6 题，共 20 题');
    await draftAt('phq-a/q6');
    // What a cached portal page would serve with no network: the page, its scripts and (the
    // portal's own session cache) a token for A, from memory; the API stays unreachable.
    const token = await api.tokenFor(studentA);
    const memory = {
      '/form.html': { contentType: 'text/html; charset=utf-8', body: html() },
      '/portal.js': { contentType: js, body: portalJs },
      '/xinqiao.js': {
        contentType: js,
        body: readFileSync(`${pkgDir}/dist/cdn/xinqiao.js`),
      },
      '/portal/xinqiao-token': { contentType: 'text/plain; charset=utf-8', body: token },
    };
    await page.route(`${portal.origin}/**`, (route) => {
      const hit = memory[new URL(route.request().url()).pathname];
      return hit ? route.fulfill({ status: 200, ...hit }) : route.abort('internetdisconnected');
    });
    await context.setOffline(true);
    apiResponses.length = 0;
    try {
      await page.reload();
      expect(await settled()).toBe('intro');
      expect(await intro()).toContain('已经为你恢复上次填写的答案');
      await start();
      expect(await heading()).toBe('第 6 题，共 20 题');
      await back();
      expect(await heading()).toBe('第 5 题，共 20 题');
      expect(await checked()).toEqual(['1']);
      // Nothing came from the API: eligibility and definitions were the draft's.
      expect(apiResponses).toEqual([]);
      expect(await page.evaluate(() => navigator.onLine)).toBe(false);
    } finally {
      await context.setOffline(false);
      await page.unroute(`${portal.origin}/**`);
    }
  });

  it('never shows A’s draft to B on the same profile, and wipes it when B signs in', async () => {
    await draftAt('phq-a/q5');
    const subjectA = (await drafts())[0].subject;

    signedIn = studentB;
    await page.reload();
    expect(await settled()).toBe('intro');
    expect(await intro()).not.toContain('已经为你恢复');
    // The SDK wiped the drafts when another person signed in: A's is no longer on the device.
    expect((await drafts()).filter((d) => d.subject === subjectA)).toEqual([]);
    await start();
    expect(await heading()).toBe('第 1 题，共 20 题');
    expect(await checked()).toEqual([]);
    await answer('0');
    expect(await heading()).toBe('第 2 题，共 20 题');
    expect(await checked()).toEqual([]);

    // Back to A on the same profile: A's draft was wiped when B signed in, so A starts afresh
    // (and B's draft is wiped in turn, never shown to A).
    signedIn = studentA;
    await page.reload();
    expect(await settled()).toBe('intro');
    expect(await intro()).not.toContain('已经为你恢复');
    expect((await drafts()).filter((d) => d.subject !== subjectA)).toEqual([]);
    await start();
    expect(await heading()).toBe('第 1 题，共 20 题');
    expect(await checked()).toEqual([]);
  });
});
