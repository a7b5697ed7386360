#!/usr/bin/env node
// Regenerates docs/screenshots/ from the built Storybook (run `pnpm build-storybook` at the repo
// root first): each element's key stories at 360 px wide, in zh-CN light and en dark.
//   pnpm --filter @xinqiao/elements screenshots
import { createReadStream, existsSync, mkdirSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromiumLaunchOptions } from '@xinqiao/testkit/chromium';
import { chromium } from 'playwright-core';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const staticDir = join(root, 'storybook-static/');
const outDir = join(root, 'docs/screenshots');
if (!existsSync(join(staticDir, 'iframe.html'))) {
  console.error(
    `screenshots: ${staticDir} has no build; run \`pnpm build-storybook\` at the repo root.`,
  );
  process.exit(1);
}
mkdirSync(outDir, { recursive: true });

const types = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.json': 'application/json',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
};
const server = createServer((req, res) => {
  const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(
    /^(\.\.[/\\])+/,
    '',
  );
  let file = join(staticDir, path);
  if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
  if (!file.startsWith(staticDir) || !existsSync(file)) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
  createReadStream(file).pipe(res);
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());

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
      console.log(`screenshots: ${file.slice(root.length)}`);
      await page.close();
    }
  }
} finally {
  await browser.close();
  server.close();
}
