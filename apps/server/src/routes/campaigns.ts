import type { FastifyInstance } from 'fastify';
import * as z from 'zod/mini';
import {
  Campaign,
  CampaignCoverage,
  CampaignCreate,
  Eligibility,
  EligibilityQuery,
} from '@xinqiao/contracts/campaigns';
import { ErrorBody } from '@xinqiao/contracts/errors';
import { OpaqueId } from '@xinqiao/contracts/ids';
import { rolesFor } from '@xinqiao/contracts/permissions';
import {
  defaultProfileRef,
  getInstrument,
  getProfile,
  listInstruments,
  suitability,
} from '@xinqiao/instruments';
import { tenantOf } from '../auth/authenticate.js';
import { shanghaiDate } from '../dates.js';
import { AppError } from '../http/app-error.js';
import { typed } from '../http/zod.js';
import { newId } from '../ids.js';
import { decide, decideAction } from '../policy/decide.js';
import { unitChain } from '../policy/units.js';
import { audit } from '../repositories/audit.js';
import { campaignToWire, eligibilityOf, inCampaign, loadCampaign } from '../pipeline/campaigns.js';
import { definitionsFor, instrumentLocale } from '../pipeline/instruments.js';
import { ageOn, birthMonthOf, studentContext } from '../pipeline/student-context.js';
import { formSubject } from '../pipeline/subject.js';
import { campaignCoverage, enrolledStudents } from '../pipeline/coverage.js';

const errors = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
  409: ErrorBody,
  422: ErrorBody,
};
const CampaignParams = z.strictObject({ campaignId: OpaqueId });

