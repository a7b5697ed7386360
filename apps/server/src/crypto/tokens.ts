import { createHash, randomBytes } from 'node:crypto';

const base62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** `n` unbiased base62 characters from the CSPRNG. */
export function randomBase62(n: number): string {
  let out = '';
  while (out.length < n) {
    for (const b of randomBytes(n * 2)) {
      if (b < 248 && out.length < n) out += base62[b % 62]; // 248 = 4 × 62: no modulo bias
    }
  }
  return out;
}

/** A tenant secret key `sk_<40 base62>` (≈ 238 bits). */
export const newSecretKey = (): string => `sk_${randomBase62(40)}`;
export const newWebhookSecret = (): string => `whsec_${randomBase62(40)}`;

/** Secret keys are high-entropy, so a plain SHA-256 is a safe lookup hash. */
export const hashSecretKey = (key: string): string =>
  createHash('sha256').update(key).digest('hex');
