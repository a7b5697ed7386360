import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '@xinqiao/testkit/server';
import { createClient, ApiError, ConnectionError, ResponseValidationError } from '../src/index.js';
import { createServerClient } from '../src/server.js';

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

describe('sdk against the real server', () => {
  it('reads health through the browser client and the server client', async () => {
    await expect(createClient({ baseUrl: server.url }).health()).resolves.toMatchObject({
      status: 'ok',
    });
    await expect(createServerClient({ baseUrl: server.url }).health()).resolves.toMatchObject({
      status: 'ok',
    });
  });

  it('maps an error body to ApiError with its code', async () => {
    // A base URL under an unknown prefix makes the server answer 404 with its error body.
    const error = await createClient({ baseUrl: `${server.url}/no-such-prefix` })
      .health()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 404, code: 'not_found' });
  });

  it('throws ResponseValidationError when a 2xx body breaks the contract', async () => {
    const lying: typeof fetch = async () =>
      new Response(JSON.stringify({ status: 'great' }), {
        status: 200,
        headers: { 'content-type': 'application/json' },
      });
    await expect(
      createClient({ baseUrl: server.url, fetch: lying }).health(),
    ).rejects.toBeInstanceOf(ResponseValidationError);
  });

  it('throws ConnectionError when nothing answers', async () => {
    await expect(createClient({ baseUrl: 'http://127.0.0.1:9' }).health()).rejects.toBeInstanceOf(
      ConnectionError,
    );
  });
});
