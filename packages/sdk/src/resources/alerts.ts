import type * as z from 'zod/mini';
import { Alert, AlertList } from '@xinqiao/contracts/alerts';
import type { AlertQuery } from '@xinqiao/contracts/alerts';
import type { RequestOptions, Transport } from '../core.js';

/** Alerts of the four-level warning network. */
export function alerts(t: Transport) {
  return {
    /** `GET /v1/alerts`: the alerts the caller may see (ids only for the secret key). */
    list: (query: z.infer<typeof AlertQuery> = {}, options?: RequestOptions): Promise<AlertList> =>
      t.request({ method: 'GET', path: 'v1/alerts', query, schema: AlertList, options }),
  };
}

/** Staff in a page can also acknowledge. */
export function pageAlerts(t: Transport) {
  return {
    ...alerts(t),
    /** `GET /v1/alerts/:id`: one alert in the caller's scope (what a webhook's `alertId` names). */
    get: (alertId: string, options?: RequestOptions): Promise<Alert> =>
      t.request({
        method: 'GET',
        path: `v1/alerts/${encodeURIComponent(alertId)}`,
        schema: Alert,
        options,
      }),
    /** `POST /v1/alerts/:id/acknowledge` (class teacher, grade leader, counsellor, school admin). */
    acknowledge: (alertId: string, options?: RequestOptions): Promise<Alert> =>
      t.request({
        method: 'POST',
        path: `v1/alerts/${encodeURIComponent(alertId)}/acknowledge`,
        body: {},
        schema: Alert,
        options,
      }),
  };
}
