import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert, AlertList } from '@xinqiao/contracts/alerts';
import type {
  Case,
  CaseEvent,
  CaseList,
  CaseTimeline,
  StudentRecord,
} from '@xinqiao/contracts/cases';
import type { Concern } from '@xinqiao/contracts/concerns';
import type { ErrorBody } from '@xinqiao/contracts/errors';
import type { CoverageStats } from '@xinqiao/contracts/stats';
import { StudentExport } from '@xinqiao/contracts/students';
import { createTestApp, testClock, type TestApp } from './support/app.js';
import { expectBadInputRejected } from './support/bad-input.js';
import { dumpTables } from './support/dump.js';
import { seedSchool } from './support/fixtures.js';
import { session, withKey, type Session } from './support/pipeline.js';
import { seedTenant } from './support/seed.js';

/**
 * A concern opens a case; the case is walked through all six stages (parallel, a referral with
 * recorded consent, an approved closure); every read is filtered by role.
 */
let t: TestApp;
let caseId: string;
const clock = testClock('2026-09-01T01:00:00Z');
const who: Record<string, Session> = {};
export const noteSentinel = 'SENTINEL_NOTE_学生说想离开这个世界';

beforeAll(async () => {
  t = await createTestApp({ clock });
  const a = await seedTenant(t.database);
  await seedSchool(t.app, a.secret);
  for (const u of [
    'stu-1',
    'stu-2',
    'stu-3',
    'par-1',
    'par-3',
    'tea-1',
    'tea-2',
    'cou-1',
    'adm-1',
    'vol-1',
  ])
    who[u] = await session(t.app, a.secret, u);
}, 240_000);
afterAll(() => t.close());

const get = async <T>(u: string, url: string, status = 200) => {
  const res = await t.app.inject({ method: 'GET', url, headers: who[u]!.headers });
  expect(res.statusCode, res.body).toBe(status);
  return res.json() as T;
};
const event = (u: string, body: Record<string, unknown>) =>
  t.app.inject({
    method: 'POST',
    url: `/v1/cases/${caseId}/events`,
    headers: withKey(who[u]!.headers),
    payload: body,
  });
