import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert, AlertList } from '@xinqiao/contracts/alerts';
import type { Campaign } from '@xinqiao/contracts/campaigns';
import type { ErrorBody } from '@xinqiao/contracts/errors';
import type { SafetySignal } from '@xinqiao/contracts/safety-signals';
import { createTestApp, testClock, type TestApp } from './support/app.js';
import { expectBadInputRejected } from './support/bad-input.js';
import { seedSchool, type SeededSchool } from './support/fixtures.js';
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
 * The safety path: a critical flag is never lost. Every reason a screening can be rejected,
 * crossed with {PHQ item 9 = 2, ASQ acute}: the 4xx carries `safetySignalId`, the signal and its
 * alert (with named recipients) are stored, the screening is not.
 */
let t: TestApp;
let s: SeededSchool;
let a: Awaited<ReturnType<typeof seedTenant>>;
const clock = testClock('2026-09-01T01:00:00Z');
const c: Record<'open' | 'closed' | 'future' | 'otherClass', Campaign> = {} as never;
let next = 0;
const sessions: Session[] = [];
let counsellor: Session;

beforeAll(async () => {
  t = await createTestApp({ clock });
  a = await seedTenant(t.database);
  s = await seedSchool(t.app, a.secret, bigRoster(40));
  counsellor = await session(t.app, a.secret, 'cou-1');
  clock.set('2026-08-01T01:00:00Z');
  c.closed = await createCampaign(t.app, a.secret, s.schoolId, {
    opensAt: '2026-08-01T00:00:00Z',
    closesAt: '2026-08-31T00:00:00Z',
  });
  clock.set('2026-09-01T01:00:00Z');
  c.open = await createCampaign(t.app, a.secret, s.schoolId);
  c.future = await createCampaign(t.app, a.secret, s.schoolId, {
    opensAt: '2026-10-01T00:00:00Z',
    closesAt: '2026-11-01T00:00:00Z',
  });
  c.otherClass = await createCampaign(t.app, a.secret, s.schoolId, {
    targetUnits: [s.unit('c7-2')],
  });
  for (let i = 1; i <= 40; i++) {
    const sess = await session(t.app, a.secret, `s${String(i).padStart(2, '0')}`);
    sessions.push(sess);
    if (i <= 36) await consentFor(t.app, a.secret, sess.id);
  }
  counsellor = await session(t.app, a.secret, 'cou-1');
}, 240_000);
afterAll(() => t.close());

const fresh = () => sessions[next++]!;
const noConsent = () => sessions[36 + (next++ % 4)]!;

type Flagged = 'item9' | 'asqAcute';
const flagged: Record<
  Flagged,
  () => Array<{ instrumentId: string; answers: Record<string, unknown> }>
> = {
  item9: answers.item9Only,
  asqAcute: answers.asqAcute,
};
const expectedTier: Record<Flagged, 'high' | 'critical'> = { item9: 'high', asqAcute: 'critical' };

interface Rejection {
  status: number;
  code: string;
  /** Sends the rejected request for this student; may first do what makes it a rejection. */
  send(
    st: Session,
    responses: ReturnType<(typeof flagged)[Flagged]>,
  ): Promise<{ statusCode: number; body: string; json(): unknown }>;
  student?: () => Session;
}

const post = (
  st: Session,
  payload: unknown,
  headers: Record<string, string> = withKey(st.headers),
) => t.app.inject({ method: 'POST', url: '/v1/screenings', headers, payload: payload as object });

