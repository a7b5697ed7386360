import { AuditPage } from '@xinqiao/contracts/audit';
import type { AuditEntry, AuditQuery } from '@xinqiao/contracts/audit';
import type { RequestOptions, Transport } from '../core.js';

/**
 * The audit log, newest first (school and district admins see their units; the secret key sees
 * the tenant). `list` reads one page; `all` follows the cursor for you.
 */
export function audit(t: Transport) {
  const list = (query: AuditQuery = {}, options?: RequestOptions): Promise<AuditPage> =>
    t.request({ method: 'GET', path: 'v1/audit', query, schema: AuditPage, options });
  return {
    /** `GET /v1/audit`: one page (`nextCursor` is null on the last). */
    list,
    /** Every entry matching `query`, fetching page after page as you iterate. */
    async *all(query: Omit<AuditQuery, 'cursor'> = {}, options?: RequestOptions) {
      let cursor: string | undefined;
      do {
        const page = await list({ ...query, ...(cursor ? { cursor } : {}) }, options);
        yield* page.data as AuditEntry[];
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
    },
  };
}
