import { randomBytes } from 'node:crypto';

const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'; // Crockford base32, as ULID

/**
 * Mints an opaque id `<prefix>_<26 chars>`: 10 chars of time (ms) then 16 random chars, so ids
 * sort by creation time (cursor pagination) and never carry a name or a portal's number.
 */
export function newId(prefix: string, at: Date): string {
  let time = at.getTime();
  let head = '';
  for (let i = 0; i < 10; i++) {
    head = alphabet[time % 32] + head;
    time = Math.floor(time / 32);
  }
  const bytes = randomBytes(16);
  let tail = '';
  for (const b of bytes) tail += alphabet[b % 32];
  return `${prefix}_${head}${tail}`;
}
