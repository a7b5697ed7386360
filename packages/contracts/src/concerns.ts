import * as z from 'zod/mini';
import { OpaqueId, Timestamp } from './ids.js';

/**
 * Concerns: staff, guardians and students raise a worry (classroom observation, home visit,
 * self-referral) with a chosen tier. Routed like a screening alert of that tier; high and
 * critical open (or join) the student's case.
 */
export const concernKinds = [
  'classroom_observation',
  'home_visit',
  'self_referral',
  'peer_report',
  'other',
] as const;
export const ConcernKind = z.enum(concernKinds);

export const ConcernCreate = z.strictObject({
  /** A student raising a concern about themself may omit it. */
  studentId: z.optional(OpaqueId),
  kind: ConcernKind,
  tier: z.enum(['attention', 'high', 'critical']),
  /** What was noticed. Sealed with the student's data key; only counsellors read it. */
  note: z.optional(z.string().check(z.minLength(1), z.maxLength(4000))),
});
export type ConcernCreate = z.infer<typeof ConcernCreate>;

export const Concern = z.object({
  id: OpaqueId,
  studentId: OpaqueId,
  kind: ConcernKind,
  tier: z.enum(['attention', 'high', 'critical']),
  alertId: OpaqueId,
  caseId: z.nullable(OpaqueId),
  createdAt: Timestamp,
});
export type Concern = z.infer<typeof Concern>;
