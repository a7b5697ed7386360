import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AuthenticationError,
  BadRequestError,
  NotFoundError,
  PermissionDeniedError,
  XinqiaoError,
  createServerClient,
} from '../src/server.js';
import { createServerClient as browserStub } from '../src/server-in-browser.js';
import { recordingFetch, recordingSleep, rosterBody, seededServer } from './support.js';
import type { Seeded } from './support.js';

let s: Seeded;
beforeAll(async () => {
  s = await seededServer();
});
afterAll(async () => {
  await s?.server.close();
});

const sdk = () => createServerClient({ baseUrl: s.server.url, secretKey: s.secretKey });

/** A fetch whose first attempt reaches the server (which commits) and then loses the answer. */
function dropFirstAnswer() {
  return recordingFetch(undefined, async (req, n) => {
    if (n === 1) {
      const answer = await fetch(req);
      await answer.text();
      throw new TypeError('socket hang up');
    }
    return undefined;
  });
}

describe('embedSessions.create', () => {
  it('issues an embed token for a roster user', async () => {
    const session = await sdk().embedSessions.create({
      user: { externalId: 'tea-1' },
      ttlSeconds: 120,
    });
    expect(session.token.split('.')).toHaveLength(3);
    expect(session.user.memberships).toEqual([
      { role: 'class_teacher', orgUnit: expect.any(String) },
    ]);
    expect(Date.parse(session.expiresAt) - s.server.clock.now().getTime()).toBe(120_000);
  });

  it('maps the server’s errors by status', async () => {
    await expect(
      sdk().embedSessions.create({ user: { externalId: 'nobody' } }),
    ).rejects.toBeInstanceOf(NotFoundError);
    const bad = await sdk()
      .embedSessions.create({ user: { externalId: 'tea-1' }, ttlSeconds: 5 })
      .catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(BadRequestError);
    expect(bad).toMatchObject({
      status: 400,
      code: 'validation_failed',
      requestId: expect.stringMatching(/^req_/),
    });
    const wrongKey = createServerClient({
      baseUrl: s.server.url,
      secretKey: `sk_${'x'.repeat(40)}`,
    });
    await expect(
      wrongKey.embedSessions.create({ user: { externalId: 'tea-1' } }),
    ).rejects.toMatchObject({
      constructor: AuthenticationError,
      code: 'unauthenticated',
    });
    // An embed token is not a credential for minting embed tokens.
    const asPage = createServerClient({
      baseUrl: s.server.url,
      secretKey: await s.tokenFor('tea-1'),
    });
    await expect(
      asPage.embedSessions.create({ user: { externalId: 'tea-1' } }),
    ).rejects.toBeInstanceOf(PermissionDeniedError);
  });

  it('a lost answer after the server committed: the retry replays the same session, one key row', async () => {
    let firstAnswer: unknown;
    const { fetch, calls } = recordingFetch(undefined, async (req, n) => {
      if (n === 1) {
        firstAnswer = await (await globalThis.fetch(req)).json();
        throw new TypeError('socket hang up');
      }
      return undefined;
    });
    const client = createServerClient({
      baseUrl: s.server.url,
      secretKey: s.secretKey,
      fetch,
      sleep: recordingSleep().sleep,
    });
    const session = await client.embedSessions.create({ user: { externalId: 'cou-1' } });
    expect(calls).toHaveLength(2);
    const key = calls[0]!.headers.get('idempotency-key')!;
    expect(calls[1]?.headers.get('idempotency-key')).toBe(key);
    // The server stored the first answer and replayed it: the very same token.
    expect(session).toEqual(firstAnswer);
    const rows = await s.server.db.db
      .selectFrom('idempotency_keys')
      .select('key')
      .where('key', '=', key)
      .execute();
    expect(rows).toHaveLength(1);
  });
});

