import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Campaign } from '@xinqiao/contracts/campaigns';
import type { ErrorBody } from '@xinqiao/contracts/errors';
import type { ScreeningReceipt } from '@xinqiao/contracts/screenings';
import { createTestApp, testClock, type TestApp } from './support/app.js';
import { seedSchool } from './support/fixtures.js';
import {
  answers,
  bigRoster,
  consentFor,
  createCampaign,
  session,
  withKey,
  type Session,
} from './support/pipeline.js';
import { seedTenant } from './support/seed.js';

/**
 * A screening's idempotency record is completed inside the screening's own transaction (one
 * commit, not two): the stored answer exists iff the screening does. A rollback — a rule that
 * refuses inside the transaction, or a failing commit — stores neither and releases the key.
 */
let t: TestApp;
let campaign: Campaign;
const clock = testClock('2026-09-01T01:00:00Z');
const who: Record<string, Session> = {};

beforeAll(async () => {
  t = await createTestApp({ clock });
  const a = await seedTenant(t.database);
  const s = await seedSchool(t.app, a.secret, bigRoster(4));
  for (const u of ['s01', 's02', 's03', 's04']) {
    who[u] = await session(t.app, a.secret, u);
    await consentFor(t.app, a.secret, who[u]!.id);
  }
  campaign = await createCampaign(t.app, a.secret, s.schoolId);
  // Fails the COMMIT of any transaction that marks the key 'fail-at-commit' done.
  await t.database.execScript(`
    CREATE FUNCTION test_fail_commit() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.key LIKE 'fail-at-commit%' AND NEW.state = 'done' THEN
        RAISE EXCEPTION 'test: commit refused';
      END IF;
      RETURN NULL;
    END $$;
    CREATE CONSTRAINT TRIGGER test_fail_commit AFTER UPDATE ON idempotency_keys
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION test_fail_commit();
  `);
}, 120_000);
afterAll(() => t.close());

const submit = (u: string, responses: unknown, key: string = randomUUID()) =>
  t.app.inject({
    method: 'POST',
    url: '/v1/screenings',
    headers: withKey(who[u]!.headers, key),
    payload: { campaignId: campaign.id, responses },
  });

const record = (key: string) =>
  t.database.db
    .selectFrom('idempotency_keys')
    .select(['state', 'response_status'])
    .where('key', '=', key)
    .executeTakeFirst();

const screeningsOf = async (u: string) =>
  (
    await t.database.db
      .selectFrom('screenings')
      .select('id')
      .where('student_id', '=', who[u]!.id)
      .execute()
  ).map((r) => r.id);

describe('screening idempotency, completed in the screening transaction', () => {
  it('the replay is the stored receipt, byte for byte, with the same content type', async () => {
    const key = randomUUID();
    const first = await submit('s01', answers.high(), key);
    expect(first.statusCode, first.body).toBe(201);
    expect(await record(key)).toEqual({ state: 'done', response_status: 201 });
    const again = await submit('s01', answers.high(), key);
    expect([again.statusCode, again.headers['idempotent-replayed'], again.body]).toEqual([
      201,
      'true',
      first.body,
    ]);
    expect(again.headers['content-type']).toBe(first.headers['content-type']);
    expect(first.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(await screeningsOf('s01')).toEqual([(first.json() as ScreeningReceipt).id]);
  });

  it('a failing commit stores neither the screening nor the answer, and releases the key', async () => {
    const key = `fail-at-commit-${randomUUID()}`;
    const res = await submit('s02', answers.none(), key);
    expect(res.statusCode).toBe(500);
    expect(await screeningsOf('s02')).toEqual([]);
    expect(await record(key)).toBeUndefined();
    const other = randomUUID();
    const ok = await submit('s02', answers.none(), other);
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.headers['idempotent-replayed']).toBeUndefined();
  });

  it('already_submitted (checked under the lock) still comes before refused answers, key released', async () => {
    expect((await submit('s03', answers.none())).statusCode).toBe(201);
    const key = randomUUID();
    const bad = [{ instrumentId: 'phq-a', answers: { q1: 9 } }];
    const res = await submit('s03', bad, key);
    expect([res.statusCode, (res.json() as ErrorBody).code]).toEqual([409, 'already_submitted']);
    expect(await record(key)).toBeUndefined();
    expect((await screeningsOf('s03')).length).toBe(1);
  });

  it('refused answers (422) write nothing and release the key', async () => {
    const key = randomUUID();
    const res = await submit('s04', [{ instrumentId: 'phq-a', answers: { q1: 9 } }], key);
    expect([res.statusCode, (res.json() as ErrorBody).code]).toEqual([422, 'unprocessable']);
    expect(await record(key)).toBeUndefined();
    expect(await screeningsOf('s04')).toEqual([]);
    const ok = await submit('s04', answers.none(), key);
    expect(ok.statusCode, ok.body).toBe(201);
  });
});
