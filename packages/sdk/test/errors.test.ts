import { describe, expect, it } from 'vitest';
import {
  ApiError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  XinqiaoError,
  parseRetryAfter,
  toApiError,
} from '../src/errors.js';

const body = (code: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ code, message: `m-${code}`, ...extra });

describe('error mapping (the one place statuses become classes)', () => {
  it.each([
    [400, 'validation_failed', BadRequestError],
    [422, 'idempotency_key_reused', BadRequestError],
    [401, 'token_expired', AuthenticationError],
    [403, 'consent_required', PermissionDeniedError],
    [404, 'not_found', NotFoundError],
    [409, 'already_submitted', ConflictError],
    [429, 'rate_limited', RateLimitError],
    [500, 'internal_error', InternalServerError],
    [503, 'service_unavailable', InternalServerError],
  ] as const)('%i %s → %o', (status, code, cls) => {
    const e = toApiError(status, new Headers({ 'x-request-id': 'req_h' }), body(code));
    expect(e).toBeInstanceOf(cls);
    expect(e).toBeInstanceOf(ApiError);
    expect(e).toBeInstanceOf(XinqiaoError);
    expect(e).toMatchObject({ status, code, localizedMessage: `m-${code}`, requestId: 'req_h' });
    expect(e.message).toBe(`${status} ${code}: m-${code} (request req_h)`);
  });

  it('keeps details and prefers the body request id', () => {
    const e = toApiError(
      409,
      new Headers({ 'x-request-id': 'req_header' }),
      body('already_submitted', { requestId: 'req_body', details: { screeningId: 'scr_1' } }),
    );
    expect(e).toMatchObject({ requestId: 'req_body', details: { screeningId: 'scr_1' } });
  });

  it('falls back to a code by status when the body is not ours (a proxy page)', () => {
    expect(toApiError(502, new Headers(), '<html>bad gateway</html>', 'Bad Gateway')).toMatchObject(
      { status: 502, code: 'internal_error', localizedMessage: 'Bad Gateway' },
    );
    expect(toApiError(403, new Headers(), '')).toMatchObject({ code: 'forbidden' });
    expect(toApiError(405, new Headers(), undefined)).toBeInstanceOf(ApiError);
    expect(toApiError(405, new Headers(), undefined)).not.toBeInstanceOf(BadRequestError);
  });

  it('reads Retry-After as seconds or as an HTTP date onto RateLimitError', () => {
    const now = Date.parse('2026-09-01T00:00:00Z');
    const secs = toApiError(
      429,
      new Headers({ 'retry-after': '3' }),
      body('rate_limited'),
      '',
      now,
    );
    expect((secs as RateLimitError).retryAfter).toBe(3000);
    const date = toApiError(
      429,
      new Headers({ 'retry-after': 'Tue, 01 Sep 2026 00:00:07 GMT' }),
      body('rate_limited'),
      '',
      now,
    );
    expect((date as RateLimitError).retryAfter).toBe(7000);
    expect(parseRetryAfter('Mon, 31 Aug 2026 00:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});
