import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServerClient } from '@xinqiao/sdk/server';

// `pnpm start`'s script itself, as real processes: the server (demo mode, its own data directory)
// and the portal, both URLs printed, the portal registered as the webhook receiver, and Ctrl-C
// stopping both.

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'xinqiao-start-'));
const secretKey = `sk_demo_${randomBytes(24).toString('hex')}`;
let child: ChildProcess;
let output = '';
let apiUrl = '';
let portalUrl = '';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

beforeAll(async () => {
  const [apiPort, portalPort] = [await freePort(), await freePort()];
  apiUrl = `http://127.0.0.1:${apiPort}`;
  portalUrl = `http://127.0.0.1:${portalPort}`;
  child = spawn(process.execPath, [join(root, 'scripts/start.mjs')], {
    cwd: root,
    env: {
      ...process.env,
      XINQIAO_PORT: String(apiPort),
      PORTAL_PORT: String(portalPort),
      XINQIAO_DATA_DIR: join(dataDir, 'pglite'),
      XINQIAO_DEMO_SECRET_KEY: secretKey,
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (b: Buffer) => (output += b.toString()));
  child.stderr!.on('data', (b: Buffer) => (output += b.toString()));
  const deadline = Date.now() + 170_000;
  while (!output.includes('Ctrl-C stops both')) {
    if (child.exitCode !== null) throw new Error(`start.mjs exited early:\n${output}`);
    if (Date.now() > deadline) throw new Error(`start.mjs did not come up:\n${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }
});
afterAll(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

describe('pnpm start (scripts/start.mjs)', () => {
  it('prints both URLs', () => {
    expect(output).toContain(`demo portal 示范教育云   ${portalUrl}`);
    expect(output).toContain(`API                     ${apiUrl}`);
  });

  it('has the portal registered as the demo tenant’s webhook receiver and allowed origin', async () => {
    const xinqiao = createServerClient({ baseUrl: apiUrl, secretKey });
    const tenant = await (async () => {
      // The portal finishes its setup right after it starts listening.
      for (let i = 0; i < 240; i++) {
        const t = await xinqiao.tenant.get();
        if (t.webhookUrl) return t;
        await new Promise((r) => setTimeout(r, 250));
      }
      return xinqiao.tenant.get();
    })();
    expect(tenant.webhookUrl).toBe(`${portalUrl}/webhooks/xinqiao`);
    expect(tenant.allowedOrigins).toContain(portalUrl);
    const status = await fetch(`${portalUrl}/api/status`).then((r) => r.json());
    expect(status).toEqual({ xinqiao: 'ok' });
  });

  it('stops both processes on Ctrl-C', async () => {
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    await expect(fetch(`${apiUrl}/healthz`)).rejects.toThrow();
    await expect(fetch(`${portalUrl}/api/status`)).rejects.toThrow();
  });
});
