import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  EmbedSession,
  embedTokenAudience,
  embedTokenIssuer,
} from '@xinqiao/contracts/embed-sessions';
import type { ErrorBody } from '@xinqiao/contracts/errors';
import { createTestApp, testClock, type TestApp } from './support/app.js';
import { expectBadInputRejected } from './support/bad-input.js';
import { dumpTables } from './support/dump.js';
import { roster, seedSchool, type SeededSchool } from './support/fixtures.js';
import { bearer, seedTenant } from './support/seed.js';

let t: TestApp;
let a: Awaited<ReturnType<typeof seedTenant>>;
let b: Awaited<ReturnType<typeof seedTenant>>;
let s: SeededSchool;
const clock = testClock('2026-09-01T01:00:00Z');

beforeAll(async () => {
  t = await createTestApp({
    clock,
    register: (app) => {
      // A probe route for embed tokens: answers the principal the server resolved.
      app.get(
        '/test/whoami',
        { config: { access: { principals: ['embed_token'], resource: 'none' } } },
        async (req) => req.principal,
      );
      app.get(
        '/test/counsellors-only',
        {
          config: {
            access: { principals: ['embed_token'], resource: 'notes', roles: ['counsellor'] },
          },
        },
        async () => ({ ok: true }),
      );
    },
  });
  a = await seedTenant(t.database);
  b = await seedTenant(t.database, { name: 'Other portal' });
  s = await seedSchool(t.app, a.secret);
});
afterAll(() => t.close());

const create = (payload: unknown, secret = a.secret) =>
  t.app.inject({
    method: 'POST',
    url: '/v1/embed-sessions',
    headers: bearer(secret),
    payload: payload as object,
  });
const whoami = (token: string) =>
  t.app.inject({ method: 'GET', url: '/test/whoami', headers: bearer(token) });

describe('POST /v1/embed-sessions', () => {
  it('issues a token carrying (role, org unit) pairs', async () => {
    const res = await create({ user: { externalId: 'tea-1' } });
    expect(res.statusCode).toBe(201);
    const session = EmbedSession.parse(res.json());
    expect(session.user.memberships).toEqual([{ role: 'class_teacher', orgUnit: s.unit('c7-1') }]);
    expect(new Date(session.expiresAt).getTime() - clock.now().getTime()).toBe(900_000);
    const me = await whoami(session.token);
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({
      kind: 'embed_token',
      tenantId: a.tenantId,
      userId: session.user.id,
      memberships: session.user.memberships,
    });
  });

  it('keeps pairs per unit: a teacher in one school who counsels in another', async () => {
    const other = await t.app.inject({
      method: 'PUT',
      url: `/v1/schools/${s.otherSchoolId}/roster`,
      headers: bearer(a.secret),
      payload: roster({
        grades: [],
        classes: [],
        students: [],
        guardians: [],
        staff: [
          { externalId: 'tea-1', memberships: [{ role: 'counsellor', unit: { kind: 'school' } }] },
        ],
        onCall: null,
      }),
    });
    expect(other.statusCode).toBe(200);
    const session = EmbedSession.parse((await create({ user: { externalId: 'tea-1' } })).json());
    expect(session.user.memberships).toEqual(
      expect.arrayContaining([
        { role: 'class_teacher', orgUnit: s.unit('c7-1') },
        { role: 'counsellor', orgUnit: s.otherSchoolId },
      ]),
    );
    expect(session.user.memberships).toHaveLength(2);
  });

  it('honours ttlSeconds within 60–3600', async () => {
    const ok = EmbedSession.parse(
      (await create({ user: { externalId: 'stu-1' }, ttlSeconds: 60 })).json(),
    );
    expect(new Date(ok.expiresAt).getTime() - clock.now().getTime()).toBe(60_000);
    expect((await create({ user: { externalId: 'stu-1' }, ttlSeconds: 59 })).statusCode).toBe(400);
    expect((await create({ user: { externalId: 'stu-1' }, ttlSeconds: 3601 })).statusCode).toBe(
      400,
    );
  });

  it("unknown users and other tenants' users are not found", async () => {
    expect((await create({ user: { externalId: 'nobody' } })).statusCode).toBe(404);
    expect((await create({ user: { externalId: 'tea-1' } }, b.secret)).statusCode).toBe(404);
  });

  it('refuses embed tokens as credentials for issuing tokens', async () => {
    const token = (await create({ user: { externalId: 'adm-1' } })).json().token as string;
    const res = await create({ user: { externalId: 'tea-1' } }, token);
    expect(res.statusCode).toBe(403);
  });

  it('bad input is rejected with the database unchanged', async () => {
    await expectBadInputRejected(t.app, t.database, {
      method: 'POST',
      url: '/v1/embed-sessions',
      headers: bearer(a.secret),
      valid: { user: { externalId: 'tea-1' } },
      wrongTypes: { user: { externalId: 42 }, ttlSeconds: 'long' },
    });
  });
});

