import { mkdtempSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chromium } from 'playwright-core';
import {
  chromiumArgs,
  chromiumLaunchOptions,
  findChromium,
  findChromiumOrSkip,
} from '../src/chromium.js';
import { startTestServer } from '../src/server.js';

const dir = mkdtempSync(join(tmpdir(), 'xq-chromium-'));
const fake = join(dir, 'chrome');
writeFileSync(fake, '#!/bin/sh\n');
chmodSync(fake, 0o755);

describe('findChromium', () => {
  it('prefers CHROMIUM_PATH', () => {
    expect(findChromium({ env: { CHROMIUM_PATH: fake } })).toBe(fake);
  });

  it('rejects a CHROMIUM_PATH that is not executable, naming the install command', () => {
    expect(() => findChromium({ env: { CHROMIUM_PATH: join(dir, 'missing') } })).toThrow(
      /apt-get install chromium/,
    );
  });

  it('falls back through the candidates in order', () => {
    expect(findChromium({ env: {}, candidates: [join(dir, 'nope'), fake] })).toBe(fake);
  });

  it('throws naming apt-get install chromium when none is found', () => {
    expect(() => findChromium({ env: {}, candidates: [join(dir, 'nope')] })).toThrow(
      /apt-get install chromium/,
    );
  });

  it('exports the proven launch arguments', () => {
    expect(chromiumArgs).toContain('--no-sandbox');
    expect(chromiumArgs).toContain('--disable-dev-shm-usage');
  });
});

// A real launch against the real server: the launch options work and the page can reach the API.
const executable = findChromiumOrSkip();
describe.skipIf(!executable)('chromium + startTestServer', () => {
  it('a headless page fetches /healthz from the test server', async () => {
    const server = await startTestServer();
    const browser = await chromium.launch(chromiumLaunchOptions());
    try {
      const page = await browser.newPage();
      const res = await page.goto(`${server.url}/healthz`);
      expect(res?.status()).toBe(200);
      expect(JSON.parse(await res!.text())).toMatchObject({ status: 'ok' });
    } finally {
      await browser.close();
      await server.close();
    }
  });
});
