// Open/closed is computed in Asia/Shanghai whatever the device's zone: the same instants give the
// same answers on a phone set to Los Angeles, London or Shanghai (the CDN file, a fresh browser
// context per zone via playwright-core's timezoneId).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath, launch } from './chromium.mjs';
import { startCdn } from './portal-page.mjs';
import { serve } from './servers.mjs';

const line = {
  id: 'hl_city_12356',
  scope: 'city',
  orgUnitId: 'ou_city',
  kind: 'psychological',
  name: { 'zh-CN': '市心理援助热线', en: 'City line' },
  numbers: [{ dial: '12356' }],
  audiences: ['student'],
  schedule: { kind: 'weekly', slots: [{ days: [1, 2, 3, 4, 5], open: '08:00', close: '22:00' }] },
  verification: { status: 'verified', checkedOn: '2026-11-01', source: { title: 'test' } },
  openNow: 'open',
};

// Wednesday 2026-11-25: 01:00Z = 09:00 Shanghai (open); 15:00Z = 23:00 Shanghai (closed).
// Friday 2026-11-27 23:30Z = Saturday 07:30 Shanghai (closed: weekdays only), although it is
// still Friday in Los Angeles and London.
const cases = [
  ['2026-11-25T01:00:00Z', 'open'],
  ['2026-11-25T15:00:00Z', 'closed'],
  ['2026-11-27T23:30:00Z', 'closed'],
  ['2026-11-26T13:59:00Z', 'open'],
];

describe.skipIf(!chromiumPath)('open/closed in Asia/Shanghai on any device zone', () => {
  let cdn;
  let portal;
  let browser;
  beforeAll(async () => {
    cdn = await startCdn();
    portal = await serve({
      '/': {
        type: 'text/html; charset=utf-8',
        body: `<!doctype html><html lang="zh-CN"><head><script type="module" src="${cdn.origin}/xinqiao/xinqiao.js"></script></head><body><xq-hotline-card org-unit="ou_city"></xq-hotline-card></body></html>`,
      },
    });
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await portal?.close();
    await cdn?.close();
  });

  for (const timezoneId of ['America/Los_Angeles', 'Europe/London', 'Asia/Shanghai']) {
    it(`device in ${timezoneId}`, async () => {
      const context = await browser.newContext({ timezoneId });
      const page = await context.newPage();
      await page.goto(`${portal.origin}/`);
      await page.waitForFunction(() => customElements.get('xq-hotline-card'));
      const zone = await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
      expect(zone).toBe(timezoneId);
      for (const [instant, expected] of cases) {
        const state = await page.evaluate(
          async ({ instant, line }) => {
            const card = document.querySelector('xq-hotline-card');
            card.source = { listHotlines: async () => [line] };
            card.now = () => new Date(instant);
            for (let i = 0; i < 50 && card.loadState !== 'loaded'; i += 1)
              await new Promise((r) => setTimeout(r, 10));
            await card.updateComplete;
            return card.shadowRoot.querySelector('[data-line="hl_city_12356"]').dataset.open;
          },
          { instant, line },
        );
        expect(state, `${instant} on a device in ${timezoneId}`).toBe(expected);
      }
      await context.close();
    });
  }
});
