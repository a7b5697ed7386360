import { EmbedSession } from '@xinqiao/contracts/embed-sessions';
import type { EmbedSessionCreate } from '@xinqiao/contracts/embed-sessions';
import type { RequestOptions, Transport } from '../core.js';

/** Embed sessions (secret key): short-lived tokens for one user of the portal. */
export function embedSessions(t: Transport) {
  return {
    /**
     * `POST /v1/embed-sessions`: a short-lived embed token for a user in the roster, named by the
     * portal's own external id. Hand `token` to the page (e.g. from its `fetchToken` endpoint).
     */
    create: (body: EmbedSessionCreate, options?: RequestOptions): Promise<EmbedSession> =>
      t.request({ method: 'POST', path: 'v1/embed-sessions', body, schema: EmbedSession, options }),
  };
}
