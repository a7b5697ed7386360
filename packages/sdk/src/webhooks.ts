import * as z from 'zod/mini';
import { SignatureHeaderValue, WebhookEnvelope } from '@xinqiao/contracts/webhooks';
import { WebhookVerificationError } from './errors.js';

export interface VerifyWebhookOptions {
  /** How far the signed timestamp may be from now, either way. Default 300 s. */
  toleranceSeconds?: number;
  /** The current time (tests, or a trusted clock). Default: the system clock. */
  now?: Date | number;
}

const encoder = new TextEncoder();

function hexToBytes(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/** Compares two byte strings in time independent of where they differ. */
function timingSafeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] as number) ^ (b[i] as number);
  return diff === 0;
}

/**
 * Verifies a webhook the server sent and returns its typed envelope. `rawBody` must be the bytes
 * exactly as received (before any JSON parsing); `signatureHeader` is the `Xinqiao-Signature`
 * header, `t=<unix seconds>,v1=<hex>` (several `v1` are allowed while a secret rotates); `secret`
 * is the tenant's `whsec_…`. Uses Web Crypto, so it runs in Node ≥ 20, Deno, Workers and browsers.
 *
 * @throws WebhookVerificationError when the header is malformed, no signature matches, the
 *   timestamp is outside the tolerance, or the body is not a webhook envelope.
 */
export async function verifyWebhook(
  rawBody: string | Uint8Array,
  signatureHeader: string | null | undefined,
  secret: string,
  { toleranceSeconds = 300, now }: VerifyWebhookOptions = {},
): Promise<WebhookEnvelope> {
  const header = (signatureHeader ?? '').trim();
  if (!z.safeParse(SignatureHeaderValue, header).success) {
    throw new WebhookVerificationError(
      'the signature header is missing or not of the form t=<unix>,v1=<hex>',
      'malformed_header',
    );
  }
  let timestamp = '';
  const signatures: Uint8Array[] = [];
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    const [k, v] = [part.slice(0, eq), part.slice(eq + 1)];
    if (k === 't') timestamp = v;
    else if (k === 'v1') signatures.push(hexToBytes(v));
  }

  const body = typeof rawBody === 'string' ? encoder.encode(rawBody) : rawBody;
  const prefix = encoder.encode(`${timestamp}.`);
  const signed = new Uint8Array(prefix.length + body.length);
  signed.set(prefix, 0);
  signed.set(body, prefix.length);

  const key = await globalThis.crypto.subtle.importKey(
    'raw',
    encoder.encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const expected = new Uint8Array(await globalThis.crypto.subtle.sign('HMAC', key, signed));
  // Check every candidate (no early exit), so timing does not reveal which one matched.
  let matched = false;
  for (const candidate of signatures) matched = timingSafeEqual(expected, candidate) || matched;
  if (!matched) {
    throw new WebhookVerificationError(
      'no signature matches this body and secret',
      'no_matching_signature',
    );
  }

  const nowSeconds = (now === undefined ? Date.now() : new Date(now).getTime()) / 1000;
  if (Math.abs(nowSeconds - Number(timestamp)) > toleranceSeconds) {
    throw new WebhookVerificationError(
      `the signature timestamp is more than ${toleranceSeconds} s from now (replayed or a wrong clock)`,
      'timestamp_out_of_tolerance',
    );
  }

  let json: unknown;
  try {
    json = JSON.parse(typeof rawBody === 'string' ? rawBody : new TextDecoder().decode(rawBody));
  } catch {
    throw new WebhookVerificationError('the signed body is not JSON', 'invalid_payload');
  }
  const envelope = z.safeParse(WebhookEnvelope, json);
  if (!envelope.success) {
    throw new WebhookVerificationError(
      'the signed body is not a webhook envelope',
      'invalid_payload',
    );
  }
  return envelope.data;
}
