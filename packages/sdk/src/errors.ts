import { ErrorBody } from '@xinqiao/contracts/errors';
import type { ErrorCode } from '@xinqiao/contracts/errors';

/** Root of every error the SDK throws (a user's own `AbortSignal` rejects with its reason). */
export class XinqiaoError extends Error {
  override name = 'XinqiaoError';
}

/**
 * The server answered with an error status. Branch on `code` (stable, from the contracts).
 * `localizedMessage` is the server's text in the client's `locale` (fit to show a person);
 * `message` adds status, code and request id for logs. `requestId` is the server's
 * `x-request-id`: quote it when you report a problem.
 */
export class ApiError extends XinqiaoError {
  override name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    readonly localizedMessage: string,
    readonly details: Record<string, unknown> | undefined,
    readonly requestId: string | undefined,
  ) {
    super(`${status} ${code}: ${localizedMessage}${requestId ? ` (request ${requestId})` : ''}`);
  }
}

/** 400 and 422: the request itself is wrong (validation, reused idempotency key, dangling reference). */
export class BadRequestError extends ApiError {
  override name = 'BadRequestError';
}
/** 401: no credentials, or an invalid, revoked or expired key or token. */
export class AuthenticationError extends ApiError {
  override name = 'AuthenticationError';
}
/** 403: the caller is known but may not do this (role, consent, licence). */
export class PermissionDeniedError extends ApiError {
  override name = 'PermissionDeniedError';
}
/** 404. */
export class NotFoundError extends ApiError {
  override name = 'NotFoundError';
}
/** 409: already submitted, campaign closed, locked, or the same idempotency key still running. */
export class ConflictError extends ApiError {
  override name = 'ConflictError';
}
/** 429. `retryAfter` is the server's `Retry-After` in milliseconds, when it sent one. */
export class RateLimitError extends ApiError {
  override name = 'RateLimitError';
  constructor(
    status: number,
    code: ErrorCode,
    message: string,
    details: Record<string, unknown> | undefined,
    requestId: string | undefined,
    readonly retryAfter: number | undefined,
  ) {
    super(status, code, message, details, requestId);
  }
}
/** 5xx. */
export class InternalServerError extends ApiError {
  override name = 'InternalServerError';
}

/** No answer reached us (network down, DNS, refused or dropped connection). */
export class ConnectionError extends XinqiaoError {
  override name = 'ConnectionError';
}

/** No answer within the request's timeout. */
export class TimeoutError extends XinqiaoError {
  override name = 'TimeoutError';
}

/** The server answered 2xx with a body that breaks the contract (a version mismatch, or a proxy). */
export class ResponseValidationError extends XinqiaoError {
  override name = 'ResponseValidationError';
  constructor(
    message: string,
    readonly status: number,
    readonly issues: readonly unknown[],
    readonly requestId: string | undefined,
  ) {
    super(message);
  }
}

/** A webhook's signature, timestamp or body did not check out; never act on that request. */
export class WebhookVerificationError extends XinqiaoError {
  override name = 'WebhookVerificationError';
  constructor(
    message: string,
    readonly reason:
      | 'malformed_header'
      | 'no_matching_signature'
      | 'timestamp_out_of_tolerance'
      | 'invalid_payload',
  ) {
    super(message);
  }
}

/** Code used when an error answer carries no body of ours (a proxy's HTML page, an empty 502). */
function fallbackCode(status: number): ErrorCode {
  switch (status) {
    case 401:
      return 'unauthenticated';
    case 403:
      return 'forbidden';
    case 404:
      return 'not_found';
    case 405:
      return 'method_not_allowed';
    case 409:
      return 'conflict';
    case 413:
      return 'payload_too_large';
    case 415:
      return 'unsupported_media_type';
    case 429:
      return 'rate_limited';
    case 503:
      return 'service_unavailable';
    default:
      return status >= 500 ? 'internal_error' : 'unprocessable';
  }
}

/**
 * `Retry-After` as milliseconds from `now`: delta-seconds or an HTTP date; undefined when absent
 * or unreadable. A date in the past means "now" (0).
 */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null) return undefined;
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  const at = Date.parse(v);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}

/**
 * The one place an error status becomes an error class. `body` is the already-read response
 * text (or undefined when there was none).
 */
export function toApiError(
  status: number,
  headers: Headers,
  bodyText: string | undefined,
  statusText = '',
  now: number = Date.now(),
): ApiError {
  const headerRequestId = headers.get('x-request-id') ?? undefined;
  let json: unknown = undefined;
  try {
    json = bodyText ? JSON.parse(bodyText) : undefined;
  } catch {
    json = undefined;
  }
  const parsed = ErrorBody.safeParse(json);
  const code = parsed.success ? parsed.data.code : fallbackCode(status);
  const message = parsed.success ? parsed.data.message : statusText || `HTTP ${status}`;
  const details = parsed.success ? parsed.data.details : undefined;
  const requestId = (parsed.success ? parsed.data.requestId : undefined) ?? headerRequestId;
  const args = [status, code, message, details, requestId] as const;

  if (status === 400 || status === 422) return new BadRequestError(...args);
  if (status === 401) return new AuthenticationError(...args);
  if (status === 403) return new PermissionDeniedError(...args);
  if (status === 404) return new NotFoundError(...args);
  if (status === 409) return new ConflictError(...args);
  if (status === 429)
    return new RateLimitError(...args, parseRetryAfter(headers.get('retry-after'), now));
  if (status >= 500) return new InternalServerError(...args);
  return new ApiError(...args);
}
