import { fileURLToPath } from 'node:url';
import { buildPortal } from './app.js';

const port = Number(process.env.PORT ?? 4000);
const host = process.env.HOST ?? '127.0.0.1';
const apiUrl = process.env.XINQIAO_API_URL ?? 'http://127.0.0.1:3000';
const publicDir = fileURLToPath(new URL('../public', import.meta.url));

const app = await buildPortal({
  apiUrl,
  publicDir,
  ...(process.env.XINQIAO_SECRET_KEY ? { secretKey: process.env.XINQIAO_SECRET_KEY } : {}),
});
await app.listen({ port, host });
console.log(`portal-demo listening on http://${host}:${port}`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void app.close().then(() => process.exit(0));
  });
}
