import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignatureHeaderValue, WebhookEnvelope } from '@xinqiao/contracts/webhooks';
import * as z from 'zod/mini';
import { backoffMs, deliverDueWebhooks, deliveryPolicy } from '../src/jobs/webhook-delivery.js';
import { enqueueWebhook } from '../src/jobs/outbox.js';
import { startJobs } from '../src/jobs/runner.js';
import { createTestApp, testClock, type TestApp } from './support/app.js';
import { bearer, seedTenant } from './support/seed.js';

interface Hit {
  headers: IncomingHttpHeaders;
  body: string;
}
const hits: Hit[] = [];
let status = 200;
let receiver: Server;
let receiverUrl: string;

let demo: TestApp;
let prod: TestApp;
const clock = testClock('2026-09-01T01:00:00Z');

beforeAll(async () => {
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      hits.push({ headers: req.headers, body });
      res.statusCode = status;
      res.end('ok');
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  const addr = receiver.address();
  receiverUrl = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/hooks`;
  // Demo mode allows http and loopback URLs (the demo portal runs on localhost).
  demo = await createTestApp({ clock, config: { demo: true } });
  prod = await createTestApp({ clock });
});
afterAll(async () => {
  await demo.close();
  await prod.close();
  await new Promise((r) => receiver.close(r));
});

async function tenantWithWebhook(t: TestApp) {
  const a = await seedTenant(t.database);
  const patch = await t.app.inject({
    method: 'PATCH',
    url: '/v1/tenant',
    headers: bearer(a.secret),
    payload: { webhookUrl: receiverUrl },
  });
  const secret = (
    await t.app.inject({
      method: 'POST',
      url: '/v1/tenant/webhook-secret',
      headers: bearer(a.secret),
    })
  ).json().secret as string;
  return { ...a, patchStatus: patch.statusCode, signingSecret: secret };
}

const deps = (t: TestApp, random = () => 0.5) => ({
  database: t.database,
  clock,
  masterKey: t.app.deps.masterKey,
  demo: t.app.deps.config.demo,
  random,
});
const outbox = (t: TestApp) =>
  t.database.db.selectFrom('webhook_outbox').selectAll().orderBy('id').execute();

describe('webhooks', () => {
  it('delivers an ids-only envelope signed with HMAC-SHA256 over "t.body"', async () => {
    const a = await tenantWithWebhook(demo);
    expect(a.patchStatus).toBe(200);
    const id = await demo.database.db.transaction().execute((trx) =>
      enqueueWebhook(
        trx,
        a.tenantId,
        'alert.created',
        {
          alertId: 'alr_01M1D7NTM06VR95E7CA8989KQ2',
          recipientUserIds: ['per_01M1D7NTM06VR95E7CA8989KQ3'],
        },
        clock.now(),
      ),
    );
    hits.length = 0;
    expect(await deliverDueWebhooks(deps(demo))).toEqual({ delivered: 1, failed: 0, retried: 0 });
    expect(hits).toHaveLength(1);
    const hit = hits[0]!;
    const envelope = WebhookEnvelope.parse(JSON.parse(hit.body));
    expect(envelope).toMatchObject({
      id,
      type: 'alert.created',
      created: clock.now().toISOString(),
    });
    const sig = z.parse(SignatureHeaderValue, hit.headers['xinqiao-signature']);
    const [, t, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(sig)!;
    expect(Number(t)).toBe(Math.floor(clock.now().getTime() / 1000));
    expect(v1).toBe(createHmac('sha256', a.signingSecret).update(`${t}.${hit.body}`).digest('hex'));
    const [row] = (await outbox(demo)).filter((r) => r.id === id);
    expect(row).toMatchObject({ state: 'delivered', attempts: 1, lease_owner: null });
    // delivered events are not sent again
    expect(await deliverDueWebhooks(deps(demo))).toEqual({ delivered: 0, failed: 0, retried: 0 });
  });

  it('the worker wakes when an event is queued, without waiting for its poll', async () => {
    const a = await tenantWithWebhook(demo);
    hits.length = 0;
    // A poll interval of an hour: only the wake-up can deliver within the wait below.
    const jobs = startJobs(demo.app, { intervalMs: 3_600_000 });
    try {
      await jobs.runOnce(); // the first pass of a fresh runner (retention, purge) is out of the way
      const id = await demo.database.db
        .transaction()
        .execute((trx) =>
          enqueueWebhook(
            trx,
            a.tenantId,
            'alert.created',
            { alertId: 'alr_01M1D7NTM06VR95E7CA8989KQ4', recipientUserIds: [] },
            clock.now(),
          ),
        );
      await expect
        .poll(() => hits.some((h) => h.body.includes(id!)), { timeout: 20_000, interval: 100 })
        .toBe(true);
    } finally {
      await jobs.stop();
    }
  });

  it('refuses payloads that are not ids only', async () => {
    const a = await tenantWithWebhook(demo);
    await expect(
      demo.database.db
        .transaction()
        .execute((trx) =>
          enqueueWebhook(
            trx,
            a.tenantId,
            'alert.created',
            { studentName: '王小明' } as never,
            clock.now(),
          ),
        ),
    ).rejects.toThrow();
  });

  it('retries with exponential backoff and jitter, recording every attempt, then gives up', async () => {
    const a = await tenantWithWebhook(demo);
    const id = (await demo.database.db
      .transaction()
      .execute((trx) =>
        enqueueWebhook(
          trx,
          a.tenantId,
          'case.updated',
          { caseId: 'cas_01M1D7NTM06VR95E7CA8989KQ2' },
          clock.now(),
        ),
      ))!;
    status = 500;
    try {
      const start = clock.now().getTime();
      expect((await deliverDueWebhooks(deps(demo, () => 0))).retried).toBe(1);
      let row = (await outbox(demo)).find((r) => r.id === id)!;
      expect(row.next_attempt_at.getTime() - start).toBe(deliveryPolicy.baseDelayMs / 2);
      // not due yet: nothing happens
      expect((await deliverDueWebhooks(deps(demo))).retried).toBe(0);
      for (let i = 2; i <= deliveryPolicy.maxAttempts; i++) {
        clock.set(row.next_attempt_at);
        const r = await deliverDueWebhooks(deps(demo, () => 0.999));
        expect(r.retried + r.failed).toBe(1);
        row = (await outbox(demo)).find((x) => x.id === id)!;
      }
      expect(row.state).toBe('failed');
      const attempts = await demo.database.db
        .selectFrom('webhook_attempts')
        .selectAll()
        .where('event_id', '=', id)
        .orderBy('attempt')
        .execute();
      expect(attempts.map((x) => x.attempt)).toEqual(
        Array.from({ length: deliveryPolicy.maxAttempts }, (_, i) => i + 1),
      );
      expect(attempts.every((x) => x.status === 500 && x.error === 'http_status')).toBe(true);
    } finally {
      status = 200;
    }
  });

  it('backoff grows exponentially, jittered between half and all of the step, capped', () => {
    expect(backoffMs(1, () => 0)).toBe(5_000);
    expect(backoffMs(1, () => 1)).toBe(10_000);
    expect(backoffMs(3, () => 0)).toBe(20_000);
    expect(backoffMs(30, () => 1)).toBe(deliveryPolicy.maxDelayMs);
  });

  it('a retry after a failure succeeds', async () => {
    const a = await tenantWithWebhook(demo);
    const id = (await demo.database.db
      .transaction()
      .execute((trx) =>
        enqueueWebhook(
          trx,
          a.tenantId,
          'concern.created',
          { concernId: 'con_01M1D7NTM06VR95E7CA8989KQ2' },
          clock.now(),
        ),
      ))!;
    status = 503;
    await deliverDueWebhooks(deps(demo));
    status = 200;
    clock.advance(deliveryPolicy.baseDelayMs);
    await deliverDueWebhooks(deps(demo));
    expect((await outbox(demo)).find((r) => r.id === id)).toMatchObject({
      state: 'delivered',
      attempts: 2,
    });
  });

  it('concurrent workers never deliver one event twice (leases, SKIP LOCKED)', async () => {
    const a = await tenantWithWebhook(demo);
    await demo.database.db.transaction().execute(async (trx) => {
      for (let i = 0; i < 10; i++)
        await enqueueWebhook(
          trx,
          a.tenantId,
          'alert.acknowledged',
          { alertId: `alr_01M1D7NTM06VR95E7CA8989K${String(i).padStart(2, '0')}` },
          clock.now(),
        );
    });
    hits.length = 0;
    const results = await Promise.all([
      deliverDueWebhooks({ ...deps(demo), owner: 'w1' }),
      deliverDueWebhooks({ ...deps(demo), owner: 'w2' }),
      deliverDueWebhooks({ ...deps(demo), owner: 'w3' }),
    ]);
    expect(results.reduce((n, r) => n + r.delivered, 0)).toBe(10);
    const ids = hits.map((h) => (JSON.parse(h.body) as { id: string }).id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(10);
  });

  it('outside demo mode, private or loopback URLs are refused when set and never called', async () => {
    const a = await seedTenant(prod.database);
    const patch = await prod.app.inject({
      method: 'PATCH',
      url: '/v1/tenant',
      headers: bearer(a.secret),
      payload: { webhookUrl: receiverUrl },
    });
    expect(patch.statusCode).toBe(400);
    // Even if such a URL got in (e.g. a name that later resolves to a private address):
    await prod.database.db
      .updateTable('tenants')
      .set({ webhook_url: receiverUrl.replace('http:', 'https:') })
      .where('id', '=', a.tenantId)
      .execute();
    await prod.app.inject({
      method: 'POST',
      url: '/v1/tenant/webhook-secret',
      headers: bearer(a.secret),
    });
    const id = (await prod.database.db
      .transaction()
      .execute((trx) =>
        enqueueWebhook(
          trx,
          a.tenantId,
          'alert.created',
          { alertId: 'alr_01M1D7NTM06VR95E7CA8989KQ2' },
          clock.now(),
        ),
      ))!;
    hits.length = 0;
    expect((await deliverDueWebhooks(deps(prod))).retried).toBe(1);
    expect(hits).toHaveLength(0);
    const [attempt] = await prod.database.db
      .selectFrom('webhook_attempts')
      .selectAll()
      .where('event_id', '=', id)
      .execute();
    expect(attempt).toMatchObject({ status: null, error: 'refused_private_address' });
  });

  it('without a signing secret nothing is sent unsigned', async () => {
    const a = await seedTenant(demo.database);
    await demo.app.inject({
      method: 'PATCH',
      url: '/v1/tenant',
      headers: bearer(a.secret),
      payload: { webhookUrl: receiverUrl },
    });
    const id = (await demo.database.db
      .transaction()
      .execute((trx) =>
        enqueueWebhook(
          trx,
          a.tenantId,
          'alert.created',
          { alertId: 'alr_01M1D7NTM06VR95E7CA8989KQ2' },
          clock.now(),
        ),
      ))!;
    hits.length = 0;
    await deliverDueWebhooks(deps(demo));
    expect(hits).toHaveLength(0);
    const [attempt] = await demo.database.db
      .selectFrom('webhook_attempts')
      .selectAll()
      .where('event_id', '=', id)
      .execute();
    expect(attempt!.error).toBe('no_signing_secret');
  });

  it('tenants without a webhook URL get no events', async () => {
    const a = await seedTenant(demo.database);
    const id = await demo.database.db
      .transaction()
      .execute((trx) =>
        enqueueWebhook(
          trx,
          a.tenantId,
          'alert.created',
          { alertId: 'alr_01M1D7NTM06VR95E7CA8989KQ2' },
          clock.now(),
        ),
      );
    expect(id).toBeUndefined();
  });
});
