import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Eligibility } from '@xinqiao/contracts/campaigns';
import type { ErrorBody } from '@xinqiao/contracts/errors';
import type { ScreeningReceipt } from '@xinqiao/contracts/screenings';
import { isUnder14 } from '../src/pipeline/student-context.js';
import { createTestApp, testClock, type TestApp } from './support/app.js';
import { expectBadInputRejected } from './support/bad-input.js';
import { roster, seedSchool, type SeededSchool } from './support/fixtures.js';
import { answers, createCampaign, session, withKey, type Session } from './support/pipeline.js';
import { bearer, seedTenant } from './support/seed.js';

/**
 * PIPL consent (guardian's under 14 from the birth month, birth year only → under 14 until the
 * year the student turns 15; health-data consent always) and respondents (PSC-17 is filled by a
 * guardian for their own child).
 */
let t: TestApp;
let s: SeededSchool;
let a: Awaited<ReturnType<typeof seedTenant>>;
let campaignId: string;
const who: Record<string, Session> = {};

beforeAll(async () => {
  t = await createTestApp({ clock: testClock('2026-09-01T01:00:00Z') });
  a = await seedTenant(t.database);
  const base = roster();
  s = await seedSchool(t.app, a.secret, {
    ...base,
    // stu-old: 15 in September 2026; stu-year: birth year only (2012 → under 14 until 2027)
    students: [
      ...base.students,
      { externalId: 'stu-old', birthMonth: '2011-06', class: 'c7-1' },
      { externalId: 'stu-year', birthMonth: '2012', class: 'c7-1' },
    ],
  });
  for (const u of ['stu-1', 'stu-old', 'stu-year', 'par-1', 'par-3'])
    who[u] = await session(t.app, a.secret, u);
  campaignId = (
    await createCampaign(t.app, a.secret, s.schoolId, {
      instruments: ['phq-a', 'gad-7', 'psc-17'],
      acknowledgeUnvalidatedTranslations: ['phq-a', 'gad-7', 'psc-17', 'asq'],
      resultPolicy: 'tier',
    })
  ).id;
}, 240_000);
afterAll(() => t.close());

const eligibility = async (u: string, query = '') =>
  (
    await t.app.inject({
      method: 'GET',
      url: `/v1/campaigns/${campaignId}/eligibility${query}`,
      headers: who[u]!.headers,
    })
  ).json() as Eligibility;

describe('consent', () => {
  it('the under-14 rule: birth month, birth year only, unknown', () => {
    expect(isUnder14('2013-05', '2026-09-01')).toBe(true);
    expect(isUnder14('2012-08', '2026-09-01')).toBe(false); // 14 since August
    expect(isUnder14('2012-09', '2026-09-01')).toBe(true); // birthday taken as the month's end
    expect(isUnder14('2012', '2026-12-31')).toBe(true); // birth year only: until the year they turn 15
    expect(isUnder14('2012', '2027-01-01')).toBe(false);
    expect(isUnder14(undefined, '2026-09-01')).toBe(true);
  });

  it('students 14 and over need only the health-data consent; birth-year-only students need a guardian too', async () => {
    expect((await eligibility('stu-old')).missingConsents).toEqual(['health_data']);
    expect((await eligibility('stu-year')).missingConsents).toEqual(['guardian', 'health_data']);
  });

  it('a guardian records consent for their own child only; the latest record counts (withdrawal)', async () => {
    const give = (u: string, body: Record<string, unknown>) =>
      t.app.inject({
        method: 'POST',
        url: '/v1/consents',
        headers: withKey(who[u]!.headers),
        payload: body,
      });
    expect(
      (await give('par-3', { studentId: who['stu-1']!.id, kind: 'guardian', granted: true }))
        .statusCode,
    ).toBe(403);
    for (const kind of ['guardian', 'health_data'])
      expect(
        (await give('par-1', { studentId: who['stu-1']!.id, kind, granted: true })).statusCode,
      ).toBe(201);
    expect((await eligibility('stu-1')).eligible).toBe(true);
    expect(
      (await give('par-1', { studentId: who['stu-1']!.id, kind: 'health_data', granted: false }))
        .statusCode,
    ).toBe(201);
    expect((await eligibility('stu-1')).missingConsents).toEqual(['health_data']);
    expect(
      (await give('par-1', { studentId: who['stu-1']!.id, kind: 'health_data', granted: true }))
        .statusCode,
    ).toBe(201);
  });

  it('bad input leaves every table unchanged', async () => {
    await expectBadInputRejected(t.app, t.database, {
      method: 'POST',
      url: '/v1/consents',
      headers: bearer(a.secret),
      valid: { studentId: who['stu-1']!.id, kind: 'guardian', granted: true },
      wrongTypes: { studentId: who['stu-1']!.id, kind: 'always', granted: 'yes' },
    });
  });
});

describe('respondents', () => {
  it('the student fills PHQ-A and GAD-7; the guardian fills PSC-17 for their child', async () => {
    expect((await eligibility('stu-1')).instruments).toEqual(['phq-a', 'gad-7']);
    expect((await eligibility('par-1', `?studentId=${who['stu-1']!.id}`)).instruments).toEqual([
      'psc-17',
    ]);
  });

  it('a guardian submits PSC-17; the tier goes to the student only (result policy), never to the guardian', async () => {
    const psc = Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`q${i + 1}`, 2]));
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/screenings',
      headers: withKey(who['par-1']!.headers),
      payload: {
        campaignId,
        studentId: who['stu-1']!.id,
        responses: [{ instrumentId: 'psc-17', answers: psc }],
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect((res.json() as ScreeningReceipt).tier).toBeUndefined();
    // the message speaks to the guardian, not to the student
    expect((res.json() as ScreeningReceipt).studentMessage).toContain('家长问卷');
    const own = await t.app.inject({
      method: 'POST',
      url: '/v1/screenings',
      headers: withKey(who['stu-1']!.headers),
      payload: { campaignId, responses: answers.high() },
    });
    expect(own.statusCode, own.body).toBe(201);
    expect((own.json() as ScreeningReceipt).tier).toBe('high');
    expect((own.json() as ScreeningReceipt).studentMessage).not.toContain('家长问卷');
  });

  it('a student cannot answer the guardian form; a guardian cannot answer for another child', async () => {
    const c = await t.app.inject({
      method: 'POST',
      url: '/v1/consents',
      headers: bearer(a.secret),
      payload: { studentId: who['stu-old']!.id, kind: 'health_data', granted: true },
    });
    expect(c.statusCode).toBe(201);
    const st = await t.app.inject({
      method: 'POST',
      url: '/v1/screenings',
      headers: withKey(who['stu-old']!.headers),
      payload: {
        campaignId,
        responses: [...answers.none(), { instrumentId: 'psc-17', answers: {} }],
      },
    });
    expect([st.statusCode, (st.json() as ErrorBody).details?.reason]).toEqual([
      422,
      'instrument_not_in_campaign',
    ]);
    const other = await t.app.inject({
      method: 'POST',
      url: '/v1/screenings',
      headers: withKey(who['par-3']!.headers),
      payload: {
        campaignId,
        studentId: who['stu-1']!.id,
        responses: [{ instrumentId: 'psc-17', answers: {} }],
      },
    });
    expect(other.statusCode).toBe(403);
  });
});
