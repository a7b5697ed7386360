import { createHmac, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Clock } from '../clock.js';
import { openSecret, type MasterKey } from '../crypto/master-key.js';
import type { Database } from '../db/database.js';
import { newId } from '../ids.js';
import { checkUrlResolved } from '../net/url-guard.js';

export interface DeliveryDeps {
  database: Database;
  clock: Clock;
  masterKey: MasterKey;
  demo: boolean;
  /** Identifies this worker in leases (one per process). */
  owner?: string;
  /** 0 ≤ x < 1; injectable for tests. */
  random?: () => number;
}

export const deliveryPolicy = {
  /** A claimed event belongs to its worker this long; an expired lease may be claimed again. */
  leaseMs: 60_000,
  timeoutMs: 10_000,
  batch: 20,
  maxAttempts: 12,
  baseDelayMs: 10_000,
  maxDelayMs: 6 * 3600_000,
};

/** Exponential backoff with jitter: half fixed, half random ("equal jitter"). */
export function backoffMs(attempt: number, random: () => number): number {
  const exp = Math.min(
    deliveryPolicy.maxDelayMs,
    deliveryPolicy.baseDelayMs * 2 ** Math.max(0, attempt - 1),
  );
  return Math.round(exp / 2 + (exp / 2) * random());
}

/** `t=<unix>,v1=<hex HMAC-SHA256 of "<t>.<body>">` (contracts/webhooks `signatureHeader`). */
export function signatureFor(secret: string, body: string, at: Date): string {
  const t = Math.floor(at.getTime() / 1000);
  const v1 = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
  return `t=${t},v1=${v1}`;
}

interface Claimed {
  id: string;
  tenant_id: string;
  payload: string;
  attempts: number;
}

/**
 * Claims due events with a lease and commits: the transaction never spans the network call.
 * `FOR UPDATE SKIP LOCKED` lets replicas sharing one PostgreSQL claim disjoint events.
 */
async function claim(deps: DeliveryDeps, owner: string): Promise<Claimed[]> {
  const now = deps.clock.now();
  const leaseUntil = new Date(now.getTime() + deliveryPolicy.leaseMs);
  return deps.database.db.transaction().execute(async (trx) => {
    const { rows } = await sql<{ id: string }>`
      SELECT id FROM webhook_outbox
      WHERE state = 'pending' AND next_attempt_at <= ${now} AND (lease_until IS NULL OR lease_until < ${now})
      ORDER BY next_attempt_at, id
      LIMIT ${deliveryPolicy.batch}
      FOR UPDATE SKIP LOCKED`.execute(trx);
    if (rows.length === 0) return [];
    return trx
      .updateTable('webhook_outbox')
      .set((eb) => ({
        lease_owner: owner,
        lease_until: leaseUntil,
        attempts: eb('attempts', '+', 1),
      }))
      .where(
        'id',
        'in',
        rows.map((r) => r.id),
      )
      .returning(['id', 'tenant_id', 'payload', 'attempts'])
      .execute();
  });
}

async function attemptOne(
  deps: DeliveryDeps,
  event: Claimed,
): Promise<{ status: number | null; error: string | null }> {
  const tenant = await deps.database.db
    .selectFrom('tenants')
    .select(['webhook_url', 'webhook_secret_enc'])
    .where('id', '=', event.tenant_id)
    .executeTakeFirst();
  if (!tenant?.webhook_url) return { status: null, error: 'no_webhook_url' };
  if (!tenant.webhook_secret_enc) return { status: null, error: 'no_signing_secret' };
  const check = await checkUrlResolved(tenant.webhook_url, deps.demo);
  if (!check.ok) return { status: null, error: `refused_${check.reason}` };
  const secret = openSecret(deps.masterKey, 'webhook-secret', tenant.webhook_secret_enc);
  try {
    const res = await fetch(tenant.webhook_url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Xinqiao-Webhooks/1',
        'xinqiao-signature': signatureFor(secret, event.payload, deps.clock.now()),
      },
      body: event.payload,
      redirect: 'manual',
      signal: AbortSignal.timeout(deliveryPolicy.timeoutMs),
    });
    await res.body?.cancel().catch(() => {});
    return { status: res.status, error: res.ok ? null : 'http_status' };
  } catch (e) {
    return { status: null, error: (e as Error).name === 'TimeoutError' ? 'timeout' : 'network' };
  }
}

/** One pass: claim due events, call out, record each attempt, reschedule or finish. */
export async function deliverDueWebhooks(
  deps: DeliveryDeps,
): Promise<{ delivered: number; failed: number; retried: number }> {
  const owner = deps.owner ?? `w-${randomUUID()}`;
  const random = deps.random ?? Math.random;
  const out = { delivered: 0, failed: 0, retried: 0 };
  for (const event of await claim(deps, owner)) {
    const started = performance.now();
    const { status, error } = await attemptOne(deps, event);
    const now = deps.clock.now();
    const ok = error === null;
    await deps.database.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('webhook_attempts')
        .values({
          id: newId('wha', now),
          event_id: event.id,
          attempt: event.attempts,
          at: now,
          status,
          error,
          duration_ms: Math.round(performance.now() - started),
        })
        .execute();
      const gaveUp = !ok && event.attempts >= deliveryPolicy.maxAttempts;
      await trx
        .updateTable('webhook_outbox')
        .set({
          state: ok ? 'delivered' : gaveUp ? 'failed' : 'pending',
          delivered_at: ok ? now : null,
          next_attempt_at:
            ok || gaveUp ? now : new Date(now.getTime() + backoffMs(event.attempts, random)),
          lease_owner: null,
          lease_until: null,
        })
        .where('id', '=', event.id)
        .where('lease_owner', '=', owner)
        .execute();
      if (ok) out.delivered++;
      else if (gaveUp) out.failed++;
      else out.retried++;
    });
  }
  return out;
}
