#!/usr/bin/env node
// `pnpm start`: the reference server on its embedded database in demo mode (demo tenant, roster
// and data) plus the demo portal, side by side. Prints both URLs; Ctrl-C stops both.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const root = fileURLToPath(new URL('..', import.meta.url));
const host = process.env.HOST ?? '127.0.0.1';
const apiPort = Number(process.env.XINQIAO_PORT ?? 3000);
const portalPort = Number(process.env.PORTAL_PORT ?? 4000);
const apiUrl = `http://${host}:${apiPort}`;
const portalUrl = `http://${host}:${portalPort}`;
// The demo tenant's secret key, minted per start and handed to both processes only.
const demoSecretKey =
  process.env.XINQIAO_DEMO_SECRET_KEY ?? `sk_demo_${randomBytes(24).toString('hex')}`;

const children = [];
function launch(name, script, env) {
  const child = spawn(process.execPath, [script], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`${name} stopped (${signal ?? code}); stopping everything.`);
      stop(1);
    }
  });
  children.push(child);
}

let stopping = false;
function stop(code = 0) {
  stopping = true;
  for (const child of children) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 3000).unref();
  Promise.all(
    children.map((c) => new Promise((r) => (c.exitCode !== null ? r() : c.on('exit', r)))),
  ).then(() => process.exit(code));
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

async function waitFor(url, seconds = 60) {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within ${seconds} s`);
}

launch('server', join(root, 'apps/server/dist/server.js'), {
  PORT: String(apiPort),
  HOST: host,
  XINQIAO_DEMO: '1',
  XINQIAO_DEMO_SECRET_KEY: demoSecretKey,
  XINQIAO_DEMO_PORTAL_URL: portalUrl,
});
launch('portal', join(root, 'apps/portal-demo/dist/backend/main.js'), {
  PORT: String(portalPort),
  HOST: host,
  XINQIAO_API_URL: apiUrl,
  XINQIAO_SECRET_KEY: demoSecretKey,
});

try {
  await waitFor(`${apiUrl}/healthz`);
  await waitFor(`${portalUrl}/api/status`);
} catch (error) {
  console.error(String(error));
  stop(1);
}
if (!stopping) {
  console.log(`
  心桥 Xinqiao is running (demo data, embedded database)
    demo portal 示范教育云   ${portalUrl}
    API                     ${apiUrl}
    API docs                ${apiUrl}/docs
  Ctrl-C stops both.
`);
}
