import { createTransport } from './core.js';
import type { TransportOptions } from './core.js';
import { XinqiaoError } from './errors.js';
import { alerts } from './resources/alerts.js';
import { audit } from './resources/audit.js';
import { campaigns } from './resources/campaigns.js';
import { stats } from './resources/cases.js';
import { consents } from './resources/consents.js';
import { serverHotlines } from './resources/hotlines.js';
import { embedSessions } from './resources/embed-sessions.js';
import { health } from './resources/health.js';
import { parentSchoolSessions } from './resources/parent-school.js';
import { roster } from './resources/roster.js';
import { keys, tenant } from './resources/tenant.js';
import { verifyWebhook } from './webhooks.js';

export * from './errors.js';
export { newIdempotencyKey } from './core.js';
export type { RequestOptions, TransportOptions } from './core.js';
export { verifyWebhook } from './webhooks.js';
export type { VerifyWebhookOptions } from './webhooks.js';

export interface ServerClientOptions extends TransportOptions {
  /** The tenant's secret key (`sk_…`). Keep it on the portal's backend, never in a page. */
  secretKey?: string;
}

/**
 * The portal-backend client, authenticated with the tenant's secret key. Refuses to run where a
 * `document` exists: a secret key in a page is readable by anyone who opens it.
 */
export function createServerClient(options: ServerClientOptions) {
  const { secretKey } = options;
  if (
    secretKey !== undefined &&
    typeof (globalThis as { document?: unknown }).document !== 'undefined'
  ) {
    throw new XinqiaoError(
      'createServerClient was given a secret key in a page: the key would be readable by every visitor. ' +
        'Call Xinqiao from your portal backend, and give pages an embed token (embedSessions.create) with createClient from @xinqiao/sdk.',
    );
  }
  const transport = createTransport(
    options,
    secretKey === undefined ? undefined : { credential: async () => secretKey },
  );
  return {
    /** Liveness of the API. */
    health: health(transport),
    embedSessions: embedSessions(transport),
    roster: roster(transport),
    campaigns: campaigns(transport),
    consents: consents(transport),
    /** Alerts as ids only: fetch details with the recipient's own token. */
    alerts: alerts(transport),
    hotlines: serverHotlines(transport),
    stats: stats(transport),
    /** The portal's settings: allowed origins, webhook URL and signing secret. */
    tenant: tenant(transport),
    /** Secret keys: list, create (shown once), revoke. */
    keys: keys(transport),
    /** The tenant's audit log. */
    audit: audit(transport),
    /** 家长学校: manage sessions, their `.ics` files, families reached per school. */
    parentSchool: parentSchoolSessions(transport),
    webhooks: {
      /** See `verifyWebhook`: checks the signature and returns the typed envelope, or throws. */
      verify: verifyWebhook,
    },
  };
}

export type XinqiaoServerClient = ReturnType<typeof createServerClient>;
