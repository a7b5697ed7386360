import type { Selectable } from 'kysely';
import type { ParentSchoolSignup } from '@xinqiao/contracts/parent-school';
import type { ParentSchoolSignupsTable } from '../db/schema.js';
import type { Executor } from '../db/types.js';
import { AppError } from '../http/app-error.js';
import { newId } from '../ids.js';
import { enqueueWebhook } from '../jobs/outbox.js';
import type { Child } from './audience.js';
import type { SessionRow } from './sessions.js';

/**
 * Signups, the waitlist and check-in. Everything that changes seats runs inside the caller's
 * transaction, after the session row was locked (`loadSession(trx, …, { forUpdate: true })`):
 * seat counts, the waitlist order and the promotions are then decided by one request at a time.
 */
export type SignupRow = Selectable<ParentSchoolSignupsTable>;

/** Check-in opens this long before the start (staff at the door). */
export const checkInOpensBeforeMs = 2 * 3600_000;

export function signupToWire(r: SignupRow, position: number | null): ParentSchoolSignup {
  return {
    id: r.id,
    sessionId: r.session_id,
    childStudentId: r.student_id,
    attendeeCount: r.attendee_count,
    state: r.state,
    waitlistPosition: r.state === 'waitlisted' ? position : null,
    createdAt: r.created_at.toISOString(),
    confirmedAt: r.confirmed_at?.toISOString() ?? null,
    cancelledAt: r.cancelled_at?.toISOString() ?? null,
    checkedInAt: r.checked_in_at?.toISOString() ?? null,
    attendedCount: r.attended_count,
  };
}

/** 1-based waitlist positions of a session's waitlisted signups (oldest first). */
export async function waitlistPositions(
  db: Executor,
  sessionId: string,
): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('parent_school_signups')
    .select('id')
    .where('session_id', '=', sessionId)
    .where('state', '=', 'waitlisted')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return new Map(rows.map((r, i) => [r.id, i + 1]));
}

export async function loadSignup(
  db: Executor,
  tenantId: string,
  sessionId: string,
  signupId: string,
): Promise<SignupRow | undefined> {
  return db
    .selectFrom('parent_school_signups')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('session_id', '=', sessionId)
    .where('id', '=', signupId)
    .executeTakeFirst();
}

async function seatsTaken(trx: Executor, sessionId: string): Promise<number> {
  const rows = await trx
    .selectFrom('parent_school_signups')
    .select('attendee_count')
    .where('session_id', '=', sessionId)
    .where('state', '=', 'confirmed')
    .execute();
  return rows.reduce((n, r) => n + r.attendee_count, 0);
}

type SignupEvent =
  | 'parent_school.signup.created'
  | 'parent_school.signup.cancelled'
  | 'parent_school.signup.promoted';

/** Ids only: the signup, its session, the child's school, and the guardian who signed up. */
export const emitSignupEvent = (trx: Executor, type: SignupEvent, s: SignupRow, now: Date) =>
  enqueueWebhook(
    trx,
    s.tenant_id,
    type,
    {
      signupId: s.id,
      sessionId: s.session_id,
      orgUnitId: s.school_id,
      recipientUserIds: [s.guardian_id],
    },
    now,
  );

/**
 * Signs a family up for a session (session row already locked): confirmed when the seats left
 * allow the whole party, else waitlisted. One active signup per family and session.
 */
export async function createSignup(
  trx: Executor,
  session: SessionRow,
  guardianId: string,
  child: Child,
  attendeeCount: number,
  now: Date,
): Promise<SignupRow> {
  if (session.status === 'cancelled')
    throw new AppError('conflict', 'session cancelled', { reason: 'session_cancelled' });
  if (now.getTime() >= session.starts_at.getTime())
    throw new AppError('conflict', 'signups closed', { reason: 'session_started' });
  if (attendeeCount > session.capacity)
    throw new AppError('unprocessable', undefined, {
      issues: [{ path: ['attendeeCount'], message: 'more attendees than the session has seats' }],
    });
  const existing = await trx
    .selectFrom('parent_school_signups')
    .select('id')
    .where('session_id', '=', session.id)
    .where('family_key', '=', child.familyKey)
    .where('state', '<>', 'cancelled')
    .executeTakeFirst();
  if (existing)
    throw new AppError('conflict', 'family already signed up', {
      reason: 'family_already_signed_up',
      signupId: existing.id,
    });
  const taken = await seatsTaken(trx, session.id);
  const confirmed = session.capacity - taken >= attendeeCount;
  const row: SignupRow = {
    id: newId('psu', now),
    tenant_id: session.tenant_id,
    session_id: session.id,
    guardian_id: guardianId,
    student_id: child.studentId,
    family_key: child.familyKey,
    school_id: child.schoolId,
    grade_id: child.gradeId,
    class_id: child.classId,
    attendee_count: attendeeCount,
    state: confirmed ? 'confirmed' : 'waitlisted',
    created_at: now,
    confirmed_at: confirmed ? now : null,
    promoted: false,
    cancelled_at: null,
    cancelled_by: null,
    cancel_reason: null,
    checked_in_at: null,
    checked_in_by: null,
    attended_count: null,
  };
  await trx.insertInto('parent_school_signups').values(row).execute();
  await emitSignupEvent(trx, 'parent_school.signup.created', row, now);
  return row;
}

