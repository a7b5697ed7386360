import Fastify from 'fastify';
import swagger from '@fastify/swagger';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import * as z from 'zod/mini';
import { describe, expect, it } from 'vitest';
import { ErrorBody } from '../src/errors.js';
import { Page, PageQuery } from '../src/pagination.js';
import { OrgUnit } from '../src/org-units.js';
import { Membership } from '../src/memberships.js';
import { WebhookEnvelope } from '../src/webhooks.js';
import { Health } from '../src/health.js';

// The server takes these zod/mini schemas straight into fastify-type-provider-zod; this proves
// the pairing works (validation, serialization, OpenAPI 3.1) before any route depends on it.
async function appWithRoutes() {
  const app = Fastify({ logger: false });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  await app.register(swagger, {
    openapi: { openapi: '3.1.0', info: { title: 'contracts probe', version: '0' } },
    transform: jsonSchemaTransform,
  });
  // Validation errors must leave as the contracts' ErrorBody, or the 400 response schema refuses them.
  app.setErrorHandler((err: { validation?: unknown; message: string }, _req, reply) => {
    if (err.validation)
      return reply.status(400).send({ code: 'validation_failed', message: err.message });
    return reply.status(500).send({ code: 'internal_error', message: 'internal error' });
  });
  const typed = app.withTypeProvider<ZodTypeProvider>();
  typed.get(
    '/units',
    { schema: { querystring: PageQuery, response: { 200: Page(OrgUnit), 400: ErrorBody } } },
    async (req) => ({
      data: [
        { id: 'org_0123456789abcdef', kind: 'school' as const, externalId: 'S-1', parentId: null },
      ],
      nextCursor: req.query.cursor ?? null,
    }),
  );
  typed.post(
    '/memberships',
    { schema: { body: z.object({ memberships: z.array(Membership) }), response: { 200: Health } } },
    async () => ({ status: 'ok' as const, version: 'x' }),
  );
  typed.get('/webhook', { schema: { response: { 200: WebhookEnvelope } } }, async () => ({
    id: 'evt_0123456789abcdef',
    type: 'alert.created' as const,
    created: '2026-11-25T10:00:00Z',
    data: { alertId: 'alt_0123456789abcdef' },
  }));
  await app.ready();
  return app;
}

describe('contracts with fastify-type-provider-zod', () => {
  it('emits an OpenAPI 3.1 document with the schemas', async () => {
    const app = await appWithRoutes();
    const doc = app.swagger() as unknown as {
      openapi: string;
      paths: Record<
        string,
        Record<
          string,
          {
            parameters?: { name: string }[];
            responses: Record<string, unknown>;
            requestBody?: unknown;
          }
        >
      >;
    };
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.paths['/units']?.get?.parameters?.map((p) => p.name).sort()).toEqual([
      'cursor',
      'limit',
    ]);
    const ok = JSON.stringify(doc.paths['/units']?.get?.responses['200']);
    expect(ok).toContain('nextCursor');
    expect(ok).toContain('"enum":["province","city","county","school","grade","class"]');
    expect(JSON.stringify(doc.paths['/memberships']?.post?.requestBody)).toContain('counsellor');
    await app.close();
  });

  it('validates requests with the schemas', async () => {
    const app = await appWithRoutes();
    const bad = await app.inject({ method: 'GET', url: '/units?limit=1000' });
    expect(bad.statusCode).toBe(400);
    expect(ErrorBody.safeParse(bad.json()).success).toBe(true);
    expect(bad.json()).toMatchObject({ code: 'validation_failed' });
    const okRes = await app.inject({ method: 'GET', url: '/units?limit=10&cursor=abc' });
    expect(okRes.statusCode).toBe(200);
    expect(okRes.json()).toMatchObject({ nextCursor: 'abc' });
    const badRole = await app.inject({
      method: 'POST',
      url: '/memberships',
      payload: { memberships: [{ role: 'principal', orgUnit: 'org_0123456789abcdef' }] },
    });
    expect(badRole.statusCode).toBe(400);
    await app.close();
  });

  it('serializes responses through the schemas', async () => {
    const app = await appWithRoutes();
    const res = await app.inject({ method: 'GET', url: '/webhook' });
    expect(res.statusCode).toBe(200);
    expect(WebhookEnvelope.safeParse(res.json()).success).toBe(true);
    await app.close();
  });
});
