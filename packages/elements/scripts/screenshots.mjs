#!/usr/bin/env node
// Regenerates docs/screenshots/ from the built Storybook (run `pnpm build-storybook` at the repo
// root first): each element's key stories at 360 px wide, in zh-CN light and en dark.
//   pnpm --filter @xinqiao/elements screenshots
//   pnpm --filter @xinqiao/elements screenshots case-timeline   # only shots whose name starts so
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
  {
    name: 'case-timeline',
    id: 'elements-case-timeline--counsellor-view',
    tag: 'xq-case-timeline',
    ready: '[data-event]',
    fullHeight: true,
  },
  {
    name: 'case-timeline-form',
    id: 'elements-case-timeline--add-entry-form',
    tag: 'xq-case-timeline',
    ready: 'form',
    fullHeight: true,
  },
  {
    name: 'case-timeline-home-visit',
    id: 'elements-case-timeline--add-home-visit',
    tag: 'xq-case-timeline',
    ready: 'input[name="contactKind"]',
    fullHeight: true,
  },
  {
    name: 'screening-form-guardian',
    id: 'elements-screening-form--guardian',
    tag: 'xq-screening-form',
    ready: '[part="intro"]',
  },
  {
    name: 'screening-form',
    id: 'elements-screening-form--question',
    tag: 'xq-screening-form',
    ready: 'fieldset',
  },
  {
    name: 'screening-form-help-panel',
    id: 'elements-screening-form--help-panel-not-sent',
    tag: 'xq-screening-form',
    ready: '[part="help-status"][data-status="queued"]',
  },
];
const only = process.argv.slice(2);
const selected = only.length ? shots.filter((s) => only.some((o) => s.name.startsWith(o))) : shots;
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
  for (const shot of selected) {
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
      if (shot.fullHeight) {
        // Long elements (content-visibility: auto) render off-screen parts only near the
        // viewport: make the viewport as tall as the story so the shot has all of it.
        const box = await page.locator('.xq-story-root').boundingBox();
        await page.setViewportSize({ width: 360, height: Math.ceil(box?.height ?? 740) + 16 });
        await page.waitForTimeout(100);
      }
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
