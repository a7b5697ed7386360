/** The calendar date in Asia/Shanghai (UTC+8, no DST since 1991) of an instant, `YYYY-MM-DD`. */
export function shanghaiDate(instant: Date): string {
  return new Date(instant.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}
