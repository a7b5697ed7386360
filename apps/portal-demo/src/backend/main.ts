import { fileURLToPath } from 'node:url';
import { startPortal } from './app.js';

const port = Number(process.env.PORT ?? 4000);
const host = process.env.HOST ?? '127.0.0.1';
const apiUrl = process.env.XINQIAO_API_URL ?? 'http://127.0.0.1:3000';
const publicDir = fileURLToPath(new URL('../public', import.meta.url));
const env = (name: string) => process.env[name] || undefined;

const portal = await startPortal({
  port,
  host,
  apiUrl,
  publicDir,
  ...(env('XINQIAO_PUBLIC_API_URL') ? { publicApiUrl: env('XINQIAO_PUBLIC_API_URL')! } : {}),
  ...(env('XINQIAO_SECRET_KEY') ? { secretKey: env('XINQIAO_SECRET_KEY')! } : {}),
  ...(env('XINQIAO_WEBHOOK_SECRET') ? { webhookSecret: env('XINQIAO_WEBHOOK_SECRET')! } : {}),
  ...(env('PORTAL_PUBLIC_URL') ? { publicUrl: env('PORTAL_PUBLIC_URL')! } : {}),
  syncRoster: process.env.PORTAL_SYNC_ROSTER !== '0',
  demoData: process.env.PORTAL_DEMO_DATA !== '0',
});
const { state } = portal.app.portal;
console.log(`portal-demo listening on ${portal.url}`);
if (state.webhookUrl) console.log(`portal-demo receives Xinqiao webhooks at ${state.webhookUrl}`);
if (state.unresolved.length)
  console.warn(`portal-demo: ${state.unresolved.length} people are not in Xinqiao's roster yet`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void portal.close().then(() => process.exit(0));
  });
}
