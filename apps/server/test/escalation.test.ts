import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runEscalations } from '../src/pipeline/alerts.js';
import { addSchoolTime, endOfSchoolDay } from '../src/pipeline/school-time.js';
import { createTestApp, testClock, type TestApp } from './support/app.js';
import { dbKind } from './support/db.js';
import { seedSchool } from './support/fixtures.js';
import { bigRoster, session, withKey } from './support/pipeline.js';
import { seedTenant } from './support/seed.js';

/**
 * The escalation job is safe across replicas: passes running at once (on PostgreSQL: separate
 * connections, as separate servers would) escalate each due alert exactly once, thanks to
 * FOR UPDATE SKIP LOCKED. And school-time arithmetic in Asia/Shanghai.
 */
let t: TestApp;
const clock = testClock('2026-09-01T01:00:00Z');
const alertIds: string[] = [];

beforeAll(async () => {
  t = await createTestApp({ clock });
  const a = await seedTenant(t.database);
  await seedSchool(t.app, a.secret, bigRoster(8));
  for (let i = 1; i <= 8; i++) {
    const st = await session(t.app, a.secret, `s0${i}`);
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/safety-signals',
      headers: withKey(st.headers),
      payload: { flag: 'asq-acute', observedAt: '2026-09-01T01:00:00Z' },
    });
    expect(res.statusCode, res.body).toBe(201);
    alertIds.push((res.json() as { alertId: string }).alertId);
  }
}, 240_000);
afterAll(() => t.close());

describe(`escalation job (${dbKind()})`, () => {
  it('concurrent passes escalate each due alert exactly once', async () => {
    clock.advance(11 * 60_000);
    const now = clock.now();
    const runs = await Promise.all([
      runEscalations(t.database.db, now, 3),
      runEscalations(t.database.db, now, 3),
      runEscalations(t.database.db, now, 3),
      runEscalations(t.database.db, now, 3),
    ]);
    const rest = await runEscalations(t.database.db, now);
    const all = [...runs.flat(), ...rest];
    expect(new Set(all).size).toBe(all.length);
    expect([...all].sort()).toEqual([...alertIds].sort());
    const events = await t.database.db
      .selectFrom('alert_events')
      .select(['alert_id'])
      .where('kind', '=', 'escalated')
      .where('level', '=', 1)
      .execute();
    expect(events.map((e) => e.alert_id).sort()).toEqual([...alertIds].sort());
    expect(await runEscalations(t.database.db, now)).toEqual([]);
  });
});

describe('school time (Asia/Shanghai, Mon–Fri 07:30–17:30)', () => {
  const hours = { days: [1, 2, 3, 4, 5], open: '07:30', close: '17:30' };
  it('counts only school hours, skipping nights and weekends', () => {
    // Friday 16:30 + 2 h of school time → Monday 08:30
    expect(addSchoolTime(hours, new Date('2026-09-04T08:30:00Z'), 2 * 3600_000).toISOString()).toBe(
      '2026-09-07T00:30:00.000Z',
    );
    // Saturday → starts Monday 07:30
    expect(addSchoolTime(hours, new Date('2026-09-05T02:00:00Z'), 3600_000).toISOString()).toBe(
      '2026-09-07T00:30:00.000Z',
    );
  });
  it('same school day: today’s close, or the next school day’s close out of hours', () => {
    expect(endOfSchoolDay(hours, new Date('2026-09-01T01:00:00Z')).toISOString()).toBe(
      '2026-09-01T09:30:00.000Z',
    );
    expect(endOfSchoolDay(hours, new Date('2026-09-01T14:30:00Z')).toISOString()).toBe(
      '2026-09-02T09:30:00.000Z',
    );
    expect(endOfSchoolDay(hours, new Date('2026-09-04T12:00:00Z')).toISOString()).toBe(
      '2026-09-07T09:30:00.000Z',
    );
  });
});
