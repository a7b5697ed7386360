import * as z from 'zod/mini';
import { DateOnly, ExternalId, OpaqueId, Timestamp } from './ids.js';
import { Role } from './memberships.js';

/**
 * A student's personal data as exported on request (PIPL access right), and the answer to an
 * erasure. Erasure destroys the student's data key (crypto-shredding): sealed copies anywhere,
 * append-only tables included, become unreadable; ids and dates stay so history is explainable.
 */
export const StudentExport = z.object({
  id: OpaqueId,
  externalId: ExternalId,
  name: z.nullable(z.string()),
  birthMonth: z.nullable(z.string()),
  memberships: z.array(
    z.object({ role: Role, orgUnit: OpaqueId, startedOn: DateOnly, endedOn: z.nullable(DateOnly) }),
  ),
  guardians: z.array(
    z.object({ id: OpaqueId, startedOn: DateOnly, endedOn: z.nullable(DateOnly) }),
  ),
  /** Everything else held about the student (PIPL art. 45), notes and answers in clear text. */
  consents: z.array(
    z.object({
      kind: z.string(),
      granted: z.boolean(),
      campaignId: z.nullable(OpaqueId),
      recordedAt: Timestamp,
    }),
  ),
  screenings: z.array(
    z.object({
      id: OpaqueId,
      campaignId: OpaqueId,
      respondent: z.string(),
      submittedAt: Timestamp,
      tier: z.string(),
      /** Null once erased (the data key is gone). */
      responses: z.nullable(z.unknown()),
    }),
  ),
  safetySignals: z.array(z.object({ id: OpaqueId, flag: z.string(), recordedAt: Timestamp })),
  concerns: z.array(
    z.object({
      id: OpaqueId,
      kind: z.string(),
      tier: z.string(),
      createdAt: Timestamp,
      note: z.nullable(z.string()),
    }),
  ),
  cases: z.array(
    z.object({
      id: OpaqueId,
      state: z.string(),
      openedAt: Timestamp,
      closedAt: z.nullable(Timestamp),
      events: z.array(
        z.object({
          type: z.string(),
          at: Timestamp,
          occurredAt: Timestamp,
          contactKind: z.nullable(z.string()),
          note: z.nullable(z.string()),
        }),
      ),
    }),
  ),
  contacts: z.array(z.object({ kind: z.string(), at: Timestamp, note: z.nullable(z.string()) })),
  parentSchoolSignups: z.array(
    z.object({
      sessionId: OpaqueId,
      guardianId: OpaqueId,
      state: z.string(),
      createdAt: Timestamp,
      checkedInAt: z.nullable(Timestamp),
    }),
  ),
  erasedAt: z.nullable(Timestamp),
  exportedAt: Timestamp,
});
export type StudentExport = z.infer<typeof StudentExport>;

export const ErasureRequest = z.strictObject({
  /** Why (recorded in the audit log), e.g. `guardian_request`, `retention_expired`. */
  reason: z.enum(['guardian_request', 'student_request', 'retention_expired', 'other']),
});
export type ErasureRequest = z.infer<typeof ErasureRequest>;

export const Erasure = z.object({ id: OpaqueId, erasedAt: Timestamp });
export type Erasure = z.infer<typeof Erasure>;

/**
 * `GET /v1/retention/due` (portal key): students whose last enrolment ended at least the
 * tenant's retention period ago and who are not erased yet — ids only. With retention set, the
 * server erases them in its daily pass (reason `retention_expired`, audited as `system`).
 */
export const RetentionDue = z.object({
  retentionYearsAfterLeaving: z.nullable(z.number()),
  /** The cut-off: enrolments that ended on or before this date are due. Null when not set. */
  leftOnOrBefore: z.nullable(DateOnly),
  data: z.array(z.object({ studentId: OpaqueId, leftOn: DateOnly })),
});
export type RetentionDue = z.infer<typeof RetentionDue>;
