import * as z from 'zod/mini';
import { OpaqueId, Timestamp } from './ids.js';

/**
 * Cases (一生一档 / 一生一策): six steps as parallel stages and an append-only timeline of typed
 * events. Corrections are new events (`corrects`), never edits.
 */
export const caseStages = [
  'assessment',
  'pairing',
  'intervention',
  'peer_follow_up',
  'home_school',
  'referral',
] as const;
export const CaseStageId = z.enum(caseStages);
export type CaseStageId = z.infer<typeof CaseStageId>;

export const StageState = z.discriminatedUnion('status', [
  z.object({ status: z.literal('open') }),
  z.object({ status: z.literal('done') }),
  z.object({
    status: z.literal('not_needed'),
    reason: z.string().check(z.minLength(1), z.maxLength(500)),
  }),
]);
export type StageState = z.infer<typeof StageState>;

export const caseEventTypes = [
  'screening_filed',
  'concern_raised',
  'pairing_assigned',
  'intervention_session',
  'peer_follow_up',
  'home_school_contact',
  'referral_proposed',
  'referral_consented',
  'referral_sent',
  'referral_accepted',
  'referral_rejected',
  'referral_completed',
  'rescreening',
  'closure_requested',
  'closure_approved',
  'note',
] as const;
export const CaseEventType = z.enum(caseEventTypes);
export type CaseEventType = z.infer<typeof CaseEventType>;

/** Recorded by the server when a screening or concern files into the case; nobody adds them. */
export const serverRecordedCaseEventTypes = ['screening_filed', 'concern_raised'] as const;

export const visibilities = ['counsellor', 'school_staff', 'mentor', 'guardian'] as const;
export const Visibility = z.enum(visibilities);
export type Visibility = z.infer<typeof Visibility>;

/** How a home–school contact (家校联系) took place: 家访, 电话, 来校面谈, 线上沟通. */
export const homeSchoolContactKinds = ['home_visit', 'phone', 'school_meeting', 'online'] as const;
export const HomeSchoolContactKind = z.enum(homeSchoolContactKinds);
export type HomeSchoolContactKind = z.infer<typeof HomeSchoolContactKind>;

/**
 * The rule for `occurredAt` (server and forms share it): not after now — the server allows this
 * much clock skew and stores such a time as now — and not more than this long before the case was
 * opened (what led up to it).
 */
export const occurredAtSkewMs = 5 * 60_000;
export const occurredAtBeforeOpeningMs = 30 * 86_400_000;

export const CaseEventCreate = z.strictObject({
  type: CaseEventType,
  visibility: Visibility,
  /** Free text: sealed with the student's data key, readable by counsellors only. */
  note: z.optional(z.string().check(z.minLength(1), z.maxLength(8000))),
  /** pairing_assigned: the teacher, volunteer or counsellor now responsible. */
  personId: z.optional(OpaqueId),
  pairingKind: z.optional(z.enum(['teacher', 'volunteer', 'counsellor'])),
  /** referral_*: which referral (the id of its referral_proposed event; omitted on referral_proposed). */
  referralId: z.optional(OpaqueId),
  /** referral_consented: whose consent was recorded. */
  consentBy: z.optional(z.enum(['guardian', 'student'])),
  /** Sets a stage's state along with the event (a referral may come first: stages are parallel). */
  stage: z.optional(z.strictObject({ id: CaseStageId, state: StageState })),
  /** An earlier event this one corrects. */
  corrects: z.optional(OpaqueId),
  /**
   * When it happened, if earlier than now: case work is often written up days later (a home
   * visit on Monday recorded on Wednesday). Not after the server's clock (5 minutes' skew
   * allowed), not more than 30 days before the case was opened; else 422
   * `occurred_at_out_of_range`. Omitted: it happened when it is recorded.
   */
  occurredAt: z.optional(Timestamp),
  /** home_school_contact only (else 422 `contact_kind_not_allowed`): how the contact took place. */
  contactKind: z.optional(HomeSchoolContactKind),
});
export type CaseEventCreate = z.infer<typeof CaseEventCreate>;

export const CaseEvent = z.object({
  id: OpaqueId,
  type: CaseEventType,
  visibility: Visibility,
  /** When it was recorded (the server's clock); the timeline is ordered by it (append-only). */
  at: Timestamp,
  /** When it happened: the `occurredAt` given on creation, else equal to `at`. */
  occurredAt: Timestamp,
  /** How a home–school contact took place; null for other types and when not given. */
  contactKind: z.nullable(HomeSchoolContactKind),
  actorId: z.nullable(z.string()),
  personId: z.nullable(OpaqueId),
  referralId: z.nullable(OpaqueId),
  stage: z.nullable(z.object({ id: CaseStageId, state: StageState })),
  corrects: z.nullable(OpaqueId),
  /** Counsellors only. */
  note: z.optional(z.nullable(z.string())),
});
export type CaseEvent = z.infer<typeof CaseEvent>;

export const caseActions = [
  'add_event',
  'add_note',
  'request_closure',
  'approve_closure',
  'assign_pairing',
  'refer',
] as const;

export const Case = z.object({
  id: OpaqueId,
  studentId: OpaqueId,
  schoolId: OpaqueId,
  state: z.enum(['open', 'closed']),
  openedAt: Timestamp,
  closedAt: z.nullable(Timestamp),
  /** Omitted for roles that see events only (grade leaders, mentors, guardians). */
  stages: z.optional(z.record(CaseStageId, StageState)),
  responsibleAdults: z.array(
    z.object({ personId: OpaqueId, kind: z.enum(['teacher', 'volunteer', 'counsellor']) }),
  ),
  /** Open with no named responsible adult (结对 mentor or counsellor). */
  overdue: z.boolean(),
  /** What this caller may do now, so clients do not re-implement the policy. */
  allowedActions: z.array(z.enum(caseActions)),
  /** The event types this caller may add now (empty when closed or read-only). */
  allowedEventTypes: z.array(CaseEventType),
});
export type Case = z.infer<typeof Case>;

/** `GET /v1/cases`: the cases the caller's case-timeline right reaches, newest first. */
export const CaseQuery = z.strictObject({
  state: z.optional(z.enum(['open', 'closed'])),
  studentId: z.optional(OpaqueId),
  cursor: z.optional(z.string().check(z.minLength(1), z.maxLength(512))),
  limit: z.optional(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100))),
});
export type CaseQuery = z.infer<typeof CaseQuery>;

export const CaseList = z.object({ data: z.array(Case), nextCursor: z.nullable(z.string()) });
export type CaseList = z.infer<typeof CaseList>;

export const CaseTimeline = z.object({ caseId: OpaqueId, data: z.array(CaseEvent) });
export type CaseTimeline = z.infer<typeof CaseTimeline>;

/** 一生一档: a student's record as the caller may see it. */
export const StudentRecord = z.object({
  studentId: OpaqueId,
  screenings: z.array(
    z.object({
      id: OpaqueId,
      campaignId: OpaqueId,
      submittedAt: Timestamp,
      tier: z.optional(z.string()),
      flags: z.optional(z.array(z.string())),
    }),
  ),
  cases: z.array(
    z.object({
      id: OpaqueId,
      state: z.enum(['open', 'closed']),
      openedAt: Timestamp,
      overdue: z.boolean(),
    }),
  ),
});
export type StudentRecord = z.infer<typeof StudentRecord>;
