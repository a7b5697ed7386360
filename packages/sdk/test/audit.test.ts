import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BadRequestError,
  NotFoundError,
  PermissionDeniedError,
  createClient,
} from '../src/index.js';
import { createServerClient } from '../src/server.js';
import { rosterBody, seededServer } from './support.js';
import type { Seeded } from './support.js';

let s: Seeded;
beforeAll(async () => {
  s = await seededServer();
  // Two more syncs: three roster writes in the log.
  const sdk = createServerClient({ baseUrl: s.server.url, secretKey: s.secretKey });
  await sdk.roster.upsert(s.schoolId, rosterBody());
  await sdk.roster.upsert(s.schoolId, rosterBody());
});
afterAll(async () => {
  await s?.server.close();
});

describe('audit', () => {
  it('the secret key reads the tenant’s log; all() follows the cursor', async () => {
    const sdk = createServerClient({ baseUrl: s.server.url, secretKey: s.secretKey });
    const page = await sdk.audit.list({ limit: 1 });
    expect(page.data).toHaveLength(1);
    expect(page.nextCursor).not.toBeNull();
    const everything = [];
    for await (const entry of sdk.audit.all({ limit: 1 })) everything.push(entry);
    const roster = everything.filter((e) => e.resource === 'roster' && e.action === 'write');
    expect(roster.length).toBeGreaterThanOrEqual(3);
    expect(new Set(everything.map((e) => e.id)).size).toBe(everything.length);
  });

  it('a school admin reads it with an embed token; a class teacher may not', async () => {
    const admin = createClient({ baseUrl: s.server.url, fetchToken: () => s.tokenFor('adm-1') });
    const page = await admin.audit.list({ schoolId: s.schoolId });
    expect(page.data.some((e) => e.orgUnitId === s.schoolId)).toBe(true);

    const teacher = createClient({ baseUrl: s.server.url, fetchToken: () => s.tokenFor('tea-1') });
    const err = await teacher.audit.list().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PermissionDeniedError);
    expect(err).toMatchObject({ status: 403, code: 'forbidden' });
  });

  it('an expired admin token is refreshed once and the read succeeds', async () => {
    const expired = await s.tokenFor('adm-1', 60);
    s.server.clock.advance(61_000);
    let refreshes = 0;
    const admin = createClient({
      baseUrl: s.server.url,
      token: expired,
      fetchToken: async () => {
        refreshes += 1;
        return s.tokenFor('adm-1');
      },
    });
    const [a, b] = await Promise.all([admin.audit.list(), admin.audit.list()]);
    expect(a.data.length).toBeGreaterThan(0);
    expect(b.data.length).toBeGreaterThan(0);
    expect(refreshes).toBe(1);
  });

  it('maps a bad query to BadRequestError and an unknown school to NotFoundError', async () => {
    const sdk = createServerClient({ baseUrl: s.server.url, secretKey: s.secretKey });
    await expect(sdk.audit.list({ limit: 1000 })).rejects.toBeInstanceOf(BadRequestError);
    await expect(
      sdk.audit.list({ schoolId: 'sch_00000000000000000000000000' }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });
});
