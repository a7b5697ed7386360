import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BadRequestError,
  ConflictError,
  PermissionDeniedError,
  XinqiaoError,
  createClient,
  tokenIdentity,
} from '../src/index.js';
import { createServerClient } from '../src/server.js';
import { recordingFetch, recordingSleep, seededServer } from './support.js';
import type { Seeded } from './support.js';

let s: Seeded;
let campaignId: string;
const gad7 = (v: number) =>
  Object.fromEntries(Array.from({ length: 7 }, (_, i) => [`q${i + 1}`, v]));

beforeAll(async () => {
  s = await seededServer();
  const sdk = createServerClient({ baseUrl: s.server.url, secretKey: s.secretKey });
  const campaign = await sdk.campaigns.create({
    name: '2026 秋季心理健康筛查',
    schoolId: s.schoolId,
    opensAt: '2026-09-01T00:00:00Z',
    closesAt: '2026-12-31T00:00:00Z',
    instruments: ['gad-7'],
    consentRequired: false,
    legalBasis: 'School health programme under the provincial education department notice.',
    acknowledgeUnvalidatedTranslations: ['gad-7', 'asq'],
  });
  campaignId = campaign.id;
});
afterAll(async () => {
  await s?.server.close();
});

const student = (externalId: string, fetch?: typeof globalThis.fetch) =>
  createClient({
    baseUrl: s.server.url,
    fetchToken: () => s.tokenFor(externalId),
    sleep: recordingSleep().sleep,
    ...(fetch ? { fetch } : {}),
  });

/** A fetch whose first attempt reaches the server (which commits) and then loses the answer. */
function dropFirstAnswer() {
  return recordingFetch(undefined, async (req, n) => {
    if (n === 1) {
      const answer = await fetch(req);
      await answer.text();
      throw new TypeError('socket hang up');
    }
    return undefined;
  });
}

describe('campaigns, screenings and safety signals against the real server', () => {
  it('reads the campaign and the student’s eligibility before question 1', async () => {
    const client = student('stu-1');
    await expect(client.campaigns.get(campaignId)).resolves.toMatchObject({
      id: campaignId,
      instruments: ['gad-7'],
    });
    const e = await client.campaigns.eligibility(campaignId);
    expect(e).toMatchObject({ eligible: true, reasons: [], instruments: ['gad-7'] });
  });

  it('creates a screening, and maps a second one to ConflictError already_submitted', async () => {
    const client = student('stu-1');
    const receipt = await client.screenings.create({
      campaignId,
      responses: [{ instrumentId: 'gad-7', answers: gad7(0) }],
    });
    expect(receipt.id).toMatch(/^[a-z]+_/);
    expect(typeof receipt.studentMessage).toBe('string');
    const again = await client.screenings
      .create({ campaignId, responses: [{ instrumentId: 'gad-7', answers: gad7(0) }] })
      .catch((e: unknown) => e);
    expect(again).toBeInstanceOf(ConflictError);
    expect(again).toMatchObject({ status: 409, code: 'already_submitted' });
  });

  it('a lost answer after the server committed: the retry returns the same screening, one row', async () => {
    const { fetch, calls } = dropFirstAnswer();
    const client = student('stu-2', fetch);
    const receipt = await client.screenings.create({
      campaignId,
      responses: [{ instrumentId: 'gad-7', answers: gad7(1) }],
    });
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(2);
    const token = await s.tokenFor('stu-2');
    const studentId = tokenIdentity(token)!.subject;
    const rows = await s.server.db.db
      .selectFrom('screenings')
      .select('id')
      .where('student_id', '=', studentId)
      .execute();
    expect(rows).toEqual([{ id: receipt.id }]);
  });

  it('records a safety signal with its alert', async () => {
    const signal = await student('stu-1').safetySignals.create({
      flag: 'suicidal-ideation',
      observedAt: '2026-09-01T01:00:00Z',
      campaignId,
      instrumentId: 'gad-7',
    });
    expect(signal).toMatchObject({ flag: 'suicidal-ideation', alertId: expect.any(String) });
  });

  it('maps a malformed submission to BadRequestError and a teacher’s to PermissionDeniedError', async () => {
    await expect(
      student('stu-1').screenings.create({ campaignId, responses: [] }),
    ).rejects.toBeInstanceOf(BadRequestError);
    await expect(
      student('tea-1').screenings.create({
        campaignId,
        responses: [{ instrumentId: 'gad-7', answers: gad7(0) }],
      }),
    ).rejects.toBeInstanceOf(PermissionDeniedError);
  });

  it('submit/send need an outbox (they are the offline-safe path)', async () => {
    await expect(
      student('stu-1').screenings.submit({ campaignId, responses: [] }),
    ).rejects.toBeInstanceOf(XinqiaoError);
  });
});
