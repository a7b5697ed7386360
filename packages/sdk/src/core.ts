import ky, { type KyInstance } from 'ky';
import * as z from 'zod/mini';
import {
  ApiError,
  AuthenticationError,
  ConnectionError,
  ResponseValidationError,
  TimeoutError,
  XinqiaoError,
  parseRetryAfter,
  toApiError,
} from './errors.js';

/** Where requests get their `Authorization` header from. */
export interface AuthSource {
  /** The bearer credential to send, or undefined to send none. */
  credential(): Promise<string | undefined>;
  /**
   * Called once per request after a 401 `token_expired`/`unauthenticated` answer to `rejected`.
   * Resolves true when a different credential is now available to retry with.
   */
  refresh?(rejected: string): Promise<boolean>;
}

/** Options every resource method takes as its last argument. */
export interface RequestOptions {
  /** Cancels the request, including a retry that is waiting; rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Per-attempt timeout in ms (overrides the client's). */
  timeout?: number;
  /** Retries after the first attempt (overrides the client's). */
  maxRetries?: number;
  /**
   * Idempotency key of a POST. Generated once per call when omitted and reused by every retry;
   * pass your own to make a retry *across* calls safe (the outbox does).
   */
  idempotencyKey?: string;
}

/** Options shared by both clients. */
export interface TransportOptions {
  /** The Xinqiao API, e.g. `https://xinqiao.example.edu.cn`. */
  baseUrl: string;
  /** `Accept-Language` of every request: server messages come back in it. */
  locale?: string;
  /** Retries after the first attempt on network errors, timeouts, 408, 429 and 5xx. Default 2. */
  maxRetries?: number;
  /** Per-attempt timeout in ms. Default 30 000. */
  timeout?: number;
  /** A fetch implementation (tests, instrumentation, a proxy-aware fetch on a server). */
  fetch?: typeof globalThis.fetch;
  /**
   * Test seams for deterministic retries: how to wait, the jitter source (0 ≤ x < 1) and the
   * clock used to read an HTTP-date `Retry-After`.
   */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
  now?: () => number;
}

export const defaultMaxRetries = 2;
export const defaultTimeoutMs = 30_000;
/** Backoff: full jitter over min(cap, base·2^attempt). */
export const backoffBaseMs = 500;
export const backoffCapMs = 8_000;
/** A `Retry-After` longer than this is not waited for: the error surfaces at once. */
export const maxRetryAfterMs = 60_000;

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** What every call names. */
export interface BaseCall {
  method: Method;
  /** Relative to the base URL, without a leading slash: `v1/embed-sessions`. */
  path: string;
  body?: unknown;
  query?: Record<string, string | number | boolean | undefined>;
  options?: RequestOptions | undefined;
  /** Overrides the client's credentials for this call (the outbox pins a record's owner). */
  auth?: AuthSource;
}

/** A call answered with JSON, parsed with the contracts' `schema`. */
export interface Call<S extends z.ZodMiniType> extends BaseCall {
  schema: S;
}

export interface Transport {
  /** A JSON answer, parsed with `call.schema`. */
  request<S extends z.ZodMiniType>(call: Call<S>): Promise<z.infer<S>>;
  /**
   * The attempt loop itself, for answers that are not JSON (see `text.ts`): `accept` is sent as
   * `Accept`, and `ok` turns a 2xx answer into the result (or throws). Retries, refresh and
   * errors as for `request`.
   */
  send<T>(call: BaseCall, accept: string, ok: (response: Response, text: string) => T): Promise<T>;
}

