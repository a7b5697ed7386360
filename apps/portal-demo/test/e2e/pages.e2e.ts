import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { statsCsvHeader } from '@xinqiao/contracts/stats';
import { demoPeople } from '../../src/backend/directory.js';
import { answers, axeViolations, shot, startJourney, type Journey } from './harness.js';

// Every role's page in Chromium: it loads its data with the user's own token, axe finds nothing,
// and a screenshot of each is kept. Plus the student page at 360 px, the school admin's settings
// and the district's 统计表 CSV.

let journey: Journey;
beforeAll(async () => {
  journey = await startJourney();
  // One ordinary screening, so coverage has a small cell to suppress.
  const student = await journey.clientFor('demo-student-3');
  await student.screenings.create({
    campaignId: journey.portal.state.campaignId!,
    responses: answers.none(),
  });
});
afterAll(async () => {
  await journey?.close();
});

/** No horizontal scrolling at the page's viewport width. */
const overflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

const pages = [
  {
    user: demoPeople.student,
    path: '/student.html',
    ready: 'xq-hotline-card[org-unit]',
    name: '20-student',
  },
  {
    user: demoPeople.guardian,
    path: '/guardian.html',
    ready: '.child-status p:not(.muted)',
    name: '21-guardian-cdn',
  },
  {
    user: demoPeople.class_teacher,
    path: '/teacher.html',
    ready: '#alerts .empty, #alerts ul',
    name: '22-teacher',
  },
  {
    user: demoPeople.grade_leader,
    path: '/teacher.html',
    ready: '#alerts .empty, #alerts ul',
    name: '23-grade-leader',
  },
  {
    user: demoPeople.counsellor,
    path: '/counsellor.html',
    ready: '#cases .empty, #cases ul',
    name: '24-counsellor',
  },
  {
    user: demoPeople.volunteer,
    path: '/mentor.html',
    ready: '#cases .empty, #cases ul',
    name: '25-mentor',
  },
  {
    user: demoPeople.school_admin,
    path: '/admin.html',
    ready: '#coverage table',
    name: '26-school-admin',
  },
  {
    user: demoPeople.district_admin,
    path: '/district.html',
    ready: '#stats table',
    name: '27-district',
  },
];

describe('every page', () => {
  for (const p of pages) {
    it(`${p.path} as ${p.user}: loads, no axe violations, fits, screenshot`, async () => {
      const page = await journey.pageAs(p.user);
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => {
        if (m.type() === 'error' && !m.text().startsWith('Failed to load resource'))
          errors.push(m.text());
      });
      // Failed requests are checked by URL: the only 404s allowed are the mentor page asking
      // for records it may not read (the server answers 404 for students not paired with them).
      page.on('response', (r) => {
        if (r.status() < 400) return;
        const path = new URL(r.url()).pathname;
        const probe =
          p.path === '/mentor.html' &&
          r.status() === 404 &&
          /^\/v1\/students\/[^/]+\/record$/.test(path);
        if (!probe) errors.push(`${r.status()} ${path}`);
      });
      await page.goto(`${journey.portalUrl}${p.path}`);
      await page.locator(p.ready).first().waitFor();
      await page.locator('#portal-user .portal-user-name').waitFor();
      expect(await axeViolations(page)).toEqual([]);
      expect(await overflow(page)).toBeLessThanOrEqual(0);
      await shot(page, p.name);
      expect(errors).toEqual([]);
      await page.context().close();
    });
  }
});

describe('student page', () => {
  it('works at 360 px: hotline card, campaign, raising a critical concern shows help at once', async () => {
    const page = await journey.pageAs(demoPeople.student, {
      viewport: { width: 360, height: 740 },
      isMobile: true,
      hasTouch: true,
    });
    await page.goto(`${journey.portalUrl}/student.html`);
    await page.locator('xq-hotline-card[org-unit]').waitFor();
    await page.getByText('12356').first().waitFor();
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, '30-student-360');

    await page.getByLabel('我现在有危险，或想伤害自己').check();
    await page.getByLabel('想说的话（可不填）').fill('最近睡不着');
    await page.getByRole('button', { name: '发送给心理老师' }).click();
    await page.locator('#concern-crisis xq-hotline-card[variant="crisis"]').waitFor();
    await page.getByText('学校老师已收到通知').waitFor();
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, '31-student-360-concern-sent');
    await page.context().close();

    // The concern reached the warning network as a critical alert with a case.
    const counsellor = await journey.clientFor(demoPeople.counsellor);
    const alerts = (await counsellor.alerts.list()).data;
    expect(
      alerts.some(
        (a) =>
          'tier' in a &&
          a.source === 'concern' &&
          a.tier === 'critical' &&
          a.studentId === journey.idOf(demoPeople.student),
      ),
    ).toBe(true);
  });
});

