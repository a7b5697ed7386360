import * as z from 'zod/mini';

/** Header carrying the request id; the server echoes a caller's id or mints one. */
export const requestIdHeader = 'x-request-id';

/** A caller-chosen request id: short, printable, no spaces (it is written to logs). */
export const RequestId = z.string().check(z.minLength(1), z.maxLength(128), z.regex(/^[\w.:-]+$/));
export type RequestId = z.infer<typeof RequestId>;

/** Header carrying the idempotency key of a POST. */
export const idempotencyKeyHeader = 'idempotency-key';

export const IdempotencyKey = z
  .string()
  .check(z.minLength(8), z.maxLength(255), z.regex(/^[\w.:-]+$/));
export type IdempotencyKey = z.infer<typeof IdempotencyKey>;
