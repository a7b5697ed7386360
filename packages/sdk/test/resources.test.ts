import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BadRequestError,
  NotFoundError,
  PermissionDeniedError,
  createClient,
  tokenIdentity,
} from '../src/index.js';
import { createServerClient } from '../src/server.js';
import type { XinqiaoServerClient } from '../src/server.js';
import { seededServer } from './support.js';
import type { Seeded } from './support.js';

let s: Seeded;
let sdk: XinqiaoServerClient;
let campaignId: string;
let stu1: string;

beforeAll(async () => {
  s = await seededServer();
  sdk = createServerClient({ baseUrl: s.server.url, secretKey: s.secretKey });
  campaignId = (
    await sdk.campaigns.create({
      name: 'autumn',
      schoolId: s.schoolId,
      opensAt: '2026-09-01T00:00:00Z',
      closesAt: '2026-12-31T00:00:00Z',
      instruments: ['gad-7'],
      acknowledgeUnvalidatedTranslations: ['gad-7', 'asq'],
    })
  ).id;
  stu1 = tokenIdentity(await s.tokenFor('stu-1'))!.subject;
});
afterAll(async () => {
  await s?.server.close();
});

const as = (externalId: string, locale?: string) =>
  createClient({
    baseUrl: s.server.url,
    fetchToken: () => s.tokenFor(externalId),
    ...(locale ? { locale } : {}),
  });

