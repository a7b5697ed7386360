import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Campaign } from '@xinqiao/contracts/campaigns';
import type { ErrorBody } from '@xinqiao/contracts/errors';
import type { ScreeningReceipt } from '@xinqiao/contracts/screenings';
import { openField, sealField } from '../src/crypto/data-keys.js';
import { newId } from '../src/ids.js';
import { createTestApp, testClock, type TestApp } from './support/app.js';
import { roster, seedSchool } from './support/fixtures.js';
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
 * Writes that only collide under real concurrency (the PostgreSQL run; PGlite runs one
 * transaction at a time): a person's data key created by several first sealed writes at once,
 * and several screenings of one student at once (retakes, a twin without retakes, the student's
 * and the guardian's form together). Every answer is a 2xx or a 4xx with a code — never a 500.
 */
let t: TestApp;
let tenantId: string;
let retakes: Campaign;
let once: Campaign;
let withParentForm: Campaign;
const clock = testClock('2026-09-01T01:00:00Z');
const students: Record<string, Session> = {};
const guardians: Record<string, Session> = {};
const pairs = ['r01', 'r02', 'r03', 'r04'];

beforeAll(async () => {
  t = await createTestApp({ clock });
  const a = await seedTenant(t.database);
  tenantId = a.tenantId;
  const base = roster();
  const s = await seedSchool(t.app, a.secret, {
    ...base,
    students: [
      ...base.students,
      ...['x01', 'x02', ...pairs].map((externalId) => ({
        externalId,
        birthMonth: '2013-03',
        class: 'c7-1',
      })),
    ],
    guardians: [
      ...base.guardians,
      ...pairs.map((id) => ({ externalId: `g-${id}`, family: `fam-${id}`, students: [id] })),
    ],
  });
  retakes = await createCampaign(t.app, a.secret, s.schoolId, { allowRetakes: true });
  once = await createCampaign(t.app, a.secret, s.schoolId);
  withParentForm = await createCampaign(t.app, a.secret, s.schoolId, {
    instruments: ['phq-a', 'gad-7', 'psc-17'],
    acknowledgeUnvalidatedTranslations: ['phq-a', 'gad-7', 'psc-17', 'asq'],
  });
  for (const id of ['x01', 'x02', ...pairs]) {
    students[id] = await session(t.app, a.secret, id);
    await consentFor(t.app, a.secret, students[id].id);
  }
  for (const id of pairs) guardians[id] = await session(t.app, a.secret, `g-${id}`);
}, 240_000);
afterAll(() => t.close());

/** A 2xx, or a 4xx naming its code: never a 5xx. */
function expectClean(res: { statusCode: number; body: string }) {
  const logged = () => t.logs.filter((l) => l.includes('"level":50')).join('\n');
  expect(res.statusCode, `${res.body}\n${logged()}`).toBeLessThan(500);
  if (res.statusCode >= 400)
    expect((JSON.parse(res.body) as ErrorBody).code, res.body).toBeTruthy();
}

describe('DataKeys.getOrCreate, concurrent first writes for one person', () => {
  const parallel = 12;

  async function race(run: (personId: string) => Promise<Buffer>) {
    for (let round = 0; round < 4; round++) {
      const personId = newId('per', clock.now());
      const settled = await Promise.allSettled(
        Array.from({ length: parallel }, () => run(personId)),
      );
      const failed = settled.filter((r) => r.status === 'rejected');
      expect(failed.map((r) => String((r as PromiseRejectedResult).reason))).toEqual([]);
      const keys = settled.map((r) => (r as PromiseFulfilledResult<Buffer>).value);
      expect(new Set(keys.map((k) => k.toString('hex'))).size).toBe(1);
      const rows = await t.database.db
        .selectFrom('data_keys')
        .select('person_id')
        .where('person_id', '=', personId)
        .execute();
      expect(rows).toHaveLength(1);
      const stored = (await t.app.deps.dataKeys.get(t.database.db, tenantId, personId))!;
      for (const k of keys) {
        const sealed = sealField(k, personId, 'name', '测试');
        expect(openField(stored, personId, 'name', sealed)).toBe('测试');
      }
    }
  }

  it('each in its own transaction (as the routes call it): one key, one row, no error', async () => {
    await race((personId) =>
      t.database.db
        .transaction()
        .execute((trx) => t.app.deps.dataKeys.getOrCreate(trx, tenantId, personId, clock.now())),
    );
  });

  it('outside a transaction: one key, one row, no error', async () => {
    await race((personId) =>
      t.app.deps.dataKeys.getOrCreate(t.database.db, tenantId, personId, clock.now()),
    );
  });
});

describe('concurrent screenings of one student (different idempotency keys)', () => {
  const submit = (who: Session, payload: Record<string, unknown>) =>
    t.app.inject({
      method: 'POST',
      url: '/v1/screenings',
      headers: withKey(who.headers),
      payload,
    });
  const attemptsOf = async (campaignId: string, studentId: string) =>
    (
      await t.database.db
        .selectFrom('screenings')
        .select(['id', 'attempt', 'respondent_kind'])
        .where('campaign_id', '=', campaignId)
        .where('student_id', '=', studentId)
        .orderBy('attempt')
        .execute()
    ).map((r) => ({ id: r.id, attempt: r.attempt, respondent: r.respondent_kind }));

  it('retakes allowed: eight at once (high, with alerts) are all stored, attempts 1…8', async () => {
    const st = students.x01!;
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        submit(st, {
          campaignId: retakes.id,
          responses: i % 2 ? answers.high() : answers.none(),
        }),
      ),
    );
    for (const r of results) expectClean(r);
    expect(results.map((r) => r.statusCode)).toEqual(Array(8).fill(201));
    const rows = await attemptsOf(retakes.id, st.id);
    expect(rows.map((r) => r.attempt)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(new Set(rows.map((r) => r.id))).toEqual(
      new Set(results.map((r) => (r.json() as ScreeningReceipt).id)),
    );
  });

  it('no retakes: eight at once store one screening; the others are 409 already_submitted naming it', async () => {
    const st = students.x02!;
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        submit(st, { campaignId: once.id, responses: answers.high() }),
      ),
    );
    for (const r of results) expectClean(r);
    const created = results.filter((r) => r.statusCode === 201);
    expect(created).toHaveLength(1);
    const id = (created[0]!.json() as ScreeningReceipt).id;
    for (const r of results.filter((x) => x.statusCode !== 201)) {
      expect(r.statusCode, r.body).toBe(409);
      const body = r.json() as ErrorBody;
      expect(body.code).toBe('already_submitted');
      expect(body.details?.screeningId).toBe(id);
    }
    expect(await attemptsOf(once.id, st.id)).toEqual([{ id, attempt: 1, respondent: 'self' }]);
  });

  it("the student's form and the guardian's form at once, both at risk: both stored", async () => {
    const psc = Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`q${i + 1}`, 2]));
    for (const id of pairs) {
      const st = students[id]!;
      const results = await Promise.all([
        submit(st, { campaignId: withParentForm.id, responses: answers.high() }),
        submit(guardians[id]!, {
          campaignId: withParentForm.id,
          studentId: st.id,
          responses: [{ instrumentId: 'psc-17', answers: psc }],
        }),
        submit(st, { campaignId: withParentForm.id, responses: answers.high() }),
      ]);
      for (const r of results) expectClean(r);
      expect(results[1]!.statusCode, results[1]!.body).toBe(201);
      const stored = await attemptsOf(withParentForm.id, st.id);
      expect(stored.map((r) => r.respondent).sort()).toEqual(['parent', 'self']);
    }
    const errors = t.logs.filter((l) => l.includes('"level":50'));
    expect(errors).toEqual([]);
  });
});
