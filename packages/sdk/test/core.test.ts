import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '@xinqiao/testkit/server';
import type { TestServer } from '@xinqiao/testkit/server';
import {
  BadRequestError,
  ConflictError,
  ConnectionError,
  InternalServerError,
  NotFoundError,
  RateLimitError,
  TimeoutError,
  createClient,
} from '../src/index.js';
import { createServerClient } from '../src/server.js';
import { json, recordingFetch, recordingSleep } from './support.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ tenant: true });
});
afterAll(async () => {
  await server?.close();
});

const half = () => 0.5;

describe('retries', () => {
  it('retries network errors with full-jitter exponential backoff, then succeeds', async () => {
    const { fetch, calls } = recordingFetch(undefined, (_req, n) => {
      if (n <= 2) throw new TypeError('fetch failed');
      return undefined;
    });
    const { sleep, delays } = recordingSleep();
    const client = createClient({ baseUrl: server.url, fetch, sleep, random: half });
    await expect(client.health()).resolves.toMatchObject({ status: 'ok' });
    expect(calls).toHaveLength(3);
    // random · min(8000, 500 · 2^attempt)
    expect(delays).toEqual([250, 500]);
  });

  it('jitter spans the whole window (full jitter), capped at 8 s', async () => {
    const { fetch } = recordingFetch(undefined, () => {
      throw new TypeError('down');
    });
    const { sleep, delays } = recordingSleep();
    const client = createClient({
      baseUrl: server.url,
      fetch,
      sleep,
      random: () => 0.999,
      maxRetries: 6,
    });
    await expect(client.health()).rejects.toBeInstanceOf(ConnectionError);
    expect(delays).toEqual([499, 999, 1998, 3996, 7992, 7992]);
  });

  it('surfaces ConnectionError after maxRetries (default 2 → 3 attempts; 0 → 1)', async () => {
    const failing = () => recordingFetch(undefined, () => Promise.reject(new TypeError('down')));
    const a = failing();
    const err = await createClient({
      baseUrl: server.url,
      fetch: a.fetch,
      sleep: recordingSleep().sleep,
    })
      .health()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConnectionError);
    expect((err as Error).cause).toBeInstanceOf(TypeError);
    expect(a.calls).toHaveLength(3);
    const b = failing();
    await expect(
      createClient({ baseUrl: server.url, fetch: b.fetch, maxRetries: 0 }).health(),
    ).rejects.toBeInstanceOf(ConnectionError);
    expect(b.calls).toHaveLength(1);
  });

  it('retries 408, 429 and 5xx, honouring Retry-After in seconds and as an HTTP date', async () => {
    const now = Date.parse('2026-09-01T00:00:00Z');
    const answers = [
      json(503, { code: 'service_unavailable', message: 'x' }, { 'retry-after': '2' }),
      json(
        429,
        { code: 'rate_limited', message: 'x' },
        { 'retry-after': 'Tue, 01 Sep 2026 00:00:05 GMT' },
      ),
      new Response('', { status: 408 }),
      new Response('bad gateway', { status: 502 }),
    ];
    const { fetch, calls } = recordingFetch(undefined, (_r, n) => answers[n - 1]);
    const { sleep, delays } = recordingSleep();
    const client = createClient({
      baseUrl: server.url,
      fetch,
      sleep,
      random: half,
      now: () => now,
      maxRetries: 4,
    });
    await expect(client.health()).resolves.toMatchObject({ status: 'ok' });
    expect(calls).toHaveLength(5);
    expect(delays).toEqual([2000, 5000, 1000, 2000]);
  });

  it('gives up at once when Retry-After is longer than a minute', async () => {
    const { fetch, calls } = recordingFetch(undefined, () =>
      json(429, { code: 'rate_limited', message: 'slow down' }, { 'retry-after': '120' }),
    );
    const err = await createClient({ baseUrl: server.url, fetch })
      .health()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RateLimitError);
    expect(err).toMatchObject({ retryAfter: 120_000, code: 'rate_limited' });
    expect(calls).toHaveLength(1);
  });

  it('retries 409 idempotency_in_progress (the first attempt is still running)', async () => {
    const { fetch, calls } = recordingFetch(undefined, (_r, n) =>
      n === 1 ? json(409, { code: 'idempotency_in_progress', message: 'x' }) : undefined,
    );
    const client = createClient({ baseUrl: server.url, fetch, sleep: recordingSleep().sleep });
    await expect(client.health()).resolves.toMatchObject({ status: 'ok' });
    expect(calls).toHaveLength(2);
  });

  it('never retries other 4xx: the real server’s 404 and 400', async () => {
    const a = recordingFetch();
    await expect(
      createClient({ baseUrl: `${server.url}/nope`, fetch: a.fetch }).health(),
    ).rejects.toBeInstanceOf(NotFoundError);
    expect(a.calls).toHaveLength(1);

    const b = recordingFetch();
    const sdk = createServerClient({
      baseUrl: server.url,
      secretKey: server.secretKey!,
      fetch: b.fetch,
    });
    const err = await sdk.embedSessions
      .create({ user: { externalId: 'has space' } })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BadRequestError);
    expect(err).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(b.calls).toHaveLength(1);

    const c = recordingFetch(undefined, () =>
      json(409, { code: 'already_submitted', message: 'x', details: { screeningId: 'scr_1' } }),
    );
    await expect(
      createClient({ baseUrl: server.url, fetch: c.fetch }).health(),
    ).rejects.toBeInstanceOf(ConflictError);
    expect(c.calls).toHaveLength(1);
  });

  it('surfaces InternalServerError with the request id after the last retry', async () => {
    const { fetch } = recordingFetch(undefined, () =>
      json(500, { code: 'internal_error', message: 'boom' }, { 'x-request-id': 'req_500' }),
    );
    const err = await createClient({ baseUrl: server.url, fetch, sleep: recordingSleep().sleep })
      .health()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InternalServerError);
    expect(err).toMatchObject({ status: 500, requestId: 'req_500' });
  });
});

