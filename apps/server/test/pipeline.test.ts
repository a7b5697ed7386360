import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert, AlertList } from '@xinqiao/contracts/alerts';
import type { StudentRecord } from '@xinqiao/contracts/cases';
import type { Campaign, CampaignCoverage, Eligibility } from '@xinqiao/contracts/campaigns';
import type { ErrorBody } from '@xinqiao/contracts/errors';
import type { ScreeningReceipt } from '@xinqiao/contracts/screenings';
import { runEscalations } from '../src/pipeline/alerts.js';
import { createTestApp, testClock, type TestApp } from './support/app.js';
import { expectBadInputRejected } from './support/bad-input.js';
import { dumpTables } from './support/dump.js';
import { seedSchool, type SeededSchool } from './support/fixtures.js';
import {
  answers,
  bigRoster,
  campaignBody,
  consentFor,
  createCampaign,
  session,
  withKey,
  type Session,
} from './support/pipeline.js';
import { bearer, seedTenant } from './support/seed.js';

/**
 * End to end through the HTTP API on a real database: campaign, consent, screenings across
 * every tier, alerts routed per the four-level table (empty role, a critical alert at 22:30),
 * escalation of an unacknowledged critical alert, acknowledgement, idempotent replays.
 */
let t: TestApp;
let s: SeededSchool;
let a: Awaited<ReturnType<typeof seedTenant>>;
let campaign: Campaign;
const clock = testClock('2026-09-01T01:00:00Z'); // Tuesday 09:00 in Shanghai
const who: Record<string, Session> = {};

beforeAll(async () => {
  t = await createTestApp({ clock });
  a = await seedTenant(t.database);
  s = await seedSchool(t.app, a.secret, bigRoster(10));
  for (const u of [
    'stu-1',
    'stu-2',
    'stu-3',
    's01',
    's02',
    's03',
    's04',
    's05',
    's06',
    's07',
    'par-1',
    'tea-1',
    'tea-2',
    'cou-1',
    'adm-1',
    'vol-1',
    'd-admin-1',
  ]) {
    who[u] = await session(t.app, a.secret, u);
  }
  campaign = await createCampaign(t.app, a.secret, s.schoolId);
  for (const u of ['stu-1', 'stu-2', 'stu-3', 's01', 's02', 's03', 's04', 's05', 's06', 's07'])
    await consentFor(t.app, a.secret, who[u]!.id);
}, 240_000);
afterAll(() => t.close());

/** Tokens live 15 minutes on the test clock: fresh ones after the clock moves. */
async function refresh() {
  for (const [u, sess] of Object.entries(who))
    sess.headers = (await session(t.app, a.secret, u)).headers;
}

const submit = (u: string, responses: unknown, key?: string, campaignId = campaign.id) =>
  t.app.inject({
    method: 'POST',
    url: '/v1/screenings',
    headers: withKey(who[u]!.headers, key),
    payload: { campaignId, responses },
  });

