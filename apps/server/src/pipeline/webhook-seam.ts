import type { Executor } from '../db/types.js';
import { enqueueWebhook } from '../jobs/outbox.js';

/**
 * The one seam through which the pipeline emits webhooks (`alert.created`, `alert.escalated`,
 * `alert.acknowledged`). It runs inside the caller's transaction, so an event exists iff its
 * alert change does. Ids only, never answers or tiers.
 * Events go to the durable webhooks outbox (jobs/outbox.ts), delivered by the worker.
 */
export type PipelineWebhook = 'alert.created' | 'alert.escalated' | 'alert.acknowledged';

export async function emitWebhook(
  trx: Executor,
  tenantId: string,
  type: PipelineWebhook,
  data: Record<string, string | string[]>,
  now: Date,
): Promise<void> {
  await enqueueWebhook(trx, tenantId, type, data, now);
}
