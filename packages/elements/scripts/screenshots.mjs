#!/usr/bin/env node
// Regenerates docs/screenshots/ from the built Storybook (run `pnpm build-storybook` at the repo
// root first): each element's key stories at 360 px wide, in zh-CN light and en dark.
//   pnpm --filter @xinqiao/elements screenshots
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromiumLaunchOptions } from '@xinqiao/testkit/chromium';
import { chromium } from 'playwright-core';
import { repoRoot, serveStorybook } from './serve-storybook.mjs';

const outDir = join(repoRoot, 'docs/screenshots');
const { server, port } = await serveStorybook('screenshots');
mkdirSync(outDir, { recursive: true });

const shots = [
  {
    name: 'hotline-card',
    id: 'elements-hotline-card--local-lines-open',
    tag: 'xq-hotline-card',
    ready: 'a[href="tel:110"]',
  },
  {
    name: 'hotline-card-crisis',
    id: 'elements-hotline-card--crisis-with-open-line',
    tag: 'xq-hotline-card',
    ready: 'a[href="tel:12356"]',
  },
  {
    name: 'parent-school-signup',
    id: 'elements-parent-school-signup--waitlisted',
    tag: 'xq-parent-school-signup',
    ready: '[data-signup]',
  },
];
const looks = [
  { suffix: 'zh-CN-light', globals: 'theme:light;locale:zh-CN' },
  { suffix: 'en-dark', globals: 'theme:dark;locale:en' },
];

const browser = await chromium.launch(chromiumLaunchOptions());
try {
  const context = await browser.newContext({
    viewport: { width: 360, height: 740 },
    deviceScaleFactor: 2,
  });
  for (const shot of shots) {
    for (const look of looks) {
      const page = await context.newPage();
      await page.goto(
        `http://127.0.0.1:${port}/iframe.html?id=${shot.id}&viewMode=story&globals=${look.globals}`,
      );
      await page.waitForFunction(
        ({ tag, ready }) => !!document.querySelector(tag)?.shadowRoot?.querySelector(ready),
        shot,
      );
      await page.evaluate(() => document.fonts.ready);
      const file = join(outDir, `${shot.name}-${look.suffix}.png`);
      await page.locator('.xq-story-root').screenshot({ path: file });
      console.log(`screenshots: ${file.slice(repoRoot.length)}`);
      await page.close();
    }
  }
} finally {
  await browser.close();
  server.close();
}
