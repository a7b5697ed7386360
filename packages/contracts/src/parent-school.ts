import * as z from 'zod/mini';
import { DateOnly, OpaqueId, Timestamp } from './ids.js';

/**
 * Parent school (家长学校 / 家长学堂, ARCHITECTURE §3): sessions for the guardians of some schools
 * and grades, signups by a guardian for one of their children (confirmed while seats last, then a
 * waitlist promoted in order when seats free up), check-in by school staff, `.ics` files, and
 * coverage counted in *families* (a family reached once counts once, however many guardians
 * come; Nantong asks every family at least once in two years).
 *
 * Routes (all under `/v1/parent-school`):
 * - `POST /sessions`, `PATCH /sessions/:sessionId`, `POST /sessions/:sessionId/cancel` —
 *   school admins and counsellors of every target school, or the portal's secret key;
 * - `GET /sessions`, `GET /sessions/:sessionId`, `GET /sessions/:sessionId/calendar.ics`;
 * - `GET /children` — the signed-in guardian's children (whom they may sign up for);
 * - `POST /sessions/:sessionId/signups`, `POST /sessions/:sessionId/signups/:signupId/cancel`;
 * - `GET /sessions/:sessionId/signups` — attendees, for staff of the children's school;
 * - `POST /sessions/:sessionId/signups/:signupId/check-in` — staff;
 * - `GET /coverage?orgUnit=…&from=…&to=…` — families reached per school.
 */

export const sessionModes = ['online', 'offline'] as const;
export const SessionMode = z.enum(sessionModes);
export type SessionMode = z.infer<typeof SessionMode>;

/** `completed` is not stored: a scheduled session whose end has passed answers `completed`. */
export const sessionStatuses = ['scheduled', 'cancelled', 'completed'] as const;
export const SessionStatus = z.enum(sessionStatuses);
export type SessionStatus = z.infer<typeof SessionStatus>;

export const signupStates = ['confirmed', 'waitlisted', 'cancelled'] as const;
export const SignupState = z.enum(signupStates);
export type SignupState = z.infer<typeof SignupState>;

/** People one family may bring on one signup (the guardians and other family members). */
export const maxAttendeesPerSignup = 5;
/** Seats of one session. */
export const maxSessionCapacity = 5000;
/** Default coverage period: the two years ending today (南通: 今明两年…普遍轮训至少一次). */
export const defaultCoverageYears = 2;

const Text = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));
/** Meeting links are https only. */
const MeetingLink = z.url({ protocol: /^https$/ }).check(z.maxLength(2000));
const Capacity = z.number().check(z.int(), z.minimum(1), z.maximum(maxSessionCapacity));
const AttendeeCount = z.number().check(z.int(), z.minimum(1), z.maximum(maxAttendeesPerSignup));

/**
 * `POST /v1/parent-school/sessions`. An offline session needs `place`, an online one `link`.
 * `schoolIds` are the target schools; `gradeIds` (grades of those schools) narrow a school to
 * those grades — a target school none of whose grades is listed is targeted whole.
 */
export const ParentSchoolSessionCreate = z.strictObject({
  title: Text(200),
  topic: Text(200),
  speaker: Text(200),
  description: z.optional(Text(4000)),
  mode: SessionMode,
  place: z.optional(Text(500)),
  link: z.optional(MeetingLink),
  capacity: Capacity,
  startsAt: Timestamp,
  endsAt: Timestamp,
  schoolIds: z.array(OpaqueId).check(z.minLength(1), z.maxLength(500)),
  gradeIds: z.optional(z.array(OpaqueId).check(z.maxLength(500))),
});
export type ParentSchoolSessionCreate = z.infer<typeof ParentSchoolSessionCreate>;

/**
 * `PATCH /v1/parent-school/sessions/:sessionId`. Raising the capacity promotes waitlisted
 * signups; lowering it below the seats already confirmed is a 409 `conflict`. Changing the
 * targets leaves existing signups as they are. Cancelled sessions cannot be edited (409).
 */
