import { Health } from '@xinqiao/contracts/health';
import type { RequestOptions, Transport } from '../core.js';

/** `GET /healthz`: liveness of the API. */
export const health = (t: Transport) => (options?: RequestOptions) =>
  t.request({ method: 'GET', path: 'healthz', schema: Health, options });
