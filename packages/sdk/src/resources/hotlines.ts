import { Hotline } from '@xinqiao/contracts/hotlines';
import { HotlineList } from '@xinqiao/contracts/hotlines-api';
import type { HotlineCreate, HotlineQuery, HotlineUpdate } from '@xinqiao/contracts/hotlines-api';
import * as z from 'zod/mini';
import type { RequestOptions, Transport } from '../core.js';

/** Hotlines for a unit: `data` (all, with `openNow`) and `crisis` (verified, 110/120 first). */
export function hotlines(t: Transport) {
  return {
    /** `GET /v1/hotlines?orgUnit=…&audience=…`. */
    list: (query: HotlineQuery, options?: RequestOptions): Promise<HotlineList> =>
      t.request({ method: 'GET', path: 'v1/hotlines', query, schema: HotlineList, options }),
  };
}

/** The portal backend also maintains local lines. */
export function serverHotlines(t: Transport) {
  const at = (id: string) => `v1/hotlines/${encodeURIComponent(id)}`;
  return {
    ...hotlines(t),
    /** `POST /v1/hotlines`. */
    create: (body: HotlineCreate, options?: RequestOptions): Promise<Hotline> =>
      t.request({ method: 'POST', path: 'v1/hotlines', body, schema: Hotline, options }),
    /** `PATCH /v1/hotlines/:id`. */
    update: (hotlineId: string, body: HotlineUpdate, options?: RequestOptions): Promise<Hotline> =>
      t.request({ method: 'PATCH', path: at(hotlineId), body, schema: Hotline, options }),
    /** `DELETE /v1/hotlines/:id`. */
    remove: (hotlineId: string, options?: RequestOptions): Promise<void> =>
      t
        .request({ method: 'DELETE', path: at(hotlineId), schema: z.unknown(), options })
        .then(() => undefined),
  };
}