const ok = async (u: string, body: Record<string, unknown>) => {
  const res = await event(u, body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as CaseEvent;
};

describe('concerns', () => {
  it('a class teacher raises a high concern: routed to class teacher + counsellor, opens a case that is overdue until someone is named', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/concerns',
      headers: withKey(who['tea-1']!.headers),
      payload: {
        studentId: who['stu-1']!.id,
        kind: 'classroom_observation',
        tier: 'high',
        note: noteSentinel,
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const c = res.json() as Concern;
    expect(c.caseId).toMatch(/^cas_/);
    caseId = c.caseId!;
    const alerts = (await get<AlertList>('cou-1', '/v1/alerts')).data as Alert[];
    const al = alerts.find((x) => x.id === c.alertId)!;
    expect(al.recipients.map((r) => r.role).sort()).toEqual(['class_teacher', 'counsellor']);
    const kase = await get<Case>('cou-1', `/v1/cases/${caseId}`);
    expect(kase).toMatchObject({ state: 'open', overdue: true, responsibleAdults: [] });
    expect(Object.values(kase.stages!).every((st) => st.status === 'open')).toBe(true);
    expect(kase.allowedActions).toEqual(
      expect.arrayContaining([
        'add_event',
        'add_note',
        'request_closure',
        'assign_pairing',
        'refer',
      ]),
    );
  });

  it('a student may raise one about themself; a guardian only about their own child', async () => {
    const self = await t.app.inject({
      method: 'POST',
      url: '/v1/concerns',
      headers: withKey(who['stu-3']!.headers),
      payload: { kind: 'self_referral', tier: 'attention' },
    });
    expect(self.statusCode, self.body).toBe(201);
    const other = await t.app.inject({
      method: 'POST',
      url: '/v1/concerns',
      headers: withKey(who['par-3']!.headers),
      payload: { studentId: who['stu-1']!.id, kind: 'home_visit', tier: 'high' },
    });
    expect(other.statusCode).toBe(404);
  });

  it('bad input leaves every table unchanged', async () => {
    await expectBadInputRejected(t.app, t.database, {
      method: 'POST',
      url: '/v1/concerns',
      headers: withKey(who['tea-1']!.headers),
      valid: { studentId: who['stu-1']!.id, kind: 'classroom_observation', tier: 'high' },
      wrongTypes: { studentId: 1, kind: 'gossip', tier: 'red' },
    });
  });
});

describe('a case through all six stages', () => {
  it('pairing names a responsible adult (no longer overdue) and lets the volunteer see mentor events', async () => {
    const listed = async (u: string) =>
      (await get<CaseList>(u, '/v1/cases?state=open')).data.map((c) => c.id);
    expect(await listed('cou-1')).toContain(caseId);
    expect(await listed('tea-1')).toContain(caseId);
    expect(await listed('par-1')).toContain(caseId);
    expect(await listed('par-3')).not.toContain(caseId);
    expect(await listed('vol-1')).not.toContain(caseId);
    expect(
      (
        await t.app.inject({
          method: 'GET',
          url: `/v1/cases/${caseId}`,
          headers: who['vol-1']!.headers,
        })
      ).statusCode,
    ).toBe(404);
    await ok('cou-1', {
      type: 'pairing_assigned',
      visibility: 'school_staff',
      personId: who['vol-1']!.id,
      pairingKind: 'volunteer',
      stage: { id: 'pairing', state: { status: 'done' } },
    });
    const kase = await get<Case>('cou-1', `/v1/cases/${caseId}`);
    expect(kase.overdue).toBe(false);
    expect(kase.responsibleAdults).toEqual([{ personId: who['vol-1']!.id, kind: 'volunteer' }]);
    expect(await listed('vol-1')).toEqual([caseId]);
    const asMentor = await get<Case>('vol-1', `/v1/cases/${caseId}`);
    expect(asMentor.stages).toBeUndefined();
    await ok('vol-1', {
      type: 'intervention_session',
      visibility: 'mentor',
      stage: { id: 'intervention', state: { status: 'done' } },
    });
    expect(
      (await event('vol-1', { type: 'intervention_session', visibility: 'school_staff' }))
        .statusCode,
    ).toBe(422);
    expect(
      (await event('vol-1', { type: 'note', visibility: 'counsellor', note: 'x' })).statusCode,
    ).toBe(403);
  });

  it('a referral needs recorded consent before it is sent, then runs accepted → completed', async () => {
    const proposed = await ok('cou-1', { type: 'referral_proposed', visibility: 'school_staff' });
    const early = await event('cou-1', {
      type: 'referral_sent',
      visibility: 'school_staff',
      referralId: proposed.id,
    });
    expect([early.statusCode, (early.json() as ErrorBody).details?.reason]).toEqual([
      422,
      'referral_sent_needs_referral_consented',
    ]);
    await ok('cou-1', {
      type: 'referral_consented',
      visibility: 'guardian',
      referralId: proposed.id,
      consentBy: 'guardian',
    });
    await ok('cou-1', {
      type: 'referral_sent',
      visibility: 'school_staff',
      referralId: proposed.id,
    });
    await ok('cou-1', {
      type: 'referral_accepted',
      visibility: 'school_staff',
      referralId: proposed.id,
    });
    await ok('cou-1', {
      type: 'referral_completed',
      visibility: 'school_staff',
      referralId: proposed.id,
      stage: { id: 'referral', state: { status: 'done' } },
    });
  });

  it('the other stages: peer follow-up (class teacher), home-school contact, re-screening; a stage may be not needed with a reason', async () => {
    await ok('tea-1', {
      type: 'peer_follow_up',
      visibility: 'school_staff',
      stage: {
        id: 'peer_follow_up',
        state: { status: 'not_needed', reason: 'student prefers adult support' },
      },
    });
    await ok('cou-1', {
      type: 'home_school_contact',
      visibility: 'guardian',
      stage: { id: 'home_school', state: { status: 'done' } },
    });
    await ok('cou-1', {
      type: 'rescreening',
      visibility: 'school_staff',
      stage: { id: 'assessment', state: { status: 'done' } },
    });
    const first = await ok('cou-1', { type: 'note', visibility: 'counsellor', note: noteSentinel });
    await ok('cou-1', {
      type: 'note',
      visibility: 'counsellor',
      note: 'correction: see previous',
      corrects: first.id,
    });
    expect(
      (await event('tea-1', { type: 'referral_proposed', visibility: 'school_staff' })).statusCode,
    ).toBe(403);
    const stages = (await get<Case>('cou-1', `/v1/cases/${caseId}`)).stages!;
    expect(Object.fromEntries(Object.entries(stages).map(([k, v]) => [k, v.status]))).toEqual({
      assessment: 'done',
      pairing: 'done',
      intervention: 'done',
      peer_follow_up: 'not_needed',
      home_school: 'done',
      referral: 'done',
    });
  });

  it('timelines are filtered by role: notes for counsellors only; guardians see guardian events; class teachers staff events', async () => {
    const full = await get<CaseTimeline>('cou-1', `/v1/cases/${caseId}/timeline`);
    expect(full.data.find((e) => e.type === 'note')?.note).toBe(noteSentinel);
    const teacher = await get<CaseTimeline>('tea-1', `/v1/cases/${caseId}/timeline`);
    expect(
      teacher.data.some((e) => e.type === 'note' || e.visibility === 'counsellor' || 'note' in e),
    ).toBe(false);
    expect(teacher.data.some((e) => e.type === 'peer_follow_up')).toBe(true);
    expect(new Set(teacher.data.map((e) => e.visibility))).toEqual(
      new Set(['school_staff', 'guardian']),
    );
    const guardian = await get<CaseTimeline>('par-1', `/v1/cases/${caseId}/timeline`);
    expect(guardian.data.map((e) => e.type).sort()).toEqual([
      'home_school_contact',
      'referral_consented',
    ]);
    const mentor = await get<CaseTimeline>('vol-1', `/v1/cases/${caseId}/timeline`);
    expect(mentor.data.map((e) => e.type)).toEqual(['intervention_session']);
    expect((await get<Case>('tea-2', `/v1/cases/${caseId}`)).stages).toBeUndefined();
    expect((await get<Case>('tea-1', `/v1/cases/${caseId}`)).stages).toBeDefined();
    expect(
      (
        await t.app.inject({
          method: 'GET',
          url: `/v1/cases/${caseId}`,
          headers: who['par-3']!.headers,
        })
      ).statusCode,
    ).toBe(404);
  });

  it('closure needs approval by another counsellor or a school admin', async () => {
    await ok('cou-1', { type: 'closure_requested', visibility: 'school_staff' });
    const requester = await get<Case>('cou-1', `/v1/cases/${caseId}`);
    expect(requester.allowedActions).not.toContain('approve_closure');
    // a pending request is not offered again, and not for approval to the one who asked
    expect(requester.allowedActions).not.toContain('request_closure');
    expect(requester.allowedEventTypes).not.toContain('closure_requested');
    expect(requester.allowedEventTypes).not.toContain('closure_approved');
    expect(requester.allowedEventTypes).toContain('home_school_contact');
    const self = await event('cou-1', { type: 'closure_approved', visibility: 'school_staff' });
    expect([self.statusCode, (self.json() as ErrorBody).details?.reason]).toEqual([
      403,
      'approver_must_not_be_requester',
    ]);
    const approver = await get<Case>('adm-1', `/v1/cases/${caseId}`);
    expect(approver.allowedActions).toContain('approve_closure');
    expect(approver.allowedEventTypes).toContain('closure_approved');
    await ok('adm-1', { type: 'closure_approved', visibility: 'school_staff' });
    const kase = await get<Case>('cou-1', `/v1/cases/${caseId}`);
    expect(kase).toMatchObject({ state: 'closed', allowedActions: [], allowedEventTypes: [] });
    expect(
      (await event('cou-1', { type: 'note', visibility: 'counsellor', note: 'late' })).statusCode,
    ).toBe(409);
  });

  it('the timeline is append-only in the database', async () => {
    await expect(sql`UPDATE case_events SET type = 'note'`.execute(t.database.db)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`DELETE FROM case_events`.execute(t.database.db)).rejects.toThrow(
      /append-only/,
    );
  });

  it('the student record (一生一档) is filtered by role and audited', async () => {
    const rec = await get<StudentRecord>('tea-1', `/v1/students/${who['stu-1']!.id}/record`);
    expect(rec.cases.map((c) => c.id)).toContain(caseId);
    expect(
      (
        await t.app.inject({
          method: 'GET',
          url: `/v1/students/${who['stu-1']!.id}/record`,
          headers: who['stu-1']!.headers,
        })
      ).statusCode,
    ).toBe(403);
    const audits = await t.database.db
      .selectFrom('audit_log')
      .select(['purpose', 'actor_role'])
      .where('purpose', 'in', ['student_record_read', 'case_timeline_read', 'case_read'])
      .execute();
    expect(new Set(audits.map((x) => x.purpose))).toEqual(
      new Set(['student_record_read', 'case_timeline_read', 'case_read']),
    );
  });

  it('bad input on case events leaves every table unchanged', async () => {
    await expectBadInputRejected(t.app, t.database, {
      method: 'POST',
      url: `/v1/cases/${caseId}/events`,
      headers: withKey(who['cou-1']!.headers),
      valid: { type: 'note', visibility: 'counsellor', note: 'x' },
      wrongTypes: { type: 'gossip', visibility: 'everyone' },
    });
  });
});

describe('when it happened (occurredAt), and how a home–school contact took place (contactKind)', () => {
  // A case of its own (stu-2, class c7-1): the case above is closed by now.
  let kase: string;
  const day = 86_400_000;
  const ago = (ms: number) => new Date(clock.now().getTime() - ms).toISOString();
  const post = (u: string, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
    t.app.inject({
      method: 'POST',
      url: `/v1/cases/${kase}/events`,
      headers: { ...withKey(who[u]!.headers), ...headers },
      payload: body,
    });
  const created = async (u: string, body: Record<string, unknown>) => {
    const res = await post(u, body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as CaseEvent;
  };
  const refused = async (u: string, body: Record<string, unknown>, status: number) => {
    const before = await dumpTables(t.database);
    const res = await post(u, body);
    expect(res.statusCode, res.body).toBe(status);
    expect(await dumpTables(t.database)).toEqual(before); // nothing stored, no audit row
    return res.json() as ErrorBody;
  };
  const timeline = async (u: string) =>
    (await get<CaseTimeline>(u, `/v1/cases/${kase}/timeline`)).data;

  beforeAll(async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/concerns',
      headers: withKey(who['tea-1']!.headers),
      payload: { studentId: who['stu-2']!.id, kind: 'classroom_observation', tier: 'high' },
    });
    expect(res.statusCode, res.body).toBe(201);
    kase = (res.json() as Concern).caseId!;
  });

  it('a home visit two days ago is stored and returned with when it happened and its kind', async () => {
    const occurredAt = ago(2 * day);
    const e = await created('cou-1', {
      type: 'home_school_contact',
      visibility: 'guardian',
      occurredAt,
      contactKind: 'home_visit',
    });
    expect(e).toMatchObject({
      type: 'home_school_contact',
      at: clock.now().toISOString(),
      occurredAt,
      contactKind: 'home_visit',
    });
    const row = await t.database.db
      .selectFrom('case_events')
      .select(['at', 'occurred_at', 'contact_kind'])
      .where('id', '=', e.id)
      .executeTakeFirstOrThrow();
    expect([row.occurred_at?.toISOString(), row.contact_kind]).toEqual([occurredAt, 'home_visit']);
    const read = (await timeline('cou-1')).find((x) => x.id === e.id)!;
    expect(read).toMatchObject({ occurredAt, contactKind: 'home_visit', at: e.at });
    // An offset other than UTC is the same instant (answered in UTC).
    const shanghai = await created('cou-1', {
      type: 'home_school_contact',
      visibility: 'school_staff',
      occurredAt: '2026-08-30T14:00:00+08:00',
      contactKind: 'phone',
    });
    expect(shanghai.occurredAt).toBe('2026-08-30T06:00:00.000Z');
  });

  it('without occurredAt it happened when it was recorded; server-recorded events too; contactKind is null', async () => {
    const e = await created('cou-1', {
      type: 'home_school_contact',
      visibility: 'school_staff',
    });
    expect(e.occurredAt).toBe(e.at);
    expect(e.contactKind).toBeNull();
    const events = await timeline('cou-1');
    const filed = events.find((x) => x.type === 'concern_raised')!;
    expect(filed.occurredAt).toBe(filed.at);
    expect(filed.contactKind).toBeNull();
    expect(events.find((x) => x.id === e.id)).toMatchObject({
      occurredAt: e.at,
      contactKind: null,
    });
    // A clock a little fast (within 5 minutes) is taken as now: never after it was recorded.
    const skewed = await created('cou-1', {
      type: 'intervention_session',
      visibility: 'school_staff',
      occurredAt: new Date(clock.now().getTime() + 2 * 60_000).toISOString(),
    });
    expect(skewed.occurredAt).toBe(skewed.at);
  });

  it('a future time or one more than 30 days before the case opened is refused with its code, nothing stored', async () => {
    const future = await refused(
      'cou-1',
      {
        type: 'home_school_contact',
        visibility: 'guardian',
        occurredAt: new Date(clock.now().getTime() + 6 * 60_000).toISOString(),
        contactKind: 'home_visit',
      },
      422,
    );
    expect(future).toMatchObject({
      code: 'occurred_at_out_of_range',
      message: '发生时间不能晚于现在，也不能早于个案建档前 30 天。',
      details: { field: 'occurredAt', reason: 'occurred_at_in_the_future' },
    });
    const opened = (await get<Case>('cou-1', `/v1/cases/${kase}`)).openedAt;
    const tooOld = await refused(
      'tea-1',
      {
        type: 'peer_follow_up',
        visibility: 'school_staff',
        occurredAt: new Date(Date.parse(opened) - 31 * day).toISOString(),
      },
      422,
    );
    expect(tooOld).toMatchObject({
      code: 'occurred_at_out_of_range',
      details: {
        reason: 'occurred_at_before_case',
        earliest: new Date(Date.parse(opened) - 30 * day).toISOString(),
      },
    });
    // The message follows Accept-Language.
    const en = await post(
      'cou-1',
      { type: 'note', visibility: 'counsellor', note: 'x', occurredAt: '2099-01-01T00:00:00Z' },
      { 'accept-language': 'en' },
    );
    expect((en.json() as ErrorBody).message).toMatch(/cannot be later than now/);
    // 29 days before the case opened is what led up to it: kept.
    const early = await created('tea-1', {
      type: 'peer_follow_up',
      visibility: 'school_staff',
      occurredAt: new Date(Date.parse(opened) - 29 * day).toISOString(),
    });
    expect(Date.parse(early.occurredAt)).toBe(Date.parse(opened) - 29 * day);
  });

  it('contactKind is for home–school contacts only', async () => {
    for (const type of ['intervention_session', 'peer_follow_up'] as const) {
      const body = await refused(
        type === 'peer_follow_up' ? 'tea-1' : 'cou-1',
        { type, visibility: 'school_staff', contactKind: 'phone' },
        422,
      );
      expect(body).toMatchObject({
        code: 'contact_kind_not_allowed',
        details: { field: 'contactKind' },
      });
    }
    for (const contactKind of ['phone', 'school_meeting', 'online'] as const) {
      const e = await created('tea-1', {
        type: 'home_school_contact',
        visibility: 'school_staff',
        contactKind,
      });
      expect(e.contactKind).toBe(contactKind);
    }
    expect(
      (
        await post('cou-1', {
          type: 'home_school_contact',
          visibility: 'guardian',
          contactKind: 'letter',
        })
      ).statusCode,
    ).toBe(400);
    // The database holds the same rule.
    await expect(
      sql`INSERT INTO case_events (id, tenant_id, case_id, type, visibility, at, refs, contact_kind)
        SELECT 'cev_check', tenant_id, id, 'note', 'counsellor', now(), '{}', 'phone'
        FROM cases WHERE id = ${kase}`.execute(t.database.db),
    ).rejects.toThrow(/case_events_contact_kind/);
  });

  it('visibility is unchanged: a class teacher sees the kind and when it happened, never a note', async () => {
    const occurredAt = ago(day + 3 * 3600_000);
    const e = await created('cou-1', {
      type: 'home_school_contact',
      visibility: 'school_staff',
      occurredAt,
      contactKind: 'school_meeting',
    });
    await created('cou-1', {
      type: 'note',
      visibility: 'counsellor',
      note: noteSentinel,
      occurredAt,
    });
    const teacher = await timeline('tea-1');
    expect(teacher.find((x) => x.id === e.id)).toMatchObject({
      occurredAt,
      contactKind: 'school_meeting',
    });
    expect(teacher.some((x) => x.type === 'note' || 'note' in x)).toBe(false);
    expect(new Set(teacher.map((x) => x.visibility))).toEqual(
      new Set(['school_staff', 'guardian']),
    );
    // Still ordered by when each was recorded (append-only), not by when it happened.
    const ids = (await timeline('cou-1')).map((x) => x.id);
    expect(ids).toEqual([...ids].sort());
  });

  it('the 统计表 counts home visits, not calls or meetings, in the period they happened in', async () => {
    const { schoolId } = await get<Case>('cou-1', `/v1/cases/${kase}`);
    const homeVisits = async (from: string, to: string) => {
      const stats = await get<CoverageStats>(
        'cou-1',
        `/v1/stats/coverage?unitId=${schoolId}&from=${from}&to=${to}`,
      );
      return Number(stats.rows.find((r) => r.total)!.cells.homeVisits); // staff view: never suppressed
    };
    const date = (ms: number) => ago(ms).slice(0, 10);
    const all = () => homeVisits('2020-01-01', '2099-12-31');
    const before = await all();
    for (const contactKind of ['phone', 'school_meeting', 'online'] as const) {
      await created('cou-1', {
        type: 'home_school_contact',
        visibility: 'school_staff',
        contactKind,
      });
    }
    expect(await all(), 'calls, meetings and online contacts are not home visits').toBe(before);
    // A home visit 20 days ago (before the case opened; up to 30 days is allowed), written up now.
    expect(await homeVisits(date(21 * day), date(19 * day))).toBe(0);
    await created('cou-1', {
      type: 'home_school_contact',
      visibility: 'guardian',
      contactKind: 'home_visit',
      occurredAt: ago(20 * day),
    });
    expect(await all()).toBe(before + 1);
    expect(await homeVisits(date(21 * day), date(19 * day)), 'counted when it happened').toBe(1);
  });

  it("the student's export has when each event happened and its kind", async () => {
    const data = StudentExport.parse(
      await get<unknown>('adm-1', `/v1/students/${who['stu-2']!.id}/export`),
    );
    const events = data.cases.find((c) => c.id === kase)!.events;
    expect(events.some((x) => x.contactKind === 'home_visit')).toBe(true);
    expect(events.every((x) => Date.parse(x.occurredAt) <= Date.parse(x.at))).toBe(true);
    const visit = events.find((x) => x.contactKind === 'home_visit')!;
    expect(Date.parse(visit.at) - Date.parse(visit.occurredAt)).toBe(2 * day);
  });
});
