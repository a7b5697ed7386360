import ky, { HTTPError } from 'ky';
import type { KyInstance } from 'ky';
import type * as z from 'zod/mini';
import { ConnectionError, ResponseValidationError, toApiError } from './errors.js';

export interface HttpOptions {
  baseUrl: string;
  headers?: Record<string, string>;
  fetch?: typeof globalThis.fetch;
}

/** A ky instance plus typed helpers that parse every answer with a contracts schema. */
export function createHttp(options: HttpOptions) {
  const api: KyInstance = ky.create({
    prefixUrl: options.baseUrl,
    headers: options.headers,
    retry: 0,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });

  async function get<S extends z.ZodMiniType>(path: string, schema: S): Promise<z.infer<S>> {
    let body: unknown;
    try {
      body = await api.get(path).json();
    } catch (error) {
      if (error instanceof HTTPError) throw await toApiError(error.response);
      throw new ConnectionError(error instanceof Error ? error.message : String(error));
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) throw new ResponseValidationError(`unexpected response from ${path}`);
    return parsed.data;
  }

  return { get };
}
