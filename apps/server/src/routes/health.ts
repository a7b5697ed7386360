import type { FastifyInstance } from 'fastify';
import { Health, Readiness } from '@xinqiao/contracts/health';
import { sql } from 'kysely';
import { migrationStatus } from '../db/migrate.js';
import { publicAccess } from '../http/access.js';
import { typed } from '../http/zod.js';
import { serverVersion } from '../version.js';

export async function healthRoutes(app: FastifyInstance): Promise<void> {
  const r = typed(app);
  r.get(
    '/healthz',
    {
      config: { access: publicAccess, rateLimit: false },
      schema: { tags: ['health'], summary: 'Liveness', response: { 200: Health } },
    },
    async () => ({ status: 'ok' as const, version: serverVersion }),
  );

  r.get(
    '/readyz',
    {
      config: { access: publicAccess, rateLimit: false },
      schema: {
        tags: ['health'],
        summary: 'Readiness: database reachable and migrations applied',
        response: { 200: Readiness, 503: Readiness },
      },
    },
    async (_request, reply) => {
      const database = app.deps.database;
      let ok = true;
      try {
        await sql`select 1`.execute(database.db);
      } catch {
        ok = false;
      }
      const migrations = ok ? await migrationStatus(database) : { applied: 0, pending: 0 };
      const ready = ok && migrations.pending === 0;
      return reply.status(ready ? 200 : 503).send({
        status: ready ? 'ready' : 'not_ready',
        database: database.kind,
        migrations,
      });
    },
  );
}
