import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import { openDatabase, startServer, type Database, type RunningServer } from '@xinqiao/server';
import { chromiumLaunchOptions } from '@xinqiao/testkit/chromium';
import { startPortal } from '../../src/backend/app.js';
import { demoPeople } from '../../src/backend/directory.js';
import { guideTenantCommand } from '../support/guide.mjs';
import { eventually, shot } from './harness.js';

// docs/integration.md from a blank server: the guide's own CLI command registers the tenant,
// then the portal does the rest of the guide with that key (roster sync, webhook registration,
// embed sessions) and a student's concern reaches the on-call counsellor's messages.

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const publicDir = fileURLToPath(new URL('../../dist/public', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'xinqiao-guide-'));
let cli = { stdout: '', tenantId: '', secretKey: '' };
let database: Database;
let server: RunningServer;
let portal: Awaited<ReturnType<typeof startPortal>>;
let browser: Browser;

beforeAll(async () => {
  const { stdout } = await promisify(execFile)('bash', ['-c', guideTenantCommand()], {
    cwd: root,
    env: { ...process.env, XINQIAO_DATA_DIR: join(dataDir, 'pglite') },
    timeout: 170_000,
  });
  cli = {
    stdout,
    tenantId: /^tenant (\S+)$/m.exec(stdout)?.[1] ?? '',
    secretKey: /secret key \(shown once, store it now\): (\S+)$/m.exec(stdout)?.[1] ?? '',
  };
  database = await openDatabase({ kind: 'pglite', dataDir: join(dataDir, 'pglite') });
  // Demo mode only so the webhook URL may be a loopback address on this machine.
  server = await startServer({
    port: 0,
    database,
    demo: true,
    config: { encryptionKey: Buffer.alloc(32, 5).toString('base64'), rateLimitPerMinute: 100_000 },
  });
  portal = await startPortal({ apiUrl: server.url, publicDir, secretKey: cli.secretKey });
  browser = await chromium.launch(chromiumLaunchOptions());
});
afterAll(async () => {
  await browser?.close();
  await portal?.close();
  await server?.close();
  await database?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the integration guide, from a blank server', () => {
  it("registers the tenant with the guide's CLI command", () => {
    expect(cli.tenantId).toMatch(/^[a-z]{2,5}_\w+$/);
    expect(cli.secretKey).toMatch(/^sk_/);
  });

  it('lets the portal do the rest with that key: roster, webhooks, embed sessions', async () => {
    const { state, xinqiao } = portal.app.portal;
    expect(state.ready).toBe(true);
    expect(state.unresolved).toEqual([]);
    const tenant = await xinqiao.tenant.get();
    expect(tenant.id).toBe(cli.tenantId);
    expect(tenant.webhookUrl).toBe(`${portal.url}/webhooks/xinqiao`);
    expect(tenant.allowedOrigins).toEqual(
      expect.arrayContaining(['https://portal.example.edu.cn', new URL(portal.url).origin]),
    );
  });

  it("delivers a student's concern to the counsellor's messages", async () => {
    const context = await browser.newContext({ locale: 'zh-CN' });
    context.setDefaultTimeout(60_000);
    const page = await context.newPage();
    await page.request.post(`${portal.url}/api/login`, {
      data: { externalId: demoPeople.student },
    });
    await page.goto(`${portal.url}/student.html`);
    await page.getByLabel('最近很难受，希望尽快有人联系我').check();
    await page.getByRole('button', { name: '发送给心理老师' }).click();
    await page.getByText('学校老师已收到通知').waitFor();
    await shot(page, '70-guide-student-concern');

    const message = await eventually(
      'the alert.created webhook',
      () =>
        portal.app.portal.inbox
          .messagesFor(demoPeople.counsellor)
          .find((m) => m.webhook.type === 'alert.created'),
      30_000,
    );
    expect(message.verified).toBe(true);
    await page.request.post(`${portal.url}/api/login`, {
      data: { externalId: demoPeople.counsellor },
    });
    await page.goto(`${portal.url}/counsellor.html`);
    await page.locator(`#messages-list li[data-webhook-id="${message.webhook.id}"]`).waitFor();
    await page.getByText('橙色（高）预警').first().waitFor();
    await shot(page, '71-guide-counsellor-message');
    await context.close();
  });
});
