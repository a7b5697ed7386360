import { InstrumentCatalog, InstrumentDetail } from '@xinqiao/contracts/instrument-catalog';
import type { InstrumentQuery } from '@xinqiao/contracts/instrument-catalog';
import type * as z from 'zod/mini';
import type { RequestOptions, Transport } from '../core.js';

/** The instrument registry: what the form asks, in which words. */
export function instruments(t: Transport) {
  return {
    /** `GET /v1/instruments`: instruments and licensed slots. */
    list: (
      query: z.infer<typeof InstrumentQuery> = {},
      options?: RequestOptions,
    ): Promise<InstrumentCatalog> =>
      t.request({
        method: 'GET',
        path: 'v1/instruments',
        query,
        schema: InstrumentCatalog,
        options,
      }),
    /** `GET /v1/instruments/:id`: items, options and texts. */
    get: (
      instrumentId: string,
      query: z.infer<typeof InstrumentQuery> = {},
      options?: RequestOptions,
    ): Promise<InstrumentDetail> =>
      t.request({
        method: 'GET',
        path: `v1/instruments/${encodeURIComponent(instrumentId)}`,
        query,
        schema: InstrumentDetail,
        options,
      }),
  };
}
