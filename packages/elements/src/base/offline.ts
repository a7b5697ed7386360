/**
 * Whether a failed call means "no connection" rather than "the server said no": the browser is
 * offline, or the SDK could not reach the API (`ConnectionError`, `TimeoutError`), or a raw
 * `fetch` failed (`TypeError`). Elements then say "offline" and keep what works without a network.
 */
export function isOfflineError(error: unknown): boolean {
  if (typeof navigator !== 'undefined' && navigator.onLine === false) return true;
  const name = error instanceof Error ? error.name : '';
  return name === 'ConnectionError' || name === 'TimeoutError' || name === 'TypeError';
}

/** The API error code of `error` when it has one (`ApiError.code`), else `fallback`. */
export function errorCode(error: unknown, fallback: string): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : fallback;
}
