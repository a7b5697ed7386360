import * as z from 'zod/mini';

/**
 * Stable, machine-readable error codes. Clients branch on `code`, never on `message`
 * (which is localized) or on the HTTP status alone.
 */
export const errorCodes = [
  // 400
  'validation_failed',
  'invalid_json',
  'idempotency_key_required',
  // 401
  'unauthenticated',
  'token_expired',
  // 403
  'forbidden',
  'consent_required',
  'not_eligible',
  'instrument_licensed',
  // 404 / 405
  'not_found',
  'method_not_allowed',
  // 409
  'conflict',
  'already_submitted',
  'idempotency_in_progress',
  'campaign_closed',
  'locked',
  // 413 / 415
  'payload_too_large',
  'unsupported_media_type',
  // 422
  'idempotency_key_reused',
  'dangling_reference',
  'unprocessable',
  'occurred_at_out_of_range',
  'contact_kind_not_allowed',
  // 429
  'rate_limited',
  // 5xx
  'internal_error',
  'service_unavailable',
] as const;

export const ErrorCode = z.enum(errorCodes);
export type ErrorCode = z.infer<typeof ErrorCode>;

/** The HTTP status each code is answered with; one table, used by the server and the SDK. */
export const errorStatus = {
  validation_failed: 400,
  invalid_json: 400,
  idempotency_key_required: 400,
  unauthenticated: 401,
  token_expired: 401,
  forbidden: 403,
  consent_required: 403,
  not_eligible: 403,
  instrument_licensed: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  already_submitted: 409,
  idempotency_in_progress: 409,
  campaign_closed: 409,
  locked: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  idempotency_key_reused: 422,
  dangling_reference: 422,
  unprocessable: 422,
  occurred_at_out_of_range: 422,
  contact_kind_not_allowed: 422,
  rate_limited: 429,
  internal_error: 500,
  service_unavailable: 503,
} as const satisfies Record<ErrorCode, number>;

/** One problem with one field of a request, as reported under `details.issues`. */
export const FieldIssue = z.object({
  path: z.array(z.union([z.string(), z.number()])),
  message: z.string(),
  code: z.optional(z.string()),
});
export type FieldIssue = z.infer<typeof FieldIssue>;

/**
 * The body of every 4xx/5xx answer. `details` is code-specific (field issues, the id of an
 * existing screening, a `safetySignalId` that was stored although the request was refused…).
 */
export const ErrorBody = z.object({
  code: ErrorCode,
  message: z.string(),
  requestId: z.optional(z.string()),
  details: z.optional(z.record(z.string(), z.unknown())),
});
export type ErrorBody = z.infer<typeof ErrorBody>;
