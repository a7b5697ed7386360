import * as z from 'zod/mini';
import {
  WebhookData,
  type WebhookEnvelope,
  type WebhookEventType,
} from '@xinqiao/contracts/webhooks';
import type { Executor } from '../db/types.js';
import { newId } from '../ids.js';

const queued = new EventTarget();

/**
 * Calls `listener` whenever an event is queued (in this process), so the delivery worker can wake
 * soon after instead of at its next poll. Returns the unsubscribe function.
 */
export function onWebhookQueued(listener: () => void): () => void {
  queued.addEventListener('queued', listener);
  return () => queued.removeEventListener('queued', listener);
}

/**
 * Queues a webhook event in the caller's transaction, so the event exists iff the change it
 * announces does. `data` holds opaque ids only (checked against the contracts' WebhookData).
 * Tenants without a webhook URL get no events.
 */
export async function enqueueWebhook(
  trx: Executor,
  tenantId: string,
  type: WebhookEventType,
  data: Record<string, string | string[]>,
  now: Date,
): Promise<string | undefined> {
  const checked = z.parse(WebhookData, data);
  const tenant = await trx
    .selectFrom('tenants')
    .select('webhook_url')
    .where('id', '=', tenantId)
    .executeTakeFirst();
  if (!tenant?.webhook_url) return undefined;
  const id = newId('evt', now);
  const envelope: WebhookEnvelope = { id, type, created: now.toISOString(), data: checked };
  await trx
    .insertInto('webhook_outbox')
    .values({
      id,
      tenant_id: tenantId,
      type,
      payload: JSON.stringify(envelope),
      created_at: now,
      state: 'pending',
      next_attempt_at: now,
      lease_owner: null,
      lease_until: null,
      delivered_at: null,
    })
    .execute();
  queued.dispatchEvent(new Event('queued'));
  return id;
}
