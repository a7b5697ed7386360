import * as z from 'zod/mini';
import { OpaqueId, Timestamp } from './ids.js';
import { Role } from './memberships.js';

/**
 * Home visits (家访) and mentor meetings (师生谈心) recorded for any student, with or without a
 * case: the 统计表 counts home visits, and a counsellor sees who has been talking with whom before
 * anything turned into a case. With an open case, record them as case events instead.
 */
export const contactKinds = ['home_visit', 'mentor_meeting'] as const;
export const ContactKind = z.enum(contactKinds);
export type ContactKind = z.infer<typeof ContactKind>;

export const ContactCreate = z.strictObject({
  kind: ContactKind,
  /** When it took place (not in the future). */
  at: Timestamp,
  /** What was talked about. Sealed with the student's data key; only counsellors read it. */
  note: z.optional(z.string().check(z.minLength(1), z.maxLength(4000))),
});
export type ContactCreate = z.infer<typeof ContactCreate>;

export const Contact = z.object({
  id: OpaqueId,
  studentId: OpaqueId,
  kind: ContactKind,
  at: Timestamp,
  recordedBy: z.object({ id: OpaqueId, role: Role }),
  /** Present only for callers who may read notes (counsellors); otherwise omitted. */
  note: z.optional(z.string()),
  hasNote: z.boolean(),
  createdAt: Timestamp,
});
export type Contact = z.infer<typeof Contact>;

export const ContactList = z.object({ data: z.array(Contact) });
export type ContactList = z.infer<typeof ContactList>;
