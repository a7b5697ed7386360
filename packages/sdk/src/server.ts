import { Health } from '@xinqiao/contracts/health';
import { createHttp } from './http.js';

export { XinqiaoError, ApiError, ConnectionError, ResponseValidationError } from './errors.js';

export interface ServerClientOptions {
  baseUrl: string;
  /** The tenant's secret key (`sk_…`). Keep it on the portal's backend, never in a page. */
  secretKey?: string;
  fetch?: typeof globalThis.fetch;
}

/** The portal-backend client, authenticated with the tenant's secret key. */
export function createServerClient(options: ServerClientOptions) {
  const http = createHttp({
    baseUrl: options.baseUrl,
    headers: options.secretKey ? { authorization: `Bearer ${options.secretKey}` } : {},
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  return {
    health: () => http.get('healthz', Health),
  };
}

export type XinqiaoServerClient = ReturnType<typeof createServerClient>;