export async function campaignRoutes(app: FastifyInstance): Promise<void> {
  const r = typed(app);
  const { database, clock, dataKeys } = app.deps;

  r.post(
    '/v1/campaigns',
    {
      config: {
        access: {
          principals: ['secret_key', 'embed_token'],
          resource: 'none',
          roles: rolesFor('campaign.manage'),
          action: 'campaign.manage',
        },
      },
      schema: {
        tags: ['campaigns'],
        summary: 'Create a screening campaign (school/district admins, or the portal backend)',
        body: CampaignCreate,
        response: { 201: Campaign, ...errors },
      },
    },
    async (request, reply) => {
      const tenantId = tenantOf(request);
      const b = request.body;
      const now = clock.now();
      const p = request.principal;
      const chain = await unitChain(database.db, tenantId, b.schoolId);
      if (chain[0]?.kind !== 'school') throw new AppError('not_found');
      if (
        p.kind === 'embed_token' &&
        !decideAction(p, 'campaign.manage', { tenantId, chain }).allowed
      )
        throw new AppError('forbidden');
      const problems: Record<string, unknown> = {};
      if (Date.parse(b.closesAt) <= Date.parse(b.opensAt))
        problems.window = 'closesAt must be after opensAt';
      const consentRequired = b.consentRequired ?? true;
      if (!consentRequired && !b.legalBasis)
        problems.legalBasis = 'turning consent off requires the legal basis';
      const targets = b.targetUnits ?? [];
      const badTargets: string[] = [];
      for (const t of targets) {
        const c = await unitChain(database.db, tenantId, t);
        if (!c[0] || !['grade', 'class'].includes(c[0].kind) || !c.some((u) => u.id === b.schoolId))
          badTargets.push(t);
      }
      if (badTargets.length) problems.targetUnits = badTargets;
      const known = new Map(listInstruments().map((e) => [e.id, e]));
      const unknown = b.instruments.filter((id) => !known.has(id));
      if (unknown.length)
        throw new AppError('unprocessable', undefined, { unknownInstruments: unknown });
      const licensed = b.instruments.filter((id) => known.get(id)!.kind !== 'content');
      if (licensed.length)
        throw new AppError('instrument_licensed', undefined, { instruments: licensed });
      if (new Set(b.instruments).size !== b.instruments.length)
        problems.instruments = 'an instrument is listed twice';
      // The ASQ can be inserted by the adaptive rule, so it is part of what the campaign may give.
      const given = [...new Set([...b.instruments, 'asq'])];
      const profile = b.profile ?? defaultProfileRef;
      try {
        const prof = getProfile(profile);
        const missing = given.filter((id) => !(id in prof.instruments));
        if (missing.length) problems.profile = { missingThresholds: missing };
      } catch {
        problems.profile = 'unknown cut-off profile';
      }
      const ack = new Set(b.acknowledgeUnvalidatedTranslations ?? []);
      const unacknowledged = given.filter((id) => {
        const e = getInstrument(id);
        return (
          e.kind === 'content' && e.translation['zh-CN'].status === 'unvalidated' && !ack.has(id)
        );
      });
      if (unacknowledged.length) problems.unacknowledgedTranslations = unacknowledged;
      // Suitability against the enrolled students' ages on the opening day (unknown ages are not refused here).
      const opensOn = shanghaiDate(new Date(b.opensAt));
      const students = await enrolledStudents(database.db, tenantId, b.schoolId, targets, opensOn);
      const unsuitable: Array<{ instrumentId: string; reasons: string[]; students: number }> = [];
      const ages: number[] = [];
      for (const sid of students) {
        const bm = await birthMonthOf(database.db, dataKeys, tenantId, sid);
        if (bm) ages.push(ageOn(bm, opensOn));
      }
      for (const id of given) {
        const e = getInstrument(id);
        const respondent = e.kind === 'content' ? e.respondent : 'self';
        const reasons = new Map<string, number>();
        for (const age of ages) {
          for (const why of suitability(id, { age, respondent }).reasons)
            reasons.set(why, (reasons.get(why) ?? 0) + 1);
        }
        for (const [why, n] of reasons)
          unsuitable.push({ instrumentId: id, reasons: [why], students: n });
      }
      if (unsuitable.length) problems.unsuitable = unsuitable;
      if (Object.keys(problems).length) throw new AppError('unprocessable', undefined, problems);

      const id = newId('cmp', now);
      const by = p.kind === 'secret_key' ? p.keyId : p.kind === 'embed_token' ? p.userId : '';
      const row = {
        id,
        tenant_id: tenantId,
        school_id: b.schoolId,
        name: b.name,
        target_units: JSON.stringify(targets),
        opens_at: new Date(b.opensAt),
        closes_at: new Date(b.closesAt),
        instruments: JSON.stringify(b.instruments),
        profile_id: profile.id,
        profile_version: profile.version,
        consent_required: consentRequired,
        legal_basis: consentRequired ? null : b.legalBasis!,
        result_policy: b.resultPolicy ?? 'supportive_message',
        shared_devices: b.sharedDevices ?? false,
        allow_retakes: b.allowRetakes ?? false,
        translation_ack: ack.size
          ? JSON.stringify({ instruments: [...ack], by, at: now.toISOString() })
          : null,
        created_by: by,
        created_at: now,
      } as const;
      await database.db.transaction().execute(async (trx) => {
        await trx.insertInto('campaigns').values(row).execute();
        await audit(
          trx,
          request,
          {
            action: 'write',
            resource: 'campaign',
            orgUnitId: b.schoolId,
            schoolId: b.schoolId,
            purpose: 'campaign_create',
          },
          now,
        );
      });
      reply.status(201);
      return campaignToWire((await loadCampaign(database.db, tenantId, id))!);
    },
  );

  r.get(
    '/v1/campaigns/:campaignId',
    {
      config: { access: { principals: ['secret_key', 'embed_token'], resource: 'none' } },
      schema: {
        tags: ['campaigns'],
        summary: 'One campaign (the portal, staff of its school, its students and their guardians)',
        params: CampaignParams,
        response: { 200: Campaign, ...errors },
      },
    },
    async (request) => {
      const tenantId = tenantOf(request);
      const c = await loadCampaign(database.db, tenantId, request.params.campaignId);
      if (!c) throw new AppError('not_found');
      const p = request.principal;
      if (p.kind === 'embed_token') {
        let ok = false;
        for (const m of p.memberships) {
          // A membership on the school's units, or on a region above it (district admins).
          const mine = await unitChain(database.db, tenantId, m.orgUnit);
          const school = mine.find((u) => u.kind === 'school')?.id;
          if (school === c.school_id) ok = true;
          else if (
            !school &&
            (await unitChain(database.db, tenantId, c.school_id)).some((u) => u.id === m.orgUnit)
          )
            ok = true;
        }
        if (!ok) throw new AppError('not_found');
      }
      return campaignToWire(c);
    },
  );

  r.get(
    '/v1/campaigns/:campaignId/eligibility',
    {
      config: {
        access: { principals: ['embed_token'], resource: 'none', roles: ['student', 'guardian'] },
      },
      schema: {
        tags: ['campaigns'],
        summary:
          'May this student start the form now? (window, consent, already submitted) — asked before question 1',
        params: CampaignParams,
        querystring: EligibilityQuery,
        response: { 200: Eligibility, ...errors },
      },
    },
    async (request) => {
      const now = clock.now();
      const today = shanghaiDate(now);
      const subject = await formSubject(database.db, request, request.query.studentId, today);
      const c = await loadCampaign(database.db, subject.tenantId, request.params.campaignId);
      if (!c) throw new AppError('not_found');
      const s = await studentContext(database.db, subject.tenantId, subject.studentId, today);
      if (!inCampaign(c, s) && subject.respondent === 'self' && !s) throw new AppError('not_found');
      const el = await eligibilityOf(
        database.db,
        dataKeys,
        c,
        s,
        subject.studentId,
        subject.respondent,
        now,
      );
      if (request.query.include !== 'definitions' || !el.eligible) return el;
      // Locale exactly as `GET /v1/instruments/:id` without `?locale=`: the form asks both that way.
      const locale = instrumentLocale(undefined, request.headers['accept-language']);
      return { ...el, definitions: definitionsFor(el.instruments, locale) };
    },
  );

  r.get(
    '/v1/campaigns/:campaignId/coverage',
    {
      config: { access: { principals: ['secret_key', 'embed_token'], resource: 'statistics' } },
      schema: {
        tags: ['campaigns'],
        summary: 'Screened / enrolled per class, grade and school',
        params: CampaignParams,
        response: { 200: CampaignCoverage, ...errors },
      },
    },
    async (request) => {
      const tenantId = tenantOf(request);
      const c = await loadCampaign(database.db, tenantId, request.params.campaignId);
      if (!c) throw new AppError('not_found');
      const now = clock.now();
      const chain = await unitChain(database.db, tenantId, c.school_id);
      const d = await decide(
        database.db,
        request.principal,
        'statistics',
        { tenantId, chain },
        shanghaiDate(now),
      );
      const rows = await campaignCoverage(database.db, c, shanghaiDate(now));
      const p = request.principal;
      if (p.kind === 'embed_token' && !d.allowed) {
        // Class teachers and grade leaders: only their own units' rows.
        const own = new Set<string>();
        for (const m of p.memberships)
          if (m.role === 'class_teacher' || m.role === 'grade_leader') own.add(m.orgUnit);
        const mine = rows.filter((row) => own.has(row.orgUnitId));
        if (!mine.length) throw new AppError('forbidden');
        return { campaignId: c.id, rows: mine };
      }
      if (!d.allowed) throw new AppError('forbidden');
      return { campaignId: c.id, rows };
    },
  );
}
