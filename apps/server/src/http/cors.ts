import type { FastifyInstance } from 'fastify';
import fastifyCors from '@fastify/cors';
import { allAllowedOrigins } from '../repositories/tenants.js';

export interface CorsOrigins {
  allows(origin: string): Promise<boolean>;
  invalidate(): void;
}

declare module 'fastify' {
  interface FastifyInstance {
    corsOrigins: CorsOrigins;
  }
}

/**
 * CORS for browser pages of the tenants' portals: an origin is allowed when some tenant lists it
 * (a preflight carries no credentials, so the tenant is not known yet; the token then binds the
 * request to its tenant). The set is cached for a few seconds and dropped when a tenant changes.
 */
export async function installCors(app: FastifyInstance): Promise<void> {
  let cached: { at: number; origins: Set<string> } | undefined;
  const ttlMs = 10_000;
  const corsOrigins: CorsOrigins = {
    async allows(origin) {
      const t = performance.now();
      if (!cached || t - cached.at > ttlMs) {
        cached = { at: t, origins: await allAllowedOrigins(app.deps.database.db) };
      }
      return cached.origins.has(origin);
    },
    invalidate() {
      cached = undefined;
    },
  };
  app.decorate('corsOrigins', corsOrigins);
  await app.register(fastifyCors, {
    origin: (origin, cb) => {
      if (!origin) return cb(null, false);
      corsOrigins.allows(origin).then(
        (ok) => cb(null, ok),
        () => cb(null, false),
      );
    },
    methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: [
      'authorization',
      'content-type',
      'idempotency-key',
      'x-request-id',
      'accept-language',
    ],
    // content-disposition: the CSV and .ics downloads' file names; idempotent-replayed: retries.
    exposedHeaders: ['x-request-id', 'retry-after', 'content-disposition', 'idempotent-replayed'],
    maxAge: 600,
  });
}
