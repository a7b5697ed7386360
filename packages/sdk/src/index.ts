import { Health } from '@xinqiao/contracts/health';
import { createHttp } from './http.js';

export { XinqiaoError, ApiError, ConnectionError, ResponseValidationError } from './errors.js';

export interface ClientOptions {
  /** The Xinqiao API, e.g. `https://xinqiao.example.edu.cn`. */
  baseUrl: string;
  fetch?: typeof globalThis.fetch;
}

/** The browser/embed client. Resources arrive with the server's routes (issue #6). */
export function createClient(options: ClientOptions) {
  const http = createHttp({
    baseUrl: options.baseUrl,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  return {
    /** Liveness of the API. */
    health: () => http.get('healthz', Health),
  };
}

export type XinqiaoClient = ReturnType<typeof createClient>;
