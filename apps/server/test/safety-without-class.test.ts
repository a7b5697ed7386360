import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert, AlertList } from '@xinqiao/contracts/alerts';
import type { Campaign } from '@xinqiao/contracts/campaigns';
import type { ErrorBody } from '@xinqiao/contracts/errors';
import type { SafetySignal } from '@xinqiao/contracts/safety-signals';
import { createTestApp, testClock, type TestApp } from './support/app.js';
import { roster, seedSchool, type SeededSchool } from './support/fixtures.js';
import {
  answers,
  bigRoster,
  consentFor,
  createCampaign,
  session,
  withKey,
  type Session,
} from './support/pipeline.js';
import { bearer, seedTenant } from './support/seed.js';

/**
 * A critical flag from a student who has no current class — a roster sync ended the enrolment
 * while the form was open, or the student sits between syncs — still reaches named adults: the
 * school's counsellor, on-call contact and admin. The signed, unexpired token names the student
 * and the class it was issued for; that is enough to know whom to tell.
 */
let t: TestApp;
let s: SeededSchool;
let campaign: Campaign;
let counsellor: Session;
const clock = testClock('2026-09-01T01:00:00Z');
const moved: Session[] = [];

beforeAll(async () => {
  t = await createTestApp({ clock });
  const a = await seedTenant(t.database);
  s = await seedSchool(t.app, a.secret, bigRoster(4));
  campaign = await createCampaign(t.app, a.secret, s.schoolId);
  for (const id of ['s01', 's02', 's03', 's04'])
    await consentFor(t.app, a.secret, (await session(t.app, a.secret, id)).id);
  // Tokens minted at 23:55 Shanghai time; just after midnight the next day's sync leaves s01–s04
  // out, so their class memberships end while the tokens are still valid.
  clock.set('2026-09-01T15:55:00Z');
  for (const id of ['s01', 's02', 's03', 's04']) moved.push(await session(t.app, a.secret, id));
  clock.set('2026-09-01T16:05:00Z');
  counsellor = await session(t.app, a.secret, 'cou-1');
  const res = await t.app.inject({
    method: 'PUT',
    url: `/v1/schools/${s.schoolId}/roster`,
    headers: bearer(a.secret),
    payload: roster({ effectiveOn: '2026-09-02' }),
  });
  expect(res.statusCode, res.body).toBe(200);
}, 120_000);
afterAll(() => t.close());

async function recipientsOf(alertId: string): Promise<string[]> {
  const rows = await t.database.db
    .selectFrom('alert_recipients')
    .select('role')
    .where('alert_id', '=', alertId)
    .execute();
  return [...new Set(rows.map((r) => r.role))].sort();
}

describe('a student without a current class', () => {
  it('POST /v1/safety-signals stores the signal and routes it to the school', async () => {
    const st = moved[0]!;
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/safety-signals',
      headers: withKey(st.headers),
      payload: { flag: 'asq-acute', observedAt: '2026-09-01T16:04:00Z', campaignId: campaign.id },
    });
    expect(res.statusCode, res.body).toBe(201);
    const signal = res.json() as SafetySignal;
    expect(await recipientsOf(signal.alertId)).toEqual(['counsellor', 'on_call', 'school_admin']);
    const list = (
      await t.app.inject({ method: 'GET', url: '/v1/alerts', headers: counsellor.headers })
    ).json() as AlertList;
    const alert = (list.data as Alert[]).find((x) => x.id === signal.alertId);
    expect(alert).toMatchObject({ tier: 'critical', studentId: st.id, source: 'safety_signal' });
  });

  it('POST /v1/screenings is refused, but its critical flag is stored and the 4xx names it', async () => {
    const st = moved[1]!;
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/screenings',
      headers: withKey(st.headers),
      payload: { campaignId: campaign.id, responses: answers.asqAcute() },
    });
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
    const body = res.json() as ErrorBody;
    const signalId = body.details?.safetySignalId as string;
    expect(signalId, res.body).toMatch(/^sig_/);
    const signal = await t.database.db
      .selectFrom('safety_signals')
      .selectAll()
      .where('id', '=', signalId)
      .executeTakeFirstOrThrow();
    expect(signal.student_id).toBe(st.id);
    expect(await recipientsOf(signal.alert_id)).toEqual(['counsellor', 'on_call', 'school_admin']);
    const stored = await t.database.db
      .selectFrom('screenings')
      .select('id')
      .where('student_id', '=', st.id)
      .execute();
    expect(stored).toHaveLength(0);
  });

  it('the ended membership still opens nothing else: reading the campaign eligibility is refused', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/v1/campaigns/${campaign.id}/eligibility`,
      headers: moved[2]!.headers,
    });
    expect(res.statusCode).toBe(403);
  });

  it('an expired token is still refused (the signed pairs count only while the token is valid)', async () => {
    clock.set('2026-09-01T16:20:00Z');
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/safety-signals',
      headers: withKey(moved[3]!.headers),
      payload: { flag: 'asq-acute', observedAt: '2026-09-01T16:19:00Z' },
    });
    expect(res.statusCode).toBe(401);
  });
});
