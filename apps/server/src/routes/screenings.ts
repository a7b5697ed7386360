import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ErrorBody } from '@xinqiao/contracts/errors';
import { maxRiskTier, type RiskTier, type ScoreResult } from '@xinqiao/contracts/instruments';
import type { Locale } from '@xinqiao/contracts/ids';
import type { CriticalFlag } from '@xinqiao/contracts/safety-signals';
import { ScreeningCreate, ScreeningReceipt } from '@xinqiao/contracts/screenings';
import { combineTiers, score, ScoringError } from '@xinqiao/instruments';
import { sealField } from '../crypto/data-keys.js';
import { shanghaiDate } from '../dates.js';
import { AppError } from '../http/app-error.js';
import {
  idempotencyCommitted,
  retainIdempotencyFor,
  storeResponseIn,
} from '../http/idempotency.js';
import { localeFrom } from '../http/messages.js';
import { typed } from '../http/zod.js';
import { newId } from '../ids.js';
import { isGuardianOf } from '../policy/units.js';
import { audit } from '../repositories/audit.js';
import { raiseAlert } from '../pipeline/alerts.js';
import {
  eligibilityOf,
  instrumentsFor,
  loadCampaign,
  type CampaignRow,
} from '../pipeline/campaigns.js';
import { recordSafetySignals } from '../pipeline/record-signals.js';
import { criticalFlagsIn, type StoredSignal } from '../pipeline/safety.js';
import { lockStudent } from '../pipeline/student-lock.js';
import { studentContext } from '../pipeline/student-context.js';
import { formSubject } from '../pipeline/subject.js';

const errors = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
  409: ErrorBody,
  413: ErrorBody,
  422: ErrorBody,
};

declare module 'fastify' {
  interface FastifyRequest {
    /** Safety signals this request's answers carried, stored before any rule could reject it. */
    safetySignals?: StoredSignal[];
  }
}

/** What the form shows after submitting: to the student, or to a guardian who filled a parent form. */
const studentMessages: Record<'self' | 'parent', Record<Locale, string>> = {
  self: {
    'zh-CN':
      '谢谢你认真完成问卷。如果你现在感到难过或不安全，请马上告诉身边的老师或家长，也可以拨打求助热线。',
    en: 'Thank you for completing the questionnaire. If you feel upset or unsafe right now, tell a teacher or a parent straight away, or call a helpline.',
  },
  parent: {
    'zh-CN':
      '谢谢您完成家长问卷。如果您对孩子的情况有担心，可以直接联系班主任或学校心理老师；遇到紧急情况，请拨打求助热线。',
    en: 'Thank you for completing the parent questionnaire. If you are worried about your child, contact the class teacher or the school counsellor directly; in an emergency, call a helpline.',
  },
};

/**
 * Before validation, idempotency or any rule: the answers' critical flags are stored as safety
 * signals with their alerts. Whatever then rejects the request, the flag has reached a named
 * adult and the 4xx carries `safetySignalId`.
 */
async function captureSafetySignals(app: FastifyInstance, request: FastifyRequest): Promise<void> {
  const p = request.principal;
  if (p.kind !== 'embed_token') return;
  const body = request.body as {
    campaignId?: unknown;
    studentId?: unknown;
    responses?: unknown;
  } | null;
  if (!body || typeof body !== 'object' || !Array.isArray(body.responses)) return;
  const flags = new Map<string, string>();
  for (const r of body.responses.slice(0, 12) as Array<{
    instrumentId?: unknown;
    answers?: unknown;
  } | null>) {
    for (const f of criticalFlagsIn(r?.instrumentId, r?.answers))
      if (!flags.has(f)) flags.set(f, r!.instrumentId as string);
  }
  if (!flags.size) return;
  const { database, clock } = app.deps;
  const now = clock.now();
  let studentId: string | undefined;
  if (p.signedMemberships.some((m) => m.role === 'student')) studentId = p.userId;
  else if (
    typeof body.studentId === 'string' &&
    (await isGuardianOf(database.db, p.tenantId, p.userId, body.studentId, shanghaiDate(now)))
  )
    studentId = body.studentId;
  if (!studentId) return;
  request.safetySignals = await recordSafetySignals(
    database,
    request,
    {
      studentId,
      flags: [...flags.entries()].map(([flag, instrumentId]) => ({
        flag: flag as CriticalFlag,
        instrumentId,
      })),
      campaignId: body.campaignId,
      observedAt: null,
      via: 'screening',
    },
    now,
  );
}

const signalDetails = (request: FastifyRequest) =>
  request.safetySignals?.length
    ? {
        safetySignalId: request.safetySignals[0]!.id,
        safetySignalIds: request.safetySignals.map((s) => s.id),
      }
    : {};

function reject(
  request: FastifyRequest,
  code: ConstructorParameters<typeof AppError>[0],
  details: Record<string, unknown> = {},
): never {
  throw new AppError(code, undefined, { ...details, ...signalDetails(request) });
}

