import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { createClient, type XinqiaoClient } from '@xinqiao/sdk';
import { chromiumLaunchOptions } from '@xinqiao/testkit/chromium';
import { startPortal } from '../../src/backend/app.js';
import { startDemoServer } from '../support/demo-server.js';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const publicDir = fileURLToPath(new URL('../../dist/public', import.meta.url));
const axeSource = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

/** Screenshots of each step, kept by the run (reports/ is not committed). */
export const screenshotDir = join(
  process.env.XINQIAO_REPORT_DIR ?? join(root, 'reports'),
  'portal-e2e',
  'screenshots',
);

/** The system clock plus an offset the test can move (escalation deadlines), shared by both backends. */
export function movableClock() {
  let offset = 0;
  return {
    now: () => new Date(Date.now() + offset),
    advance(ms: number) {
      offset += ms;
      return new Date(Date.now() + offset);
    },
  };
}

/**
 * What `pnpm start` runs, in-process so the clock can be injected: the real server in demo mode
 * on a copy of the migrated database with the demo seed (tenant, region tree, roster, hotlines)
 * and the start script's kind of secret key; the portal's backend with that key, which syncs its
 * roster, registers itself as the webhook receiver and creates the semester's campaign; and a
 * Debian Chromium.
 */
export async function startJourney() {
  const clock = movableClock();
  const server = await startDemoServer(clock);
  const { secretKey } = server;
  const portal = await startPortal({ apiUrl: server.url, publicDir, secretKey, clock });
  const browser: Browser = await chromium.launch(chromiumLaunchOptions());
  mkdirSync(screenshotDir, { recursive: true });
  const { portal: controller } = portal.app;

  return {
    clock,
    server,
    portal: controller,
    portalUrl: portal.url,
    browser,
    secretKey,
    /** A Xinqiao person id of a portal user. */
    idOf(externalId: string): string {
      const id = controller.ids.idOf(externalId);
      if (!id) throw new Error(`no Xinqiao id for ${externalId}`);
      return id;
    },
    /** An SDK client with the user's own embed token (what their page would have). */
    async clientFor(externalId: string): Promise<XinqiaoClient> {
      const s = await controller.xinqiao.embedSessions.create({ user: { externalId } });
      return createClient({ baseUrl: server.url, token: s.token });
    },
    /** A new page signed in to the portal as this user (through the user picker's endpoint). */
    async pageAs(externalId: string, options: BrowserContextOptions = {}) {
      const context = await browser.newContext({ locale: 'zh-CN', ...options });
      // Generous waits: these suites share two cores with the rest of the test run.
      context.setDefaultTimeout(60_000);
      const page = await context.newPage();
      const res = await page.request.post(`${portal.url}/api/login`, {
        data: { externalId },
      });
      if (!res.ok()) throw new Error(`login as ${externalId} failed: ${res.status()}`);
      return page;
    },
    async close() {
      await browser.close();
      await portal.close();
      await server.close();
    },
  };
}

export type Journey = Awaited<ReturnType<typeof startJourney>>;

/** Saves a full-page screenshot of a step under reports/portal-e2e/screenshots/. */
export async function shot(page: Page, name: string): Promise<string> {
  const path = join(screenshotDir, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/**
 * Runs axe-core in the page and returns the violations (ids and targets only). The portal's pages
 * run under a strict CSP with Trusted Types, so axe is evaluated through DevTools rather than
 * added as a script tag.
 */
export async function axeViolations(page: Page) {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const result = await (
      window as unknown as {
        axe: { run: () => Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }> };
      }
    ).axe.run();
    return result.violations.map((v) => ({ id: v.id, targets: v.nodes.map((n) => n.target) }));
  });
}

const phqA = (v: number[]) => Object.fromEntries(v.map((x, i) => [`q${i + 1}`, x]));

/** Answer sets (the server's pipeline tests use the same). */
export const answers = {
  /** PHQ-A item 9 and an acute ASQ: a critical screening. */
  critical: () => [
    { instrumentId: 'phq-a', answers: phqA([0, 0, 0, 0, 0, 0, 0, 0, 1]) },
    { instrumentId: 'gad-7', answers: phqA([0, 0, 0, 0, 0, 0, 0]) },
    {
      instrumentId: 'asq',
      answers: { q1: 'yes', q2: 'yes', q3: 'no', q4: 'no', q5: 'yes' } as const,
    },
  ],
  none: () => [
    { instrumentId: 'phq-a', answers: phqA([0, 0, 0, 0, 0, 0, 0, 0, 0]) },
    { instrumentId: 'gad-7', answers: phqA([0, 0, 0, 0, 0, 0, 0]) },
  ],
};

/** Waits until `check` returns a value (polling), or fails with `what`. */
export async function eventually<T>(
  what: string,
  check: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== undefined && v !== null && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
