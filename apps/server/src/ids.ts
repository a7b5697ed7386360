import { randomBytes } from 'node:crypto';

const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'; // Crockford base32, as ULID

let lastTime = -1;
let lastTail: number[] = [];

/**
 * Mints an opaque id `<prefix>_<26 chars>`: 10 chars of time (ms) then 16 random chars, so ids
 * sort by creation time (cursor pagination) and never carry a name or a portal's number. Within
 * one millisecond (or when the injected clock stands still) ids stay monotonic in this process:
 * the random part is incremented, as ULID's monotonic mode does.
 */
export function newId(prefix: string, at: Date): string {
  let time = Math.max(at.getTime(), lastTime);
  let tail: number[];
  if (time === lastTime) {
    tail = [...lastTail];
    for (let i = tail.length - 1; i >= 0; i--) {
      if (tail[i]! < 31) {
        tail[i]!++;
        break;
      }
      tail[i] = 0;
    }
  } else {
    tail = [...randomBytes(16)].map((b) => b % 32);
    tail[0] = tail[0]! % 16; // headroom for increments
  }
  lastTime = time;
  lastTail = tail;
  let head = '';
  for (let i = 0; i < 10; i++) {
    head = alphabet[time % 32] + head;
    time = Math.floor(time / 32);
  }
  return `${prefix}_${head}${tail.map((d) => alphabet[d]).join('')}`;
}
