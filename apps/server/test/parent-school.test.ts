import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorBody } from '@xinqiao/contracts/errors';
import {
  ParentSchoolAttendeeList,
  ParentSchoolChildren,
  ParentSchoolCoverage,
  ParentSchoolSession,
  ParentSchoolSessionList,
  ParentSchoolSessionView,
  ParentSchoolSignup,
} from '@xinqiao/contracts/parent-school';
import type { RosterSync } from '@xinqiao/contracts/roster';
import type { CoverageStats } from '@xinqiao/contracts/stats';
import { WebhookEnvelope } from '@xinqiao/contracts/webhooks';
import { createTestApp, testClock, type TestApp } from './support/app.js';
import { expectBadInputRejected } from './support/bad-input.js';
import { dumpTables } from './support/dump.js';
import { roster, seedSchool, sentinels, tokenFor, type SeededSchool } from './support/fixtures.js';
import { session, withKey } from './support/pipeline.js';
import { bearer, seedTenant } from './support/seed.js';

/**
 * Parent school end to end: sessions for schools and grades, a guardian's list, signups with a
 * waitlist promoted in the same transaction as a cancellation (with its webhooks in the outbox),
 * one signup per family, check-in by staff, the .ics file, and coverage counted in families.
 */
let t: TestApp;
let s: SeededSchool;
let a: Awaited<ReturnType<typeof seedTenant>>;
let b: Awaited<ReturnType<typeof seedTenant>>;
// Tuesday 2026-09-01 09:00 in Asia/Shanghai
const clock = testClock('2026-09-01T01:00:00Z');
const ids: Record<string, string> = {};

/** The standard school plus a grade 8 (class c8-1, stu-8 of family fam-8) and fam-2 for stu-2. */
function psRoster(): RosterSync {
  const base = roster();
  return {
    ...base,
    grades: [...base.grades, { externalId: 'g8', name: '八年级' }],
    classes: [...base.classes, { externalId: 'c8-1', grade: 'g8', name: '八年级1班' }],
    students: [...base.students, { externalId: 'stu-8', class: 'c8-1' }],
    guardians: [
      ...base.guardians,
      { externalId: 'par-4', family: 'fam-2', students: ['stu-2'] },
      { externalId: 'par-8', family: 'fam-8', students: ['stu-8'] },
    ],
  };
}

/** Fresh credentials for a roster user of tenant A (tokens expire as the clock moves). */
const as = async (user: string) => withKey(bearer(await tokenFor(t.app, a.secret, user)));

const req = async (
  method: 'GET' | 'POST' | 'PATCH',
  url: string,
  headers: Record<string, string>,
  payload?: unknown,
) =>
  t.app.inject({
    method,
    url,
    headers,
    ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}),
  });

const sessionBody = (over: Record<string, unknown> = {}) => ({
  title: '如何与青春期孩子沟通',
  topic: '亲子沟通',
  speaker: '心理教师 陈老师',
  mode: 'offline',
  place: '学校报告厅',
  capacity: 2,
  // 19:00–20:30 in Shanghai
  startsAt: '2026-10-10T11:00:00Z',
  endsAt: '2026-10-10T12:30:00Z',
  schoolIds: [s.schoolId],
  ...over,
});

async function createSession(over: Record<string, unknown> = {}, who?: Record<string, string>) {
  const res = await req(
    'POST',
    '/v1/parent-school/sessions',
    who ?? bearer(a.secret),
    sessionBody(over),
  );
  expect(res.statusCode, res.body).toBe(201);
  return ParentSchoolSession.parse(res.json());
}

async function signup(user: string, sessionId: string, child: string, attendeeCount = 1) {
  return req('POST', `/v1/parent-school/sessions/${sessionId}/signups`, await as(user), {
    childStudentId: ids[child],
    attendeeCount,
  });
}

/** Every table but the idempotency records (minting a token is a POST with a key). */
const dump = async () => {
  const { idempotency_keys: _k, ...rest } = await dumpTables(t.database);
  void _k;
  return rest;
};

const outbox = async () =>
  (
    await t.database.db
      .selectFrom('webhook_outbox')
      .select(['type', 'payload'])
      .orderBy('id')
      .execute()
  ).map((r) => ({ type: r.type, envelope: WebhookEnvelope.parse(JSON.parse(r.payload)) }));

