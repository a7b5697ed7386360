import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import type { Alert } from '@xinqiao/contracts/alerts';
import { demoPeople } from '../../src/backend/directory.js';
import { axeViolations, shot, startJourney, type Journey } from './harness.js';

// The counsellor walks a case through <xq-case-timeline> on the counsellor page: pairs a mentor,
// records a home-school contact, proposes a referral, records the guardian's consent, sends it,
// requests closure; the paired mentor sees the case on the mentor page; a school admin approves
// the closure on the admin page; the timeline shows every step.

let journey: Journey;
let caseId: string;
const student = 'demo-student-4';
const studentName = '刘明轩'; // demo-student-4 in the portal's directory

beforeAll(async () => {
  journey = await startJourney();
  // The class teacher raises a high concern: it is routed like an alert and opens a case.
  const teacher = await journey.clientFor(demoPeople.class_teacher);
  const concern = await teacher.concerns.create({
    studentId: journey.idOf(student),
    kind: 'classroom_observation',
    tier: 'high',
  });
  caseId = concern.caseId!;
});
afterAll(async () => {
  await journey?.close();
});

async function openCase(page: Page, path: string): Promise<Locator> {
  await page.goto(`${journey.portalUrl}${path}`);
  const item = page.locator(`#cases li[data-case-id="${caseId}"]`);
  await item.waitFor();
  await item.getByRole('button').click();
  const timeline = page.locator(`#case-view xq-case-timeline[case-id="${caseId}"]`);
  await timeline.locator('[part="timeline"]').waitFor();
  return timeline;
}

/** Opens the add-entry form, picks the kind, lets `fill` complete it, saves, waits for the entry. */
async function addEntry(
  timeline: Locator,
  kind: string,
  type: string,
  fill: (form: Locator) => Promise<void> = async () => {},
) {
  const entries = timeline.locator(`[part="event"][data-type="${type}"]`);
  const before = await entries.count();
  const form = timeline.locator('[part="form"]');
  if (!(await form.isVisible())) await timeline.locator('[part="add-button"]').click();
  await form.locator('select[name="kind"]').selectOption(kind);
  await fill(form);
  await form.locator('[part="submit"]').click();
  await expect
    .poll(() => entries.count(), { timeout: 20_000, message: `${type} entry` })
    .toBe(before + 1);
}

describe('case walk', () => {
  it('counsellor: pairing, home-school contact, consented referral sent, closure requested', async () => {
    const page = await journey.pageAs(demoPeople.counsellor);
    const timeline = await openCase(page, '/counsellor.html');
    await expect(
      page.locator(`#cases li[data-case-id="${caseId}"]`).textContent(),
    ).resolves.toContain(studentName);
    await addEntry(timeline, 'pairing_assigned', 'pairing_assigned', async (form) => {
      await form
        .locator('select[name="personId"]')
        .selectOption(journey.idOf(demoPeople.volunteer));
      await form.getByRole('radio', { name: '志愿者（五老）' }).check();
    });
    await addEntry(timeline, 'home_school_contact', 'home_school_contact', async (form) => {
      // How it took place is required; when it happened defaults to now.
      await form.getByRole('radio', { name: '家访' }).check();
    });
    await expect(
      timeline.locator('[part="event"][data-type="home_school_contact"]').first().textContent(),
    ).resolves.toContain('家访');
    await addEntry(timeline, 'referral_proposed', 'referral_proposed', async (form) => {
      await form.locator('[name="hospital"]').fill('宜春市第三人民医院 心理科');
    });
    await addEntry(timeline, 'referral_step', 'referral_consented', async (form) => {
      await form.getByRole('radio', { name: '转介已获同意' }).check();
      await form.getByRole('radio', { name: '监护人' }).check();
    });
    await addEntry(timeline, 'referral_step', 'referral_sent', async (form) => {
      await form.getByRole('radio', { name: '转介已发出' }).check();
    });
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, '60-counsellor-case-walk');
    await page.context().close();
  });

  it('mentor: sees the paired case only, with mentor entries', async () => {
    const page = await journey.pageAs(demoPeople.volunteer);
    const timeline = await openCase(page, '/mentor.html');
    await expect(page.locator('#cases li[data-case-id]').count()).resolves.toBe(1);
    // A mentor sees no counsellor-only entry (the referral's hospital note, the proposal).
    await expect(
      timeline.locator('[part="event"][data-type="referral_proposed"]').count(),
    ).resolves.toBe(0);
    await shot(page, '61-mentor-paired-case');
    await page.context().close();
  });

  it('counsellor requests closure; a school admin approves it; every step is on the timeline', async () => {
    const counsellorPage = await journey.pageAs(demoPeople.counsellor);
    const timeline = await openCase(counsellorPage, '/counsellor.html');
    await addEntry(timeline, 'closure_requested', 'closure_requested');
    await counsellorPage.context().close();

    const page = await journey.pageAs(demoPeople.school_admin);
    const adminTimeline = await openCase(page, '/admin.html');
    await addEntry(adminTimeline, 'closure_approved', 'closure_approved', async (form) => {
      await form.locator('input[name="confirm"]').check();
    });
    await shot(page, '62-admin-closure-approved');
    await page.context().close();

    const counsellor = await journey.clientFor(demoPeople.counsellor);
    const kase = await counsellor.cases.get(caseId);
    expect(kase.state).toBe('closed');
    const types = (await counsellor.cases.timeline(caseId)).data.map((e) => e.type);
    for (const t of [
      'concern_raised',
      'pairing_assigned',
      'home_school_contact',
      'referral_proposed',
      'referral_consented',
      'referral_sent',
      'closure_requested',
      'closure_approved',
    ])
      expect(types).toContain(t);

    const last = await journey.pageAs(demoPeople.counsellor);
    const finalTimeline = await openCase(last, '/counsellor.html');
    for (const t of types)
      await finalTimeline.locator(`[part="event"][data-type="${t}"]`).first().waitFor();
    await shot(last, '63-counsellor-case-closed');
    await last.context().close();
  });

  it('the alert that opened the case is visible to the class teacher, acknowledged or not', async () => {
    const teacher = await journey.clientFor(demoPeople.class_teacher);
    const alerts = (await teacher.alerts.list()).data.filter(
      (a): a is Alert => 'tier' in a && a.studentId === journey.idOf(student),
    );
    expect(alerts.map((a) => a.tier)).toContain('high');
  });
});
