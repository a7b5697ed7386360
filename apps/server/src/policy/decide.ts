import {
  accessOf,
  type Access,
  type Reach,
  type Resource,
  type View,
} from '@xinqiao/contracts/authorization';
import type { Role } from '@xinqiao/contracts/memberships';
import { rolesFor, type PlatformAction } from '@xinqiao/contracts/permissions';
import type { Principal } from '../auth/principal.js';
import type { Executor } from '../db/types.js';
import { isPairedWith } from './pairings.js';
import { isGuardianOf, unitChain, type UnitLink } from './units.js';

/** What a decision is about: a student (with their unit chain) or just a unit (chain). */
export interface Target {
  tenantId: string;
  /** The student the record belongs to, if it is a student's record. */
  studentId?: string;
  /** The record's unit and its ancestors, nearest first (see `unitChain`). */
  chain: UnitLink[];
}

export type Decision =
  | { allowed: true; view: View | undefined; role: Role | 'secret_key'; orgUnit: string | null }
  | { allowed: false };

const reachAnchorKind: Partial<Record<Reach, 'class' | 'grade' | 'school'>> = {
  own_class: 'class',
  own_grade: 'grade',
  own_school: 'school',
};

const viewRank = (v: View | undefined) => (v === 'full' ? 2 : v ? 1 : 0);

/**
 * The one policy function: may this principal reach this resource of this target, and with
 * which view? Driven by the authorization matrix (contracts/authorization); every (role, unit)
 * pair is judged on its own, so rights never combine across units. Secret keys reach their own
 * tenant only, and only where the matrix gives the secret key anything.
 */
export async function decide(
  db: Executor,
  principal: Principal,
  resource: Resource,
  target: Target,
  today: string,
): Promise<Decision> {
  if (principal.kind === 'public' || principal.tenantId !== target.tenantId)
    return { allowed: false };
  if (principal.kind === 'secret_key') {
    const access = accessOf('secret_key', resource);
    return access.reach === 'tenant'
      ? { allowed: true, view: access.view, role: 'secret_key', orgUnit: null }
      : { allowed: false };
  }
  let best: Decision = { allowed: false };
  for (const m of principal.memberships) {
    const access = accessOf(m.role, resource);
    if (!(await reaches(db, principal, m.orgUnit, access, target, today))) continue;
    if (!best.allowed || viewRank(access.view) > viewRank(best.view)) {
      best = { allowed: true, view: access.view, role: m.role, orgUnit: m.orgUnit };
    }
  }
  return best;
}

async function reaches(
  db: Executor,
  principal: Extract<Principal, { kind: 'embed_token' }>,
  membershipUnit: string,
  access: Access,
  target: Target,
  today: string,
): Promise<boolean> {
  const inChain = (id: string) => target.chain.some((u) => u.id === id);
  switch (access.reach) {
    case 'none':
    case 'tenant':
      return false;
    case 'self':
      return target.studentId !== undefined && target.studentId === principal.userId;
    case 'own_child':
      return (
        target.studentId !== undefined &&
        (await isGuardianOf(db, target.tenantId, principal.userId, target.studentId, today))
      );
    case 'paired':
      // 结对: named as a responsible adult on the student's open case (policy/pairings.ts).
      return (
        target.studentId !== undefined &&
        (await isPairedWith(db, target.tenantId, principal.userId, target.studentId))
      );
    case 'own_region':
      // A district admin's membership is on a region: it reaches what lies under that region.
      return target.chain.some(
        (u) => u.id === membershipUnit && ['province', 'city', 'county'].includes(u.kind),
      );
    default: {
      const kind = reachAnchorKind[access.reach];
      if (!kind) return false;
      const own = await unitChain(db, target.tenantId, membershipUnit);
      const anchor = own.find((u) => u.kind === kind);
      return anchor !== undefined && inChain(anchor.id);
    }
  }
}

/**
 * Platform actions (contracts/permissions): a role listed for the action, held on a unit that
 * contains the target unit. Returns the membership that grants it.
 */
export function decideAction(
  principal: Principal,
  action: PlatformAction,
  target: Target,
): { allowed: true; role: Role; orgUnit: string } | { allowed: false } {
  if (principal.kind !== 'embed_token' || principal.tenantId !== target.tenantId)
    return { allowed: false };
  const roles = rolesFor(action);
  for (const m of principal.memberships) {
    if (roles.includes(m.role) && target.chain.some((u) => u.id === m.orgUnit)) {
      return { allowed: true, role: m.role, orgUnit: m.orgUnit };
    }
  }
  return { allowed: false };
}