beforeAll(async () => {
  t = await createTestApp({ clock });
  a = await seedTenant(t.database);
  b = await seedTenant(t.database, { name: 'B' });
  s = await seedSchool(t.app, a.secret, psRoster());
  await seedSchool(t.app, b.secret);
  // Events are only queued for tenants with a webhook URL.
  await t.database.db
    .updateTable('tenants')
    .set({ webhook_url: 'https://portal.example.cn/hooks' })
    .where('id', '=', a.tenantId)
    .execute();
  for (const u of ['stu-1', 'stu-2', 'stu-3', 'stu-8', 'par-1', 'par-2', 'par-3', 'par-4', 'par-8'])
    ids[u] = (await session(t.app, a.secret, u)).id;
}, 240_000);
afterAll(() => t.close());

let small: ParentSchoolSession;
let grade8: ParentSchoolSession;
let otherSchool: ParentSchoolSession;

describe('sessions', () => {
  it('a school admin creates a session for their school; the shape is checked', async () => {
    small = await createSession({}, await as('adm-1'));
    expect(small).toMatchObject({
      status: 'scheduled',
      capacity: 2,
      seatsTaken: 0,
      seatsLeft: 2,
      waitlisted: 0,
      schoolIds: [s.schoolId],
      gradeIds: [],
      place: '学校报告厅',
      link: null,
    });
    const adm = await as('adm-1');
    const noPlace = await req('POST', '/v1/parent-school/sessions', adm, {
      ...sessionBody(),
      place: undefined,
    });
    expect(noPlace.statusCode).toBe(400);
    expect((noPlace.json() as ErrorBody).details).toMatchObject({
      issues: [{ path: ['place'] }],
    });
    const backwards = await req('POST', '/v1/parent-school/sessions', await as('adm-1'), {
      ...sessionBody(),
      endsAt: '2026-10-10T10:00:00Z',
    });
    expect(backwards.statusCode).toBe(400);
    // a grade of no target school
    const wrongGrade = await req('POST', '/v1/parent-school/sessions', await as('adm-1'), {
      ...sessionBody(),
      schoolIds: [s.otherSchoolId],
      gradeIds: [s.unit('g8')],
    });
    expect(wrongGrade.statusCode).toBe(403); // school-1's admin does not manage school-2
    const wrongGradeKey = await req('POST', '/v1/parent-school/sessions', bearer(a.secret), {
      ...sessionBody(),
      schoolIds: [s.otherSchoolId],
      gradeIds: [s.unit('g8')],
    });
    expect(wrongGradeKey.statusCode).toBe(400);
  });

  it('targets grades; only admins and counsellors of every target school (or the key) manage', async () => {
    grade8 = await createSession(
      {
        title: '初二家长会',
        mode: 'online',
        place: undefined,
        link: 'https://meeting.example.cn/g8',
        capacity: 50,
        gradeIds: [s.unit('g8')],
        startsAt: '2026-10-12T11:00:00Z',
        endsAt: '2026-10-12T12:00:00Z',
      },
      await as('cou-1'),
    );
    expect(grade8).toMatchObject({ mode: 'online', place: null, gradeIds: [s.unit('g8')] });
    otherSchool = await createSession({ schoolIds: [s.otherSchoolId], capacity: 30 });
    for (const user of ['tea-1', 'tea-2', 'par-1', 'stu-1', 'd-admin-1']) {
      const res = await req('POST', '/v1/parent-school/sessions', await as(user), sessionBody());
      expect(res.statusCode, user).toBe(403);
    }
    // another tenant's key does not know tenant A's school
    expect(
      (await req('POST', '/v1/parent-school/sessions', bearer(b.secret), sessionBody())).statusCode,
    ).toBe(404);
  });
});

