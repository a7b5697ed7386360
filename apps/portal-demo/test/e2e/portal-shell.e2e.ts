import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, startJourney } from './harness.js';

let journey: Awaited<ReturnType<typeof startJourney>>;
beforeAll(async () => {
  journey = await startJourney();
});
afterAll(async () => {
  await journey?.close();
});

describe('demo portal in Chromium', () => {
  it('shows the portal and reports the real Xinqiao server as running', async () => {
    const page = await journey.browser.newPage();
    await page.goto(journey.portalUrl);
    await expect(page.title()).resolves.toContain('示范教育云');
    await page.getByText('心桥服务运行正常。').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('fits a 360 px phone screen without horizontal scrolling', async () => {
    const page = await journey.browser.newPage({ viewport: { width: 360, height: 740 } });
    await page.goto(journey.portalUrl);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await page.close();
  });
});
