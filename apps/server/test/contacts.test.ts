import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Contact, ContactList } from '@xinqiao/contracts/contacts';
import type { CoverageStats } from '@xinqiao/contracts/stats';
import { createTestApp, testClock, type TestApp } from './support/app.js';
import { expectBadInputRejected } from './support/bad-input.js';
import { seedSchool, type SeededSchool } from './support/fixtures.js';
import { bigRoster, session, withKey, type Session } from './support/pipeline.js';
import { seedTenant } from './support/seed.js';

/**
 * Home visits and mentor meetings for a student without a case: recorded by staff whose
 * case-timeline right reaches the student, listed with the note for counsellors only, audited,
 * and counted in the 统计表's home-visits column.
 */
let t: TestApp;
let s: SeededSchool;
let st: string;
let otherClassStudent: string;
const staff: Record<'teacher' | 'counsellor' | 'admin' | 'volunteer', Session> = {} as never;
const clock = testClock('2026-09-01T06:00:00Z');
const note = '母亲说孩子最近不愿意上学';

beforeAll(async () => {
  t = await createTestApp({ clock });
  const a = await seedTenant(t.database);
  s = await seedSchool(t.app, a.secret, bigRoster(6));
  st = (await session(t.app, a.secret, 's01')).id;
  otherClassStudent = (await session(t.app, a.secret, 'stu-3')).id;
  staff.teacher = await session(t.app, a.secret, 'tea-1');
  staff.counsellor = await session(t.app, a.secret, 'cou-1');
  staff.admin = await session(t.app, a.secret, 'adm-1');
  staff.volunteer = await session(t.app, a.secret, 'vol-1');
}, 120_000);
afterAll(() => t.close());

const record = (who: Session, body: Record<string, unknown>, studentId = st) =>
  t.app.inject({
    method: 'POST',
    url: `/v1/students/${studentId}/contacts`,
    headers: withKey(who.headers),
    payload: body,
  });
const list = (who: Session) =>
  t.app.inject({ method: 'GET', url: `/v1/students/${st}/contacts`, headers: who.headers });

describe('contacts without a case', () => {
  it('the class teacher records a home visit with a note; the student has no case', async () => {
    const res = await record(staff.teacher, {
      kind: 'home_visit',
      at: '2026-09-01T05:00:00Z',
      note,
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      kind: 'home_visit',
      studentId: st,
      recordedBy: { id: staff.teacher.id, role: 'class_teacher' },
      hasNote: true,
    } satisfies Partial<Contact>);
    expect(res.json()).not.toHaveProperty('note');
    const cases = await t.database.db
      .selectFrom('cases')
      .select('id')
      .where('student_id', '=', st)
      .execute();
    expect(cases).toHaveLength(0);
  });

  it('the counsellor reads the note; the teacher and the admin see that there is one, not what it says', async () => {
    expect(
      (await record(staff.counsellor, { kind: 'mentor_meeting', at: '2026-09-01T05:30:00Z' }))
        .statusCode,
    ).toBe(201);
    const forCounsellor = (await list(staff.counsellor)).json() as ContactList;
    expect(forCounsellor.data.map((c) => c.kind)).toEqual(['mentor_meeting', 'home_visit']);
    expect(forCounsellor.data[1]!.note).toBe(note);
    for (const who of [staff.teacher, staff.admin]) {
      const res = await list(who);
      expect(res.statusCode).toBe(200);
      const body = res.json() as ContactList;
      expect(body.data[1]).toMatchObject({ hasNote: true });
      expect(res.body).not.toContain(note);
    }
  });

  it('every list is audited, with whether notes were read', async () => {
    const rows = await t.database.db
      .selectFrom('audit_log')
      .select(['purpose', 'action'])
      .where('resource', '=', 'student_contact')
      .where('subject_id', '=', st)
      .execute();
    expect(rows.filter((r) => r.action === 'read').map((r) => r.purpose)).toEqual(
      expect.arrayContaining(['contact_notes_read', 'contact_list_read']),
    );
    expect(rows.filter((r) => r.action === 'write')).toHaveLength(2);
  });

  it('volunteers (no pairing without a case) are refused; a teacher of another class gets 404', async () => {
    expect(
      (await record(staff.volunteer, { kind: 'mentor_meeting', at: '2026-09-01T05:00:00Z' }))
        .statusCode,
    ).toBe(403);
    expect((await list(staff.volunteer)).statusCode).toBe(403);
    expect(
      (
        await record(
          staff.teacher,
          { kind: 'home_visit', at: '2026-09-01T05:00:00Z' },
          otherClassStudent,
        )
      ).statusCode,
    ).toBe(404);
  });

  it('a visit in the future is refused and nothing is written', async () => {
    const res = await record(staff.teacher, { kind: 'home_visit', at: '2026-09-08T05:00:00Z' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'validation_failed' });
  });

  it('bad input leaves the database unchanged', async () => {
    await expectBadInputRejected(t.app, t.database, {
      method: 'POST',
      url: `/v1/students/${st}/contacts`,
      headers: withKey(staff.teacher.headers),
      valid: { kind: 'home_visit', at: '2026-09-01T05:00:00Z' },
      wrongTypes: { kind: 'phone_call', at: 'yesterday' },
    });
  });

  it('the 统计表 counts the home visit for the class', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/v1/stats/coverage?unitId=${s.schoolId}&from=2026-09-01&to=2026-12-31`,
      headers: staff.counsellor.headers,
    });
    expect(res.statusCode, res.body).toBe(200);
    const rows = (res.json() as CoverageStats).rows;
    expect(rows.find((r) => r.total)!.cells.homeVisits, JSON.stringify(rows)).toBe(1);
  });
});