describe("a guardian's view", () => {
  it("lists the guardian's children with names and units", async () => {
    const res = await req('GET', '/v1/parent-school/children', await as('par-1'));
    expect(res.statusCode, res.body).toBe(200);
    expect(ParentSchoolChildren.parse(res.json()).data).toEqual([
      {
        studentId: ids['stu-1'],
        displayName: sentinels.studentName,
        schoolId: s.schoolId,
        schoolName: '第一中学',
        gradeId: s.unit('g7'),
        gradeName: '七年级',
        classId: s.unit('c7-1'),
        className: '七年级1班',
      },
    ]);
    expect((await req('GET', '/v1/parent-school/children', await as('tea-1'))).statusCode).toBe(
      403,
    );
  });

  it("lists the sessions for the guardian's children's schools and grades, with filters", async () => {
    const list = async (user: string, query = '') => {
      const res = await req('GET', `/v1/parent-school/sessions${query}`, await as(user));
      expect(res.statusCode, res.body).toBe(200);
      return ParentSchoolSessionList.parse(res.json());
    };
    const p1 = await list('par-1');
    expect(p1.data.map((x) => x.id)).toEqual([small.id]);
    expect(p1.data[0]).toMatchObject({ eligibleChildIds: [ids['stu-1']], mySignups: [] });
    const p8 = await list('par-8');
    expect(p8.data.map((x) => x.id)).toEqual([small.id, grade8.id]);
    expect((await list('par-8', '?mode=online')).data.map((x) => x.id)).toEqual([grade8.id]);
    expect((await list('par-8', `?gradeId=${s.unit('g7')}`)).data.map((x) => x.id)).toEqual([
      small.id,
    ]);
    // staff see their school's sessions; the portal every session
    expect((await list('tea-1')).data.map((x) => x.id)).toEqual([small.id, grade8.id]);
    const portal = ParentSchoolSessionList.parse(
      (await req('GET', '/v1/parent-school/sessions', bearer(a.secret))).json(),
    );
    expect(portal.data.map((x) => x.id).sort()).toEqual(
      [small.id, grade8.id, otherSchool.id].sort(),
    );
    // pages
    const page1 = ParentSchoolSessionList.parse(
      (await req('GET', '/v1/parent-school/sessions?limit=1', bearer(a.secret))).json(),
    );
    expect(page1.data).toHaveLength(1);
    const page2 = ParentSchoolSessionList.parse(
      (
        await req(
          'GET',
          `/v1/parent-school/sessions?limit=1&cursor=${page1.nextCursor}`,
          bearer(a.secret),
        )
      ).json(),
    );
    expect(page2.data[0]!.id).not.toBe(page1.data[0]!.id);
    expect(
      (await req('GET', '/v1/parent-school/sessions?cursor=garbage', bearer(a.secret))).statusCode,
    ).toBe(400);
  });

  it("a session for none of the guardian's children is not found", async () => {
    expect(
      (await req('GET', `/v1/parent-school/sessions/${otherSchool.id}`, await as('par-1')))
        .statusCode,
    ).toBe(404);
    expect(
      (await req('GET', `/v1/parent-school/sessions/${grade8.id}`, await as('par-1'))).statusCode,
    ).toBe(404);
    expect(
      (await req('GET', `/v1/parent-school/sessions/${small.id}`, bearer(b.secret))).statusCode,
    ).toBe(404);
  });
});

let s1: ParentSchoolSignup;
let s3: ParentSchoolSignup;
let s4: ParentSchoolSignup;
let s8: ParentSchoolSignup;

