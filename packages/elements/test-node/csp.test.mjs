// Strict CSP with three origins (ARCHITECTURE §5): the portal page, the CDN that serves
// dist/cdn/xinqiao.js, and the real Xinqiao API (started through @xinqiao/testkit), each on its
// own localhost port. The page runs under
//   default-src 'self'; script-src 'self' <cdn>; connect-src 'self' <api>; style-src 'self';
//   require-trusted-types-for 'script'; trusted-types lit-html
// and must render with no violation. A deliberate fetch to a fourth origin proves the listener
// would have caught one.
import { startTestServer } from '@xinqiao/testkit/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath, launch } from './chromium.mjs';
import { portalCsp, startCdn, startPortal } from './portal-page.mjs';
import { addSchoolHotline, mintEmbedToken, seedPortalSchool } from './seed.mjs';
import { deadOrigin } from './servers.mjs';

/**
 * Records CSP violations: `securitypolicyviolation` events (listening before any page script
 * runs), console messages about CSP or Trusted Types, and uncaught page errors. (HTTP errors such
 * as the API's 401 or a missing favicon are not CSP problems and are left out.)
 */
async function watchViolations(page) {
  const console = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Trusted ?Type|Refused to/i.test(m.text())) console.push(m.text());
  });
  page.on('pageerror', (e) => console.push(`pageerror: ${e.message}`));
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__violations.push(`${e.effectiveDirective} ${e.blockedURI} ${e.sample}`);
    });
  });
  return {
    console,
    events: () => page.evaluate(() => window.__violations),
  };
}