describe('instruments', () => {
  it('lists the catalog and reads one instrument in a locale; unknown → NotFoundError', async () => {
    const client = as('stu-1');
    const catalog = await client.instruments.list({ locale: 'en' });
    expect(catalog.locale).toBe('en');
    expect(catalog.data.map((i) => i.id)).toEqual(expect.arrayContaining(['gad-7', 'phq-a']));
    const gad7 = await client.instruments.get('gad-7', { locale: 'zh-CN' });
    expect(gad7.locale).toBe('zh-CN');
    await expect(client.instruments.get('no-such-thing')).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('campaigns and consents', () => {
  it('the portal and staff read campaigns and coverage', async () => {
    await expect(sdk.campaigns.get(campaignId)).resolves.toMatchObject({
      id: campaignId,
      consentRequired: true,
    });
    const coverage = await sdk.campaigns.coverage(campaignId);
    expect(coverage.campaignId).toBe(campaignId);
    expect(coverage.rows.some((r) => r.kind === 'school' && r.enrolled === 2)).toBe(true);
    await expect(as('adm-1').campaigns.coverage(campaignId)).resolves.toMatchObject({ campaignId });
  });

  it('consent missing → not eligible; a guardian records it → eligible', async () => {
    const student = as('stu-1');
    const before = await student.campaigns.eligibility(campaignId);
    expect(before.eligible).toBe(false);
    expect(before.reasons).toContain('consent_required');
    const guardian = as('par-1');
    for (const kind of before.missingConsents) {
      await expect(
        guardian.consents.create({ studentId: stu1, kind, granted: true, campaignId }),
      ).resolves.toMatchObject({ studentId: stu1, kind, granted: true, recordedBy: 'guardian' });
    }
    await expect(student.campaigns.eligibility(campaignId)).resolves.toMatchObject({
      eligible: true,
    });
  });

  it('eligibility with include=definitions: every definition in one round trip, as instruments.get reads them', async () => {
    const phq = await sdk.campaigns.create({
      name: 'autumn PHQ-A',
      schoolId: s.schoolId,
      opensAt: '2026-09-01T00:00:00Z',
      closesAt: '2026-12-31T00:00:00Z',
      instruments: ['phq-a', 'gad-7'],
      acknowledgeUnvalidatedTranslations: ['phq-a', 'gad-7', 'asq'],
    });
    const student = as('stu-1', 'en');
    const before = await student.campaigns.eligibility(phq.id, { include: 'definitions' });
    expect(before.eligible).toBe(false);
    expect(before.definitions).toBeUndefined();
    for (const kind of before.missingConsents)
      await sdk.consents.create({ studentId: stu1, kind, granted: true, campaignId: phq.id });

    const el = await student.campaigns.eligibility(phq.id, { include: 'definitions' });
    expect(el.eligible).toBe(true);
    expect(el.definitions?.map((d) => d.instrument.id)).toEqual(['phq-a', 'gad-7', 'asq']);
    expect(el.definitions).toEqual(
      await Promise.all(['phq-a', 'gad-7', 'asq'].map((id) => student.instruments.get(id))),
    );
    expect(el.definitions?.every((d) => d.locale === 'en')).toBe(true);
    expect((await student.campaigns.eligibility(phq.id)).definitions).toBeUndefined();
    const unknown = await student.campaigns
      // @ts-expect-error: only 'definitions' may be included
      .eligibility(phq.id, { include: 'everything' })
      .catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(BadRequestError);
    expect((unknown as BadRequestError).code).toBe('validation_failed');
  });

  it('the portal backend records consent too; a teacher may not', async () => {
    const stu2 = tokenIdentity(await s.tokenFor('stu-2'))!.subject;
    await expect(
      sdk.consents.create({ studentId: stu2, kind: 'health_data', granted: true }),
    ).resolves.toMatchObject({ recordedBy: 'secret_key' });
    await expect(
      as('tea-1').consents.create({ studentId: stu2, kind: 'health_data', granted: true }),
    ).rejects.toBeInstanceOf(PermissionDeniedError);
  });
});

describe('alerts', () => {
  it('a safety signal raises an alert: staff list and acknowledge it, the portal sees ids', async () => {
    const signal = await as('stu-1').safetySignals.create({
      flag: 'asq-acute',
      observedAt: '2026-09-01T01:00:00Z',
      campaignId,
    });
    const counsellor = as('cou-1');
    const list = await counsellor.alerts.list({ state: 'open' });
    expect(list.data.map((a) => a.id)).toContain(signal.alertId);
    expect(await counsellor.alerts.get(signal.alertId)).toMatchObject({ id: signal.alertId });
    const acked = await counsellor.alerts.acknowledge(signal.alertId);
    expect(acked).toMatchObject({ id: signal.alertId, state: 'acknowledged' });

    const ids = await sdk.alerts.list();
    expect(ids.data.find((a) => a.id === signal.alertId)).toMatchObject({ state: 'acknowledged' });

    await expect(as('stu-1').alerts.acknowledge(signal.alertId)).rejects.toBeInstanceOf(
      PermissionDeniedError,
    );
  });
});

describe('students', () => {
  it('a class teacher records a home visit; the counsellor reads its note, the teacher does not', async () => {
    const stu1 = tokenIdentity(await s.tokenFor('stu-1'))!.subject;
    const visit = await as('tea-1').students.addContact(stu1, {
      kind: 'home_visit',
      at: '2026-09-01T00:30:00Z',
      note: '家访：作息规律',
    });
    expect(visit).toMatchObject({ kind: 'home_visit', hasNote: true });
    const forCounsellor = await as('cou-1').students.contacts(stu1);
    expect(forCounsellor.data.find((c) => c.id === visit.id)?.note).toBe('家访：作息规律');
    const forTeacher = await as('tea-1').students.contacts(stu1);
    expect(forTeacher.data.find((c) => c.id === visit.id)?.note).toBeUndefined();
  });

  it('a school admin exports a student’s data and erases it', async () => {
    const admin = as('adm-1');
    const stu2 = tokenIdentity(await s.tokenFor('stu-2'))!.subject;
    const exported = await admin.students.export(stu2);
    expect(exported).toMatchObject({ id: stu2, externalId: 'stu-2', erasedAt: null });
    const erased = await admin.students.erase(stu2, { reason: 'guardian_request' });
    expect(erased.id).toBe(stu2);
    await expect(admin.students.export(stu2)).resolves.toMatchObject({
      birthMonth: null,
      erasedAt: erased.erasedAt,
    });
    await expect(as('tea-1').students.export(stu2)).rejects.toBeInstanceOf(PermissionDeniedError);
  });
});
