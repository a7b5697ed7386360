import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPeople } from '../../src/backend/directory.js';
import { axeViolations, shot, startJourney, type Journey } from './harness.js';

// A guardian signs up for a full parent-school session on the guardian page (the CDN page),
// lands on the waitlist, is promoted when another guardian cancels, and downloads the .ics file.

let journey: Journey;
beforeAll(async () => {
  journey = await startJourney();
});
afterAll(async () => {
  await journey?.close();
});

describe('parent school', () => {
  it('waitlists a guardian for a full session, promotes them on a cancellation, gives the .ics', async () => {
    const schoolId = journey.portal.state.schoolId!;
    const admin = await journey.clientFor(demoPeople.school_admin);
    const day = 24 * 3600_000;
    const startsAt = new Date(journey.clock.now().getTime() + 3 * day);
    const session = await admin.parentSchool.create({
      title: '青春期亲子沟通',
      topic: '青春期亲子沟通',
      speaker: '心理教师 陈老师',
      mode: 'offline',
      place: '示范实验中学 报告厅',
      capacity: 1,
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 90 * 60_000).toISOString(),
      schoolIds: [schoolId],
    });

    // Another family takes the only seat.
    const other = await journey.clientFor('demo-guardian-2');
    const taken = await other.parentSchool.signup(session.id, {
      childStudentId: journey.idOf('demo-student-2'),
      attendeeCount: 1,
    });
    expect(taken.state).toBe('confirmed');

    // The guardian signs up on the page and lands on the waitlist.
    const page = await journey.pageAs(demoPeople.guardian);
    await page.goto(`${journey.portalUrl}/guardian.html`);
    const item = page.locator(
      `xq-parent-school-signup [part="session"][data-session="${session.id}"]`,
    );
    await item.waitFor();
    await item.getByRole('button', { name: '查看详情' }).click();
    await item.getByRole('button', { name: '加入候补' }).click();
    await item.locator('[part="badge"]').getByText('候补第 1 位').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, '50-guardian-waitlisted');

    // The other family cancels: the waitlist moves up at once.
    await other.parentSchool.cancelSignup(session.id, taken.id);
    await page.reload();
    await item.waitFor();
    await item.getByRole('button', { name: '查看详情' }).click();
    await item.locator('[part="badge"]').getByText('已报名').waitFor();
    await shot(page, '51-guardian-promoted');

    // The calendar file.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      item.locator('[part="calendar-link"]').click(),
    ]);
    const ics = await readFile((await download.path())!, 'utf8');
    expect(ics).toContain('BEGIN:VCALENDAR');
    expect(ics).toContain('BEGIN:VEVENT');
    expect(ics).toContain('青春期亲子沟通');
    await page.context().close();

    // Parent-school messages may reach the guardian (by SMS); screening ones never do.
    await journey.portal.inbox.idle();
    const types = journey.portal.inbox.messagesFor(demoPeople.guardian).map((m) => m.webhook.type);
    expect(types.every((t) => t.startsWith('parent_school.'))).toBe(true);
  });
});