describe('signups and the waitlist', () => {
  it('confirms while seats last, then waitlists with a position', async () => {
    const r1 = await signup('par-1', small.id, 'stu-1', 2);
    expect(r1.statusCode, r1.body).toBe(201);
    s1 = ParentSchoolSignup.parse(r1.json());
    expect(s1).toMatchObject({
      state: 'confirmed',
      waitlistPosition: null,
      attendeeCount: 2,
      childStudentId: ids['stu-1'],
    });
    s3 = ParentSchoolSignup.parse((await signup('par-3', small.id, 'stu-3')).json());
    s4 = ParentSchoolSignup.parse((await signup('par-4', small.id, 'stu-2')).json());
    s8 = ParentSchoolSignup.parse((await signup('par-8', small.id, 'stu-8')).json());
    expect([s3, s4, s8].map((x) => [x.state, x.waitlistPosition])).toEqual([
      ['waitlisted', 1],
      ['waitlisted', 2],
      ['waitlisted', 3],
    ]);
    const view = ParentSchoolSessionView.parse(
      (await req('GET', `/v1/parent-school/sessions/${small.id}`, await as('par-4'))).json(),
    );
    expect(view).toMatchObject({ seatsTaken: 2, seatsLeft: 0, waitlisted: 3 });
    expect(view.mySignups).toEqual([s4]);
    // the family's other guardian sees the family's signup too
    const byPar2 = ParentSchoolSessionView.parse(
      (await req('GET', `/v1/parent-school/sessions/${small.id}`, await as('par-2'))).json(),
    );
    expect(byPar2.mySignups.map((x) => x.id)).toEqual([s1.id]);
    const events = await outbox();
    expect(events.filter((e) => e.type === 'parent_school.signup.created')).toHaveLength(4);
  });

  it('one active signup per family: the other guardian of the family gets 409', async () => {
    const before = await dump();
    const res = await signup('par-2', small.id, 'stu-1');
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({
      code: 'conflict',
      details: { reason: 'family_already_signed_up', signupId: s1.id },
    });
    expect((await signup('par-1', small.id, 'stu-1')).statusCode).toBe(409);
    expect(await dump()).toEqual(before);
  });

  it("another family's child, another school's session, another tenant: refused, nothing written", async () => {
    const before = await dump();
    // par-1 names stu-3 (fam-3's child)
    const other = await signup('par-1', small.id, 'stu-3');
    expect(other.statusCode).toBe(404);
    // a session for school-2
    expect((await signup('par-1', otherSchool.id, 'stu-1')).statusCode).toBe(404);
    // a grade-8 session for a grade-7 child: not theirs to see
    expect((await signup('par-1', grade8.id, 'stu-1')).statusCode).toBe(404);
    // tenant B's guardian 'par-1' on tenant A's session and child
    const bGuardian = withKey(bearer(await tokenFor(t.app, b.secret, 'par-1')));
    const cross = await req('POST', `/v1/parent-school/sessions/${small.id}/signups`, bGuardian, {
      childStudentId: ids['stu-1'],
      attendeeCount: 1,
    });
    expect(cross.statusCode).toBe(404);
    // staff cannot sign up
    expect(
      (
        await req('POST', `/v1/parent-school/sessions/${small.id}/signups`, await as('cou-1'), {
          childStudentId: ids['stu-1'],
          attendeeCount: 1,
        })
      ).statusCode,
    ).toBe(403);
    expect(await dump()).toEqual(before);
  });

  it('check-in does not open days ahead', async () => {
    const res = await req(
      'POST',
      `/v1/parent-school/sessions/${small.id}/signups/${s1.id}/check-in`,
      await as('cou-1'),
      {},
    );
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ details: { reason: 'check_in_not_open' } });
  });
});

