import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { WebhookVerificationError, createServerClient, verifyWebhook } from '../src/server.js';

const secret = 'whsec_0123456789abcdefghijABCDEFGHIJ0123456789';
const now = Date.parse('2026-09-01T08:00:00Z');
const t = Math.floor(now / 1000);
const envelope = {
  id: 'evt_01JBQ0000000000000000000',
  type: 'alert.created',
  created: '2026-09-01T08:00:00Z',
  data: {
    alertId: 'alr_01JBQ0000000000000000000',
    recipientUserIds: ['usr_01JBQ0000000000000000000'],
  },
};
const raw = JSON.stringify(envelope);
/** An independent signer (node:crypto), so the SDK's Web Crypto code is checked against it. */
const sign = (body: string, at = t, key = secret) =>
  createHmac('sha256', key).update(`${at}.${body}`).digest('hex');

async function reason(p: Promise<unknown>) {
  const e = await p.catch((x: unknown) => x);
  expect(e).toBeInstanceOf(WebhookVerificationError);
  return (e as WebhookVerificationError).reason;
}

describe('webhooks.verify', () => {
  it('accepts a valid signature and returns the typed envelope', async () => {
    const event = await verifyWebhook(raw, `t=${t},v1=${sign(raw)}`, secret, { now });
    expect(event).toEqual(envelope);
    expect(event.type).toBe('alert.created');
  });

  it('is on the server client too, and takes raw bytes (a Buffer) as well as a string', async () => {
    const sdk = createServerClient({ baseUrl: 'http://127.0.0.1:9' });
    await expect(
      sdk.webhooks.verify(Buffer.from(raw), `t=${t},v1=${sign(raw)}`, secret, {
        now: new Date(now),
      }),
    ).resolves.toEqual(envelope);
  });

  it('accepts any of several v1 signatures (secret rotation)', async () => {
    const old = sign(raw, t, 'whsec_old');
    await expect(
      verifyWebhook(raw, `t=${t},v1=${old},v1=${sign(raw)}`, secret, { now }),
    ).resolves.toEqual(envelope);
  });

  it('rejects a tampered body', async () => {
    const tampered = raw.replace('alert.created', 'alert.escalated');
    expect(await reason(verifyWebhook(tampered, `t=${t},v1=${sign(raw)}`, secret, { now }))).toBe(
      'no_matching_signature',
    );
  });

  it('rejects a signature made with another secret', async () => {
    const header = `t=${t},v1=${sign(raw, t, 'whsec_someone_else')}`;
    expect(await reason(verifyWebhook(raw, header, secret, { now }))).toBe('no_matching_signature');
  });

  it('rejects a tampered timestamp (it is signed too)', async () => {
    expect(await reason(verifyWebhook(raw, `t=${t + 1},v1=${sign(raw)}`, secret, { now }))).toBe(
      'no_matching_signature',
    );
  });

  it('rejects stale and future timestamps outside the tolerance (default 300 s)', async () => {
    const stale = t - 301;
    expect(
      await reason(verifyWebhook(raw, `t=${stale},v1=${sign(raw, stale)}`, secret, { now })),
    ).toBe('timestamp_out_of_tolerance');
    const future = t + 301;
    expect(
      await reason(verifyWebhook(raw, `t=${future},v1=${sign(raw, future)}`, secret, { now })),
    ).toBe('timestamp_out_of_tolerance');
    // Within a custom tolerance it passes.
    await expect(
      verifyWebhook(raw, `t=${stale},v1=${sign(raw, stale)}`, secret, {
        now,
        toleranceSeconds: 600,
      }),
    ).resolves.toEqual(envelope);
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['no timestamp', `v1=${'a'.repeat(64)}`],
    ['no signature', `t=${t}`],
    ['short hex', `t=${t},v1=abc`],
    ['upper-case scheme', `T=${t},V1=${'a'.repeat(64)}`],
    ['garbage', 'hello'],
  ])('rejects a malformed header (%s)', async (_label, header) => {
    expect(await reason(verifyWebhook(raw, header, secret, { now }))).toBe('malformed_header');
  });

  it('rejects a correctly signed body that is not a webhook envelope', async () => {
    const body = JSON.stringify({
      id: 'evt_x',
      type: 'student.answers',
      data: { answers: [3, 3] },
    });
    expect(await reason(verifyWebhook(body, `t=${t},v1=${sign(body)}`, secret, { now }))).toBe(
      'invalid_payload',
    );
    expect(
      await reason(verifyWebhook('not json', `t=${t},v1=${sign('not json')}`, secret, { now })),
    ).toBe('invalid_payload');
  });
});
