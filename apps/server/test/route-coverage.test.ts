import { randomUUID } from 'node:crypto';
import type { InjectOptions } from 'fastify';
import { owed } from './probes/owed.js';
import { hotlineProbes, probes as platform, type Ctx, type Probe } from './probes/platform.js';
import { probes as pipeline } from './probes/pipeline.js';
import { parentSchoolProbes, sessionBody } from './probes/parent-school.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPersonByExternalId } from '../src/repositories/people.js';
import { createTestApp, testClock, type TestApp } from './support/app.js';
import { roster, seedSchool } from './support/fixtures.js';
import { callers, type Caller } from './support/principals.js';
import { bearer, seedTenant } from './support/seed.js';

/**
 * Every /v1 route gets an HTTP test per kind of caller: each role's embed token, the tenant's
 * secret key, another tenant's secret key (against this tenant's ids), no credentials, and a
 * token whose membership has ended. A route without an entry here fails the first test.
 */
const probes: Record<string, Probe> = {
  ...platform,
  ...hotlineProbes,
  ...pipeline,
  ...parentSchoolProbes,
};

let t: TestApp;
let ctx: Ctx;
let headers: Record<Caller, Record<string, string>>;
const clock = testClock('2026-09-01T01:00:00Z');

beforeAll(async () => {
  t = await createTestApp({ clock });
  const a = await seedTenant(t.database);
  const b = await seedTenant(t.database, { name: 'B' });
  const s = await seedSchool(t.app, a.secret);
  // Tenant B's roster has no 'tea-1': asking B's key for A's user must find nobody.
  await seedSchool(
    t.app,
    b.secret,
    roster({ staff: roster().staff.filter((x) => x.externalId !== 'tea-1') }),
  );
  const ids = new Map<string, string>();
  for (const ext of ['stu-1', 'stu-3'])
    ids.set(ext, (await findPersonByExternalId(t.database.db, a.tenantId, ext))!.id);
  const hotline = await t.app.inject({
    method: 'POST',
    url: '/v1/hotlines',
    headers: bearer(a.secret),
    payload: {
      orgUnit: s.schoolId,
      kind: 'psychological',
      name: { 'zh-CN': '心理室', en: 'Counselling room' },
      numbers: [{ dial: '07955551234' }],
      audiences: ['student'],
      schedule: { kind: 'unknown' },
      verification: { status: 'unverified', checkedOn: null, source: null },
    },
  });
  const psSession = await t.app.inject({
    method: 'POST',
    url: '/v1/parent-school/sessions',
    headers: bearer(a.secret),
    payload: sessionBody(s.schoolId),
  });
  ctx = {
    s,
    a,
    student: (ext) => ids.get(ext)!,
    hotline: (hotline.json() as { id: string }).id,
    psSession: (psSession.json() as { id: string }).id,
  };
  headers = await callers(t.app, a.secret, b.secret, s.schoolId);
});
afterAll(() => t.close());

describe('route coverage', () => {
  it('every /v1 route has per-caller HTTP probes', () => {
    // HEAD routes are Fastify's automatic twins of GET routes (same handler, same hooks).
    const routes = t.app.routeList
      .filter((r) => r.url.startsWith('/v1/') && r.method !== 'HEAD')
      .map((r) => `${r.method} ${r.url}`);
    expect(routes.filter((r) => !(r in probes) && !(r in owed))).toEqual([]);
    expect(Object.keys(probes).filter((p) => !routes.includes(p))).toEqual([]);
    // a route that gained probes must leave the owed list
    expect(Object.keys(owed).filter((r) => r in probes || !routes.includes(r))).toEqual([]);
  });

  for (const [route, probe] of Object.entries(probes)) {
    it(route, async () => {
      const got: Record<string, number> = {};
      const want: Record<string, number> = {};
      for (const caller of Object.keys(headers) as Caller[]) {
        const res = await t.app.inject({
          ...probe.request(ctx),
          headers: { ...headers[caller], 'idempotency-key': randomUUID() },
        } as InjectOptions);
        got[caller] = res.statusCode;
        want[caller] = probe.expect[caller] ?? probe.otherwise;
      }
      expect(got).toEqual(want);
    });
  }
});