describe('cancellation promotes the waitlist in the same transaction', () => {
  it("the family's other guardian cancels; the waitlist moves up; events are queued", async () => {
    const before = (await outbox()).length;
    const res = await req(
      'POST',
      `/v1/parent-school/sessions/${small.id}/signups/${s1.id}/cancel`,
      await as('par-2'),
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(ParentSchoolSignup.parse(res.json())).toMatchObject({ id: s1.id, state: 'cancelled' });
    const view = ParentSchoolSessionView.parse(
      (await req('GET', `/v1/parent-school/sessions/${small.id}`, await as('par-8'))).json(),
    );
    // two seats freed: fam-3 and fam-2 (one each) go ahead, fam-8 is now first in line
    expect(view).toMatchObject({ seatsTaken: 2, seatsLeft: 0, waitlisted: 1 });
    expect(view.mySignups.map((x) => [x.id, x.state, x.waitlistPosition])).toEqual([
      [s8.id, 'waitlisted', 1],
    ]);
    const events = (await outbox()).slice(before);
    expect(events.map((e) => [e.type, e.envelope.data.signupId])).toEqual([
      ['parent_school.signup.cancelled', s1.id],
      ['parent_school.signup.promoted', s3.id],
      ['parent_school.signup.promoted', s4.id],
    ]);
    // ids only
    expect(Object.keys(events[1]!.envelope.data).sort()).toEqual([
      'orgUnitId',
      'recipientUserIds',
      'sessionId',
      'signupId',
    ]);
    expect(events[1]!.envelope.data.recipientUserIds).toEqual([ids['par-3']]);
    // repeating the cancel answers the cancelled signup, with no second event
    const again = await req(
      'POST',
      `/v1/parent-school/sessions/${small.id}/signups/${s1.id}/cancel`,
      await as('par-1'),
      {},
    );
    expect(again.statusCode).toBe(200);
    expect((await outbox()).length).toBe(before + 3);
  });

  it('another family, a class teacher, another tenant: cannot cancel a signup', async () => {
    const url = `/v1/parent-school/sessions/${small.id}/signups/${s4.id}/cancel`;
    expect((await req('POST', url, await as('par-3'))).statusCode).toBe(404);
    expect((await req('POST', url, await as('tea-1'))).statusCode).toBe(403);
    expect(
      (
        await req(
          'POST',
          `/v1/parent-school/sessions/${small.id}/signups/${s4.id}/cancel`,
          withKey(bearer(await tokenFor(t.app, b.secret, 'adm-1'))),
        )
      ).statusCode,
    ).toBe(404);
  });

  it('raising the capacity promotes; lowering it below the confirmed seats is a conflict', async () => {
    const adm = await as('adm-1');
    const low = await req('PATCH', `/v1/parent-school/sessions/${small.id}`, adm, { capacity: 1 });
    expect(low.statusCode).toBe(409);
    const up = await req('PATCH', `/v1/parent-school/sessions/${small.id}`, await as('adm-1'), {
      capacity: 3,
    });
    expect(up.statusCode, up.body).toBe(200);
    expect(ParentSchoolSession.parse(up.json())).toMatchObject({
      capacity: 3,
      seatsTaken: 3,
      waitlisted: 0,
    });
    const last = (await outbox()).at(-1)!;
    expect([last.type, last.envelope.data.signupId]).toEqual([
      'parent_school.signup.promoted',
      s8.id,
    ]);
  });
});

describe('cancelling a session', () => {
  it('cancels every active signup with it; no new signups; guardians still see it', async () => {
    const cx = await createSession({ title: '将被取消', capacity: 5 });
    const r3 = ParentSchoolSignup.parse((await signup('par-3', cx.id, 'stu-3')).json());
    // the school's counsellor may cancel a family's signup (the family phoned)
    const r4 = ParentSchoolSignup.parse((await signup('par-4', cx.id, 'stu-2')).json());
    const byStaff = await req(
      'POST',
      `/v1/parent-school/sessions/${cx.id}/signups/${r4.id}/cancel`,
      await as('cou-1'),
    );
    expect(byStaff.statusCode, byStaff.body).toBe(200);
    const before = (await outbox()).length;
    expect(
      (await req('POST', `/v1/parent-school/sessions/${cx.id}/cancel`, await as('tea-1')))
        .statusCode,
    ).toBe(403);
    const res = await req('POST', `/v1/parent-school/sessions/${cx.id}/cancel`, await as('adm-1'));
    expect(res.statusCode, res.body).toBe(200);
    expect(ParentSchoolSession.parse(res.json())).toMatchObject({
      status: 'cancelled',
      seatsTaken: 0,
    });
    expect((await outbox()).slice(before).map((e) => [e.type, e.envelope.data.signupId])).toEqual([
      ['parent_school.signup.cancelled', r3.id],
    ]);
    expect((await signup('par-1', cx.id, 'stu-1')).statusCode).toBe(409);
    const p3 = ParentSchoolSessionView.parse(
      (await req('GET', `/v1/parent-school/sessions/${cx.id}`, await as('par-3'))).json(),
    );
    expect(p3.mySignups[0]!.state).toBe('cancelled');
    // listed for the family that had signed up, not for others
    const ids3 = ParentSchoolSessionList.parse(
      (await req('GET', '/v1/parent-school/sessions', await as('par-3'))).json(),
    ).data.map((x) => x.id);
    const ids1 = ParentSchoolSessionList.parse(
      (await req('GET', '/v1/parent-school/sessions', await as('par-1'))).json(),
    ).data.map((x) => x.id);
    expect(ids3).toContain(cx.id);
    expect(ids1).not.toContain(cx.id);
    expect(
      (await req('PATCH', `/v1/parent-school/sessions/${cx.id}`, await as('adm-1'), { title: 'x' }))
        .statusCode,
    ).toBe(409);
  });
});

describe('calendar file', () => {
  it('is text/calendar with the Shanghai times as instants', async () => {
    const res = await req(
      'GET',
      `/v1/parent-school/sessions/${small.id}/calendar.ics`,
      await as('par-3'),
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('text/calendar');
    // unfold (RFC 5545 §3.1) and read the properties
    const lines = res.body.replace(/\r\n[ \t]/g, '').split('\r\n');
    const prop = (name: string) =>
      lines
        .find((l) => l.startsWith(`${name}:`) || l.startsWith(`${name};`))
        ?.split(':')
        .slice(1)
        .join(':');
    const instant = (v: string) => {
      const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(v)!;
      return new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!));
    };
    const inShanghai = (d: Date) =>
      `${new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 19)}+08:00`;
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(inShanghai(instant(prop('DTSTART')!))).toBe('2026-10-10T19:00:00+08:00');
    expect(inShanghai(instant(prop('DTEND')!))).toBe('2026-10-10T20:30:00+08:00');
    expect(prop('UID')).toBe(`${small.id}@xinqiao`);
    expect(prop('SUMMARY')).toBe('如何与青春期孩子沟通');
    expect(prop('LOCATION')).toBe('学校报告厅');
    expect(prop('STATUS')).toBe('CONFIRMED');
    expect(prop('DESCRIPTION')).toContain('2026-10-10 19:00–20:30（北京时间）');
    expect(
      (
        await req(
          'GET',
          `/v1/parent-school/sessions/${otherSchool.id}/calendar.ics`,
          await as('par-3'),
        )
      ).statusCode,
    ).toBe(404);
  });
});