const rejections: Record<string, Rejection> = {
  campaign_closed: {
    status: 409,
    code: 'campaign_closed',
    send: (st, r) => post(st, { campaignId: c.closed.id, responses: r }),
  },
  not_open_yet: {
    status: 403,
    code: 'not_eligible',
    send: (st, r) => post(st, { campaignId: c.future.id, responses: r }),
  },
  consent_missing: {
    status: 403,
    code: 'consent_required',
    send: (st, r) => post(st, { campaignId: c.open.id, responses: r }),
    student: () => noConsent(),
  },
  already_submitted: {
    status: 409,
    code: 'already_submitted',
    send: async (st, r) => {
      expect(
        (await post(st, { campaignId: c.open.id, responses: answers.none() })).statusCode,
      ).toBe(201);
      return post(st, { campaignId: c.open.id, responses: r });
    },
  },
  student_outside_campaign: {
    status: 403,
    code: 'not_eligible',
    send: (st, r) => post(st, { campaignId: c.otherClass.id, responses: r }),
  },
  unknown_campaign: {
    status: 404,
    code: 'not_found',
    send: (st, r) => post(st, { campaignId: 'cmp_00000000000000000000000000', responses: r }),
  },
  unknown_item: {
    status: 422,
    code: 'unprocessable',
    send: (st, r) =>
      post(st, {
        campaignId: c.open.id,
        responses: r.map((x) =>
          x.instrumentId === 'gad-7' ? { ...x, answers: { ...x.answers, q99: 1 } } : x,
        ),
      }),
  },
  out_of_range_code: {
    status: 422,
    code: 'unprocessable',
    send: (st, r) =>
      post(st, {
        campaignId: c.open.id,
        responses: r.map((x) =>
          x.instrumentId === 'gad-7' ? { ...x, answers: { ...x.answers, q1: 7 } } : x,
        ),
      }),
  },
  instrument_not_in_campaign: {
    status: 422,
    code: 'unprocessable',
    send: (st, r) =>
      post(st, {
        campaignId: c.open.id,
        responses: [...r, { instrumentId: 'psc-17', answers: {} }],
      }),
  },
  instrument_missing: {
    status: 422,
    code: 'unprocessable',
    send: (st, r) =>
      post(st, { campaignId: c.open.id, responses: r.filter((x) => x.instrumentId !== 'gad-7') }),
  },
  idempotency_key_missing: {
    status: 400,
    code: 'idempotency_key_required',
    send: (st, r) => post(st, { campaignId: c.open.id, responses: r }, st.headers),
  },
  unknown_field: {
    status: 400,
    code: 'validation_failed',
    send: (st, r) => post(st, { campaignId: c.open.id, responses: r, extra: true }),
  },
  wrong_types: {
    status: 400,
    code: 'validation_failed',
    send: (st, r) =>
      post(st, {
        campaignId: c.open.id,
        responses: [...r, { instrumentId: 'phq-9', answers: 'all zero' }],
      }),
  },
  key_reused_with_another_body: {
    status: 422,
    code: 'idempotency_key_reused',
    send: async (st, r) => {
      const h = withKey(st.headers);
      expect(
        (await post(st, { campaignId: c.open.id, responses: answers.none() }, h)).statusCode,
      ).toBe(201);
      return post(st, { campaignId: c.open.id, responses: r }, h);
    },
  },
};

describe('a critical flag survives every rejection of its screening', () => {
  for (const [reason, rej] of Object.entries(rejections)) {
    for (const f of ['item9', 'asqAcute'] as const) {
      it(`${reason} × ${f}`, async () => {
        const st = rej.student ? rej.student() : fresh();
        const screeningsBefore = await t.database.db
          .selectFrom('screenings')
          .select('id')
          .where('student_id', '=', st.id)
          .execute();
        const res = await rej.send(st, flagged[f]());
        const body = res.json() as ErrorBody;
        expect({ status: res.statusCode, code: body.code }).toEqual({
          status: rej.status,
          code: rej.code,
        });
        const signalId = body.details?.safetySignalId as string;
        expect(signalId).toMatch(/^sig_/);
        const signal = await t.database.db
          .selectFrom('safety_signals')
          .selectAll()
          .where('id', '=', signalId)
          .executeTakeFirstOrThrow();
        expect(signal.student_id).toBe(st.id);
        const alert = await t.database.db
          .selectFrom('alerts')
          .selectAll()
          .where('id', '=', signal.alert_id)
          .executeTakeFirstOrThrow();
        expect(alert.tier).toBe(expectedTier[f]);
        const told = await t.database.db
          .selectFrom('alert_recipients')
          .select('role')
          .where('alert_id', '=', alert.id)
          .execute();
        expect(told.map((x) => x.role)).toContain('counsellor');
        const screeningsAfter = await t.database.db
          .selectFrom('screenings')
          .select('id')
          .where('student_id', '=', st.id)
          .execute();
        expect(screeningsAfter.length).toBe(
          screeningsBefore.length +
            (['already_submitted', 'key_reused_with_another_body'].includes(reason) ? 1 : 0),
        );
      });
    }
  }
});