async function alertsFor(viewer: string): Promise<AlertList> {
  const res = await t.app.inject({
    method: 'GET',
    url: '/v1/alerts',
    headers: who[viewer]!.headers,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as AlertList;
}
const alertOf = async (studentId: string) =>
  ((await alertsFor('cou-1')).data as Alert[]).filter((x) => x.studentId === studentId);
const recipients = (al: Alert) =>
  al.recipients.map((r) => `${r.role}:${r.personId}${r.viaGap ? ':gap' : ''}@${r.level}`).sort();

describe('campaigns', () => {
  it('records consent on by default, the result policy and the translation acknowledgement', () => {
    expect(campaign).toMatchObject({
      consentRequired: true,
      legalBasis: null,
      resultPolicy: 'supportive_message',
      sharedDevices: false,
    });
    expect(campaign.translationAcknowledgement?.instruments).toEqual(['phq-a', 'gad-7', 'asq']);
  });

  it('refuses unacknowledged translations, consent off without a legal basis, unsuitable and licensed instruments', async () => {
    const before = await dumpTables(t.database);
    const post = (over: Record<string, unknown>) =>
      t.app.inject({
        method: 'POST',
        url: '/v1/campaigns',
        headers: bearer(a.secret),
        payload: campaignBody(s.schoolId, over),
      });
    const r1 = await post({ acknowledgeUnvalidatedTranslations: [] });
    expect([r1.statusCode, (r1.json() as ErrorBody).details?.unacknowledgedTranslations]).toEqual([
      422,
      ['phq-a', 'gad-7', 'asq'],
    ]);
    const r2 = await post({ consentRequired: false });
    expect([r2.statusCode, Object.keys((r2.json() as ErrorBody).details ?? {})]).toEqual([
      422,
      ['legalBasis'],
    ]);
    const r3 = await post({
      instruments: ['psc-17', 'phq-9'],
      acknowledgeUnvalidatedTranslations: ['psc-17', 'phq-9', 'asq'],
    });
    expect(r3.statusCode).toBe(422);
    expect((r3.json() as ErrorBody).details?.unsuitable).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ instrumentId: 'phq-9', reasons: ['below-age-range'] }),
      ]),
    );
    const r4 = await post({ instruments: ['sdq'] });
    expect([r4.statusCode, (r4.json() as ErrorBody).code]).toEqual([403, 'instrument_licensed']);
    expect(await dumpTables(t.database)).toEqual(before);
  });

  it('consent off records its legal basis; class teachers cannot create campaigns', async () => {
    const c = await createCampaign(t.app, a.secret, s.schoolId, {
      consentRequired: false,
      legalBasis: '《未成年人保护法》第三十条: school mental-health screening',
    });
    expect(c.legalBasis).toContain('未成年人保护法');
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/campaigns',
      headers: withKey(who['tea-1']!.headers),
      payload: campaignBody(s.schoolId),
    });
    expect(res.statusCode).toBe(403);
  });

  it('bad input leaves every table unchanged', async () => {
    await expectBadInputRejected(t.app, t.database, {
      method: 'POST',
      url: '/v1/campaigns',
      headers: bearer(a.secret),
      valid: campaignBody(s.schoolId),
      wrongTypes: { ...campaignBody(s.schoolId), instruments: 'phq-a' },
    });
  });

  it('eligibility before question 1: consent, window, already submitted', async () => {
    const el = async (u: string) =>
      (
        await t.app.inject({
          method: 'GET',
          url: `/v1/campaigns/${campaign.id}/eligibility`,
          headers: who[u]!.headers,
        })
      ).json() as Eligibility;
    expect(await el('stu-1')).toMatchObject({
      eligible: true,
      reasons: [],
      instruments: ['phq-a', 'gad-7'],
    });
    const noConsent = await session(t.app, a.secret, 's08');
    const e2 = (
      await t.app.inject({
        method: 'GET',
        url: `/v1/campaigns/${campaign.id}/eligibility`,
        headers: noConsent.headers,
      })
    ).json() as Eligibility;
    expect(e2).toMatchObject({
      eligible: false,
      reasons: ['consent_required'],
      missingConsents: ['guardian', 'health_data'],
    });
  });
});

