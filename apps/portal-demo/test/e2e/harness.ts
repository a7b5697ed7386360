import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { chromiumLaunchOptions } from '@xinqiao/testkit/chromium';
import { startTestServer } from '@xinqiao/testkit/server';
import { buildPortal } from '../../src/backend/app.js';

const publicDir = fileURLToPath(new URL('../../dist/public', import.meta.url));
const axeSource = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** The real Xinqiao server, the demo portal's backend in front of it, and a Chromium. */
export async function startJourney() {
  const server = await startTestServer({ tenant: true });
  const portal = await buildPortal({
    apiUrl: server.url,
    publicDir,
    ...(server.secretKey ? { secretKey: server.secretKey } : {}),
  });
  const portalUrl = await portal.listen({ port: 0, host: '127.0.0.1' });
  const browser: Browser = await chromium.launch(chromiumLaunchOptions());
  return {
    server,
    portalUrl,
    browser,
    async close() {
      await browser.close();
      await portal.close();
      await server.close();
    },
  };
}

/** Runs axe-core in the page and returns the violations (ids and targets only). */
export async function axeViolations(page: Page) {
  await page.addScriptTag({ path: axeSource });
  return page.evaluate(async () => {
    const result = await (
      window as unknown as {
        axe: { run: () => Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }> };
      }
    ).axe.run();
    return result.violations.map((v) => ({ id: v.id, targets: v.nodes.map((n) => n.target) }));
  });
}
