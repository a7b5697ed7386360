import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, shot, startJourney, type Journey } from './harness.js';

let journey: Journey;
beforeAll(async () => {
  journey = await startJourney();
});
afterAll(async () => {
  await journey?.close();
});

describe('the portal as `pnpm start` runs it', () => {
  it('is set up against the demo tenant: roster synced, webhooks registered, campaign created', async () => {
    const { state } = journey.portal;
    expect(state.ready).toBe(true);
    expect(state.unresolved).toEqual([]);
    expect(state.campaignId).toMatch(/^cmp_/);
    expect(state.webhookUrl).toBe(`${journey.portalUrl}/webhooks/xinqiao`);
    const tenant = await journey.portal.xinqiao.tenant.get();
    expect(tenant.webhookUrl).toBe(state.webhookUrl);
    expect(tenant.allowedOrigins).toContain(journey.portalUrl);
  });

  it('shows the home page with the user picker and the real server as running', async () => {
    const page = await journey.browser.newPage();
    await page.goto(journey.portalUrl);
    await expect(page.title()).resolves.toContain('示范教育云');
    await page.getByText('心桥服务运行正常。').waitFor();
    await expect(page.locator('#picker button.person').count()).resolves.toBe(8);
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, '01-home-user-picker');
    await page.close();
  });

  it('signs in through the picker and lands on the role page', async () => {
    const page = await journey.browser.newPage();
    await page.goto(journey.portalUrl);
    await page.locator('button[data-external-id="demo-teacher-1"]').click();
    await page.waitForURL('**/teacher.html');
    await page.locator('#portal-user').getByText('班主任').waitFor();
    await page.close();
  });

  it('fits a 360 px phone screen without horizontal scrolling', async () => {
    const page = await journey.browser.newPage({ viewport: { width: 360, height: 740 } });
    await page.goto(journey.portalUrl);
    await page.locator('#picker button.person').first().waitFor();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await page.close();
  });
});