describe('screenings and the four-level network', () => {
  it('none: a supportive message, no tier, no alert', async () => {
    const res = await submit('s01', answers.none());
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json() as ScreeningReceipt;
    expect(body.tier).toBeUndefined();
    expect(body.studentMessage.length).toBeGreaterThan(10);
    expect(await alertOf(who['s01']!.id)).toEqual([]);
  });

  it('attention: on the counsellor review list only, due in 5 school days, no push', async () => {
    expect((await submit('s02', answers.attention())).statusCode).toBe(201);
    const [al] = await alertOf(who['s02']!.id);
    expect(al).toMatchObject({ tier: 'attention', recipients: [] });
    // Tue 09:00 + 5 school days (10 h each) = next Tue 09:00 Shanghai
    expect(al!.dueAt).toBe('2026-09-08T01:00:00.000Z');
    expect(((await alertsFor('tea-1')).data as Alert[]).some((x) => x.id === al!.id)).toBe(false);
  });

  it('high (PHQ-A ≥ 11): class teacher + counsellor, due 1 school day', async () => {
    expect((await submit('s03', answers.high())).statusCode).toBe(201);
    const [al] = await alertOf(who['s03']!.id);
    expect(al!.tier).toBe('high');
    expect(recipients(al!)).toEqual(
      [`class_teacher:${who['tea-1']!.id}@0`, `counsellor:${who['cou-1']!.id}@0`].sort(),
    );
    expect(al!.dueAt).toBe('2026-09-02T01:00:00.000Z');
  });

  it('high from a positive ASQ is due the same school day', async () => {
    expect((await submit('s04', answers.item9AsqNonAcute())).statusCode).toBe(201);
    const als = await alertOf(who['s04']!.id);
    expect(als).toHaveLength(1); // the early signal and the screening make one alert
    expect(als[0]).toMatchObject({ tier: 'high', dueAt: '2026-09-01T09:30:00.000Z' });
  });

  it('item 9 without the ASQ: follow_up_missing, treated as high, the form is told to insert the ASQ', async () => {
    const res = await submit('s05', answers.item9Only());
    expect(res.statusCode).toBe(201);
    expect((res.json() as ScreeningReceipt).followUp).toEqual(['asq']);
    const [al] = await alertOf(who['s05']!.id);
    expect(al!.tier).toBe('high');
  });

  it('an empty class-teacher role passes the alert to the grade leader at once', async () => {
    expect((await submit('stu-3', answers.high())).statusCode).toBe(201);
    const [al] = await alertOf(who['stu-3']!.id);
    expect(recipients(al!)).toEqual(
      [`counsellor:${who['cou-1']!.id}@0`, `grade_leader:${who['tea-2']!.id}:gap@0`].sort(),
    );
  });

  it('critical at 22:30: class teacher, counsellor, school admin and on-call at once, due in 10 minutes; escalates grade leader → school admin → district', async () => {
    clock.set('2026-09-01T14:30:00Z'); // 22:30 in Shanghai
    await refresh();
    const res = await submit('s06', answers.asqAcute());
    expect(res.statusCode, res.body).toBe(201);
    const als = await alertOf(who['s06']!.id);
    expect(als).toHaveLength(1);
    const al = als[0]!;
    expect(al).toMatchObject({ tier: 'critical', dueAt: '2026-09-01T14:40:00.000Z', level: 0 });
    expect(recipients(al)).toEqual(
      [
        `class_teacher:${who['tea-1']!.id}@0`,
        `counsellor:${who['cou-1']!.id}@0`,
        `school_admin:${who['adm-1']!.id}@0`,
        `on_call:${who['cou-1']!.id}@0`,
      ].sort(),
    );
    // the grade leader does not see it until it is escalated to them
    expect(((await alertsFor('tea-2')).data as Alert[]).some((x) => x.id === al.id)).toBe(false);
    clock.advance(9 * 60_000);
    expect(await runEscalations(t.database.db, clock.now())).not.toContain(al.id);
    clock.advance(2 * 60_000);
    expect(await runEscalations(t.database.db, clock.now())).toContain(al.id);
    expect(((await alertsFor('tea-2')).data as Alert[]).find((x) => x.id === al.id)?.level).toBe(1);
    clock.advance(10 * 60_000);
    expect(await runEscalations(t.database.db, clock.now())).toContain(al.id);
    // the district sees an identity-free count only
    clock.advance(10 * 60_000);
    expect(await runEscalations(t.database.db, clock.now())).toContain(al.id);
    await refresh();
    const d = await alertsFor('d-admin-1');
    expect(d).toEqual({
      data: [],
      nextCursor: null,
      identityFreeCounts: { openCritical: 1, overdueCritical: 1 },
    });
    const rows = await t.database.db
      .selectFrom('alert_events')
      .select(['kind', 'level'])
      .where('alert_id', '=', al.id)
      .orderBy('at')
      .orderBy('level')
      .execute();
    expect(rows.map((r) => `${r.kind}@${r.level}`)).toEqual([
      'created@0',
      'escalated@1',
      'escalated@2',
      'district_notified@3',
    ]);
    // acknowledging stops it; the job has nothing more to do
    const ack = await t.app.inject({
      method: 'POST',
      url: `/v1/alerts/${al.id}/acknowledge`,
      headers: withKey(who['cou-1']!.headers),
      payload: {},
    });
    expect(ack.statusCode, ack.body).toBe(200);
    expect(ack.json()).toMatchObject({ state: 'acknowledged', acknowledgedBy: who['cou-1']!.id });
    clock.advance(60 * 60_000);
    expect(await runEscalations(t.database.db, clock.now())).not.toContain(al.id);
    await refresh();
    expect((await alertsFor('d-admin-1')).identityFreeCounts).toEqual({
      openCritical: 0,
      overdueCritical: 0,
    });
    clock.set('2026-09-01T01:00:00Z');
    await refresh();
  });

  it('an acknowledged alert does not escalate; a volunteer or a teacher of another class cannot acknowledge', async () => {
    const [al] = await alertOf(who['s03']!.id);
    const vol = await t.app.inject({
      method: 'POST',
      url: `/v1/alerts/${al!.id}/acknowledge`,
      headers: withKey(who['vol-1']!.headers),
      payload: {},
    });
    expect(vol.statusCode).toBe(403);
    const ok = await t.app.inject({
      method: 'POST',
      url: `/v1/alerts/${al!.id}/acknowledge`,
      headers: withKey(who['tea-1']!.headers),
      payload: {},
    });
    expect(ok.statusCode).toBe(200);
    clock.set('2026-09-03T01:00:00Z');
    const escalated = await runEscalations(t.database.db, clock.now());
    expect(escalated).not.toContain(al!.id);
    clock.set('2026-09-01T01:00:00Z');
    await refresh();
  });

  it('alerts are scoped: the portal key sees ids only; students and volunteers none', async () => {
    const portal = await t.app.inject({
      method: 'GET',
      url: '/v1/alerts',
      headers: bearer(a.secret),
    });
    const first = (portal.json() as AlertList).data[0] as Record<string, unknown>;
    expect(Object.keys(first).sort()).toEqual(['createdAt', 'id', 'orgUnitId', 'state']);
    for (const u of ['stu-1', 'vol-1', 'par-1']) {
      expect(
        (await t.app.inject({ method: 'GET', url: '/v1/alerts', headers: who[u]!.headers }))
          .statusCode,
      ).toBe(403);
    }
  });

  it('one alert by id: in scope for its class teacher (zh-CN action by default, en on request); 403 for students', async () => {
    const list = (
      await t.app.inject({ method: 'GET', url: '/v1/alerts', headers: who['tea-1']!.headers })
    ).json() as AlertList;
    const al = list.data[0] as Alert;
    const one = await t.app.inject({
      method: 'GET',
      url: `/v1/alerts/${al.id}`,
      headers: who['tea-1']!.headers,
    });
    expect(one.statusCode, one.body).toBe(200);
    expect((one.json() as Alert).id).toBe(al.id);
    expect((one.json() as Alert).recommendedAction).toMatch(/[\u4e00-\u9fff]/);
    const en = await t.app.inject({
      method: 'GET',
      url: `/v1/alerts/${al.id}`,
      headers: { ...who['tea-1']!.headers, 'accept-language': 'en' },
    });
    expect((en.json() as Alert).recommendedAction).toMatch(/^[\x20-\x7e]+$/);
    const student = await t.app.inject({
      method: 'GET',
      url: `/v1/alerts/${al.id}`,
      headers: who['stu-1']!.headers,
    });
    expect(student.statusCode).toBe(403);
  });

  it('idempotent replay: same key + body → stored response; another body → 422; second screening → 409 already_submitted', async () => {
    const key = 'replay-key-0001';
    const first = await submit('s07', answers.none(), key);
    expect(first.statusCode).toBe(201);
    const again = await submit('s07', answers.none(), key);
    expect([again.statusCode, again.headers['idempotent-replayed'], again.body]).toEqual([
      201,
      'true',
      first.body,
    ]);
    const other = await submit('s07', answers.high(), key);
    expect([other.statusCode, (other.json() as ErrorBody).code]).toEqual([
      422,
      'idempotency_key_reused',
    ]);
    const second = await submit('s07', answers.none());
    expect([
      second.statusCode,
      (second.json() as ErrorBody).code,
      (second.json() as ErrorBody).details?.screeningId,
    ]).toEqual([409, 'already_submitted', (first.json() as ScreeningReceipt).id]);
  });

  it('coverage per class, grade and school', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/v1/campaigns/${campaign.id}/coverage`,
      headers: who['cou-1']!.headers,
    });
    expect(res.statusCode, res.body).toBe(200);
    const school = (res.json() as CampaignCoverage).rows.find((r) => r.kind === 'school')!;
    expect(school.enrolled).toBe(13);
    expect(school.screened).toBe(8);
  });

  it('answers are stored sealed, and the submission is audited', async () => {
    const rows = await t.database.db.selectFrom('screenings').select(['answers_enc']).execute();
    for (const r of rows)
      expect(Buffer.from(r.answers_enc).toString('utf8')).not.toContain('phq-a');
    const audits = await t.database.db
      .selectFrom('audit_log')
      .select('purpose')
      .where('purpose', '=', 'screening_submit')
      .execute();
    expect(audits.length).toBeGreaterThanOrEqual(8);
  });
  it("a guardian's summary of their own child: the screening, no flags, no tier under the default result policy", async () => {
    expect((await submit('stu-1', answers.high())).statusCode).toBe(201);
    const url = `/v1/students/${who['stu-1']!.id}/record`;
    const res = await t.app.inject({ method: 'GET', url, headers: who['par-1']!.headers });
    expect(res.statusCode, res.body).toBe(200);
    const rec = res.json() as StudentRecord;
    expect(rec.screenings).toHaveLength(1);
    expect(rec.screenings[0]).not.toHaveProperty('tier');
    expect(rec.screenings[0]).not.toHaveProperty('flags');
    const teacher = (
      await t.app.inject({ method: 'GET', url, headers: who['tea-1']!.headers })
    ).json() as StudentRecord;
    expect(teacher.screenings[0]).toMatchObject({ tier: 'high' });
  });
});