describe('bad input', () => {
  it('signups: malformed JSON, wrong types, unknown fields, oversized, no or bad credentials', async () => {
    await expectBadInputRejected(t.app, t.database, {
      method: 'POST',
      url: `/v1/parent-school/sessions/${grade8.id}/signups`,
      headers: await as('par-8'),
      valid: { childStudentId: ids['stu-8'], attendeeCount: 1 },
      wrongTypes: { childStudentId: 8, attendeeCount: 'two' },
    });
  });

  it('sessions: the same battery for create and edit', async () => {
    await expectBadInputRejected(t.app, t.database, {
      method: 'POST',
      url: '/v1/parent-school/sessions',
      headers: withKey(bearer(a.secret)),
      valid: sessionBody(),
      wrongTypes: { ...sessionBody(), capacity: '2', schoolIds: s.schoolId },
    });
    await expectBadInputRejected(t.app, t.database, {
      method: 'PATCH',
      url: `/v1/parent-school/sessions/${grade8.id}`,
      headers: bearer(a.secret),
      valid: { title: '新标题' },
      wrongTypes: { capacity: -1, mode: 'hybrid' },
    });
  });

  it('check-in: wrong types and unknown fields; an expired token; nothing written', async () => {
    const before = await dump();
    const url = `/v1/parent-school/sessions/${small.id}/signups/${s3.id}/check-in`;
    const cou = await as('cou-1');
    for (const [payload, code] of [
      [{ attendedCount: 'all' }, 'validation_failed'],
      [{ attendedCount: 99 }, 'validation_failed'],
      [{ everyone: true }, 'validation_failed'],
    ] as const) {
      const res = await req('POST', url, withKey(cou), payload);
      expect([res.statusCode, (res.json() as ErrorBody).code]).toEqual([400, code]);
    }
    const token = await tokenFor(t.app, a.secret, 'par-8', 60);
    clock.advance(61_000);
    try {
      const res = await req(
        'POST',
        `/v1/parent-school/sessions/${grade8.id}/signups`,
        withKey(bearer(token)),
        { childStudentId: ids['stu-8'], attendeeCount: 1 },
      );
      expect([res.statusCode, (res.json() as ErrorBody).code]).toEqual([401, 'token_expired']);
    } finally {
      clock.set('2026-09-01T01:00:00Z');
    }
    expect(await dump()).toEqual(before);
  });
});

