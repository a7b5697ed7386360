import * as z from 'zod/mini';
import { DateOnly, ExternalId, OpaqueId } from './ids.js';
import { Role } from './memberships.js';

/**
 * Roster sync: the portal's backend (secret key) pushes its region tree once, then each school's
 * roster per academic year. Everything is named by the portal's own external ids; the server
 * answers with its opaque ids. A school's roster sync *replaces* that school's roster: units,
 * memberships and guardian links missing from the payload are ended (end date kept), never deleted.
 */

const Name = z.string().check(z.minLength(1), z.maxLength(200));

export const RegionInput = z.strictObject({
  externalId: ExternalId,
  kind: z.enum(['province', 'city', 'county']),
  name: z.optional(Name),
  /** External id of the parent region; null/omitted for a top-level region. */
  parent: z.optional(z.nullable(ExternalId)),
});

export const SchoolInput = z.strictObject({
  externalId: ExternalId,
  name: z.optional(Name),
  /** External id of the region the school sits in. */
  region: ExternalId,
});

/** A district admin: a person holding `district_admin` on one or more regions. */
export const RegionStaffInput = z.strictObject({
  externalId: ExternalId,
  name: z.optional(Name),
  regions: z.array(ExternalId).check(z.minLength(1), z.maxLength(50)),
});

/** `PUT /v1/regions`: the whole region tree, its schools, and the district admins. */
export const RegionsSync = z.strictObject({
  regions: z.array(RegionInput).check(z.maxLength(5000)),
  schools: z.array(SchoolInput).check(z.maxLength(20000)),
  districtAdmins: z.optional(z.array(RegionStaffInput).check(z.maxLength(5000))),
});
export type RegionsSync = z.infer<typeof RegionsSync>;

export const IdMapping = z.object({ externalId: ExternalId, id: OpaqueId });

export const SyncCounts = z.object({
  created: z.number(),
  updated: z.number(),
  ended: z.number(),
  unchanged: z.number(),
});
export type SyncCounts = z.infer<typeof SyncCounts>;

export const RegionsSyncResult = z.object({
  regions: z.array(IdMapping),
  schools: z.array(IdMapping),
  counts: z.object({ units: SyncCounts, people: SyncCounts, memberships: SyncCounts }),
});
export type RegionsSyncResult = z.infer<typeof RegionsSyncResult>;

/** `HH:MM`, 24-hour clock. */
const Time = z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/));

/** School hours in Asia/Shanghai: deadlines other than critical count these hours. */
export const SchoolHours = z.strictObject({
  days: z
    .array(z.number().check(z.int(), z.minimum(1), z.maximum(7)))
    .check(z.minLength(1), z.maxLength(7)),
  open: Time,
  close: Time,
});
export type SchoolHours = z.infer<typeof SchoolHours>;

/** A unit of this school: the school itself, or one of its grades or classes (by external id). */
export const UnitRef = z.union([
  z.strictObject({ kind: z.literal('school') }),
  z.strictObject({ kind: z.enum(['grade', 'class']), externalId: ExternalId }),
]);
export type UnitRef = z.infer<typeof UnitRef>;

const schoolRoles = [
  'class_teacher',
  'grade_leader',
  'counsellor',
  'school_admin',
  'volunteer',
] as const;

export const StaffInput = z.strictObject({
  externalId: ExternalId,
  name: z.optional(Name),
  memberships: z
    .array(z.strictObject({ role: z.enum(schoolRoles), unit: UnitRef }))
    .check(z.minLength(1), z.maxLength(50)),
});

export const StudentInput = z.strictObject({
  externalId: ExternalId,
  name: z.optional(Name),
  /** `YYYY-MM`, or `YYYY` when only the birth year is known (treated as under 14 until the year they turn 15). */
  birthMonth: z.optional(z.string().check(z.regex(/^\d{4}(-(0[1-9]|1[0-2]))?$/))),
  /** External id of the student's class (the grade follows from it). */
  class: ExternalId,
});

export const GuardianInput = z.strictObject({
  externalId: ExternalId,
  name: z.optional(Name),
  /** Guardians of the same children are grouped in a family (parent-school coverage counts families). */
  family: ExternalId,
  students: z.array(ExternalId).check(z.minLength(1), z.maxLength(20)),
});

/** `PUT /v1/schools/:schoolId/roster`: replaces that school's roster for an academic year. */
export const RosterSync = z.strictObject({
  academicYear: z.string().check(z.regex(/^\d{4}-\d{4}$/)),
  /** The day the roster takes effect (memberships start/end on it). Default: today in Asia/Shanghai. */
  effectiveOn: z.optional(DateOnly),
  grades: z
    .array(z.strictObject({ externalId: ExternalId, name: z.optional(Name) }))
    .check(z.maxLength(30)),
  classes: z
    .array(z.strictObject({ externalId: ExternalId, grade: ExternalId, name: z.optional(Name) }))
    .check(z.maxLength(1000)),
  students: z.array(StudentInput).check(z.maxLength(20000)),
  guardians: z.array(GuardianInput).check(z.maxLength(40000)),
  staff: z.array(StaffInput).check(z.maxLength(5000)),
  schoolHours: z.optional(SchoolHours),
  /** External id of the staff member who takes critical alerts around the clock. */
  onCall: z.optional(z.nullable(ExternalId)),
});
export type RosterSync = z.infer<typeof RosterSync>;

export const rosterWarningCodes = [
  'no_class_teacher',
  'no_counsellor',
  'no_on_call',
  'no_school_hours',
] as const;

/** A routing gap: alerts for this unit go to the next level at once until it is filled. */
export const RosterWarning = z.object({
  code: z.enum(rosterWarningCodes),
  role: z.optional(Role),
  unit: z.object({
    kind: z.enum(['school', 'grade', 'class']),
    externalId: ExternalId,
    id: OpaqueId,
  }),
});
export type RosterWarning = z.infer<typeof RosterWarning>;

export const RosterSyncResult = z.object({
  schoolId: OpaqueId,
  academicYear: z.string(),
  effectiveOn: DateOnly,
  grades: z.array(IdMapping),
  classes: z.array(IdMapping),
  counts: z.object({
    units: SyncCounts,
    people: SyncCounts,
    memberships: SyncCounts,
    guardianships: SyncCounts,
  }),
  warnings: z.array(RosterWarning),
});
export type RosterSyncResult = z.infer<typeof RosterSyncResult>;

/** One reference that points at nothing, in a 422 `dangling_reference` answer's `details.references`. */
export const DanglingReference = z.object({
  path: z.string(),
  ref: z.string(),
});
export type DanglingReference = z.infer<typeof DanglingReference>;
