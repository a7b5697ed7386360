import { ErrorBody } from '@xinqiao/contracts/errors';
import type { ErrorCode } from '@xinqiao/contracts/errors';

/** Root of every error the SDK throws. */
export class XinqiaoError extends Error {
  override name = 'XinqiaoError';
}

/** The server answered with an error body (`{ code, message, details? }`). */
export class ApiError extends XinqiaoError {
  override name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> | undefined,
    readonly requestId: string | undefined,
  ) {
    super(message);
  }
}

/** The server answered 2xx with a body that does not match the contract. */
export class ResponseValidationError extends XinqiaoError {
  override name = 'ResponseValidationError';
}

/** No answer reached us (network down, DNS, refused connection). */
export class ConnectionError extends XinqiaoError {
  override name = 'ConnectionError';
}

/** Map a failed HTTP response to an ApiError; the one place statuses become errors. */
export async function toApiError(response: Response): Promise<ApiError> {
  const requestId = response.headers.get('x-request-id') ?? undefined;
  const parsed = ErrorBody.safeParse(await response.json().catch(() => null));
  if (parsed.success) {
    const { code, message, details } = parsed.data;
    return new ApiError(
      response.status,
      code,
      message,
      details,
      parsed.data.requestId ?? requestId,
    );
  }
  const code: ErrorCode = response.status >= 500 ? 'internal_error' : 'unprocessable';
  return new ApiError(response.status, code, response.statusText, undefined, requestId);
}
