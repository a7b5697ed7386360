import type { Role } from './memberships.js';

/**
 * The default authorization policy (ARCHITECTURE §3) as data. The server's policy module reads
 * this table; no route decides access on its own. Columns are resources, rows are a role held on
 * an org unit (or the portal's secret key); each cell says how far the role reaches and what it
 * sees there.
 */
export const resources = [
  'answers', // answers and item scores
  'result', // tier, flags, recommended action
  'case_timeline',
  'notes',
  'alerts',
  'statistics',
  // parent-school signups and attendance: which family signed up for which child, check-ins,
  // and the families-reached coverage built from them. Sessions themselves are not personal
  // data; managing them is the platform action `parent_school.manage` (contracts/permissions).
  'parent_school',
] as const;
export type Resource = (typeof resources)[number];

/** How far from its own unit (or person) a role reaches. */
export type Reach =
  | 'none'
  | 'self' // the student themself
  | 'own_child' // a guardian's linked children
  | 'own_class'
  | 'own_grade'
  | 'own_school'
  | 'own_region' // a district admin's region, identity-free
  | 'paired' // a volunteer's assigned students
  | 'tenant'; // the portal's backend, whole tenant

/** What the role sees where it reaches. */
export type View =
  | 'full'
  | 'while_filling' // a student's own answers, only until submitted
  | 'result_policy' // only what the campaign's result policy shows
  | 'guardian_summary' // if the school chose to share
  | 'guardian_events'
  | 'mentor_events'
  | 'stages_and_staff_events'
  | 'staff_events'
  | 'escalated_to_them'
  | 'suppressed' // statistics with small cells suppressed
  | 'identity_free_counts'
  | 'ids_only'
  | 'aggregates';

export interface Access {
  reach: Reach;
  view?: View;
  /** Case timeline: may approve a closure requested by someone else. */
  approvesClosure?: boolean;
}

export type Subject = Role | 'secret_key';

const none: Access = { reach: 'none' };

export const authorizationMatrix: Record<Subject, Record<Resource, Access>> = {
  student: {
    answers: { reach: 'self', view: 'while_filling' },
    result: { reach: 'self', view: 'result_policy' },
    case_timeline: none,
    notes: none,
    alerts: none,
    statistics: none,
    parent_school: none,
  },
  guardian: {
    answers: none, // except forms the guardian filled in themself (PSC-17), checked per screening
    result: { reach: 'own_child', view: 'guardian_summary' },
    case_timeline: { reach: 'own_child', view: 'guardian_events' },
    notes: none,
    alerts: none,
    statistics: none,
    parent_school: { reach: 'own_child', view: 'full' }, // their family's signups for their children
  },
  class_teacher: {
    answers: none,
    result: { reach: 'own_class', view: 'full' },
    case_timeline: { reach: 'own_class', view: 'stages_and_staff_events' },
    notes: none,
    alerts: { reach: 'own_class', view: 'full' },
    statistics: { reach: 'own_class', view: 'suppressed' },
    parent_school: { reach: 'own_class', view: 'full' },
  },
  grade_leader: {
    answers: none,
    result: { reach: 'own_grade', view: 'full' },
    case_timeline: { reach: 'own_grade', view: 'staff_events' },
    notes: none,
    alerts: { reach: 'own_grade', view: 'escalated_to_them' },
    statistics: { reach: 'own_grade', view: 'suppressed' },
    parent_school: { reach: 'own_grade', view: 'full' },
  },
  counsellor: {
    answers: { reach: 'own_school', view: 'full' },
    result: { reach: 'own_school', view: 'full' },
    case_timeline: { reach: 'own_school', view: 'full' },
    notes: { reach: 'own_school', view: 'full' },
    alerts: { reach: 'own_school', view: 'full' },
    statistics: { reach: 'own_school', view: 'full' },
    parent_school: { reach: 'own_school', view: 'full' },
  },
  volunteer: {
    answers: none,
    result: { reach: 'paired', view: 'full' },
    case_timeline: { reach: 'paired', view: 'mentor_events' },
    notes: none,
    alerts: none,
    statistics: none,
    parent_school: none,
  },
  school_admin: {
    answers: none,
    result: { reach: 'own_school', view: 'full' },
    case_timeline: { reach: 'own_school', view: 'stages_and_staff_events', approvesClosure: true },
    notes: none,
    alerts: { reach: 'own_school', view: 'full' },
    statistics: { reach: 'own_school', view: 'full' },
    parent_school: { reach: 'own_school', view: 'full' },
  },
  district_admin: {
    answers: none,
    result: none,
    case_timeline: none,
    notes: none,
    alerts: { reach: 'own_region', view: 'identity_free_counts' },
    statistics: { reach: 'own_region', view: 'suppressed' },
    parent_school: { reach: 'own_region', view: 'aggregates' }, // families-reached counts only
  },
  secret_key: {
    answers: none,
    result: none,
    case_timeline: none,
    notes: none,
    alerts: { reach: 'tenant', view: 'ids_only' },
    statistics: { reach: 'tenant', view: 'aggregates' },
    parent_school: { reach: 'tenant', view: 'aggregates' }, // coverage only, never attendee lists
  },
};

/** Counsellors may also approve closures, but never their own request (checked by the server). */
export const closureApprovers: readonly Role[] = ['counsellor', 'school_admin'];

/** Statistics cells counting fewer people than this are suppressed (with complementary suppression). */
export const smallCellThreshold = 5;

export function accessOf(subject: Subject, resource: Resource): Access {
  return authorizationMatrix[subject][resource];
}
