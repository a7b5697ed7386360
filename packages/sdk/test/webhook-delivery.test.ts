import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../src/index.js';
import { WebhookVerificationError, createServerClient } from '../src/server.js';
import { seededServer } from './support.js';
import type { Seeded } from './support.js';

interface Delivery {
  raw: Buffer;
  signature: string | undefined;
}

let s: Seeded;
let receiver: Server;
const deliveries: Delivery[] = [];

beforeAll(async () => {
  // Demo mode lets the server deliver to a loopback URL (refused otherwise).
  s = await seededServer({ demo: true });
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const signature = req.headers['xinqiao-signature'];
      deliveries.push({ raw: Buffer.concat(chunks), signature: signature as string | undefined });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
});
afterAll(async () => {
  await new Promise((r) => receiver?.close(r));
  await s?.server.close();
});

describe('webhooks.verify on a real delivery from the real server', () => {
  it('verifies the alert.created the server sends after a safety signal', async () => {
    const sdk = createServerClient({ baseUrl: s.server.url, secretKey: s.secretKey });
    const { port } = receiver.address() as AddressInfo;
    await sdk.tenant.update({ webhookUrl: `http://127.0.0.1:${port}/webhooks/xinqiao` });
    const { secret } = await sdk.tenant.rotateWebhookSecret();

    const student = createClient({ baseUrl: s.server.url, fetchToken: () => s.tokenFor('stu-1') });
    const signal = await student.safetySignals.create({
      flag: 'asq-acute',
      observedAt: '2026-09-01T01:00:00Z',
    });

    // The server's job runner polls its durable outbox about once a second.
    const deadline = Date.now() + 15_000;
    while (deliveries.length === 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(deliveries.length).toBeGreaterThan(0);
    const { raw, signature } = deliveries[0]!;

    // The signature's timestamp comes from the server's (test) clock.
    const now = s.server.clock.now();
    const event = await sdk.webhooks.verify(raw, signature, secret, { now });
    expect(event.type).toBe('alert.created');
    expect(event.data.alertId).toBe(signal.alertId);
    // Ids only: nothing else about the student in the payload.
    expect(Object.keys(event.data).every((k) => /Ids?$/.test(k))).toBe(true);

    // The same delivery fails with another secret, a changed body, or much later.
    await expect(
      sdk.webhooks.verify(raw, signature, 'whsec_wrong', { now }),
    ).rejects.toBeInstanceOf(WebhookVerificationError);
    const tampered = raw.toString('utf8').replace('alert.created', 'alert.escalated');
    await expect(sdk.webhooks.verify(tampered, signature, secret, { now })).rejects.toMatchObject({
      reason: 'no_matching_signature',
    });
    await expect(
      sdk.webhooks.verify(raw, signature, secret, { now: now.getTime() + 301_000 }),
    ).rejects.toMatchObject({ reason: 'timestamp_out_of_tolerance' });
  });
});