describe('roster', () => {
  it('upserts a school roster and reports routing gaps', async () => {
    const result = await sdk().roster.upsert(
      s.schoolId,
      rosterBody({
        onCall: null,
        staff: rosterBody().staff.filter((p) => p.externalId !== 'tea-1'),
      }),
    );
    expect(result.schoolId).toBe(s.schoolId);
    expect(result.warnings.map((w) => w.code)).toEqual(
      expect.arrayContaining(['no_class_teacher', 'no_on_call']),
    );
    await sdk().roster.upsert(s.schoolId, rosterBody()); // restore
  });

  it('maps a dangling reference to BadRequestError (422) with its details', async () => {
    const err = await sdk()
      .roster.upsert(
        s.schoolId,
        rosterBody({ students: [{ externalId: 'stu-9', class: 'no-such-class' }] }),
      )
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BadRequestError);
    expect(err).toMatchObject({ status: 422, code: 'dangling_reference' });
    expect((err as BadRequestError).details?.references).toEqual(
      expect.arrayContaining([expect.objectContaining({ ref: 'no-such-class' })]),
    );
  });

  it('maps an unknown school to NotFoundError', async () => {
    await expect(
      sdk().roster.upsert('sch_00000000000000000000000000', rosterBody()),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  it('a retry after a lost answer (the server committed) changes nothing: one row per person', async () => {
    const { fetch, calls } = dropFirstAnswer();
    const client = createServerClient({
      baseUrl: s.server.url,
      secretKey: s.secretKey,
      fetch,
      sleep: recordingSleep().sleep,
    });
    const body = rosterBody({
      students: [...rosterBody().students, { externalId: 'stu-new', class: 'c7-1' }],
    });
    const result = await client.roster.upsert(s.schoolId, body);
    expect(calls).toHaveLength(2);
    // The first attempt created the student; the retry found everything in place.
    expect(result.counts.people.created).toBe(0);
    const rows = await s.server.db.db
      .selectFrom('people')
      .select('id')
      .where('external_id', '=', 'stu-new')
      .execute();
    expect(rows).toHaveLength(1);
  });
});

describe('secret-key safety', () => {
  it('refuses a secret key where a document exists (a page)', () => {
    const g = globalThis as { document?: unknown };
    g.document = {};
    try {
      expect(() => createServerClient({ baseUrl: 'https://x', secretKey: 'sk_abc' })).toThrow(
        XinqiaoError,
      );
      expect(() => createServerClient({ baseUrl: 'https://x', secretKey: 'sk_abc' })).toThrow(
        /secret key in a page/,
      );
    } finally {
      delete g.document;
    }
  });

  it('the browser build of @xinqiao/sdk/server is a stub that throws', () => {
    expect(() => browserStub()).toThrow(/runs only on your portal backend/);
  });
});

describe('tenant settings and keys', () => {
  it('reads and updates the tenant; rotates the webhook secret', async () => {
    const before = await sdk().tenant.get();
    expect(before.id).toBe(s.server.tenantId);
    const updated = await sdk().tenant.update({ allowedOrigins: ['https://portal.example.cn'] });
    expect(updated.allowedOrigins).toEqual(['https://portal.example.cn']);
    const { secret } = await sdk().tenant.rotateWebhookSecret();
    expect(secret).toMatch(/^whsec_/);
    await expect(
      sdk().tenant.update({ webhookUrl: 'http://127.0.0.1:9/hook' }),
    ).rejects.toBeInstanceOf(BadRequestError); // loopback URLs are refused outside demo mode
  });

  it('creates, lists and revokes a key; the revoked key stops working', async () => {
    const created = await sdk().keys.create({ label: 'rotation' });
    expect(created.secret).toMatch(/^sk_/);
    const other = createServerClient({ baseUrl: s.server.url, secretKey: created.secret });
    await expect(other.tenant.get()).resolves.toMatchObject({ id: s.server.tenantId });
    const list = await sdk().keys.list();
    expect(list.data.map((k) => k.id)).toContain(created.key.id);
    const revoked = await sdk().keys.revoke(created.key.id);
    expect(revoked.revokedAt).not.toBeNull();
    await expect(other.tenant.get()).rejects.toBeInstanceOf(AuthenticationError);
    await expect(sdk().keys.revoke('key_00000000000000000000000000')).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });
});
