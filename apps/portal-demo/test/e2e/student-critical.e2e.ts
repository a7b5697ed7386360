import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import type { Alert } from '@xinqiao/contracts/alerts';
import { demoPeople } from '../../src/backend/directory.js';
import { axeViolations, eventually, shot, startJourney, type Journey } from './harness.js';

// The student's critical path through <xq-screening-form> on a 360 px phone, with the network
// cut at the critical answer, then what the school sees once it comes back.

let journey: Journey;
const studentName = '王子涵';

beforeAll(async () => {
  journey = await startJourney();
});
afterAll(async () => {
  await journey?.close();
});

/** What the student answers: calm everywhere, except PHQ-A item 9 and an acute ASQ. */
function choiceFor(step: string): { index: number } | { label: string } {
  if (step === 'phq-a/q9') return { index: 1 };
  if (/^phq-a\/q1[023]$/.test(step)) return { label: '否' };
  if (step.startsWith('asq/'))
    return { label: ['asq/q1', 'asq/q2', 'asq/q5'].includes(step) ? '是' : '否' };
  return { index: 0 };
}

async function state(form: Locator) {
  return form.getAttribute('data-state');
}

/** Answers the current screen (one question per screen at 360 px) and commits it. */
async function answerScreen(page: Page, form: Locator, before?: () => Promise<void>) {
  const question = form.locator('fieldset[part="question"]');
  const step = (await question.getAttribute('data-step'))!;
  const choice = choiceFor(step);
  const radio =
    'index' in choice
      ? question.locator('input[type="radio"]').nth(choice.index)
      : question.getByRole('radio', { name: choice.label, exact: true });
  await radio.check();
  await before?.();
  await form.locator('[part="nav"] [part="primary-button"]').click();
  await page.waitForFunction(
    ([el, s]) => {
      const f = (el as HTMLElement).shadowRoot?.querySelector('fieldset[part="question"]');
      return (el as HTMLElement).dataset.state !== 'question' || f?.getAttribute('data-step') !== s;
    },
    [await form.elementHandle(), step] as const,
  );
  return step;
}

describe('student critical flow', () => {
  it('shows help at once with the network cut, says the school is not told, then tells it', async () => {
    const page = await journey.pageAs(demoPeople.student, {
      viewport: { width: 360, height: 740 },
      isMobile: true,
      hasTouch: true,
    });
    await page.goto(`${journey.portalUrl}/student.html`);
    const form = page.locator('xq-screening-form');
    await page.locator('xq-screening-form[data-state="intro"]').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, '40-student-form-intro-360');
    await form.locator('[part="primary-button"]').click();
    await page.locator('xq-screening-form[data-state="question"]').waitFor();

    // PHQ-A items 1–8, then item 9 with the network cut just before it is committed.
    for (;;) {
      const step = await form.locator('fieldset[part="question"]').getAttribute('data-step');
      if (step === 'phq-a/q9') break;
      await answerScreen(page, form);
    }
    await answerScreen(page, form, () => page.context().setOffline(true));

    // The help panel, at once and offline: 110/120 and open lines, and the honest status.
    await page.locator('xq-screening-form[data-state="help"]').waitFor();
    const panel = form.locator('[part="help-panel"]');
    const status = panel.locator('[part="help-status"]');
    // First "sending", then — the request fails offline — the plain truth.
    await panel
      .locator(
        '[part="help-status"][data-status="queued"], [part="help-status"][data-status="unsent"]',
      )
      .waitFor();
    await expect(status.textContent()).resolves.toContain('学校还没有收到提醒');
    await panel.getByText('110').first().waitFor();
    await panel.getByText('120').first().waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, '41-student-help-offline-360');

    // The network returns: the outbox sends the safety signal and the panel says so.
    await page.context().setOffline(false);
    await panel.locator('[part="help-status"][data-status="sent"]').waitFor({ timeout: 45_000 });
    await expect(status.textContent()).resolves.toContain('学校的老师已经收到提醒');
    await shot(page, '42-student-help-sent-360');
    const counsellor = await journey.clientFor(demoPeople.counsellor);
    const signalAlert = (await counsellor.alerts.list()).data.find(
      (a): a is Alert =>
        'tier' in a &&
        a.studentId === journey.idOf(demoPeople.student) &&
        a.source === 'safety_signal',
    );
    expect(signalAlert).toBeDefined();

    // The rest of the form (the ASQ is inserted; an acute answer shows the panel again), submit.
    await form.locator('[part="help-panel"] [part="primary-button"]').click();
    for (let screens = 0; screens < 40; screens++) {
      const s = await state(form);
      if (s === 'submitted' || s === 'queued' || s === 'rejected') break;
      if (s === 'help') await form.locator('[part="help-panel"] [part="primary-button"]').click();
      else if (s === 'question') await answerScreen(page, form);
      else await page.waitForTimeout(200);
    }
    await page.locator('xq-screening-form[data-state="submitted"]').waitFor();
    await shot(page, '43-student-submitted-360');
    await page.context().close();
  });

  it("then puts the critical alert on the class teacher's page, without answers", async () => {
    const counsellor = await journey.clientFor(demoPeople.counsellor);
    const critical = await eventually('a critical alert', async () =>
      (await counsellor.alerts.list()).data.find(
        (a): a is Alert =>
          'tier' in a && a.studentId === journey.idOf(demoPeople.student) && a.tier === 'critical',
      ),
    );
    const page = await journey.pageAs(demoPeople.class_teacher);
    const bodies: string[] = [];
    page.on('response', (r) => {
      if (r.url().startsWith(journey.server.url))
        void r.text().then(
          (t) => bodies.push(t),
          () => {},
        );
    });
    await page.goto(`${journey.portalUrl}/teacher.html`);
    const row = page.locator(`li.alert[data-alert-id="${critical.id}"]`);
    await row.waitFor();
    await expect(row.locator('.alert-student').textContent()).resolves.toBe(studentName);
    for (const b of bodies) expect(b).not.toMatch(/"answers"|"results"/);
    await shot(page, '44-teacher-after-form');
    await page.context().close();

    // The on-call counsellor got the verified alert.created, ids only.
    const message = await eventually('the on-call message', () =>
      journey.portal.inbox
        .messagesFor(demoPeople.counsellor)
        .find((m) => m.webhook.type === 'alert.created' && m.alertId === critical.id),
    );
    expect(Object.keys(message.webhook.data).sort()).toEqual([
      'alertId',
      'orgUnitId',
      'recipientUserIds',
    ]);
  });

  it("shows the counsellor the student's case with the screening event", async () => {
    const page = await journey.pageAs(demoPeople.counsellor);
    await page.goto(`${journey.portalUrl}/counsellor.html`);
    const item = page.locator('#cases li[data-case-id]').first();
    await item.waitFor();
    await item.getByRole('button').click();
    await page
      .locator(
        '#case-view [data-type="screening_filed"], #case-view [data-event-type="screening_filed"]',
      )
      .first()
      .waitFor();
    await shot(page, '45-counsellor-case-after-form');
    await page.context().close();
  });
});
