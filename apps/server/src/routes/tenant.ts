import type { FastifyInstance } from 'fastify';
import * as z from 'zod/mini';
import { ErrorBody } from '@xinqiao/contracts/errors';
import { OpaqueId } from '@xinqiao/contracts/ids';
import {
  ApiKey,
  ApiKeyCreate,
  ApiKeyCreated,
  ApiKeyList,
  Tenant,
  TenantUpdate,
  WebhookSecret,
} from '@xinqiao/contracts/tenants';
import { tenantOf } from '../auth/authenticate.js';
import { sealSecret } from '../crypto/master-key.js';
import { newWebhookSecret } from '../crypto/tokens.js';
import { secretKeyOnly } from '../http/access.js';
import { AppError } from '../http/app-error.js';
import { typed } from '../http/zod.js';
import { checkUrlSyntax } from '../net/url-guard.js';
import {
  createApiKey,
  getTenant,
  listApiKeys,
  revokeApiKey,
  setWebhookSecret,
  updateTenant,
} from '../repositories/tenants.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 422: ErrorBody };
const secured = [{ secretKey: [] }];

/** The portal's own settings and secret keys (secret key only; tenants are created by the CLI). */
export async function tenantRoutes(app: FastifyInstance): Promise<void> {
  const r = typed(app);
  const { database, clock } = app.deps;

  r.get(
    '/v1/tenant',
    {
      config: { access: secretKeyOnly },
      schema: {
        tags: ['tenant'],
        summary: 'The calling tenant',
        security: secured,
        response: { 200: Tenant, ...errors },
      },
    },
    async (request) => {
      const tenant = await getTenant(database.db, tenantOf(request));
      if (!tenant) throw new AppError('not_found');
      return tenant;
    },
  );

  r.patch(
    '/v1/tenant',
    {
      config: { access: secretKeyOnly },
      schema: {
        tags: ['tenant'],
        summary: 'Update name, allowed origins or webhook URL',
        security: secured,
        body: TenantUpdate,
        response: { 200: Tenant, ...errors },
      },
    },
    async (request) => {
      const { webhookUrl } = request.body;
      if (webhookUrl) {
        const check = checkUrlSyntax(webhookUrl, app.deps.config.demo);
        if (!check.ok) {
          throw new AppError('validation_failed', undefined, {
            issues: [
              { path: ['webhookUrl'], message: `refused: ${check.reason}`, code: check.reason },
            ],
          });
        }
      }
      const tenant = await updateTenant(database.db, tenantOf(request), request.body);
      if (!tenant) throw new AppError('not_found');
      app.corsOrigins.invalidate();
      return tenant;
    },
  );

  r.post(
    '/v1/tenant/webhook-secret',
    {
      config: { access: secretKeyOnly },
      schema: {
        tags: ['tenant'],
        summary: 'Create or rotate the webhook signing secret (shown once)',
        security: secured,
        response: { 201: WebhookSecret, ...errors },
      },
    },
    async (request, reply) => {
      const secret = newWebhookSecret();
      await setWebhookSecret(
        database.db,
        tenantOf(request),
        sealSecret(app.deps.masterKey, 'webhook-secret', secret),
      );
      return reply.status(201).send({ secret });
    },
  );

  r.get(
    '/v1/keys',
    {
      config: { access: secretKeyOnly },
      schema: {
        tags: ['tenant'],
        summary: 'List secret keys (never the secrets)',
        security: secured,
        response: { 200: ApiKeyList, ...errors },
      },
    },
    async (request) => ({ data: await listApiKeys(database.db, tenantOf(request)) }),
  );

  r.post(
    '/v1/keys',
    {
      config: { access: secretKeyOnly },
      schema: {
        tags: ['tenant'],
        summary: 'Create a secret key (the secret is shown once)',
        security: secured,
        body: z.optional(ApiKeyCreate),
        response: { 201: ApiKeyCreated, ...errors },
      },
    },
    async (request, reply) => {
      const created = await createApiKey(
        database.db,
        tenantOf(request),
        request.body?.label ?? null,
        clock.now(),
      );
      return reply.status(201).send(created);
    },
  );

  r.delete(
    '/v1/keys/:keyId',
    {
      config: { access: secretKeyOnly },
      schema: {
        tags: ['tenant'],
        summary: 'Revoke a secret key',
        security: secured,
        params: z.strictObject({ keyId: OpaqueId }),
        response: { 200: ApiKey, ...errors },
      },
    },
    async (request) => {
      const key = await revokeApiKey(
        database.db,
        tenantOf(request),
        request.params.keyId,
        clock.now(),
      );
      if (!key) throw new AppError('not_found');
      return key;
    },
  );
}
