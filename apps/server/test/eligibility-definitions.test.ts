import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Eligibility } from '@xinqiao/contracts/campaigns';
import type { ErrorBody } from '@xinqiao/contracts/errors';
import type { InstrumentDetail } from '@xinqiao/contracts/instrument-catalog';
import { createTestApp, testClock, type TestApp } from './support/app.js';
import { seedSchool, type SeededSchool } from './support/fixtures.js';
import {
  answers,
  consentFor,
  createCampaign,
  session,
  withKey,
  type Session,
} from './support/pipeline.js';
import { seedTenant } from './support/seed.js';

/**
 * `GET /v1/campaigns/:id/eligibility?include=definitions`: the form's one round trip. An eligible
 * respondent gets every definition the form may need (the campaign's, then the follow-ups their
 * rules insert), each exactly as `GET /v1/instruments/:id` answers it in the same locale.
 */
let t: TestApp;
let s: SeededSchool;
let a: Awaited<ReturnType<typeof seedTenant>>;
let campaignId: string;
let reorderedId: string;
const who: Record<string, Session> = {};

beforeAll(async () => {
  t = await createTestApp({ clock: testClock('2026-09-01T01:00:00Z') });
  a = await seedTenant(t.database);
  s = await seedSchool(t.app, a.secret);
  for (const u of ['stu-1', 'stu-2', 'stu-3', 'par-1']) who[u] = await session(t.app, a.secret, u);
  campaignId = (await createCampaign(t.app, a.secret, s.schoolId)).id; // PHQ-A, GAD-7
  reorderedId = (
    await createCampaign(t.app, a.secret, s.schoolId, {
      instruments: ['gad-7', 'phq-a', 'psc-17'],
      acknowledgeUnvalidatedTranslations: ['phq-a', 'gad-7', 'psc-17', 'asq'],
    })
  ).id;
  for (const u of ['stu-1', 'stu-2']) await consentFor(t.app, a.secret, who[u]!.id); // stu-3: none
}, 240_000);
afterAll(() => t.close());

const get = (url: string, u: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'GET', url, headers: { ...who[u]!.headers, ...headers } });

async function eligibility(
  u: string,
  query: string,
  headers: Record<string, string> = {},
  id = campaignId,
): Promise<Eligibility> {
  const res = await get(`/v1/campaigns/${id}/eligibility${query}`, u, headers);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Eligibility;
}

/** What the form fetched one by one before: `GET /v1/instruments/:id` with the same headers. */
async function fetched(
  ids: string[],
  u: string,
  headers: Record<string, string> = {},
): Promise<InstrumentDetail[]> {
  return Promise.all(
    ids.map(async (id) => {
      const res = await get(`/v1/instruments/${id}`, u, headers);
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as InstrumentDetail;
    }),
  );
}

const idsOf = (el: Eligibility) => el.definitions?.map((d) => d.instrument.id);

describe('eligibility with definitions', () => {
  it('an eligible student gets PHQ-A, GAD-7, then the ASQ follow-up, each once, as GET /v1/instruments/:id answers', async () => {
    const el = await eligibility('stu-1', '?include=definitions');
    expect(el).toMatchObject({ eligible: true, instruments: ['phq-a', 'gad-7'] });
    expect(idsOf(el)).toEqual(['phq-a', 'gad-7', 'asq']);
    expect(el.definitions).toEqual(await fetched(['phq-a', 'gad-7', 'asq'], 'stu-1'));
    expect(el.definitions!.every((d) => d.locale === 'zh-CN')).toBe(true); // no Accept-Language
  });

  it('the locale follows Accept-Language exactly as the instrument route does (en)', async () => {
    for (const lang of ['en', 'en-US,en;q=0.9', 'fr, en;q=0.8, zh;q=0.5']) {
      const headers = { 'accept-language': lang };
      const el = await eligibility('stu-1', '?include=definitions', headers);
      expect(el.definitions!.map((d) => d.locale)).toEqual(['en', 'en', 'en']);
      expect(el.definitions).toEqual(await fetched(['phq-a', 'gad-7', 'asq'], 'stu-1', headers));
    }
    const zh = await eligibility('stu-1', '?include=definitions', { 'accept-language': 'zh-CN' });
    expect(zh.definitions!.map((d) => d.locale)).toEqual(['zh-CN', 'zh-CN', 'zh-CN']);
    // The texts the form shows for `en` are the English ones of the same definitions.
    const en = await eligibility('stu-1', '?include=definitions', { 'accept-language': 'en' });
    const phqA = en.definitions![0]!.instrument;
    expect(phqA.kind === 'content' && phqA.items[0]!.text.en).toMatch(/[a-z]/i);
    expect(phqA.title.en).not.toBe(phqA.title['zh-CN']);
  });

  it('campaign order first, then follow-ups; a guardian gets only the parent form', async () => {
    expect(idsOf(await eligibility('stu-1', '?include=definitions', {}, reorderedId))).toEqual([
      'gad-7',
      'phq-a',
      'asq',
    ]);
    const parent = await eligibility(
      'par-1',
      `?studentId=${who['stu-1']!.id}&include=definitions`,
      {},
      reorderedId,
    );
    expect(parent).toMatchObject({ eligible: true, instruments: ['psc-17'] });
    expect(parent.definitions).toEqual(await fetched(['psc-17'], 'par-1'));
  });

  it('without include: no definitions', async () => {
    const el = await eligibility('stu-1', '');
    expect(el.eligible).toBe(true);
    expect('definitions' in el).toBe(false);
  });

  it('not eligible (consent missing, already submitted): no definitions', async () => {
    const noConsent = await eligibility('stu-3', '?include=definitions');
    expect(noConsent).toMatchObject({ eligible: false, reasons: ['consent_required'] });
    expect('definitions' in noConsent).toBe(false);

    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/screenings',
      headers: withKey(who['stu-2']!.headers),
      payload: { campaignId, responses: answers.none() },
    });
    expect(res.statusCode, res.body).toBe(201);
    const submitted = await eligibility('stu-2', '?include=definitions');
    expect(submitted).toMatchObject({ eligible: false, reasons: ['already_submitted'] });
    expect('definitions' in submitted).toBe(false);
  });

  it('an unknown include value is a 400 with the validation code, not a 500', async () => {
    for (const q of ['?include=everything', '?include=definitions,instruments', '?include=']) {
      const res = await get(`/v1/campaigns/${campaignId}/eligibility${q}`, 'stu-1');
      expect(res.statusCode, `${q}: ${res.body}`).toBe(400);
      expect((res.json() as ErrorBody).code).toBe('validation_failed');
    }
  });
});