export async function screeningRoutes(app: FastifyInstance): Promise<void> {
  const r = typed(app);
  const { database, clock, dataKeys } = app.deps;

  r.post(
    '/v1/screenings',
    {
      config: {
        access: {
          principals: ['embed_token'],
          resource: 'answers',
          roles: ['student', 'guardian'],
          safetyPath: true,
        },
      },
      schema: {
        tags: ['screenings'],
        summary: 'Submit a screening (scored by the server; Idempotency-Key required)',
        description:
          'Critical flags are stored as safety signals with their alerts even when the screening is rejected; the 4xx then carries `details.safetySignalId`.',
        body: ScreeningCreate,
        response: { 201: ScreeningReceipt, ...errors },
      },
      preValidation: async (request) => {
        try {
          await captureSafetySignals(app, request);
        } catch (e) {
          // The signal path failing must not hide the request's own outcome; it is logged (no body).
          request.log.error({ err: { type: (e as Error).name } }, 'safety signal capture failed');
        }
      },
      onSend: async (request, reply, payload) => {
        // Rejections before the handler (validation, idempotency) still name the stored signal.
        if (reply.statusCode < 400 || !request.safetySignals?.length || typeof payload !== 'string')
          return payload;
        try {
          const body = JSON.parse(payload) as { details?: Record<string, unknown> };
          if (body.details?.safetySignalId) return payload;
          body.details = { ...(body.details ?? {}), ...signalDetails(request) };
          return JSON.stringify(body);
        } catch {
          return payload;
        }
      },
    },
    async (request, reply) => {
      const b = request.body;
      const now = clock.now();
      const today = shanghaiDate(now);
      const subject = await formSubject(database.db, request, b.studentId, today).catch(
        (e: unknown) => {
          if (e instanceof AppError) reject(request, e.code, e.details);
          throw e;
        },
      );
      const c = await loadCampaign(database.db, subject.tenantId, b.campaignId);
      if (!c) reject(request, 'not_found');
      retainIdempotencyFor(request, c.closes_at);
      const s = await studentContext(database.db, subject.tenantId, subject.studentId, today);
      const el = await eligibilityOf(
        database.db,
        dataKeys,
        c,
        s,
        subject.studentId,
        subject.respondent,
        now,
        { existingChecked: true },
      );
      if (el.reasons.includes('closed')) reject(request, 'campaign_closed');
      if (el.reasons.includes('not_open_yet'))
        reject(request, 'not_eligible', { reason: 'not_open_yet' });
      if (el.reasons.includes('not_in_campaign'))
        reject(request, 'not_eligible', { reason: 'not_in_campaign' });
      if (el.reasons.includes('consent_required'))
        reject(request, 'consent_required', { missingConsents: el.missingConsents });

      // Scored here; a refusal of the answers (422) is raised only after the transaction's
      // `already_submitted` check, which comes first among the rules.
      let assessed: ReturnType<typeof assess> | undefined;
      let refusal: AppError | undefined;
      try {
        assessed = assess(scoreAll(request, c, subject.respondent, b.responses));
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
        refusal = e;
      }

      const id = newId('scr', now);
      let stored = false;
      let text = '';
      try {
        await database.db.transaction().execute(async (trx) => {
          // One submission of a student at a time (raiseAlert's lock, taken first): unlocked, two
          // at once read the same attempt number (a retake answered 409), and a student's and a
          // guardian's form each hold the student row's key-share lock from their insert and
          // deadlock when raiseAlert asks for the row lock.
          await lockStudent(trx, subject.tenantId, subject.studentId);
          const previous = await trx
            .selectFrom('screenings')
            .select(['id', 'attempt'])
            .where('tenant_id', '=', subject.tenantId)
            .where('campaign_id', '=', c.id)
            .where('student_id', '=', subject.studentId)
            .where('respondent_kind', '=', subject.respondent)
            .orderBy('attempt', 'desc')
            .limit(1)
            .executeTakeFirst();
          if (previous && !c.allow_retakes)
            reject(request, 'already_submitted', { screeningId: previous.id });
          if (refusal || !assessed) throw refusal;
          const { scored, followUp, followUpMissing, tier, flags } = assessed;
          const attempt = (previous?.attempt ?? 0) + 1;
          const key = await dataKeys.getOrCreate(trx, subject.tenantId, subject.studentId, now);
          const answers = JSON.stringify(
            b.responses.map((x) => ({ instrumentId: x.instrumentId, answers: x.answers })),
          );
          await trx
            .insertInto('screenings')
            .values({
              id,
              tenant_id: subject.tenantId,
              campaign_id: c.id,
              student_id: subject.studentId,
              school_id: s!.schoolId,
              class_id: s!.classId,
              attempt,
              respondent_kind: subject.respondent,
              respondent_id: subject.actorId,
              submitted_at: now,
              tier,
              flags: JSON.stringify(followUpMissing ? [...flags, 'follow_up_missing'] : flags),
              follow_up_missing: followUpMissing,
              answers_enc: sealField(key, subject.studentId, `screening:${id}:answers`, answers),
            })
            .execute();
          for (const x of scored) {
            const { blankItems: _blank, ...result } = x.result;
            await trx
              .insertInto('screening_results')
              .values({
                id: newId('res', now),
                screening_id: id,
                result_version: 1,
                instrument_id: x.result.instrumentId,
                instrument_version: x.result.instrumentVersion,
                content_hash: x.result.contentHash,
                profile_id: x.result.profileId,
                profile_version: x.result.profileVersion,
                tier: x.result.tier,
                result: JSON.stringify(result),
                created_at: now,
              })
              .execute();
          }
          if (tier !== 'none') {
            await raiseAlert(
              trx,
              {
                student: s!,
                tier,
                flags: followUpMissing ? [...flags, 'follow_up_missing'] : flags,
                source: 'screening',
                sourceId: id,
                campaignId: c.id,
              },
              now,
              { studentLocked: true },
            );
          }
          await audit(
            trx,
            request,
            {
              action: 'write',
              resource: 'answers',
              subjectId: subject.studentId,
              orgUnitId: s!.classId,
              schoolId: s!.schoolId,
              purpose: 'screening_submit',
            },
            now,
          );
          // The receipt, and the idempotency record's answer in this same commit.
          const locale = localeFrom(request.headers['accept-language']);
          reply.status(201);
          text = reply.serialize({
            id,
            studentMessage:
              studentMessages[subject.respondent === 'parent' ? 'parent' : 'self'][locale],
            ...(followUpMissing ? { followUp } : {}),
            ...(c.result_policy !== 'supportive_message' && subject.respondent === 'self'
              ? { tier }
              : {}),
            ...(c.result_policy === 'tier_and_scores' && subject.respondent === 'self'
              ? {
                  scores: scored.map((x) => ({
                    instrumentId: x.result.instrumentId,
                    total: x.result.total,
                  })),
                }
              : {}),
          }) as string;
          stored = await storeResponseIn(trx, request, 201, text);
        });
      } catch (e) {
        if (e instanceof AppError) throw e;
        // Defence in depth (the student lock rules it out): a twin won the unique attempt race.
        if (/unique|duplicate/i.test(String((e as { message?: string }).message))) {
          reject(request, 'already_submitted', {
            screeningId: await existingId(c, subject.studentId, subject.respondent),
          });
        }
        throw e;
      }
      idempotencyCommitted(request, stored);
      // The very text the idempotency record replays (the receipt schema's serializer ran above).
      return (reply as FastifyReply).status(201).type('application/json; charset=utf-8').send(text);
    },
  );

  async function existingId(c: CampaignRow, studentId: string, respondent: 'self' | 'parent') {
    const row = await database.db
      .selectFrom('screenings')
      .select('id')
      .where('campaign_id', '=', c.id)
      .where('student_id', '=', studentId)
      .where('respondent_kind', '=', respondent)
      .executeTakeFirst();
    return row?.id ?? null;
  }
}

