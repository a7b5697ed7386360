import * as z from 'zod/mini';
import { Flag, InstrumentId } from './instruments.js';
import { OpaqueId, Timestamp } from './ids.js';

/**
 * A safety signal (never lost): the form sends it the moment a critical flag fires, ahead of
 * the rest of the answers. Student, flag and time only. The server stores it with its alert in
 * one transaction whatever else is wrong (campaign closed, consent missing, already submitted).
 */
export const criticalFlags = [
  'suicidal-ideation',
  'past-month-ideation',
  'asq-positive',
  'asq-acute',
  'asq-acuity-unknown',
] as const;
export const CriticalFlag = z.enum(criticalFlags);
export type CriticalFlag = z.infer<typeof CriticalFlag>;

export const SafetySignalCreate = z.strictObject({
  flag: CriticalFlag,
  /** When the form saw it (the student's clock; the server records its own time too). */
  observedAt: Timestamp,
  campaignId: z.optional(OpaqueId),
  instrumentId: z.optional(InstrumentId),
  /** A guardian filling a form for their child names the child; a student token means the student. */
  studentId: z.optional(OpaqueId),
});
export type SafetySignalCreate = z.infer<typeof SafetySignalCreate>;

export const SafetySignal = z.object({
  id: OpaqueId,
  flag: Flag,
  alertId: OpaqueId,
  recordedAt: Timestamp,
});
export type SafetySignal = z.infer<typeof SafetySignal>;
