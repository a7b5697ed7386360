import * as z from 'zod/mini';
import { DateOnly, OpaqueId } from './ids.js';

/**
 * Roles a person holds on an org unit. A staff member may hold several (role, unit) pairs:
 * rights are always computed per pair, never from a list of roles and a list of units, so a
 * class teacher in one school who counsels in another gets counsellor rights only there.
 */
export const roles = [
  'student',
  'guardian',
  'class_teacher',
  'grade_leader',
  'counsellor',
  'school_admin',
  'district_admin',
  'volunteer',
] as const;
export const Role = z.enum(roles);
export type Role = z.infer<typeof Role>;

/** Roles the four-level warning network routes alerts to; the roster sync warns when one is empty. */
export const routingRoles = ['class_teacher', 'counsellor'] as const satisfies readonly Role[];

export const Membership = z.object({
  role: Role,
  orgUnit: OpaqueId,
});
export type Membership = z.infer<typeof Membership>;

/** A membership as stored: ended ones keep their end date so history stays explainable. */
export const MembershipRecord = z.extend(Membership, {
  startedOn: DateOnly,
  endedOn: z.nullable(DateOnly),
});
export type MembershipRecord = z.infer<typeof MembershipRecord>;
