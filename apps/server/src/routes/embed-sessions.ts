import type { FastifyInstance } from 'fastify';
import { ErrorBody } from '@xinqiao/contracts/errors';
import {
  EmbedSession,
  EmbedSessionCreate,
  defaultEmbedTtlSeconds,
} from '@xinqiao/contracts/embed-sessions';
import { tenantOf } from '../auth/authenticate.js';
import { shanghaiDate } from '../dates.js';
import { secretKeyOnly } from '../http/access.js';
import { AppError } from '../http/app-error.js';
import { typed } from '../http/zod.js';
import { activeMemberships, findPersonByExternalId } from '../repositories/people.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 422: ErrorBody };

export async function embedSessionRoutes(app: FastifyInstance): Promise<void> {
  const r = typed(app);
  const { database, clock } = app.deps;

  r.post(
    '/v1/embed-sessions',
    {
      config: { access: secretKeyOnly },
      schema: {
        tags: ['embed sessions'],
        summary: 'Issue a short-lived embed token for a user in the roster',
        security: [{ secretKey: [] }],
        body: EmbedSessionCreate,
        response: { 201: EmbedSession, ...errors },
      },
    },
    async (request, reply) => {
      const tenantId = tenantOf(request);
      const person = await findPersonByExternalId(
        database.db,
        tenantId,
        request.body.user.externalId,
      );
      if (!person || person.erased) throw new AppError('not_found');
      const memberships = await activeMemberships(
        database.db,
        tenantId,
        person.id,
        shanghaiDate(clock.now()),
      );
      if (memberships.length === 0) throw new AppError('forbidden', 'no current memberships');
      const { token, expiresAt } = await app.embedTokens.issue({
        tenantId,
        userId: person.id,
        memberships,
        ttlSeconds: request.body.ttlSeconds ?? defaultEmbedTtlSeconds,
      });
      return reply
        .status(201)
        .send({ token, expiresAt: expiresAt.toISOString(), user: { id: person.id, memberships } });
    },
  );
}
