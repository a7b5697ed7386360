import type { ErrorCode } from '@xinqiao/contracts/errors';

/**
 * The one error type routes throw. `code` picks the status (contracts' `errorStatus`) and the
 * localized message; `details` goes to the client as is, so it must never hold personal data
 * beyond the caller's own request (field paths, ids the caller sent).
 */
export class AppError extends Error {
  override name = 'AppError';
  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message ?? code);
  }
}
