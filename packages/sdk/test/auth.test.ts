import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { EmbedTokenClaims } from '@xinqiao/contracts/embed-sessions';
import { AuthenticationError, createClient, tokenIdentity } from '../src/index.js';
import { recordingFetch, seededServer } from './support.js';
import type { Seeded } from './support.js';

let s: Seeded;
beforeAll(async () => {
  s = await seededServer();
});
afterAll(async () => {
  await s?.server.close();
});

/** A token that has really expired by the server's (injected) clock. */
async function expiredToken(externalId = 'tea-1') {
  const token = await s.tokenFor(externalId, 60);
  s.server.clock.advance(61_000);
  return token;
}

const auth = (c: { headers: Headers }) => c.headers.get('authorization');

describe('embed-token auth', () => {
  it('calls fetchToken when there is no token, and sends what it returns', async () => {
    const token = await s.tokenFor('tea-1');
    const fetchToken = vi.fn(async () => token);
    const { fetch, calls } = recordingFetch();
    const client = createClient({ baseUrl: s.server.url, fetchToken, fetch });
    await client.health();
    await client.health();
    expect(fetchToken).toHaveBeenCalledTimes(1);
    expect(calls.map(auth)).toEqual([`Bearer ${token}`, `Bearer ${token}`]);
  });

  it('refreshes once after 401 token_expired and retries with the new token', async () => {
    const expired = await expiredToken();
    const fresh = await s.tokenFor('tea-1');
    const fetchToken = vi.fn(async () => fresh);
    const { fetch, calls } = recordingFetch();
    const client = createClient({ baseUrl: s.server.url, token: expired, fetchToken, fetch });
    await expect(client.health()).resolves.toMatchObject({ status: 'ok' });
    expect(fetchToken).toHaveBeenCalledTimes(1);
    expect(calls.map(auth)).toEqual([`Bearer ${expired}`, `Bearer ${fresh}`]);
  });

  it('concurrent calls with an expired token share one refresh (single flight)', async () => {
    const expired = await expiredToken();
    const fresh = await s.tokenFor('tea-1');
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const fetchToken = vi.fn(async () => {
      await gate;
      return fresh;
    });
    const client = createClient({ baseUrl: s.server.url, token: expired, fetchToken });
    const all = Promise.all(Array.from({ length: 5 }, () => client.health()));
    setTimeout(release, 50);
    await expect(all).resolves.toHaveLength(5);
    expect(fetchToken).toHaveBeenCalledTimes(1);
  });

  it('surfaces the 401 when the refreshed token is rejected too (refresh happens once)', async () => {
    const expired = await expiredToken();
    const stillExpired = await expiredToken('cou-1');
    const fetchToken = vi.fn(async () => stillExpired);
    const { fetch, calls } = recordingFetch();
    const err = await createClient({ baseUrl: s.server.url, token: expired, fetchToken, fetch })
      .health()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AuthenticationError);
    expect(err).toMatchObject({ status: 401, code: 'token_expired' });
    expect(fetchToken).toHaveBeenCalledTimes(1);
    expect(calls).toHaveLength(2);
  });

  it('without fetchToken an expired token fails at once', async () => {
    const expired = await expiredToken();
    const { fetch, calls } = recordingFetch();
    await expect(
      createClient({ baseUrl: s.server.url, token: expired, fetch }).health(),
    ).rejects.toMatchObject({ code: 'token_expired' });
    expect(calls).toHaveLength(1);
  });

  it('a garbage token gets 401 unauthenticated, which also triggers one refresh', async () => {
    const fresh = await s.tokenFor('tea-1');
    const fetchToken = vi.fn(async () => fresh);
    const client = createClient({ baseUrl: s.server.url, token: 'not.a.jwt', fetchToken });
    await expect(client.health()).resolves.toMatchObject({ status: 'ok' });
    expect(fetchToken).toHaveBeenCalledTimes(1);
  });

  it('a failing fetchToken surfaces its own error, and the next call tries again', async () => {
    const fresh = await s.tokenFor('tea-1');
    const fetchToken = vi
      .fn<() => Promise<string>>()
      .mockRejectedValueOnce(new Error('portal backend down'))
      .mockResolvedValueOnce(fresh);
    const client = createClient({ baseUrl: s.server.url, fetchToken });
    await expect(client.health()).rejects.toThrow('portal backend down');
    await expect(client.health()).resolves.toMatchObject({ status: 'ok' });
    expect(fetchToken).toHaveBeenCalledTimes(2);
  });

  it('tokenIdentity reads tenant and subject from a real embed token (no verification)', async () => {
    const session = await s.tokenFor('stu-1');
    expect(tokenIdentity(session)).toEqual({
      tenant: s.server.tenantId,
      subject: expect.stringMatching(/^[a-z]+_/),
    });
    expect(tokenIdentity('nope')).toBeUndefined();
    expect(tokenIdentity('a.b.c')).toBeUndefined();
    expect(tokenIdentity(`x.${btoa(JSON.stringify({ sub: 'usr_1' }))}.y`)).toBeUndefined();
  });

  it('a real embed token carries exactly the contracts’ EmbedTokenClaims', async () => {
    const token = await s.tokenFor('tea-1');
    const payload = JSON.parse(
      Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8'),
    ) as Record<string, unknown>;
    const claims = EmbedTokenClaims.parse(payload);
    expect(Object.keys(payload).sort()).toEqual(Object.keys(EmbedTokenClaims.shape).sort());
    expect(claims.tid).toBe(s.server.tenantId);
    expect(claims.mem).toEqual([{ role: 'class_teacher', orgUnit: expect.any(String) }]);
    expect(claims.exp - claims.iat).toBe(900);
    // Another audience (a token that is not an embed token) names no one whose outbox this is.
    const other = Buffer.from(JSON.stringify({ ...payload, aud: 'urn:other' })).toString(
      'base64url',
    );
    expect(tokenIdentity(`x.${other}.y`)).toBeUndefined();
  });
});
