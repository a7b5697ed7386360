import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';

/**
 * The master key (`XINQIAO_ENCRYPTION_KEY`, 32 bytes as base64 or hex) never encrypts data
 * directly: it wraps per-student data keys and seals server secrets, each under a key derived
 * for one purpose (HKDF). Its key id (first 8 hex chars of its SHA-256) is stored beside every
 * wrapped value, so a rotated key can be told apart from the old one.
 */
export interface MasterKey {
  readonly id: string;
  /** 32 bytes derived for `purpose`. */
  derive(purpose: string): Buffer;
}

/** Publicly known: demo mode only (demo refuses NODE_ENV=production). */
const demoKeyHex = '64656d6f2d6f6e6c792d6b65792d6e6f742d7365637265742d78696e7169616f';

export class MasterKeyError extends Error {
  override name = 'MasterKeyError';
}

export function parseMasterKey(text: string | undefined, demo: boolean): MasterKey {
  let raw: Buffer | undefined;
  if (!text) {
    if (!demo) throw new MasterKeyError('XINQIAO_ENCRYPTION_KEY is required outside demo mode.');
    raw = Buffer.from(demoKeyHex, 'hex');
  } else if (/^[0-9a-fA-F]{64}$/.test(text)) {
    raw = Buffer.from(text, 'hex');
  } else {
    raw = Buffer.from(text, 'base64');
    if (
      raw.length !== 32 ||
      raw.toString('base64').replace(/=+$/, '') !== text.replace(/=+$/, '')
    ) {
      throw new MasterKeyError(
        'XINQIAO_ENCRYPTION_KEY must be 32 bytes, as 64 hex characters or base64.',
      );
    }
  }
  const key = raw;
  const id = createHash('sha256').update(key).digest('hex').slice(0, 8);
  return {
    id,
    derive: (purpose) =>
      Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), `xinqiao:${purpose}`, 32)),
  };
}

/** AES-256-GCM; output `<iv 12><tag 16><ciphertext>`. `aad` binds the value to its place. */
export function seal(key: Buffer, plaintext: Buffer, aad: string): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad));
  const ct = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), ct]);
}

export function open(key: Buffer, sealed: Buffer, aad: string): Buffer {
  const iv = sealed.subarray(0, 12);
  const tag = sealed.subarray(12, 28);
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAAD(Buffer.from(aad));
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]);
}

/** A server secret (e.g. a webhook signing secret) sealed as text `v1.<kid>.<base64>`. */
export function sealSecret(master: MasterKey, purpose: string, secret: string): string {
  return `v1.${master.id}.${seal(master.derive(purpose), Buffer.from(secret), purpose).toString('base64')}`;
}

export function openSecret(master: MasterKey, purpose: string, sealed: string): string {
  const [v, kid, body] = sealed.split('.');
  if (v !== 'v1' || kid !== master.id || !body)
    throw new MasterKeyError('Sealed with another master key.');
  return open(master.derive(purpose), Buffer.from(body, 'base64'), purpose).toString('utf8');
}