describe('POST /v1/safety-signals', () => {
  const signal = (st: Session, campaignId: string | undefined, flag = 'asq-acute', key?: string) =>
    t.app.inject({
      method: 'POST',
      url: '/v1/safety-signals',
      headers: withKey(st.headers, key),
      payload: { flag, observedAt: '2026-09-01T01:00:00Z', ...(campaignId ? { campaignId } : {}) },
    });

  it('is stored with its alert whatever else is wrong: closed campaign, no consent, already submitted, unknown campaign', async () => {
    const submitted = fresh();
    expect(
      (await post(submitted, { campaignId: c.open.id, responses: answers.none() })).statusCode,
    ).toBe(201);
    const cases: Array<[Session, string | undefined]> = [
      [fresh(), c.closed.id],
      [noConsent(), c.open.id],
      [submitted, c.open.id],
      [fresh(), 'cmp_00000000000000000000000000'],
      [fresh(), undefined],
    ];
    for (const [st, campaignId] of cases) {
      const res = await signal(st, campaignId);
      expect(res.statusCode, res.body).toBe(201);
      const body = res.json() as SafetySignal;
      const list = (
        await t.app.inject({ method: 'GET', url: '/v1/alerts', headers: counsellor.headers })
      ).json() as AlertList;
      const al = (list.data as Alert[]).find((x) => x.id === body.alertId)!;
      expect(al).toMatchObject({ tier: 'critical', studentId: st.id, source: 'safety_signal' });
      expect(al.recipients.map((r) => r.role).sort()).toEqual([
        'class_teacher',
        'counsellor',
        'on_call',
        'school_admin',
      ]);
    }
  });

  it('a retry (same key) replays; a second signal for the same flag joins the first; the screening that follows makes no second alert', async () => {
    const st = fresh();
    const first = await signal(st, c.open.id, 'asq-acute', 'sig-key-1');
    const replay = await signal(st, c.open.id, 'asq-acute', 'sig-key-1');
    expect(replay.body).toBe(first.body);
    const again = await signal(st, c.open.id, 'asq-acute');
    expect((again.json() as SafetySignal).id).toBe((first.json() as SafetySignal).id);
    expect(
      (await post(st, { campaignId: c.open.id, responses: answers.asqAcute() })).statusCode,
    ).toBe(201);
    const alerts = await t.database.db
      .selectFrom('alerts')
      .select('id')
      .where('student_id', '=', st.id)
      .execute();
    expect(alerts).toHaveLength(1);
  });

  it('staff and the portal key cannot send signals; bad input leaves the database unchanged', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/safety-signals',
      headers: withKey(counsellor.headers),
      payload: { flag: 'asq-acute', observedAt: '2026-09-01T01:00:00Z' },
    });
    expect(res.statusCode).toBe(403);
    const st = fresh();
    await expectBadInputRejected(t.app, t.database, {
      method: 'POST',
      url: '/v1/safety-signals',
      headers: withKey(st.headers),
      valid: { flag: 'asq-acute', observedAt: '2026-09-01T01:00:00Z' },
      wrongTypes: { flag: 7, observedAt: 'yesterday' },
    });
  });

  it('screenings: bad input without a critical flag leaves the database unchanged', async () => {
    const st = fresh();
    await expectBadInputRejected(t.app, t.database, {
      method: 'POST',
      url: '/v1/screenings',
      headers: withKey(st.headers),
      valid: { campaignId: c.open.id, responses: answers.none() },
      wrongTypes: { campaignId: 5, responses: 'none' },
    });
  });
});