describe('guardian page (CDN file)', () => {
  it('runs the elements from the CDN file alone, under the strict CSP', async () => {
    const page = await journey.pageAs(demoPeople.guardian);
    const scripts: string[] = [];
    page.on('request', (r) => {
      if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname);
    });
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy|Trusted Type/i.test(m.text())) violations.push(m.text());
    });
    const res = await page.goto(`${journey.portalUrl}/guardian.html`);
    expect(res?.headers()['content-security-policy']).toContain(
      "require-trusted-types-for 'script'",
    );
    await page.locator('.child-status p:not(.muted)').first().waitFor();
    expect(scripts).toContain('/cdn/xinqiao/xinqiao.js');
    expect(scripts.some((s) => /xq-provider|hotline-card/.test(s))).toBe(false);
    expect(
      await page.evaluate(() =>
        ['xq-provider', 'xq-hotline-card', 'xq-parent-school-signup'].every((t) =>
          customElements.get(t),
        ),
      ),
    ).toBe(true);
    expect(violations).toEqual([]);
    await page.context().close();
  });
});

describe('school admin page', () => {
  it('changes the on-call contact and pushes it to Xinqiao with the roster', async () => {
    const page = await journey.pageAs(demoPeople.school_admin);
    await page.goto(`${journey.portalUrl}/admin.html`);
    await page.locator('#coverage table').waitFor();
    await expect(
      page.locator('#coverage tr[data-kind="school"] td').nth(1).textContent(),
    ).resolves.toBe('1');
    await page.getByLabel('值班联系人（红色预警）').selectOption(demoPeople.school_admin);
    await page.getByRole('button', { name: '保存并同步' }).click();
    await page.getByText('已保存并同步。值班联系人：校长 吴老师').waitFor();
    expect(journey.portal.directory.settings.onCall).toBe(demoPeople.school_admin);
    await shot(page, '32-admin-settings-saved');
    // Back to the seeded contact, so the roster stays as the demo ships it.
    await page.getByLabel('值班联系人（红色预警）').selectOption(demoPeople.counsellor);
    await page.getByRole('button', { name: '保存并同步' }).click();
    await page.getByText('值班联系人：心理教师 陈老师').waitFor();
    await page.context().close();
  });
});

describe('district admin page', () => {
  it('downloads the 统计表 CSV, with small cells suppressed and no one named', async () => {
    const page = await journey.pageAs(demoPeople.district_admin);
    await page.goto(`${journey.portalUrl}/district.html`);
    await page.locator('#stats table').waitFor();
    // The table on the page already shows the suppressed cell.
    await expect(
      page.locator('#stats tr.total td[data-column="screened"]').textContent(),
    ).resolves.toBe('<5');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '下载统计表（CSV）' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(
      /^xinqiao-coverage-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/,
    );
    const csv = (await readFile((await download.path())!, 'utf8')).replace(/^\uFEFF/, '');
    const [header, ...lines] = csv.trim().split(/\r?\n/);
    expect(header!.split(',')).toEqual([...statsCsvHeader]);
    const screenedAt = statsCsvHeader.indexOf('screened');
    const rows = lines.map((l) => l.split(','));
    expect(rows.length).toBeGreaterThanOrEqual(2); // the school and the district total
    for (const r of rows) expect(r[screenedAt]).toBe('<5'); // one screening: 1–4 is never shown
    for (const p of journey.portal.directory.people.filter((x) => x.role === 'student'))
      expect(csv).not.toContain(p.name);
    await shot(page, '33-district-csv');
    await page.context().close();
  });
});
