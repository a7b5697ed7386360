import * as z from 'zod/mini';
import { InstrumentDetail } from './instrument-catalog.js';
import { CutoffProfileRef, InstrumentId } from './instruments.js';
import { OpaqueId, Timestamp } from './ids.js';

/**
 * Screening campaigns (ARCHITECTURE §3): a window, target units of one school, an ordered
 * instrument set scored with one cut-off profile, consent rules and a result policy.
 */

/** What the student sees after submitting. The tier or scores only if the school opts in. */
export const resultPolicies = ['supportive_message', 'tier', 'tier_and_scores'] as const;
export const ResultPolicy = z.enum(resultPolicies);
export type ResultPolicy = z.infer<typeof ResultPolicy>;

export const CampaignCreate = z.strictObject({
  name: z.string().check(z.minLength(1), z.maxLength(200)),
  schoolId: OpaqueId,
  /** Grades or classes of the school; omitted or empty = the whole school. */
  targetUnits: z.optional(z.array(OpaqueId).check(z.maxLength(200))),
  opensAt: Timestamp,
  closesAt: Timestamp,
  /** In the order the form asks them. Follow-up instruments (ASQ) are inserted by the adaptive rule. */
  instruments: z.array(InstrumentId).check(z.minLength(1), z.maxLength(10)),
  profile: z.optional(CutoffProfileRef),
  /** On by default (PIPL). Turning it off requires `legalBasis`. */
  consentRequired: z.optional(z.boolean()),
  legalBasis: z.optional(z.string().check(z.minLength(10), z.maxLength(2000))),
  resultPolicy: z.optional(ResultPolicy),
  /** Computer-lab machines: the form saves nothing locally. */
  sharedDevices: z.optional(z.boolean()),
  allowRetakes: z.optional(z.boolean()),
  /** Instruments whose Chinese wording is `unvalidated`, acknowledged by the creating admin. */
  acknowledgeUnvalidatedTranslations: z.optional(z.array(InstrumentId).check(z.maxLength(10))),
});
export type CampaignCreate = z.infer<typeof CampaignCreate>;

export const Campaign = z.object({
  id: OpaqueId,
  name: z.string(),
  schoolId: OpaqueId,
  targetUnits: z.array(OpaqueId),
  opensAt: Timestamp,
  closesAt: Timestamp,
  instruments: z.array(InstrumentId),
  profile: CutoffProfileRef,
  consentRequired: z.boolean(),
  legalBasis: z.nullable(z.string()),
  resultPolicy: ResultPolicy,
  sharedDevices: z.boolean(),
  allowRetakes: z.boolean(),
  translationAcknowledgement: z.nullable(
    z.object({ instruments: z.array(InstrumentId), by: z.string(), at: Timestamp }),
  ),
  createdAt: Timestamp,
});
export type Campaign = z.infer<typeof Campaign>;

export const eligibilityReasons = [
  'not_open_yet',
  'closed',
  'not_in_campaign',
  'consent_required',
  'already_submitted',
] as const;
export const EligibilityReason = z.enum(eligibilityReasons);
export type EligibilityReason = z.infer<typeof EligibilityReason>;

/** What `GET /v1/campaigns/:id/eligibility` may add to its answer on request (`?include=definitions`). */
export const eligibilityIncludes = ['definitions'] as const;
export const EligibilityInclude = z.enum(eligibilityIncludes);
export type EligibilityInclude = z.infer<typeof EligibilityInclude>;

/** `GET /v1/campaigns/:id/eligibility`: asked by the form before question 1. */
export const EligibilityQuery = z.strictObject({
  studentId: z.optional(OpaqueId),
  include: z.optional(EligibilityInclude),
});
export const Eligibility = z.object({
  campaignId: OpaqueId,
  studentId: OpaqueId,
  eligible: z.boolean(),
  reasons: z.array(EligibilityReason),
  /** Consents still missing (`guardian`, `health_data`). */
  missingConsents: z.array(z.enum(['guardian', 'health_data'])),
  existingScreeningId: z.nullable(OpaqueId),
  /** The instruments this respondent fills, in order. */
  instruments: z.array(InstrumentId),
  sharedDevices: z.boolean(),
  opensAt: Timestamp,
  closesAt: Timestamp,
  /**
   * Only with `?include=definitions` and only when `eligible`: every instrument the form may need,
   * so it loads in one round trip instead of three (eligibility, instruments, follow-ups) on slow
   * networks. First `instruments` in order, then each follow-up instrument their critical items
   * can insert (ASQ after PHQ-A), transitively; each instrument once. Each entry is exactly what
   * `GET /v1/instruments/:id` answers, in the same locale (`Accept-Language`).
   */
  definitions: z.optional(z.array(InstrumentDetail)),
});
export type Eligibility = z.infer<typeof Eligibility>;

/** Coverage = screened / enrolled, per class, grade and school. Small cells are not suppressed here (staff view). */
export const CoverageRow = z.object({
  orgUnitId: OpaqueId,
  kind: z.enum(['school', 'grade', 'class']),
  enrolled: z.number(),
  screened: z.number(),
  coverage: z.nullable(z.number()),
});
export const CampaignCoverage = z.object({ campaignId: OpaqueId, rows: z.array(CoverageRow) });
export type CampaignCoverage = z.infer<typeof CampaignCoverage>;
