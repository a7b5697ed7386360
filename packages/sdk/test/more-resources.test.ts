import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotFoundError, PermissionDeniedError, createClient, tokenIdentity } from '../src/index.js';
import { createServerClient } from '../src/server.js';
import type { XinqiaoServerClient } from '../src/server.js';
import { seededServer } from './support.js';
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
    expect(theCase.id).toBe(concern.caseId);
    const event = await counsellor.cases.addEvent(concern.caseId!, {
      type: 'note',
      visibility: 'counsellor',
      note: 'Talked after class.',
    });
    const timeline = await counsellor.cases.timeline(concern.caseId!);
    expect(timeline.data.map((e) => e.id)).toContain(event.id);
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
});
