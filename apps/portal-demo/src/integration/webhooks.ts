import type { FastifyInstance } from 'fastify';
import type { WebhookEnvelope } from '@xinqiao/contracts/webhooks';
import type { XinqiaoServerClient } from '@xinqiao/sdk/server';

// #region guide:register-webhooks
/**
 * Tells Xinqiao where to send webhooks and which origins serve the portal's pages (CORS), then
 * creates the signing secret. The secret is shown once: keep it with the secret key.
 */
export async function registerWebhooks(xinqiao: XinqiaoServerClient, portalUrl: string) {
  const origin = new URL(portalUrl).origin;
  const tenant = await xinqiao.tenant.get();
  await xinqiao.tenant.update({
    allowedOrigins: [...new Set([...tenant.allowedOrigins, origin])],
    webhookUrl: new URL('/webhooks/xinqiao', portalUrl).href,
  });
  const { secret } = await xinqiao.tenant.rotateWebhookSecret();
  return secret; // whsec_…
}
// #endregion

export interface ReceiverOptions {
  xinqiao: XinqiaoServerClient;
  /** The signing secret (`whsec_…`); a function, since it may be set after the routes. */
  secret: () => string | undefined;
  /** The portal's clock (the demo's tests move it; a real portal passes nothing). */
  now?: () => Date;
  /** Gets each verified event once it is acknowledged: ids only, fetch details separately. */
  onEvent: (event: WebhookEnvelope) => void;
}

// #region guide:webhook-receiver
/**
 * `POST /webhooks/xinqiao`: verifies the `Xinqiao-Signature` over the raw body (so the body
 * must not be parsed first), answers at once, and passes the verified event on.
 */
export function webhookReceiver(app: FastifyInstance, options: ReceiverOptions) {
  const { xinqiao, secret, onEvent } = options;
  const now = options.now ?? (() => new Date());
  return app.register(async (scope) => {
    // Only in this scope: keep the JSON body as the exact string that was signed.
    scope.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) =>
      done(null, body),
    );
    scope.post('/webhooks/xinqiao', async (request, reply) => {
      const signingSecret = secret();
      if (!signingSecret) return reply.code(503).send({ error: 'webhooks not configured' });
      let event: WebhookEnvelope;
      try {
        event = await xinqiao.webhooks.verify(
          request.body as string,
          request.headers['xinqiao-signature'] as string | undefined,
          signingSecret,
          { now: now() },
        );
      } catch {
        return reply.code(400).send({ error: 'signature not valid' });
      }
      onEvent(event); // ids only: details are fetched with the recipient's own token
      return reply.code(204).send();
    });
  });
}
// #endregion
