import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert } from '@xinqiao/contracts/alerts';
import { demoPeople } from '../../src/backend/directory.js';
import { answers, axeViolations, eventually, shot, startJourney, type Journey } from './harness.js';

// The four-level warning network seen from the portal: a student's critical screening (sent
// through the API with the student's own token), the class teacher's page, the webhook the portal
// receives and forwards, and escalation on the injected clock.

let journey: Journey;
let alert: Alert;
const studentName = '王子涵'; // demo-student-1 in the portal's directory

beforeAll(async () => {
  journey = await startJourney();
  const student = await journey.clientFor(demoPeople.student);
  await student.screenings.create({
    campaignId: journey.portal.state.campaignId!,
    responses: answers.critical(),
  });
  const counsellor = await journey.clientFor(demoPeople.counsellor);
  const list = await counsellor.alerts.list();
  alert = list.data.find(
    (a): a is Alert => 'tier' in a && a.studentId === journey.idOf(demoPeople.student),
  )!;
});
afterAll(async () => {
  await journey?.close();
});

describe('four-level warning network in the portal', () => {
  it('has raised one critical alert for the student', () => {
    expect(alert).toBeDefined();
    expect(alert.tier).toBe('critical');
  });

  it('shows the class teacher the critical alert without answers, and takes the acknowledgement', async () => {
    const page = await journey.pageAs(demoPeople.class_teacher);
    const apiBodies: string[] = [];
    page.on('response', (res) => {
      if (res.url().startsWith(journey.server.url) && res.request().method() !== 'OPTIONS')
        void res.text().then(
          (t) => apiBodies.push(t),
          () => {},
        );
    });
    await page.goto(`${journey.portalUrl}/teacher.html`);
    const row = page.locator(`li.alert[data-alert-id="${alert.id}"]`);
    await row.waitFor();
    await expect(row.getAttribute('data-tier')).resolves.toBe('critical');
    await expect(row.locator('.tier-badge').textContent()).resolves.toBe('红色 · 危急');
    await expect(row.locator('.alert-student').textContent()).resolves.toBe(studentName);
    await shot(page, '10-teacher-critical-alert');

    // No answers anywhere: not in what the API sent this page, not on the page.
    expect(apiBodies.length).toBeGreaterThan(0);
    for (const body of apiBodies) expect(body).not.toMatch(/"answers"|"results"|"itemScores"/);
    const text = await page.locator('main').innerText();
    expect(text).not.toMatch(/q9|PHQ-A 第|作答：/);
    expect(await axeViolations(page)).toEqual([]);

    await row.getByRole('button', { name: '确认收到' }).click();
    const acknowledged = page.locator(
      `li.alert[data-alert-id="${alert.id}"][data-state="acknowledged"]`,
    );
    await acknowledged.waitFor();
    await expect(acknowledged.locator('.acknowledged').textContent()).resolves.toContain('确认');
    await expect(page.locator('#alerts-status').textContent()).resolves.toContain('已确认');
    await shot(page, '11-teacher-acknowledged');
    await page.context().close();
  });

  it('forwards the verified alert.created webhook (ids only) to the on-call counsellor', async () => {
    const onCall = demoPeople.counsellor; // the school's on-call contact in the roster
    const message = await eventually('the counsellor to get a message', () =>
      journey.portal.inbox
        .messagesFor(onCall)
        .find((m) => m.webhook.type === 'alert.created' && m.alertId === alert.id),
    );
    // What came over the wire: ids and the event type, nothing about the student.
    expect(Object.keys(message.webhook.data).sort()).toEqual([
      'alertId',
      'orgUnitId',
      'recipientUserIds',
    ]);
    expect(message.webhook.data.recipientUserIds).toContain(journey.idOf(onCall));
    const raw = JSON.stringify(message.webhook);
    expect(raw).not.toContain(studentName);
    expect(raw).not.toMatch(/critical|asq|answers/);

    const page = await journey.pageAs(onCall);
    await page.goto(`${journey.portalUrl}/counsellor.html`);
    const item = page.locator(
      `#messages-list li.message[data-event-type="alert.created"][data-webhook-id="${message.webhook.id}"]`,
    );
    await item.waitFor();
    // Details fetched with the counsellor's own token.
    await item.locator('.message-detail').getByText(studentName, { exact: false }).waitFor();
    await expect(item.locator('.message-detail').textContent()).resolves.toContain('红色');
    await item.locator('summary').click();
    await expect(item.locator('summary').textContent()).resolves.toContain('签名已验证');
    await expect(item.locator('code[data-key="alertId"]').textContent()).resolves.toBe(alert.id);
    await shot(page, '12-counsellor-messages-webhook');
    await page.context().close();
  });

  it('messages the class teacher too, and never the guardian', async () => {
    await journey.portal.inbox.idle();
    expect(
      journey.portal.inbox
        .messagesFor(demoPeople.class_teacher)
        .some((m) => m.alertId === alert.id && m.webhook.type === 'alert.created'),
    ).toBe(true);
    expect(journey.portal.inbox.messagesFor(demoPeople.guardian)).toEqual([]);
    expect(journey.portal.inbox.messagesFor(demoPeople.student)).toEqual([]);
    const page = await journey.pageAs(demoPeople.guardian);
    const res = await page.request.get(`${journey.portalUrl}/api/messages`);
    expect(await res.json()).toEqual({ data: [] });
    await page.context().close();
  });

  it("shows the counsellor the student's case with the screening event", async () => {
    const page = await journey.pageAs(demoPeople.counsellor);
    await page.goto(`${journey.portalUrl}/counsellor.html`);
    const caseItem = page.locator('#cases li[data-case-id]').first();
    await caseItem.waitFor();
    await expect(caseItem.textContent()).resolves.toContain(studentName);
    await caseItem.getByRole('button').click();
    // The case timeline element (its entries carry data-type), or the portal's fallback.
    await page
      .locator(
        '#case-view [data-type="screening_filed"], #case-view [data-event-type="screening_filed"]',
      )
      .first()
      .waitFor();
    const element = page.locator('#case-view xq-case-timeline');
    if (await element.count()) {
      await expect(element.getAttribute('case-id')).resolves.toBe(
        await caseItem.getAttribute('data-case-id'),
      );
    }
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, '13-counsellor-case');
    await page.context().close();
  });

  it('escalates an unacknowledged critical alert on the injected clock, to the grade leader', async () => {
    const other = await journey.clientFor('demo-student-2');
    await other.screenings.create({
      campaignId: journey.portal.state.campaignId!,
      responses: answers.critical(),
    });
    const counsellor = await journey.clientFor(demoPeople.counsellor);
    const second = (await counsellor.alerts.list()).data.find(
      (a): a is Alert => 'tier' in a && a.studentId === journey.idOf('demo-student-2'),
    )!;
    expect(second.level).toBe(0);

    journey.clock.advance(11 * 60_000); // past the 10-minute acknowledgement deadline
    const message = await eventually('the grade leader to be told', () =>
      journey.portal.inbox
        .messagesFor(demoPeople.grade_leader)
        .find((m) => m.webhook.type === 'alert.escalated' && m.alertId === second.id),
    );
    expect(message.webhook.data.recipientUserIds).toEqual([journey.idOf(demoPeople.grade_leader)]);

    const page = await journey.pageAs(demoPeople.grade_leader);
    await page.goto(`${journey.portalUrl}/teacher.html`);
    const row = page.locator(`li.alert[data-alert-id="${second.id}"]`);
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain('已升级');
    await page
      .locator(`#messages-list li.message[data-event-type="alert.escalated"]`)
      .first()
      .waitFor();
    await shot(page, '14-grade-leader-escalated');
    await page.context().close();
  });
});
