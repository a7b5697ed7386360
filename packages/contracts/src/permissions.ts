import type { Role } from './memberships.js';

/**
 * Platform actions outside the authorization matrix's resources (which cover student data:
 * answers, results, case timelines, notes, alerts, statistics), as data: which roles may take
 * each action. A role acts only on units inside the unit its membership is on (a school admin on
 * their school, a district admin on schools in their region). Portals' backends (secret key)
 * are granted actions per route, never student records.
 */
export const platformActions = {
  /** Read the audit log of a unit. */
  'audit.read': ['school_admin', 'district_admin'],
  /** Create screening campaigns for a school (district admins: schools in their region). */
  'campaign.manage': ['school_admin', 'district_admin'],
  /** Record a guardian's or health-data consent for one's own child. */
  'consent.record': ['guardian'],
  /** Export one student's personal data (PIPL access request). */
  'student.export': ['school_admin'],
  /** Erase one student's personal data (crypto-shredding). */
  'student.erase': ['school_admin'],
  /** Add, edit or retire school and local hotlines. */
  'hotlines.manage': ['school_admin', 'counsellor', 'district_admin'],
  /** Create and edit parent-school sessions. */
  'parent_school.manage': ['school_admin', 'counsellor'],
  /** Check attendees in at a parent-school session. */
  'parent_school.check_in': ['school_admin', 'counsellor', 'grade_leader', 'class_teacher'],
  /** Sign up for a parent-school session for one's own child. */
  'parent_school.signup': ['guardian'],
} as const satisfies Record<string, readonly Role[]>;

export type PlatformAction = keyof typeof platformActions;

export function rolesFor(action: PlatformAction): readonly Role[] {
  return platformActions[action];
}