describe.skipIf(!chromiumPath)('strict CSP, three origins', () => {
  let api;
  let cdn;
  let browser;
  const portals = [];

  beforeAll(async () => {
    cdn = await startCdn();
    browser = await launch();
  });

  afterAll(async () => {
    await browser?.close();
    await Promise.all(portals.map((p) => p.close()));
    await cdn?.close();
    await api?.close();
  });

  it('renders the elements and reaches the API with no CSP or Trusted Types violation', async () => {
    api = await startTestServer();
    const csp = portalCsp({ cdn: cdn.origin, api: api.url });
    // The portal's backend: synced roster, and a token endpoint that mints real embed tokens
    // for the signed-in guardian with the tenant's secret key.
    let tenant;
    let school;
    let tokensMinted = 0;
    const served = await startPortal({
      cdn: cdn.origin,
      api: api.url,
      csp,
      orgUnit: () => school.schoolId,
      token: async () => {
        tokensMinted += 1;
        return mintEmbedToken(api.url, tenant.secretKey, 'par-1');
      },
    });
    portals.push(served);
    // The portal is a tenant whose allowed origins (CORS) include the page's origin.
    tenant = await api.seedTenant({ allowedOrigins: [served.origin] });
    school = await seedPortalSchool(api.url, tenant.secretKey);
    const local = await addSchoolHotline(api.url, tenant.secretKey, school.schoolId);

    const page = await browser.newPage();
    const violations = await watchViolations(page);
    const response = await page.goto(`${served.origin}/`);
    expect(response.headers()['content-security-policy']).toBe(csp);

    // The first card shows the school's local line from the real API (GET /v1/hotlines with a
    // minted embed token), before the bundled national lines.
    await page.waitForFunction(
      (id) =>
        document
          .querySelector('xq-hotline-card')
          ?.shadowRoot?.querySelector(`[data-line="${id}"]`) != null,
      local.id,
      { timeout: 30_000 },
    );
    const calls = await page.evaluate(() =>
      [...document.querySelectorAll('xq-hotline-card')].map((card) =>
        [...card.shadowRoot.querySelectorAll('a')].map((a) => a.getAttribute('href')),
      ),
    );
    expect(calls[0]).toEqual(['tel:051388886666', 'tel:12356', 'tel:12355', 'tel:110', 'tel:120']);
    expect(calls[1]).toEqual(['tel:110', 'tel:120']);
    expect(await page.evaluate(() => document.querySelector('xq-hotline-card').loadState)).toBe(
      'loaded',
    );
    // Open/closed at the card's clock, in Asia/Shanghai: Tuesday 09:00 open, 18:00 closed.
    const openAt = (instant) =>
      page.evaluate(
        async ({ instant, id }) => {
          const card = document.querySelector('xq-hotline-card');
          card.now = () => new Date(instant);
          await card.updateComplete;
          return card.shadowRoot.querySelector(`[data-line="${id}"]`).dataset.open;
        },
        { instant, id: local.id },
      );
    expect(await openAt('2026-09-01T01:00:00Z')).toBe('open');
    expect(await openAt('2026-09-01T10:00:00Z')).toBe('closed');
    // Styles applied through constructable stylesheets despite style-src 'self'.
    const callBackground = await page.evaluate(() => {
      const a = document.querySelector('xq-hotline-card').shadowRoot.querySelector('a.call');
      return getComputedStyle(a).backgroundColor;
    });
    expect(callBackground).toBe('rgb(31, 111, 92)');
    // The SDK from the CDN bundle asked the portal for a token (provider.fetchToken) and reached
    // the API across origins with it (connect-src + CORS).
    await page.waitForFunction(() => document.getElementById('api-status').textContent !== '…');
    expect(await page.textContent('#api-status')).toBe('ok');
    expect(tokensMinted).toBeGreaterThan(0);
    // Interaction re-renders (Lit templates under Trusted Types).
    await page.evaluate(() => {
      document.querySelector('xq-provider').locale = 'en';
    });
    await page.waitForFunction(() =>
      document.querySelector('xq-hotline-card').shadowRoot.textContent.includes('Help lines'),
    );

    expect(await violations.events()).toEqual([]);
    expect(violations.console).toEqual([]);

    // Control: a request to an origin outside connect-src is reported by the same listener.
    const outside = await deadOrigin();
    await page.evaluate((url) => fetch(url).catch(() => undefined), `${outside}/`);
    await expect.poll(() => violations.events()).toEqual([`connect-src ${outside}/ `]);
    await page.close();
  });

  it("without 'allow-duplicates', a second copy's Lit cannot create its lit-html policy", async () => {
    const extraHead = `<script type="module" src="${cdn.origin}/xinqiao/xinqiao.js?copy=2"></script>`;
    const csp = portalCsp({ cdn: cdn.origin, api: 'http://127.0.0.1:9' });
    const portal = await startPortal({
      cdn: cdn.origin,
      api: 'http://127.0.0.1:9',
      csp,
      extraHead,
    });
    portals.push(portal);
    const page = await browser.newPage();
    const violations = await watchViolations(page);
    await page.goto(`${portal.origin}/`);
    await page.waitForFunction(() => document.getElementById('api-status').textContent !== '…');
    // The first copy still renders; the second copy's module fails on createPolicy.
    expect(
      await page.evaluate(
        () => document.querySelector('xq-hotline-card').shadowRoot.querySelectorAll('a').length,
      ),
    ).toBe(4);
    expect((await violations.events()).join('\n')).toMatch(/trusted-types/);
    await page.close();
  });

  it("two copies of the CDN file under Trusted Types need 'allow-duplicates' for lit-html", async () => {
    // The second copy is loaded with a query string, as a second version would be.
    const extraHead = `<script type="module" src="${cdn.origin}/xinqiao/xinqiao.js?copy=2"></script>`;
    const strict = await startPortal({
      cdn: cdn.origin,
      api: 'http://127.0.0.1:9',
      csp: portalCsp({ cdn: cdn.origin, api: 'http://127.0.0.1:9', allowDuplicates: true }),
      extraHead,
    });
    portals.push(strict);
    const page = await browser.newPage();
    const violations = await watchViolations(page);
    await page.goto(`${strict.origin}/`);
    await page.waitForFunction(
      () =>
        document.querySelector('xq-hotline-card')?.shadowRoot?.querySelector('a[href="tel:110"]') !=
        null,
    );
    await page.waitForFunction(() => document.getElementById('api-status').textContent !== '…');
    expect(await violations.events()).toEqual([]);
    // The API at 127.0.0.1:9 is down: the card says it is offline and keeps the national lines.
    await page.waitForFunction(
      () => document.querySelector('xq-hotline-card').loadState === 'offline',
    );
    const offline = await page.evaluate(() => {
      const card = document.querySelector('xq-hotline-card');
      return {
        notice: card.shadowRoot.querySelector('[part="notice"]').textContent,
        calls: [...card.shadowRoot.querySelectorAll('a')].map((a) => a.getAttribute('href')),
      };
    });
    expect(offline.notice).toContain('网络未连接');
    expect(offline.calls).toEqual(['tel:12356', 'tel:12355', 'tel:110', 'tel:120']);
    // A connection error, not a CSP violation.
    expect(violations.console).toEqual([]);
    await page.close();
  });
});
