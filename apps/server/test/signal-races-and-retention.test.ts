import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Campaign } from '@xinqiao/contracts/campaigns';
import type { SafetySignal } from '@xinqiao/contracts/safety-signals';
import { purgeExpiredIdempotencyKeys } from '../src/http/idempotency.js';
import { createTestApp, testClock, type TestApp } from './support/app.js';
import { seedSchool } from './support/fixtures.js';
import {
  answers,
  bigRoster,
  consentFor,
  createCampaign,
  session,
  withKey,
  type Session,
} from './support/pipeline.js';
import { seedTenant } from './support/seed.js';

/**
 * Two things that only show under real concurrency or real time: the same critical flag sent by
 * several tabs (or retries with fresh keys) at once makes one signal and one alert, never a 5xx;
 * and a screening's idempotency record outlives the 7-day default until its campaign closes +
 * 30 days (ARCHITECTURE §4), so a phone that comes back online late replays rather than 409s.
 */
let t: TestApp;
let campaign: Campaign;
const clock = testClock('2026-09-01T01:00:00Z');
const students: Session[] = [];
let secret: string;

beforeAll(async () => {
  t = await createTestApp({ clock });
  const a = await seedTenant(t.database);
  secret = a.secret;
  const s = await seedSchool(t.app, a.secret, bigRoster(3));
  campaign = await createCampaign(t.app, a.secret, s.schoolId);
  for (const id of ['s01', 's02', 's03']) {
    const st = await session(t.app, a.secret, id);
    await consentFor(t.app, a.secret, st.id);
    students.push(st);
  }
}, 120_000);
afterAll(() => t.close());

describe('concurrent duplicates', () => {
  it('eight simultaneous signals for one flag: all 201, one signal, one alert', async () => {
    const st = students[0]!;
    const send = () =>
      t.app.inject({
        method: 'POST',
        url: '/v1/safety-signals',
        headers: withKey(st.headers),
        payload: { flag: 'asq-acute', observedAt: '2026-09-01T00:59:00Z', campaignId: campaign.id },
      });
    const results = await Promise.all(Array.from({ length: 8 }, send));
    expect(results.map((r) => r.statusCode)).toEqual(Array(8).fill(201));
    expect(new Set(results.map((r) => (r.json() as SafetySignal).id)).size).toBe(1);
    const alerts = await t.database.db
      .selectFrom('alerts')
      .select('id')
      .where('student_id', '=', st.id)
      .execute();
    expect(alerts).toHaveLength(1);
  });

  it('a signal and its screening racing: one alert', async () => {
    const st = students[1]!;
    const [sig, scr] = await Promise.all([
      t.app.inject({
        method: 'POST',
        url: '/v1/safety-signals',
        headers: withKey(st.headers),
        payload: { flag: 'asq-acute', observedAt: '2026-09-01T00:59:00Z', campaignId: campaign.id },
      }),
      t.app.inject({
        method: 'POST',
        url: '/v1/screenings',
        headers: withKey(st.headers),
        payload: { campaignId: campaign.id, responses: answers.asqAcute() },
      }),
    ]);
    expect([sig.statusCode, scr.statusCode]).toEqual([201, 201]);
    const alerts = await t.database.db
      .selectFrom('alerts')
      .select('id')
      .where('student_id', '=', st.id)
      .execute();
    expect(alerts).toHaveLength(1);
  });
});

describe('idempotency retention', () => {
  it('a screening key is kept until the campaign closes + 30 days, then purged', async () => {
    const st = students[2]!;
    const headers = withKey(st.headers, 'late-phone-key');
    const body = { campaignId: campaign.id, responses: answers.none() };
    const first = await t.app.inject({
      method: 'POST',
      url: '/v1/screenings',
      headers,
      payload: body,
    });
    expect(first.statusCode, first.body).toBe(201);
    // Ten days on (past the 7-day default), still in the campaign's retention: replayed.
    clock.set('2026-09-11T01:00:00Z');
    await purgeExpiredIdempotencyKeys(t.app);
    // The token expired meanwhile; the phone fetches a new one for the same student.
    const fresh = await session(t.app, secret, 's03');
    const replay = await t.app.inject({
      method: 'POST',
      url: '/v1/screenings',
      headers: { ...fresh.headers, 'idempotency-key': 'late-phone-key' },
      payload: body,
    });
    expect(replay.statusCode, replay.body).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toBe(first.body);
    // The campaign closes 2026-10-01; 30 days later the record goes.
    clock.set('2026-10-31T01:00:01Z');
    expect(await purgeExpiredIdempotencyKeys(t.app)).toBeGreaterThanOrEqual(1);
    const left = await t.database.db
      .selectFrom('idempotency_keys')
      .select('key')
      .where('key', '=', 'late-phone-key')
      .execute();
    expect(left).toHaveLength(0);
  });
});
