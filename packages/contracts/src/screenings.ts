import * as z from 'zod/mini';
import { Answers, Flag, InstrumentId, RiskTier, ScoreResult } from './instruments.js';
import { OpaqueId, Timestamp } from './ids.js';

/** One instrument's answers. A client score may be sent for debugging; the server ignores it. */
export const InstrumentAnswers = z.strictObject({
  instrumentId: InstrumentId,
  answers: Answers,
  clientScore: z.optional(z.unknown()),
});
export type InstrumentAnswers = z.infer<typeof InstrumentAnswers>;

/** `POST /v1/screenings` (Idempotency-Key required). */
export const ScreeningCreate = z.strictObject({
  campaignId: OpaqueId,
  /** A guardian filling a parent-report form names the child; a student token means the student. */
  studentId: z.optional(OpaqueId),
  responses: z.array(InstrumentAnswers).check(z.minLength(1), z.maxLength(12)),
});
export type ScreeningCreate = z.infer<typeof ScreeningCreate>;

/** What the submitter gets back: a supportive message; the tier only if the result policy allows. */
export const ScreeningReceipt = z.object({
  id: OpaqueId,
  studentMessage: z.string(),
  /** Instruments the adaptive rule asks for that were not answered (the form inserts them). */
  followUp: z.optional(z.array(InstrumentId)),
  tier: z.optional(RiskTier),
  scores: z.optional(
    z.array(z.object({ instrumentId: InstrumentId, total: z.nullable(z.number()) })),
  ),
});
export type ScreeningReceipt = z.infer<typeof ScreeningReceipt>;

/** A stored screening as staff with the `result` right see it (answers only with the `answers` right). */
export const Screening = z.object({
  id: OpaqueId,
  campaignId: OpaqueId,
  studentId: OpaqueId,
  submittedAt: Timestamp,
  tier: RiskTier,
  flags: z.array(Flag),
  followUpMissing: z.boolean(),
  resultVersion: z.number(),
  results: z.array(ScoreResult),
  recommendedAction: z.string(),
  answers: z.optional(z.array(z.object({ instrumentId: InstrumentId, answers: Answers }))),
});
export type Screening = z.infer<typeof Screening>;
