import Fastify from 'fastify';
import fastifyStatic from '@fastify/static';
import { createServerClient } from '@xinqiao/sdk/server';

export interface PortalOptions {
  /** Where the Xinqiao API listens. */
  apiUrl: string;
  /** The built pages (vite's output). */
  publicDir: string;
  /** The tenant's secret key; stays on this backend. */
  secretKey?: string;
}

/** The demo portal's backend: serves its pages and talks to Xinqiao with the secret key. */
export async function buildPortal(options: PortalOptions) {
  const app = Fastify({ logger: false });
  const xinqiao = createServerClient({
    baseUrl: options.apiUrl,
    ...(options.secretKey ? { secretKey: options.secretKey } : {}),
  });

  app.get('/api/status', async () => {
    const health = await xinqiao.health().catch(() => null);
    return { xinqiao: health?.status ?? 'unreachable' };
  });
  await app.register(fastifyStatic, { root: options.publicDir });
  return app;
}