/**
 * Gives freed seats to the waitlist, oldest first: each waitlisted signup whose party fits the
 * seats left is confirmed (a party too big for them keeps its place; a smaller one behind it
 * may go ahead). Not after the session has started or when it is cancelled.
 */
export async function promoteWaitlist(
  trx: Executor,
  session: SessionRow,
  now: Date,
): Promise<SignupRow[]> {
  if (session.status === 'cancelled' || now.getTime() >= session.starts_at.getTime()) return [];
  let free = session.capacity - (await seatsTaken(trx, session.id));
  if (free <= 0) return [];
  const waiting = await trx
    .selectFrom('parent_school_signups')
    .selectAll()
    .where('session_id', '=', session.id)
    .where('state', '=', 'waitlisted')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const promoted: SignupRow[] = [];
  for (const w of waiting) {
    if (free <= 0) break;
    if (w.attendee_count > free) continue;
    await trx
      .updateTable('parent_school_signups')
      .set({ state: 'confirmed', confirmed_at: now, promoted: true })
      .where('id', '=', w.id)
      .execute();
    free -= w.attendee_count;
    const row: SignupRow = { ...w, state: 'confirmed', confirmed_at: now, promoted: true };
    await emitSignupEvent(trx, 'parent_school.signup.promoted', row, now);
    promoted.push(row);
  }
  return promoted;
}

/**
 * Cancels a signup (session row already locked) and hands its seats to the waitlist in the same
 * transaction. Cancelling a cancelled signup answers it unchanged (no second event).
 */
export async function cancelSignup(
  trx: Executor,
  session: SessionRow,
  signup: SignupRow,
  by: { actorId: string; reason: 'family' | 'staff' },
  now: Date,
): Promise<{ signup: SignupRow; promoted: SignupRow[]; changed: boolean }> {
  if (signup.state === 'cancelled') return { signup, promoted: [], changed: false };
  if (now.getTime() >= session.starts_at.getTime())
    throw new AppError('conflict', 'session started', { reason: 'session_started' });
  const set = {
    state: 'cancelled' as const,
    cancelled_at: now,
    cancelled_by: by.actorId,
    cancel_reason: by.reason,
  };
  await trx.updateTable('parent_school_signups').set(set).where('id', '=', signup.id).execute();
  const row: SignupRow = { ...signup, ...set };
  await emitSignupEvent(trx, 'parent_school.signup.cancelled', row, now);
  const promoted = signup.state === 'confirmed' ? await promoteWaitlist(trx, session, now) : [];
  return { signup: row, promoted, changed: true };
}

/** Cancels a session and every active signup on it (each family's portal gets an event). */
export async function cancelSession(
  trx: Executor,
  session: SessionRow,
  actorId: string,
  now: Date,
): Promise<void> {
  await trx
    .updateTable('parent_school_sessions')
    .set({ status: 'cancelled', cancelled_at: now, updated_at: now })
    .where('id', '=', session.id)
    .execute();
  const active = await trx
    .selectFrom('parent_school_signups')
    .selectAll()
    .where('session_id', '=', session.id)
    .where('state', '<>', 'cancelled')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  for (const s of active) {
    const set = {
      state: 'cancelled' as const,
      cancelled_at: now,
      cancelled_by: actorId,
      cancel_reason: 'session_cancelled' as const,
    };
    await trx.updateTable('parent_school_signups').set(set).where('id', '=', s.id).execute();
    await emitSignupEvent(trx, 'parent_school.signup.cancelled', { ...s, ...set }, now);
  }
}

/** Records attendance of a confirmed signup (from 2 h before the start; once). */
export async function checkIn(
  trx: Executor,
  session: SessionRow,
  signup: SignupRow,
  actorId: string,
  attendedCount: number | undefined,
  now: Date,
): Promise<SignupRow> {
  if (session.status === 'cancelled')
    throw new AppError('conflict', 'session cancelled', { reason: 'session_cancelled' });
  if (signup.state !== 'confirmed')
    throw new AppError('conflict', 'not confirmed', { reason: `signup_${signup.state}` });
  if (signup.checked_in_at)
    throw new AppError('conflict', 'already checked in', { reason: 'already_checked_in' });
  if (now.getTime() < session.starts_at.getTime() - checkInOpensBeforeMs)
    throw new AppError('conflict', 'check-in not open yet', { reason: 'check_in_not_open' });
  const set = {
    checked_in_at: now,
    checked_in_by: actorId,
    attended_count: attendedCount ?? signup.attendee_count,
  };
  await trx.updateTable('parent_school_signups').set(set).where('id', '=', signup.id).execute();
  return { ...signup, ...set };
}