/** The screening's tier, flags and missing follow-ups from its scored responses. */
function assess(scored: Array<{ result: ScoreResult }>) {
  const followUp = [...new Set(scored.flatMap((x) => x.result.followUp))].filter(
    (id) => !scored.some((x) => x.result.instrumentId === id),
  );
  const followUpMissing = followUp.length > 0;
  let tier: RiskTier = combineTiers(scored.map((x) => x.result));
  if (followUpMissing) tier = maxRiskTier(tier, 'high');
  const flags = [...new Set(scored.flatMap((x) => x.result.flags))];
  return { scored, followUp, followUpMissing, tier, flags };
}

/**
 * Authoritative scoring of every response (client scores ignored). The campaign's instruments
 * for this respondent must all be there; the ASQ is always accepted (the adaptive rule inserts it).
 */
function scoreAll(
  request: FastifyRequest,
  c: CampaignRow,
  respondent: 'self' | 'parent',
  responses: Array<{ instrumentId: string; answers: Record<string, unknown> }>,
) {
  const expected = instrumentsFor(c, respondent);
  const seen = new Set<string>();
  const out: Array<{ result: ScoreResult }> = [];
  for (const [i, x] of responses.entries()) {
    if (seen.has(x.instrumentId))
      reject(request, 'unprocessable', {
        reason: 'duplicate_instrument',
        path: ['responses', i, 'instrumentId'],
      });
    seen.add(x.instrumentId);
    if (!expected.includes(x.instrumentId) && x.instrumentId !== 'asq') {
      reject(request, 'unprocessable', {
        reason: 'instrument_not_in_campaign',
        path: ['responses', i, 'instrumentId'],
      });
    }
    try {
      out.push({
        result: score(x.instrumentId, x.answers, {
          profile: { id: c.profile_id, version: c.profile_version },
        }),
      });
    } catch (e) {
      if (e instanceof ScoringError) {
        reject(request, 'unprocessable', {
          reason: e.code,
          path: ['responses', i, 'answers', ...(e.itemId ? [e.itemId] : [])],
        });
      }
      throw e;
    }
  }
  const missing = expected.filter((id) => !seen.has(id));
  if (missing.length)
    reject(request, 'unprocessable', { reason: 'missing_instrument', instruments: missing });
  return out;
}