function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** A fresh idempotency key (RFC 4122 v4, from the platform's CSPRNG). */
export function newIdempotencyKey(): string {
  return globalThis.crypto.randomUUID();
}

/** Statuses and codes worth another attempt. */
function retryable(error: XinqiaoError): boolean {
  if (error instanceof ConnectionError || error instanceof TimeoutError) return true;
  if (!(error instanceof ApiError)) return false;
  if (error.status === 408 || error.status === 429 || error.status >= 500) return true;
  // The same idempotency key is still running on the server: the retry will replay its answer.
  return error.status === 409 && error.code === 'idempotency_in_progress';
}

/**
 * The request core: one attempt loop with explicit retry, refresh and parsing rules. ky does the
 * HTTP (prefix URL, query, JSON body); its own retries, timeout and error throwing are off, since
 * retries, timeouts and errors are all decided here.
 */
export function createTransport(options: TransportOptions, defaultAuth?: AuthSource): Transport {
  // A plain call (no `this`): a page's `window.fetch` must not be invoked on another object.
  const fetchImpl = options.fetch;
  const api: KyInstance = ky.create({
    prefixUrl: options.baseUrl,
    retry: 0,
    timeout: false,
    throwHttpErrors: false,
    ...(fetchImpl
      ? { fetch: (input: RequestInfo | URL, init?: RequestInit) => fetchImpl(input, init) }
      : {}),
  });
  const sleep = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;
  const now = options.now ?? Date.now;

  async function attempt(
    call: BaseCall,
    accept: string,
    credential: string | undefined,
    idempotencyKey: string | undefined,
  ): Promise<{ response: Response; text: string } | XinqiaoError> {
    const signal = call.options?.signal;
    const headers: Record<string, string> = { accept };
    if (options.locale) headers['accept-language'] = options.locale;
    if (credential) headers.authorization = `Bearer ${credential}`;
    if (idempotencyKey) headers['idempotency-key'] = idempotencyKey;
    const searchParams: Record<string, string | number | boolean> = {};
    for (const [k, v] of Object.entries(call.query ?? {})) if (v !== undefined) searchParams[k] = v;
    // One controller per attempt: the timeout (which also covers reading the body, so a stalled
    // answer on a weak network cannot hang) and the caller's signal both abort it.
    const controller = new AbortController();
    const onAbort = () => controller.abort(signal?.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
    let expired = false;
    const timer = setTimeout(
      () => {
        expired = true;
        controller.abort();
      },
      call.options?.timeout ?? options.timeout ?? defaultTimeoutMs,
    );
    try {
      const response = await api(call.path, {
        method: call.method,
        headers,
        ...(Object.keys(searchParams).length > 0 ? { searchParams } : {}),
        ...(call.body !== undefined ? { json: call.body } : {}),
        signal: controller.signal,
      });
      // Reading the body can fail too (a connection dropped mid-answer): same rules as no answer.
      const text = await response.text();
      return { response, text };
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      if (expired) {
        return new TimeoutError(`no answer from ${call.method} /${call.path} in time`, {
          cause: error,
        });
      }
      const reason = error instanceof Error ? error.message : String(error);
      return new ConnectionError(`${call.method} /${call.path} failed: ${reason}`, {
        cause: error,
      });
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }

  function parse<S extends z.ZodMiniType>(
    call: Call<S>,
    response: Response,
    text: string,
  ): z.infer<S> {
    const requestId = response.headers.get('x-request-id') ?? undefined;
    let json: unknown = undefined;
    if (text !== '') {
      try {
        json = JSON.parse(text);
      } catch {
        throw new ResponseValidationError(
          `${call.method} /${call.path} answered ${response.status} with a body that is not JSON`,
          response.status,
          [],
          requestId,
        );
      }
    }
    const parsed = z.safeParse(call.schema, json);
    if (!parsed.success) {
      throw new ResponseValidationError(
        `${call.method} /${call.path} answered ${response.status} with a body that breaks the contract`,
        response.status,
        parsed.error.issues,
        requestId,
      );
    }
    return parsed.data;
  }

  /** The attempt loop: credentials, one idempotency key, refresh once, retries with backoff. */
  async function send<T>(
    call: BaseCall,
    accept: string,
    ok: (response: Response, text: string) => T,
  ): Promise<T> {
    const signal = call.options?.signal;
    const auth = call.auth ?? defaultAuth;
    const maxRetries = call.options?.maxRetries ?? options.maxRetries ?? defaultMaxRetries;
    // One key per logical operation: every retry below (and a retry after a refresh) reuses it.
    const idempotencyKey =
      call.method === 'POST' ? (call.options?.idempotencyKey ?? newIdempotencyKey()) : undefined;
    let retries = 0;
    let refreshed = false;

    for (;;) {
      signal?.throwIfAborted();
      const credential = await auth?.credential();
      signal?.throwIfAborted();
      const outcome = await attempt(call, accept, credential, idempotencyKey);

      let error: XinqiaoError;
      if (outcome instanceof XinqiaoError) {
        error = outcome;
      } else {
        const { response, text } = outcome;
        if (response.ok) return ok(response, text);
        error = toApiError(response.status, response.headers, text, response.statusText, now());
      }

      if (
        error instanceof AuthenticationError &&
        (error.code === 'token_expired' || error.code === 'unauthenticated') &&
        !refreshed &&
        credential !== undefined &&
        auth?.refresh
      ) {
        refreshed = true;
        if (await auth.refresh(credential)) continue;
      }

      if (!retryable(error) || retries >= maxRetries) throw error;
      // Honour the server's Retry-After (seconds or an HTTP date) on any retryable answer.
      const retryAfter =
        outcome instanceof XinqiaoError
          ? undefined
          : parseRetryAfter(outcome.response.headers.get('retry-after'), now());
      if (retryAfter !== undefined && retryAfter > maxRetryAfterMs) throw error;
      const delay =
        retryAfter ?? Math.floor(random() * Math.min(backoffCapMs, backoffBaseMs * 2 ** retries));
      retries += 1;
      await sleep(delay, signal);
    }
  }

  return {
    request: (call) =>
      send(call, 'application/json', (response, text) => parse(call, response, text)),
    send,
  };
}
