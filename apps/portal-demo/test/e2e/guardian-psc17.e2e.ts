import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPeople } from '../../src/backend/directory.js';
import { axeViolations, eventually, shot, startJourney, type Journey } from './harness.js';

// A guardian fills the PSC-17 the school asks of them about their child, on the guardian page
// (the CDN page), with <xq-screening-form student-id="…">. The screening is stored as the
// guardian's (respondent `parent`) on the child's record, and the guardian gets no message about it.

let journey: Journey;
beforeAll(async () => {
  journey = await startJourney();
});
afterAll(async () => {
  await journey?.close();
});

/** Answers every question on the current screen with its last option (经常) and commits it. */
async function answerScreen(page: Page, form: Locator) {
  const questions = form.locator('fieldset[part="question"]');
  const first = (await questions.first().getAttribute('data-step'))!;
  for (const question of await questions.all())
    await question.locator('input[type="radio"]').last().check();
  await form.locator('[part="nav"] [part="primary-button"]').click();
  await page.waitForFunction(
    ([el, s]) => {
      const f = (el as HTMLElement).shadowRoot?.querySelector('fieldset[part="question"]');
      return (el as HTMLElement).dataset.state !== 'question' || f?.getAttribute('data-step') !== s;
    },
    [await form.elementHandle(), first] as const,
  );
}

describe('guardian-filled PSC-17', () => {
  it('the guardian answers the PSC-17 for their child; it is stored as theirs and messages nobody in the family', async () => {
    const campaignId = journey.portal.state.guardianCampaignId!;
    expect(campaignId).toBeTruthy();
    const studentId = journey.idOf('demo-student-1');

    const page = await journey.pageAs(demoPeople.guardian);
    await page.goto(`${journey.portalUrl}/guardian.html`);
    const form = page.locator('xq-screening-form[student-id]');
    await expect(form.getAttribute('student-id')).resolves.toBe(studentId);
    await expect(form.getAttribute('campaign')).resolves.toBe(campaignId);
    await page.locator('xq-screening-form[data-state="intro"]').waitFor();
    // It speaks to the guardian about the child: its region is 家长问卷 and names the child
    // (a guardian of two children gets two distinct regions), not the student's title.
    await expect(form.getByRole('region', { name: /^家长问卷 · \S/ }).count()).resolves.toBe(1);
    await expect(form.locator('[part="intro"]').textContent()).resolves.toContain('孩子最近');
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, '55-guardian-psc17-intro');

    await form.locator('[part="primary-button"]').click();
    await page.locator('xq-screening-form[data-state="question"]').waitFor();
    const first = await form.locator('fieldset[part="question"]').first().getAttribute('data-step');
    expect(first).toMatch(/^psc-17\//);
    await shot(page, '56-guardian-psc17-question');
    for (let guard = 0; guard < 40; guard++) {
      if ((await form.getAttribute('data-state')) !== 'question') break;
      await answerScreen(page, form);
    }
    await page.locator('xq-screening-form[data-state="submitted"]').waitFor();
    // No tier or score for the guardian: the result policy gives them none.
    await expect(form.locator('[part="result"] [data-tier]').count()).resolves.toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, '57-guardian-psc17-submitted');

    // Once answered, the form says so on the next visit.
    await page.reload();
    await page.locator('xq-screening-form[data-state="ineligible"]').waitFor();
    await page.context().close();

    // Stored as the guardian's screening: the guardian's own eligibility shows it as answered,
    // and the counsellor sees it on the student's record under the guardian campaign.
    const guardian = await journey.clientFor(demoPeople.guardian);
    const mine = await guardian.campaigns.eligibility(campaignId, { studentId });
    expect(mine.instruments).toEqual(['psc-17']);
    expect(mine.existingScreeningId).toBeTruthy();
    expect(mine.reasons).toContain('already_submitted');
    const student = await journey.clientFor('demo-student-1');
    const own = await student.campaigns.eligibility(campaignId);
    expect(own.instruments).toEqual([]);
    expect(own.existingScreeningId).toBeNull();
    const counsellor = await journey.clientFor(demoPeople.counsellor);
    const record = await eventually('the screening on the student record', async () => {
      const r = await counsellor.students.record(studentId);
      return r.screenings.some((s) => s.id === mine.existingScreeningId) ? r : undefined;
    });
    expect(record.screenings.find((s) => s.id === mine.existingScreeningId)).toMatchObject({
      campaignId,
    });

    // Guardians never get automatic messages about a screening.
    await journey.portal.inbox.idle();
    const types = journey.portal.inbox.messagesFor(demoPeople.guardian).map((m) => m.webhook.type);
    expect(types.every((t) => t.startsWith('parent_school.'))).toBe(true);
    expect(journey.portal.inbox.messagesFor('demo-student-1')).toEqual([]);
  });
});
