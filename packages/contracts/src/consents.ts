import * as z from 'zod/mini';
import { OpaqueId, Timestamp } from './ids.js';

/**
 * Consent (PIPL arts. 28, 31): a guardian's consent for a student under 14 (from the birth
 * month; a birth year only counts as under 14 until the year the student turns 15), and separate
 * consent for health data. Recorded by a guardian (embed token) or the portal's backend.
 */
export const consentKinds = ['guardian', 'health_data'] as const;
export const ConsentKind = z.enum(consentKinds);
export type ConsentKind = z.infer<typeof ConsentKind>;

export const ConsentCreate = z.strictObject({
  studentId: OpaqueId,
  kind: ConsentKind,
  granted: z.boolean(),
  /** Omitted = every campaign of the student's school. */
  campaignId: z.optional(OpaqueId),
});
export type ConsentCreate = z.infer<typeof ConsentCreate>;

export const Consent = z.object({
  id: OpaqueId,
  studentId: OpaqueId,
  kind: ConsentKind,
  granted: z.boolean(),
  campaignId: z.nullable(OpaqueId),
  recordedBy: z.enum(['guardian', 'secret_key']),
  recordedAt: Timestamp,
});
export type Consent = z.infer<typeof Consent>;