describe('idempotency keys', () => {
  it('sends one key per POST, the same on every retry, and none on GET', async () => {
    // The first attempt reaches the server, which answers; the answer is then lost on the way back.
    const { fetch, calls } = recordingFetch(undefined, async (req, n) => {
      if (n === 1) {
        await globalThis.fetch(req);
        throw new TypeError('connection reset');
      }
      return undefined;
    });
    const sdk = createServerClient({
      baseUrl: server.url,
      secretKey: server.secretKey!,
      fetch,
      sleep: recordingSleep().sleep,
    });
    // Unknown user: the server answers 404 on both attempts, which is what we need here.
    await expect(
      sdk.embedSessions.create({ user: { externalId: 'nobody' } }),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      sdk.embedSessions.create({ user: { externalId: 'nobody' } }),
    ).rejects.toBeInstanceOf(NotFoundError);
    await sdk.health();
    const keys = calls.map((c) => c.headers.get('idempotency-key'));
    expect(calls.map((c) => c.method)).toEqual(['POST', 'POST', 'POST', 'GET']);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[1]).toBe(keys[0]);
    expect(keys[2]).not.toBe(keys[0]);
    expect(keys[3]).toBeNull();
  });

  it('uses a caller-given key', async () => {
    const { fetch, calls } = recordingFetch();
    const sdk = createServerClient({ baseUrl: server.url, secretKey: server.secretKey!, fetch });
    await sdk.embedSessions
      .create({ user: { externalId: 'nobody' } }, { idempotencyKey: 'form-opened-123456' })
      .catch(() => undefined);
    expect(calls[0]?.headers.get('idempotency-key')).toBe('form-opened-123456');
  });
});

describe('timeouts, cancellation, headers', () => {
  // A fetch that never answers. It holds each request while "in flight", as a real fetch does:
  // undici's Request follows its parent's abort signal through a weak reference, so a Request
  // nothing holds can be garbage-collected before the timeout fires, and then never aborts (a
  // 30 s hang seen once in CI under memory pressure).
  const inFlight = new Set<Request>();
  const held = (input: Parameters<typeof fetch>[0], init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init);
    inFlight.add(request);
    request.signal.addEventListener('abort', () => inFlight.delete(request), { once: true });
    return request;
  };
  const hanging: typeof fetch = (input, init) =>
    new Promise((_resolve, reject) => {
      const { signal } = held(input, init);
      if (signal.aborted) reject(signal.reason);
      signal.addEventListener('abort', () => reject(signal.reason));
    });

  it('times out each attempt and surfaces TimeoutError', async () => {
    const { fetch, calls } = recordingFetch(hanging);
    const started = Date.now();
    const err = await createClient({
      baseUrl: server.url,
      fetch,
      timeout: 50,
      maxRetries: 1,
      sleep: recordingSleep().sleep,
    })
      .health()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TimeoutError);
    expect(calls).toHaveLength(2);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('the timeout also covers a body that stalls after the headers', async () => {
    const stalled: typeof fetch = async (input, init) => {
      const { signal } = held(input, init);
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('{"status":'));
          signal.addEventListener('abort', () => controller.error(signal.reason));
        },
      });
      return new Response(body, { headers: { 'content-type': 'application/json' } });
    };
    const err = await createClient({ baseUrl: server.url, fetch: stalled, timeout: 50 })
      .health({ maxRetries: 0 })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TimeoutError);
  });

  it('an AbortSignal cancels the request and any retry waiting in backoff', async () => {
    const controller = new AbortController();
    const { fetch, calls } = recordingFetch(undefined, () => {
      queueMicrotask(() => controller.abort(new Error('user left the page')));
      throw new TypeError('down');
    });
    const err = await createClient({ baseUrl: server.url, fetch })
      .health({ signal: controller.signal })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ message: 'user left the page' });
    expect(calls).toHaveLength(1);

    const inFlight = new AbortController();
    const p = createClient({ baseUrl: server.url, fetch: hanging }).health({
      signal: inFlight.signal,
    });
    setTimeout(() => inFlight.abort(), 20);
    await expect(p).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('sends Accept-Language from locale: the server answers in it', async () => {
    const base = `${server.url}/nope`;
    const zh = await createClient({ baseUrl: base, locale: 'zh-CN' })
      .health()
      .catch((e: unknown) => e);
    const en = await createClient({ baseUrl: base, locale: 'en' })
      .health()
      .catch((e: unknown) => e);
    expect(zh).toMatchObject({ code: 'not_found', localizedMessage: '未找到。' });
    expect(en).toMatchObject({ code: 'not_found', localizedMessage: 'Not found.' });
  });

  it('surfaces the server’s x-request-id on errors', async () => {
    const err = await createClient({ baseUrl: `${server.url}/nope` })
      .health()
      .catch((e: unknown) => e);
    expect((err as NotFoundError).requestId).toMatch(/^req_/);
  });
});
