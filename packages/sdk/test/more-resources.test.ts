import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statsCsvHeader } from '@xinqiao/contracts/stats';
import {
  BadRequestError,
  NotFoundError,
  PermissionDeniedError,
  ResponseValidationError,
  createClient,
  tokenIdentity,
} from '../src/index.js';
import { createServerClient } from '../src/server.js';
import type { XinqiaoServerClient } from '../src/server.js';
import { recordingFetch, seededServer } from './support.js';
import type { Seeded } from './support.js';

let s: Seeded;
let sdk: XinqiaoServerClient;
let stu1: string;

beforeAll(async () => {
  s = await seededServer();
  sdk = createServerClient({ baseUrl: s.server.url, secretKey: s.secretKey });
  stu1 = tokenIdentity(await s.tokenFor('stu-1'))!.subject;
});
afterAll(async () => {
  await s?.server.close();
});

const as = (externalId: string) =>
  createClient({ baseUrl: s.server.url, fetchToken: () => s.tokenFor(externalId) });

describe('hotlines', () => {
  it('lists a unit’s lines with the crisis list; the portal adds, edits and removes local lines', async () => {
    const list = await as('stu-1').hotlines.list({ orgUnit: s.schoolId, audience: 'student' });
    expect(list.crisis.length).toBeGreaterThan(0);
    expect(list.data.length).toBeGreaterThan(0);

    const local = await sdk.hotlines.create({
      orgUnit: s.schoolId,
      kind: 'psychological',
      name: { 'zh-CN': '第一中学心理热线', en: 'School No. 1 counselling line' },
      numbers: [{ dial: '07955551234' }],
      audiences: ['student'],
      schedule: { kind: 'always' },
      verification: {
        status: 'verified',
        checkedOn: '2026-08-30',
        source: { title: 'school notice' },
      },
    });
    const updated = await sdk.hotlines.update(local.id, { numbers: [{ dial: '07955554321' }] });
    expect(updated.numbers[0]?.dial).toBe('07955554321');
    const after = await sdk.hotlines.list({ orgUnit: s.schoolId });
    expect(after.data.map((h) => h.id)).toContain(local.id);
    await sdk.hotlines.remove(local.id);
    await expect(sdk.hotlines.remove(local.id)).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('concerns, cases, student record, stats', () => {
  it('a teacher raises a high concern → a case the counsellor reads and extends', async () => {
    const concern = await as('tea-1').concerns.create({
      studentId: stu1,
      kind: 'classroom_observation',
      tier: 'high',
    });
    expect(concern).toMatchObject({ studentId: stu1, tier: 'high', caseId: expect.any(String) });
    const counsellor = as('cou-1');
    const theCase = await counsellor.cases.get(concern.caseId!);
    expect((await counsellor.cases.list({ state: 'open' })).data.map((c) => c.id)).toContain(
      concern.caseId,
    );
    expect(theCase.id).toBe(concern.caseId);
    const event = await counsellor.cases.addEvent(concern.caseId!, {
      type: 'note',
      visibility: 'counsellor',
      note: 'Talked after class.',
    });
    const timeline = await counsellor.cases.timeline(concern.caseId!);
    expect(timeline.data.map((e) => e.id)).toContain(event.id);
    expect(timeline.data.find((e) => e.id === event.id)).toMatchObject({
      occurredAt: event.at,
      contactKind: null,
    });
    // A home visit written up two days after it happened, and a time in the future refused.
    const twoDaysAgo = new Date(s.server.clock.now().getTime() - 2 * 86_400_000).toISOString();
    const visit = await counsellor.cases.addEvent(concern.caseId!, {
      type: 'home_school_contact',
      visibility: 'guardian',
      occurredAt: twoDaysAgo,
      contactKind: 'home_visit',
    });
    expect(visit).toMatchObject({ occurredAt: twoDaysAgo, contactKind: 'home_visit' });
    const future = new Date(s.server.clock.now().getTime() + 3600_000).toISOString();
    const refused = await counsellor.cases
      .addEvent(concern.caseId!, {
        type: 'home_school_contact',
        visibility: 'guardian',
        occurredAt: future,
      })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(BadRequestError);
    expect(refused).toMatchObject({ status: 422, code: 'occurred_at_out_of_range' });
    await expect(counsellor.students.record(stu1)).resolves.toBeTruthy();
    await expect(as('stu-2').cases.timeline(concern.caseId!)).rejects.toBeInstanceOf(
      PermissionDeniedError,
    );
  });

  it('statistics per unit and period', async () => {
    const table = await sdk.stats.coverage({
      unitId: s.schoolId,
      by: 'class',
      from: '2026-09-01',
      to: '2026-12-31',
    });
    expect(table).toBeTruthy();
  });

  it('the statistics CSV, as text, for the portal and for a school admin in a page', async () => {
    const query = {
      unitId: s.schoolId,
      by: 'class',
      from: '2026-09-01',
      to: '2026-12-31',
    } as const;
    const csv = await sdk.stats.coverageCsv(query);
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe(statsCsvHeader.join(','));
    expect(lines.length).toBeGreaterThan(2);
    // The portal's copy suppresses small cells; the school's own admin sees the counts.
    const own = (await as('adm-1').stats.coverageCsv(query)).split('\r\n');
    expect(own[0]).toBe(lines[0]);
    expect(own).toHaveLength(lines.length);
    await expect(as('stu-1').stats.coverageCsv(query)).rejects.toBeInstanceOf(
      PermissionDeniedError,
    );
  });

  it('a download answered with something else (a captive portal’s page) breaks the contract', async () => {
    const { fetch } = recordingFetch(
      undefined,
      () =>
        new Response('<html>请先登录校园网</html>', { headers: { 'content-type': 'text/html' } }),
    );
    const client = createServerClient({ baseUrl: s.server.url, secretKey: s.secretKey, fetch });
    const err = await client.stats
      .coverageCsv({ unitId: s.schoolId, from: '2026-09-01', to: '2026-12-31' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ResponseValidationError);
    expect((err as ResponseValidationError).message).toContain('text/html, not text/csv');
  });
});

describe('parent school', () => {
  it('the portal schedules a session; a guardian signs up, downloads the .ics and cancels', async (ctx) => {
    // The server's parent-school routes are being added (issue #4): run once they answer.
    const probe = await fetch(`${s.server.url}/v1/parent-school/sessions`, {
      headers: { authorization: `Bearer ${s.secretKey}` },
    });
    if (probe.status === 404) ctx.skip();

    const startsAt = new Date(s.server.clock.now().getTime() + 7 * 86_400_000);
    const endsAt = new Date(startsAt.getTime() + 90 * 60_000);
    const session = await sdk.parentSchool.create({
      title: '青春期亲子沟通',
      topic: '亲子沟通',
      speaker: '王老师',
      mode: 'offline',
      place: '第一中学报告厅',
      capacity: 1,
      startsAt: startsAt.toISOString(),
      endsAt: endsAt.toISOString(),
      schoolIds: [s.schoolId],
    });
    expect(session).toMatchObject({ status: 'scheduled', seatsLeft: 1 });

    const guardian = as('par-1');
    const children = await guardian.parentSchool.children();
    expect(children.data.map((c) => c.studentId)).toEqual([stu1]);
    const listed = await guardian.parentSchool.list();
    expect(listed.data.map((x) => x.id)).toContain(session.id);

    const signup = await guardian.parentSchool.signup(session.id, {
      childStudentId: stu1,
      attendeeCount: 1,
    });
    expect(signup).toMatchObject({ sessionId: session.id, state: 'confirmed' });
    const seen = await guardian.parentSchool.get(session.id);
    expect(seen.mySignups.map((x) => x.id)).toEqual([signup.id]);
    expect(seen.seatsLeft).toBe(0);

    const ics = await guardian.parentSchool.calendar(session.id);
    expect(ics).toMatch(/^BEGIN:VCALENDAR\r?\n/);
    expect(ics).toContain(`${session.id}@xinqiao`);
    expect(await sdk.parentSchool.calendar(session.id)).toContain('BEGIN:VEVENT');

    const attendees = await as('adm-1').parentSchool.attendees(session.id);
    expect(attendees.data.map((a) => a.id)).toEqual([signup.id]);

    const cancelled = await guardian.parentSchool.cancelSignup(session.id, signup.id);
    expect(cancelled.state).toBe('cancelled');
    expect((await sdk.parentSchool.cancelSession(session.id)).status).toBe('cancelled');
    await expect(guardian.parentSchool.calendar('pss_0123456789abcdefghij')).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });
});
