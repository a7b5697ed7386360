import type { HotlineAudience, HotlineWithStatus } from '@xinqiao/contracts/hotlines';
import type { XinqiaoClient } from '@xinqiao/sdk';

/** What the card asks its data source for. */
export interface HotlineQuery {
  /** Opaque id of the school or region whose local lines to fetch. */
  orgUnit: string;
  audience?: HotlineAudience;
}

/**
 * Where the hotline card gets local lines from: the seam between the element and the SDK.
 * `<xq-hotline-card>` uses `hotlineSourceFromClient(client)` when it has a client (from
 * `<xq-provider>`), or a source a portal sets on its `source` property.
 */
export interface HotlineDataSource {
  listHotlines(
    query: HotlineQuery,
    options?: { signal?: AbortSignal },
  ): Promise<readonly HotlineWithStatus[]>;
}

/**
 * The SDK resource the card relies on: `client.hotlines.list({ orgUnit, audience }, { signal })`
 * → `{ data: HotlineWithStatus[], crisis, at }`. The card computes open/closed and the crisis list
 * itself (at its own clock, with the contracts' rules), so it reads `data` only.
 */
interface HotlinesResource {
  list(query: HotlineQuery, options?: { signal?: AbortSignal }): Promise<unknown>;
}

/**
 * A data source over the SDK client's `hotlines` resource (`GET /v1/hotlines?orgUnit=…`), or
 * `undefined` when the client has no such resource (an SDK older than the route): the card then
 * shows the bundled national lines only.
 */
export function hotlineSourceFromClient(
  client: XinqiaoClient | undefined,
): HotlineDataSource | undefined {
  const resource = (client as { hotlines?: Partial<HotlinesResource> } | undefined)?.hotlines;
  const list = resource?.list;
  if (typeof list !== 'function') return undefined;
  return {
    async listHotlines(query, options) {
      const answer = await list.call(resource, query, options);
      // The SDK answers `{ data, crisis, at }` (GET /v1/hotlines); an array is accepted too.
      const items = Array.isArray(answer) ? answer : (answer as { data?: unknown }).data;
      return Array.isArray(items) ? (items as HotlineWithStatus[]) : [];
    },
  };
}