describe('embed token verification', () => {
  it('expires: 401 token_expired after the ttl, by the injected clock', async () => {
    const token = (await create({ user: { externalId: 'stu-1' }, ttlSeconds: 60 })).json()
      .token as string;
    clock.advance(59_000);
    expect((await whoami(token)).statusCode).toBe(200);
    clock.advance(2_000);
    const res = await whoami(token);
    expect(res.statusCode).toBe(401);
    expect((res.json() as ErrorBody).code).toBe('token_expired');
  });

  it('rejects a tampered token, another algorithm, another issuer or audience', async () => {
    const token = (await create({ user: { externalId: 'stu-1' } })).json().token as string;
    const [h, p, sig] = token.split('.');
    const payload = JSON.parse(Buffer.from(p!, 'base64url').toString()) as Record<string, unknown>;
    const forged = Buffer.from(
      JSON.stringify({ ...payload, mem: [{ role: 'counsellor', orgUnit: s.schoolId }] }),
    ).toString('base64url');
    expect((await whoami(`${h}.${forged}.${sig}`)).statusCode).toBe(401);
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${p}.`;
    expect((await whoami(none)).statusCode).toBe(401);
    const wrongKey = await new SignJWT(payload)
      .setProtectedHeader({ alg: 'HS256' })
      .sign(new Uint8Array(32));
    expect((await whoami(wrongKey)).statusCode).toBe(401);
    // Right key, wrong issuer/audience: sign with the server's own service to isolate the claim checks.
    const iat = Math.floor(clock.now().getTime() / 1000);
    const key = new Uint8Array(t.app.deps.masterKey.derive('embed-token-signing'));
    const base = () =>
      new SignJWT({ tid: a.tenantId, mem: [] })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(String(payload.sub))
        .setJti('x')
        .setIssuedAt(iat)
        .setExpirationTime(iat + 60);
    expect(
      (await whoami(await base().setIssuer('evil').setAudience(embedTokenAudience).sign(key)))
        .statusCode,
    ).toBe(401);
    expect(
      (await whoami(await base().setIssuer(embedTokenIssuer).setAudience('other').sign(key)))
        .statusCode,
    ).toBe(401);
    expect(
      (
        await whoami(
          await base().setIssuer(embedTokenIssuer).setAudience(embedTokenAudience).sign(key),
        )
      ).statusCode,
    ).toBe(200);
    const hs512 = await new SignJWT({ tid: a.tenantId, mem: [] })
      .setProtectedHeader({ alg: 'HS512' })
      .setIssuer(embedTokenIssuer)
      .setAudience(embedTokenAudience)
      .setSubject(String(payload.sub))
      .setJti('x')
      .setIssuedAt(iat)
      .setExpirationTime(iat + 60)
      .sign(new Uint8Array(64).fill(1));
    expect((await whoami(hs512)).statusCode).toBe(401);
  });

  it('enforces the roles a route declares', async () => {
    const teacher = (await create({ user: { externalId: 'tea-2' } })).json().token as string;
    const counsellor = (await create({ user: { externalId: 'cou-1' } })).json().token as string;
    expect(
      (
        await t.app.inject({
          method: 'GET',
          url: '/test/counsellors-only',
          headers: bearer(teacher),
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await t.app.inject({
          method: 'GET',
          url: '/test/counsellors-only',
          headers: bearer(counsellor),
        })
      ).statusCode,
    ).toBe(200);
  });

  it('an ended membership stops working at once, not when the token expires', async () => {
    const token = (await create({ user: { externalId: 'cou-1' } })).json().token as string;
    const before = await dumpTables(t.database);
    const next = roster({
      staff: roster().staff.filter((x) => x.externalId !== 'cou-1'),
      onCall: null,
      effectiveOn: '2026-09-01',
    });
    expect(
      (
        await t.app.inject({
          method: 'PUT',
          url: `/v1/schools/${s.schoolId}/roster`,
          headers: bearer(a.secret),
          payload: next,
        })
      ).statusCode,
    ).toBe(200);
    expect(before).not.toEqual(await dumpTables(t.database));
    const me = await whoami(token);
    expect(me.statusCode).toBe(200);
    expect((me.json() as { memberships: unknown[] }).memberships).toEqual([]);
    expect(
      (await t.app.inject({ method: 'GET', url: '/test/counsellors-only', headers: bearer(token) }))
        .statusCode,
    ).toBe(403);
    expect((await create({ user: { externalId: 'cou-1' } })).statusCode).toBe(403);
  });
});
