import type { FastifyInstance } from 'fastify';
import { randomUUID } from 'node:crypto';
import { purgeExpiredIdempotencyKeys } from '../http/idempotency.js';
import { onWebhookQueued } from './outbox.js';
import { deliverDueWebhooks } from './webhook-delivery.js';
import { runEscalations } from '../pipeline/alerts.js';
import { runRetention } from './retention.js';
import { shanghaiDate } from '../dates.js';

export interface Jobs {
  /** Runs one pass of every job now (tests and the bench call it directly). */
  runOnce(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Polls the job tables (rows claimed with leases / SKIP LOCKED, so replicas can share one
 * PostgreSQL). Real timers pace the polling; all times written come from the injected clock.
 */
export function startJobs(app: FastifyInstance, opts: { intervalMs?: number } = {}): Jobs {
  const owner = `w-${randomUUID()}`;
  const { database, clock, masterKey, config, dataKeys } = app.deps;
  let retentionDay = '';
  let running: Promise<void> | undefined;
  let passes = 0;
  const runOnce = async () => {
    if (running) return running;
    running = (async () => {
      try {
        // Escalations first: an escalation's webhook is then delivered in the same pass.
        await runEscalations(database.db, clock.now());
        await deliverDueWebhooks({ database, clock, masterKey, demo: config.demo, owner });
        if (passes++ % 600 === 0) await purgeExpiredIdempotencyKeys(app);
        // Retention once a (Shanghai) day, on the first pass of the day.
        const day = shanghaiDate(clock.now());
        if (day !== retentionDay) {
          retentionDay = day;
          await runRetention({ database, dataKeys }, clock.now());
        }
      } catch (e) {
        app.log.error({ err: { type: (e as Error).name } }, 'job pass failed');
      } finally {
        running = undefined;
      }
    })();
    return running;
  };
  const timer = setInterval(() => void runOnce(), opts.intervalMs ?? 1000);
  timer.unref();
  // A critical alert's webhook should not wait for the next poll: wake shortly after an event is
  // queued (its transaction has usually committed by then; if not, the poll delivers it).
  let nudge: ReturnType<typeof setTimeout> | undefined;
  const stopListening = onWebhookQueued(() => {
    if (nudge) return;
    nudge = setTimeout(() => {
      nudge = undefined;
      void runOnce();
    }, 50);
    nudge.unref();
  });
  return {
    runOnce,
    async stop() {
      stopListening();
      clearTimeout(nudge);
      clearInterval(timer);
      await running;
    },
  };
}
