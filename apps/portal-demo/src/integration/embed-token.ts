import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { XinqiaoServerClient } from '@xinqiao/sdk/server';

/** Who is signed in to the portal (the portal's own login; here a cookie session). */
export type CurrentUser = (request: FastifyRequest) => { externalId: string } | undefined;

// #region guide:embed-token
/**
 * `POST /portal/xinqiao-token`: the page's `fetchToken` calls this. The portal's backend asks
 * Xinqiao, with its secret key, for a short-lived embed token for the signed-in user (named by
 * the portal's own id) and hands the page only that token — never the secret key.
 */
export function embedTokenRoute(
  app: FastifyInstance,
  xinqiao: XinqiaoServerClient,
  currentUser: CurrentUser,
) {
  app.post('/portal/xinqiao-token', async (request, reply) => {
    const user = currentUser(request);
    if (!user) return reply.code(401).type('text/plain').send('not signed in');
    const session = await xinqiao.embedSessions.create({
      user: { externalId: user.externalId },
    });
    return reply.header('cache-control', 'no-store').type('text/plain').send(session.token);
  });
}
// #endregion