export const ParentSchoolSessionUpdate = z.strictObject({
  title: z.optional(Text(200)),
  topic: z.optional(Text(200)),
  speaker: z.optional(Text(200)),
  description: z.optional(z.nullable(Text(4000))),
  mode: z.optional(SessionMode),
  place: z.optional(z.nullable(Text(500))),
  link: z.optional(z.nullable(MeetingLink)),
  capacity: z.optional(Capacity),
  startsAt: z.optional(Timestamp),
  endsAt: z.optional(Timestamp),
  schoolIds: z.optional(z.array(OpaqueId).check(z.minLength(1), z.maxLength(500))),
  gradeIds: z.optional(z.array(OpaqueId).check(z.maxLength(500))),
});
export type ParentSchoolSessionUpdate = z.infer<typeof ParentSchoolSessionUpdate>;

/** `POST /v1/parent-school/sessions/:sessionId/cancel`: every active signup is cancelled with it. */
export const ParentSchoolSessionCancel = z.strictObject({});

export const ParentSchoolSession = z.object({
  id: OpaqueId,
  title: z.string(),
  topic: z.string(),
  speaker: z.string(),
  description: z.nullable(z.string()),
  mode: SessionMode,
  place: z.nullable(z.string()),
  link: z.nullable(z.string()),
  capacity: z.number(),
  startsAt: Timestamp,
  endsAt: Timestamp,
  schoolIds: z.array(OpaqueId),
  gradeIds: z.array(OpaqueId),
  status: SessionStatus,
  /** Attendees of confirmed signups. */
  seatsTaken: z.number(),
  seatsLeft: z.number(),
  /** Signups waiting for a seat. */
  waitlisted: z.number(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type ParentSchoolSession = z.infer<typeof ParentSchoolSession>;

export const ParentSchoolSignup = z.object({
  id: OpaqueId,
  sessionId: OpaqueId,
  /** The child the family signed up for (the student's opaque id). */
  childStudentId: OpaqueId,
  attendeeCount: z.number(),
  state: SignupState,
  /** 1-based place on the session's waitlist while `waitlisted`, else null. */
  waitlistPosition: z.nullable(z.number()),
  createdAt: Timestamp,
  confirmedAt: z.nullable(Timestamp),
  cancelledAt: z.nullable(Timestamp),
  checkedInAt: z.nullable(Timestamp),
  /** People counted at check-in (defaults to `attendeeCount`). */
  attendedCount: z.nullable(z.number()),
});
export type ParentSchoolSignup = z.infer<typeof ParentSchoolSignup>;

/**
 * A session as one caller sees it. Guardians get their family's signups on it and which of
 * their children it is for; staff and the portal get empty arrays.
 */
export const ParentSchoolSessionView = z.extend(ParentSchoolSession, {
  mySignups: z.array(ParentSchoolSignup),
  eligibleChildIds: z.array(OpaqueId),
});
export type ParentSchoolSessionView = z.infer<typeof ParentSchoolSessionView>;

/**
 * `GET /v1/parent-school/sessions`: guardians see the sessions for their children's schools and
 * grades; staff the sessions of their schools (district admins: schools in their region); the
 * portal every session. `when` defaults to `upcoming` (not ended yet), soonest first.
 */
export const ParentSchoolSessionQuery = z.strictObject({
  schoolId: z.optional(OpaqueId),
  gradeId: z.optional(OpaqueId),
  mode: z.optional(SessionMode),
  when: z.optional(z.enum(['upcoming', 'past', 'all'])),
  cursor: z.optional(z.string().check(z.minLength(1), z.maxLength(512))),
  limit: z.optional(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100))),
});
export type ParentSchoolSessionQuery = z.infer<typeof ParentSchoolSessionQuery>;

export const ParentSchoolSessionList = z.object({
  data: z.array(ParentSchoolSessionView),
  nextCursor: z.nullable(z.string()),
});
export type ParentSchoolSessionList = z.infer<typeof ParentSchoolSessionList>;

/**
 * `POST /v1/parent-school/sessions/:sessionId/signups` (guardians): for one of their own
 * children whom the session targets. Confirmed while seats allow, else waitlisted. One active
 * signup per family per session (another guardian of the same family gets 409 `conflict` with
 * `details.signupId`).
 */
export const ParentSchoolSignupCreate = z.strictObject({
  childStudentId: OpaqueId,
  attendeeCount: AttendeeCount,
});
export type ParentSchoolSignupCreate = z.infer<typeof ParentSchoolSignupCreate>;

/** `POST …/signups/:signupId/cancel`: frees the seats; the waitlist moves up in the same step. */
export const ParentSchoolSignupCancel = z.strictObject({});

/** `POST …/signups/:signupId/check-in` (staff): a confirmed signup, from 2 hours before the start. */
export const ParentSchoolCheckIn = z.strictObject({
  /** People who actually came; default the signup's `attendeeCount`. */
  attendedCount: z.optional(
    z.number().check(z.int(), z.minimum(1), z.maximum(maxAttendeesPerSignup)),
  ),
});
export type ParentSchoolCheckIn = z.infer<typeof ParentSchoolCheckIn>;

/** An attendee row for staff: the signup with who signed up and for which child. */
export const ParentSchoolAttendee = z.extend(ParentSchoolSignup, {
  guardianId: OpaqueId,
  /** From the roster, when it has names (sealed at rest). */
  guardianName: z.nullable(z.string()),
  childName: z.nullable(z.string()),
  schoolId: OpaqueId,
  gradeId: z.nullable(OpaqueId),
  classId: z.nullable(OpaqueId),
});
export type ParentSchoolAttendee = z.infer<typeof ParentSchoolAttendee>;

/** `GET /v1/parent-school/sessions/:sessionId/signups`: the signups of children the caller reaches. */
export const ParentSchoolAttendeeList = z.object({
  sessionId: OpaqueId,
  data: z.array(ParentSchoolAttendee),
});
export type ParentSchoolAttendeeList = z.infer<typeof ParentSchoolAttendeeList>;

/** One of the signed-in guardian's children (`GET /v1/parent-school/children`). */
export const ParentSchoolChild = z.object({
  studentId: OpaqueId,
  /** From the roster, when it has a name. */
  displayName: z.nullable(z.string()),
  schoolId: OpaqueId,
  schoolName: z.nullable(z.string()),
  gradeId: z.nullable(OpaqueId),
  gradeName: z.nullable(z.string()),
  classId: OpaqueId,
  className: z.nullable(z.string()),
});
export type ParentSchoolChild = z.infer<typeof ParentSchoolChild>;

export const ParentSchoolChildren = z.object({ data: z.array(ParentSchoolChild) });
export type ParentSchoolChildren = z.infer<typeof ParentSchoolChildren>;

/**
 * `GET /v1/parent-school/coverage`: per school at or under `orgUnit`, the families in scope
 * (a guardian linked to a student enrolled there on `to`) and the families reached (checked in
 * at a session that started in the period). Period default: the `defaultCoverageYears` ending
 * today (Asia/Shanghai).
 */
export const ParentSchoolCoverageQuery = z.strictObject({
  orgUnit: OpaqueId,
  from: z.optional(DateOnly),
  to: z.optional(DateOnly),
});
export type ParentSchoolCoverageQuery = z.infer<typeof ParentSchoolCoverageQuery>;

const CoverageFigures = {
  /** Sessions targeting the school, not cancelled, that started in the period and have ended. */
  sessionsHeld: z.number(),
  familiesInScope: z.number(),
  familiesReached: z.number(),
  /** familiesReached / familiesInScope × 100, one decimal; null without families. */
  percent: z.nullable(z.number()),
};

export const ParentSchoolCoverageRow = z.object({
  schoolId: OpaqueId,
  externalId: z.string(),
  name: z.nullable(z.string()),
  ...CoverageFigures,
});
export type ParentSchoolCoverageRow = z.infer<typeof ParentSchoolCoverageRow>;

export const ParentSchoolCoverage = z.object({
  orgUnitId: OpaqueId,
  from: DateOnly,
  to: DateOnly,
  /** What counts as reached: a check-in recorded by staff (a confirmed signup alone does not). */
  reachedRule: z.literal('checked_in'),
  rows: z.array(ParentSchoolCoverageRow),
  /** Every school together: a family with children in two schools counts once here. */
  total: z.object(CoverageFigures),
});
export type ParentSchoolCoverage = z.infer<typeof ParentSchoolCoverage>;