describe('check-in, attendees and coverage in families', () => {
  let sa: ParentSchoolSession;
  let sb: ParentSchoolSession;
  let a1: ParentSchoolSignup;
  let a3: ParentSchoolSignup;
  let b2: ParentSchoolSignup;

  it('two guardians of one family at two sessions, a family at one: checked in by staff', async () => {
    sa = await createSession({
      title: '家庭教育促进法解读',
      capacity: 10,
      startsAt: '2026-09-20T11:00:00Z',
      endsAt: '2026-09-20T12:00:00Z',
    });
    sb = await createSession({
      title: '睡眠与手机',
      capacity: 10,
      startsAt: '2026-09-21T11:00:00Z',
      endsAt: '2026-09-21T12:00:00Z',
    });
    a1 = ParentSchoolSignup.parse((await signup('par-1', sa.id, 'stu-1')).json());
    a3 = ParentSchoolSignup.parse((await signup('par-3', sa.id, 'stu-3')).json());
    b2 = ParentSchoolSignup.parse((await signup('par-2', sb.id, 'stu-1', 2)).json());
    expect([a1.state, a3.state, b2.state]).toEqual(['confirmed', 'confirmed', 'confirmed']);

    clock.set('2026-09-20T10:30:00Z'); // 18:30 in Shanghai, half an hour before the start
    const checkin = async (user: string, session: string, signupId: string, body?: object) =>
      req(
        'POST',
        `/v1/parent-school/sessions/${session}/signups/${signupId}/check-in`,
        await as(user),
        body,
      );
    // the class teacher of c7-1 does not reach a c7-2 family; guardians never check in
    expect((await checkin('tea-1', sa.id, a3.id)).statusCode).toBe(404);
    expect((await checkin('par-3', sa.id, a3.id)).statusCode).toBe(403);
    const ok1 = await checkin('tea-1', sa.id, a1.id, {});
    expect(ok1.statusCode, ok1.body).toBe(200);
    expect(ParentSchoolSignup.parse(ok1.json())).toMatchObject({
      checkedInAt: '2026-09-20T10:30:00.000Z',
      attendedCount: 1,
    });
    const ok3 = await checkin('tea-2', sa.id, a3.id, { attendedCount: 1 });
    expect(ok3.statusCode, ok3.body).toBe(200);
    expect((await checkin('cou-1', sa.id, a3.id)).statusCode).toBe(409);
    // once started: no more signups, no cancelling
    clock.set('2026-09-20T11:10:00Z');
    expect((await signup('par-4', sa.id, 'stu-2')).statusCode).toBe(409);
    expect(
      (
        await req(
          'POST',
          `/v1/parent-school/sessions/${sa.id}/signups/${a1.id}/cancel`,
          await as('par-1'),
        )
      ).statusCode,
    ).toBe(409);

    clock.set('2026-09-21T10:45:00Z');
    expect((await checkin('adm-1', sb.id, b2.id)).statusCode).toBe(200);
    clock.set('2026-09-22T01:00:00Z');
  });

  it("attendee lists follow the staff member's reach, with names, and are audited", async () => {
    const tea = ParentSchoolAttendeeList.parse(
      (await req('GET', `/v1/parent-school/sessions/${sa.id}/signups`, await as('tea-1'))).json(),
    );
    expect(tea.data.map((x) => x.id)).toEqual([a1.id]);
    expect(tea.data[0]).toMatchObject({
      guardianId: ids['par-1'],
      guardianName: sentinels.guardianName,
      childName: sentinels.studentName,
      classId: s.unit('c7-1'),
    });
    const cou = ParentSchoolAttendeeList.parse(
      (await req('GET', `/v1/parent-school/sessions/${sa.id}/signups`, await as('cou-1'))).json(),
    );
    expect(cou.data.map((x) => x.id)).toEqual([a1.id, a3.id]);
    expect(
      (await req('GET', `/v1/parent-school/sessions/${sa.id}/signups`, await as('par-1')))
        .statusCode,
    ).toBe(403);
    const audits = await t.database.db
      .selectFrom('audit_log')
      .select(['purpose', 'actor_role', 'school_id'])
      .where('purpose', '=', 'parent_school_attendees_read')
      .orderBy('id')
      .execute();
    expect(audits).toEqual([
      {
        purpose: 'parent_school_attendees_read',
        actor_role: 'class_teacher',
        school_id: s.schoolId,
      },
      { purpose: 'parent_school_attendees_read', actor_role: 'counsellor', school_id: s.schoolId },
    ]);
    const writes = await t.database.db
      .selectFrom('audit_log')
      .select('purpose')
      .where('resource', '=', 'parent_school')
      .where('action', '=', 'write')
      .execute();
    expect(new Set(writes.map((w) => w.purpose))).toEqual(
      new Set(['parent_school_signup', 'parent_school_signup_cancel', 'parent_school_check_in']),
    );
  });

  it('coverage counts families: fam-1 once though two of its guardians came', async () => {
    const res = await req(
      'GET',
      `/v1/parent-school/coverage?orgUnit=${s.schoolId}`,
      await as('adm-1'),
    );
    expect(res.statusCode, res.body).toBe(200);
    const cov = ParentSchoolCoverage.parse(res.json());
    // default period: the two years ending today (Shanghai)
    expect([cov.from, cov.to]).toEqual(['2024-09-23', '2026-09-22']);
    expect(cov.reachedRule).toBe('checked_in');
    // in scope: fam-1 (stu-1), fam-2 (stu-2), fam-3 (stu-3), fam-8 (stu-8); reached: fam-1, fam-3
    expect(cov.rows).toEqual([
      {
        schoolId: s.schoolId,
        externalId: 'school-1',
        name: '第一中学',
        sessionsHeld: 2,
        familiesInScope: 4,
        familiesReached: 2,
        percent: 50,
      },
    ]);
    expect(cov.total).toEqual({
      sessionsHeld: 2,
      familiesInScope: 4,
      familiesReached: 2,
      percent: 50,
    });
    // a period before the sessions reaches nobody
    const early = ParentSchoolCoverage.parse(
      (
        await req(
          'GET',
          `/v1/parent-school/coverage?orgUnit=${s.schoolId}&from=2026-01-01&to=2026-09-19`,
          bearer(a.secret),
        )
      ).json(),
    );
    expect(early.total).toMatchObject({ familiesReached: 0, sessionsHeld: 0 });
    // the district admin of the county; not a class teacher; not another tenant
    const district = await req(
      'GET',
      `/v1/parent-school/coverage?orgUnit=${s.unit('jx-yc-yz')}`,
      await as('d-admin-1'),
    );
    expect(district.statusCode, district.body).toBe(200);
    expect(ParentSchoolCoverage.parse(district.json()).total.familiesReached).toBe(2);
    expect(
      (await req('GET', `/v1/parent-school/coverage?orgUnit=${s.schoolId}`, await as('tea-1')))
        .statusCode,
    ).toBe(403);
    expect(
      (await req('GET', `/v1/parent-school/coverage?orgUnit=${s.schoolId}`, bearer(b.secret)))
        .statusCode,
    ).toBe(404);
    expect(
      (await req('GET', `/v1/parent-school/coverage?orgUnit=${s.unit('c7-1')}`, bearer(a.secret)))
        .statusCode,
    ).toBe(400);
  });

  it('the 统计表 carries sessions held and families reached per class and in total', async () => {
    const res = await req(
      'GET',
      `/v1/stats/coverage?unitId=${s.schoolId}&by=class&from=2026-09-01&to=2026-12-31`,
      await as('cou-1'),
    );
    expect(res.statusCode, res.body).toBe(200);
    const rows = (res.json() as CoverageStats).rows;
    const cells = (ext: string) => {
      const r = rows.find((x) => x.externalId === ext)!;
      return [r.cells.parentSchoolSessions, r.cells.parentSchoolFamilies];
    };
    expect(cells('c7-1')).toEqual([2, 1]); // fam-1
    expect(cells('c7-2')).toEqual([2, 1]); // fam-3
    expect(cells('c8-1')).toEqual([2, 0]);
    expect(cells('school-1')).toEqual([2, 2]);
  });
});
