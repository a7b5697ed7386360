import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoverageStats } from '@xinqiao/contracts/stats';
import { suppressGrid } from '../src/pipeline/stats.js';
import { createTestApp, testClock, type TestApp } from './support/app.js';
import { seedSchool, type SeededSchool } from './support/fixtures.js';
import {
  answers,
  bigRoster,
  consentFor,
  createCampaign,
  session,
  withKey,
} from './support/pipeline.js';
import { bearer, seedTenant } from './support/seed.js';

/**
 * 统计表: the golden CSV fixes the columns and the suppression of a known school; the JSON
 * follows the role (counsellors unsuppressed, the portal and district suppressed).
 */
const golden = fileURLToPath(new URL('./golden/stats-coverage.csv', import.meta.url));
let t: TestApp;
let s: SeededSchool;
let a: Awaited<ReturnType<typeof seedTenant>>;
const clock = testClock('2026-09-01T01:00:00Z');
const q = (by = 'class') => `unitId=${s.schoolId}&by=${by}&from=2026-09-01&to=2026-12-31`;

beforeAll(async () => {
  t = await createTestApp({ clock });
  a = await seedTenant(t.database);
  s = await seedSchool(t.app, a.secret, bigRoster(12));
  const campaign = await createCampaign(t.app, a.secret, s.schoolId);
  const plan: Array<[string, keyof typeof answers]> = [
    ...['s01', 's02', 's03', 's04', 's05', 's06', 's07'].map(
      (u) => [u, 'none'] as [string, 'none'],
    ),
    ['s08', 'attention'],
    ['s09', 'attention'],
    ['s10', 'attention'],
    ['s11', 'high'],
    ['s12', 'asqAcute'],
    ['stu-3', 'high'],
  ];
  for (const [u, kind] of plan) {
    const st = await session(t.app, a.secret, u);
    await consentFor(t.app, a.secret, st.id);
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/screenings',
      headers: withKey(st.headers),
      payload: { campaignId: campaign.id, responses: answers[kind]() },
    });
    expect(res.statusCode, res.body).toBe(201);
  }
  clock.set('2026-09-02T01:00:00Z');
}, 240_000);
afterAll(() => t.close());

describe('statistics', () => {
  it('the CSV matches the golden file (columns, suppression with complementary cells)', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/v1/stats/coverage.csv?${q()}`,
      headers: bearer(a.secret),
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(golden, res.body);
    expect(res.body).toBe(readFileSync(golden, 'utf8'));
  });

  it('counsellors see the exact figures; the portal key sees them suppressed', async () => {
    const cou = await session(t.app, a.secret, 'cou-1');
    const full = (
      await t.app.inject({ method: 'GET', url: `/v1/stats/coverage?${q()}`, headers: cou.headers })
    ).json() as CoverageStats;
    expect(full.suppressed).toBe(false);
    const total = full.rows.find((r) => r.total)!;
    expect(total.cells).toMatchObject({
      enrolled: 15,
      screened: 13,
      tierNone: 7,
      tierAttention: 3,
      tierHigh: 2,
      tierCritical: 1,
      casesOpenWithoutAdult: 3,
      // no parent-school session in this fixture: a real zero, no longer "not available"
      parentSchoolSessions: 0,
      parentSchoolFamilies: 0,
    });
    const portal = (
      await t.app.inject({
        method: 'GET',
        url: `/v1/stats/coverage?${q()}`,
        headers: bearer(a.secret),
      })
    ).json() as CoverageStats;
    expect(portal.suppressed).toBe(true);
    expect(portal.rows.find((r) => r.total)!.cells.tierAttention).toBe('<5');
  });

  it('class teachers: their class only; other units 403; unknown units 404; to before from 400', async () => {
    const tea = await session(t.app, a.secret, 'tea-1');
    const own = await t.app.inject({
      method: 'GET',
      url: `/v1/stats/coverage?unitId=${s.unit('c7-1')}&from=2026-09-01&to=2026-12-31`,
      headers: tea.headers,
    });
    expect(own.statusCode, own.body).toBe(200);
    expect((own.json() as CoverageStats).suppressed).toBe(true);
    expect(
      (
        await t.app.inject({
          method: 'GET',
          url: `/v1/stats/coverage?${q()}`,
          headers: tea.headers,
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await t.app.inject({
          method: 'GET',
          url: `/v1/stats/coverage?unitId=org_00000000000000000000000000&from=2026-09-01&to=2026-12-31`,
          headers: bearer(a.secret),
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (
        await t.app.inject({
          method: 'GET',
          url: `/v1/stats/coverage?unitId=${s.schoolId}&from=2026-12-31&to=2026-09-01`,
          headers: bearer(a.secret),
        })
      ).statusCode,
    ).toBe(400);
  });
});

describe('suppression', () => {
  const row = (o: Record<string, number>) =>
    ({
      enrolled: 0,
      screened: 0,
      coveragePercent: null,
      tierNone: 0,
      tierAttention: 0,
      tierHigh: 0,
      tierCritical: 0,
      alertsOpen: 0,
      alertsOverdue: 0,
      casesOpenWithAdult: 0,
      casesOpenWithoutAdult: 0,
      pairs: 0,
      homeVisits: 0,
      parentSchoolSessions: null,
      parentSchoolFamilies: null,
      concernsRaised: 0,
      ...o,
    }) as never;

  it('a lone small tier cell takes a second cell with it, in its row and in its column', () => {
    const out = suppressGrid([
      row({ enrolled: 30, screened: 30, tierNone: 27, tierHigh: 3 }),
      row({ enrolled: 30, screened: 30, tierNone: 20, tierHigh: 10 }),
      row({ enrolled: 60, screened: 60, tierNone: 47, tierHigh: 13 }),
    ]);
    expect(out[0]!.tierHigh).toBe('<5');
    // row: screened − tierNone would give tierHigh → tierNone hidden too
    expect(out[0]!.tierNone).toBe('suppressed');
    // column: total − other rows would give it → another row's tierHigh hidden
    expect(out[1]!.tierHigh).toBe('suppressed');
    // and the chain goes on until no hidden cell stands alone in a sum
    for (const r of out) {
      const hidden = ['tierNone', 'tierAttention', 'tierHigh', 'tierCritical', 'screened'].filter(
        (c) => typeof r[c as 'tierNone'] === 'string',
      );
      expect(hidden.length === 0 || hidden.length >= 2).toBe(true);
    }
  });
});
