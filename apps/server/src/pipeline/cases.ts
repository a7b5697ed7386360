import { sql } from 'kysely';
import {
  caseEventTypes,
  caseStages,
  serverRecordedCaseEventTypes,
  type Case,
  type CaseEvent,
  type CaseEventCreate,
  type CaseEventType,
  type HomeSchoolContactKind,
  occurredAtBeforeOpeningMs,
  occurredAtSkewMs,
} from '@xinqiao/contracts/cases';
import { closureApprovers, type View } from '@xinqiao/contracts/authorization';
import type { Role } from '@xinqiao/contracts/memberships';
import { openField, sealField, type DataKeys } from '../crypto/data-keys.js';
import type { CasesTable } from '../db/schema.js';
import type { Executor } from '../db/types.js';
import { AppError } from '../http/app-error.js';
import { newId } from '../ids.js';
import type { StudentContext } from './student-context.js';

export type CaseRow = Omit<CasesTable, 'stages' | 'responsible'> & {
  stages: Record<string, { status: 'open' | 'done' | 'not_needed'; reason?: string }>;
  responsible: Array<{ personId: string; kind: 'teacher' | 'volunteer' | 'counsellor' }>;
};

export async function loadCase(
  db: Executor,
  tenantId: string,
  id: string,
): Promise<CaseRow | undefined> {
  return (await db
    .selectFrom('cases')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst()) as CaseRow | undefined;
}

/**
 * A high or critical alert, or a concern, opens the student's case — or joins the open one —
 * with a `screening_filed` / `concern_raised` event. In the caller's transaction.
 */
export async function fileIntoCase(
  trx: Executor,
  s: StudentContext,
  from: { type: 'screening_filed' | 'concern_raised'; refs: Record<string, string> },
  now: Date,
): Promise<string> {
  let open = await trx
    .selectFrom('cases')
    .select('id')
    .where('tenant_id', '=', s.tenantId)
    .where('student_id', '=', s.studentId)
    .where('state', '=', 'open')
    .executeTakeFirst();
  if (!open) {
    const stages = Object.fromEntries(caseStages.map((st) => [st, { status: 'open' as const }]));
    open = { id: newId('cas', now) };
    await trx
      .insertInto('cases')
      .values({
        id: open.id,
        tenant_id: s.tenantId,
        student_id: s.studentId,
        school_id: s.schoolId,
        class_id: s.classId,
        state: 'open',
        stages: JSON.stringify(stages),
        responsible: JSON.stringify([]),
        opened_at: now,
        closed_at: null,
      })
      .execute();
  }
  await trx
    .insertInto('case_events')
    .values({
      id: newId('cev', now),
      tenant_id: s.tenantId,
      case_id: open.id,
      type: from.type,
      visibility: 'school_staff',
      at: now,
      actor_id: null,
      actor_role: 'system',
      person_id: null,
      referral_id: null,
      stage: null,
      corrects: null,
      refs: JSON.stringify(from.refs),
      note_enc: null,
      occurred_at: null,
      contact_kind: null,
    })
    .execute();
  return open.id;
}

/** Which event visibilities each timeline view shows (authorization matrix, `case_timeline`). */
const visibleTo: Partial<
  Record<View, ReadonlyArray<'counsellor' | 'school_staff' | 'mentor' | 'guardian'>>
> = {
  full: ['counsellor', 'school_staff', 'mentor', 'guardian'],
  stages_and_staff_events: ['school_staff', 'guardian'],
  staff_events: ['school_staff', 'guardian'],
  mentor_events: ['mentor'],
  guardian_events: ['guardian'],
};

/** Event types each role may add; notes (free text) are counsellors' only. */
const typesFor: Partial<Record<Role, readonly CaseEventType[]>> = {
  // Everything a person can record (the server records screening_filed and concern_raised).
  counsellor: caseEventTypes.filter(
    (t) => !(serverRecordedCaseEventTypes as readonly string[]).includes(t),
  ),
  school_admin: ['pairing_assigned', 'home_school_contact', 'closure_approved'],
  class_teacher: ['home_school_contact', 'peer_follow_up'],
  volunteer: ['intervention_session', 'peer_follow_up'],
};

export interface CaseGrant {
  role: Role;
  orgUnit: string;
  view: View | undefined;
  userId: string;
}

async function pendingClosure(
  db: Executor,
  caseId: string,
): Promise<{ requester: string | null } | undefined> {
  const last = await db
    .selectFrom('case_events')
    .select(['type', 'actor_id'])
    .where('case_id', '=', caseId)
    .where('type', 'in', ['closure_requested', 'closure_approved'])
    .orderBy('id', 'desc')
    .executeTakeFirst();
  return last?.type === 'closure_requested' ? { requester: last.actor_id } : undefined;
}

export async function caseToWire(db: Executor, c: CaseRow, g: CaseGrant): Promise<Case> {
  const actions = new Set<Case['allowedActions'][number]>();
  const pending = c.state === 'open' ? await pendingClosure(db, c.id) : undefined;
  const mayApprove =
    pending !== undefined && pending.requester !== g.userId && closureApprovers.includes(g.role);
  // What the caller may add now: a closure is requested once, approved only by another person.
  const types = (c.state === 'open' ? (typesFor[g.role] ?? []) : []).filter(
    (t) => (t !== 'closure_requested' || !pending) && (t !== 'closure_approved' || mayApprove),
  );
  if (types.length) actions.add('add_event');
  if (types.includes('note')) actions.add('add_note');
  if (types.includes('closure_requested')) actions.add('request_closure');
  if (types.includes('pairing_assigned')) actions.add('assign_pairing');
  if (types.includes('referral_proposed')) actions.add('refer');
  if (types.includes('closure_approved')) actions.add('approve_closure');
  const showStages = g.view === 'full' || g.view === 'stages_and_staff_events';
  return {
    id: c.id,
    studentId: c.student_id,
    schoolId: c.school_id,
    state: c.state,
    openedAt: c.opened_at.toISOString(),
    closedAt: c.closed_at?.toISOString() ?? null,
    ...(showStages ? { stages: c.stages as Case['stages'] } : {}),
    responsibleAdults: c.responsible,
    overdue: c.state === 'open' && c.responsible.length === 0,
    allowedActions: [...actions],
    allowedEventTypes: [...types],
  };
}

export async function timelineFor(
  db: Executor,
  keys: DataKeys,
  c: CaseRow,
  g: CaseGrant,
): Promise<CaseEvent[]> {
  const vis = visibleTo[g.view ?? 'guardian_events'] ?? [];
  if (!vis.length) return [];
  const rows = await db
    .selectFrom('case_events')
    .selectAll()
    .where('case_id', '=', c.id)
    .where('visibility', 'in', [...vis])
    .orderBy('id')
    .execute();
  const key = g.view === 'full' ? await keys.get(db, c.tenant_id, c.student_id) : undefined;
  return rows.map((r) => ({
    id: r.id,
    type: r.type as CaseEventType,
    visibility: r.visibility,
    at: r.at.toISOString(),
    actorId: r.actor_id,
    personId: r.person_id,
    referralId: r.referral_id,
    stage: (r.stage as CaseEvent['stage']) ?? null,
    corrects: r.corrects,
    occurredAt: (r.occurred_at ?? r.at).toISOString(),
    contactKind: (r.contact_kind as HomeSchoolContactKind | null) ?? null,
    // Notes only for the full (counsellor) view; after erasure the key is gone and so is the text.
    ...(g.view === 'full'
      ? {
          note:
            r.note_enc && key
              ? openField(key, c.student_id, `case_event:${r.id}:note`, r.note_enc)
              : null,
        }
      : {}),
  }));
}

/**
 * When an event happened: `occurredAt` if given (null: when it is recorded). Not after now (up
 * to `occurredAtSkewMs` of clock skew, stored as now), not more than 30 days before the case opened.
 */
function occurredAtOf(c: CaseRow, e: CaseEventCreate, now: Date): Date | null {
  if (e.occurredAt === undefined) return null;
  const at = new Date(e.occurredAt);
  const earliest = new Date(c.opened_at.getTime() - occurredAtBeforeOpeningMs);
  const latest = new Date(now.getTime() + occurredAtSkewMs);
  if (at > latest || at < earliest)
    throw new AppError('occurred_at_out_of_range', undefined, {
      field: 'occurredAt',
      reason: at > latest ? 'occurred_at_in_the_future' : 'occurred_at_before_case',
      earliest: earliest.toISOString(),
      latest: now.toISOString(),
    });
  return at > now ? now : at;
}

const referralOrder: Partial<Record<CaseEventType, CaseEventType>> = {
  referral_consented: 'referral_proposed',
  referral_sent: 'referral_consented',
  referral_accepted: 'referral_sent',
  referral_rejected: 'referral_sent',
  referral_completed: 'referral_accepted',
};

/**
 * Appends one event after checking the rules: the role may add this type and visibility, notes
 * are counsellors' only, referrals move proposed → consented → sent → accepted/rejected →
 * completed (no sending without recorded consent), closure needs another counsellor or school
 * admin's approval. Corrections are new events pointing at the old one.
 */
export async function appendCaseEvent(
  trx: Executor,
  keys: DataKeys,
  c: CaseRow,
  g: CaseGrant,
  e: CaseEventCreate,
  now: Date,
): Promise<CaseEvent> {
  if (c.state !== 'open') throw new AppError('conflict', undefined, { reason: 'case_closed' });
  const allowed = typesFor[g.role] ?? [];
  if (!allowed.includes(e.type)) throw new AppError('forbidden');
  if (e.note !== undefined && g.role !== 'counsellor')
    throw new AppError('forbidden', undefined, { reason: 'notes_are_counsellors_only' });
  if (g.role === 'volunteer' && e.visibility !== 'mentor')
    throw new AppError('unprocessable', undefined, {
      reason: 'mentor_events_are_visible_to_mentors',
    });
  if (e.contactKind !== undefined && e.type !== 'home_school_contact')
    throw new AppError('contact_kind_not_allowed', undefined, {
      field: 'contactKind',
      reason: 'contact_kind_is_for_home_school_contacts',
    });
  const occurredAt = occurredAtOf(c, e, now);
  if (e.type === 'note' && (e.note === undefined || e.visibility !== 'counsellor'))
    throw new AppError('unprocessable', undefined, {
      reason: 'a_note_has_text_and_counsellor_visibility',
    });
  if (e.note !== undefined && e.visibility !== 'counsellor')
    throw new AppError('unprocessable', undefined, {
      reason: 'notes_are_visible_to_counsellors_only',
    });
  const id = newId('cev', now);
  let referralId: string | null = null;
  if (e.type === 'referral_proposed') referralId = id;
  const before = referralOrder[e.type];
  if (before) {
    if (!e.referralId)
      throw new AppError('unprocessable', undefined, { reason: 'referral_id_required' });
    const prior = await trx
      .selectFrom('case_events')
      .select('type')
      .where('case_id', '=', c.id)
      .where('referral_id', '=', e.referralId)
      .execute();
    const seen = new Set(prior.map((p) => p.type));
    if (!seen.has(before))
      throw new AppError('unprocessable', undefined, { reason: `${e.type}_needs_${before}` });
    if (
      seen.has(e.type) ||
      (e.type === 'referral_accepted' && seen.has('referral_rejected')) ||
      (e.type === 'referral_rejected' && seen.has('referral_accepted'))
    ) {
      throw new AppError('unprocessable', undefined, { reason: 'referral_step_already_recorded' });
    }
    if (e.type === 'referral_consented' && !e.consentBy)
      throw new AppError('unprocessable', undefined, { reason: 'consent_by_required' });
    referralId = e.referralId;
  }
  if (e.type === 'pairing_assigned') {
    if (!e.personId || !e.pairingKind)
      throw new AppError('unprocessable', undefined, { reason: 'person_and_kind_required' });
    const role =
      e.pairingKind === 'volunteer'
        ? ['volunteer']
        : e.pairingKind === 'counsellor'
          ? ['counsellor']
          : ['class_teacher', 'grade_leader', 'counsellor', 'school_admin'];
    const held = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM memberships m JOIN org_units u ON u.id = m.org_unit_id
      WHERE m.tenant_id = ${c.tenant_id} AND m.person_id = ${e.personId} AND m.ended_on IS NULL
        AND m.role IN (${sql.join(role)}) AND (u.id = ${c.school_id} OR u.school_id = ${c.school_id})`.execute(
      trx,
    );
    if (!held.rows[0]?.n)
      throw new AppError('unprocessable', undefined, { reason: 'person_not_staff_of_this_school' });
  }
  if (e.corrects) {
    const target = await trx
      .selectFrom('case_events')
      .select('id')
      .where('case_id', '=', c.id)
      .where('id', '=', e.corrects)
      .executeTakeFirst();
    if (!target)
      throw new AppError('unprocessable', undefined, { reason: 'corrected_event_not_in_case' });
  }
  if (e.type === 'closure_requested' && (await pendingClosure(trx, c.id)))
    throw new AppError('conflict', undefined, { reason: 'closure_already_requested' });
  if (e.type === 'closure_approved') {
    const pending = await pendingClosure(trx, c.id);
    if (!pending)
      throw new AppError('unprocessable', undefined, { reason: 'no_closure_requested' });
    if (pending.requester === g.userId)
      throw new AppError('forbidden', undefined, { reason: 'approver_must_not_be_requester' });
    if (!closureApprovers.includes(g.role)) throw new AppError('forbidden');
  }
  let noteEnc: Uint8Array | null = null;
  if (e.note !== undefined) {
    const key = await keys.getOrCreate(trx, c.tenant_id, c.student_id, now);
    noteEnc = sealField(key, c.student_id, `case_event:${id}:note`, e.note);
  }
  await trx
    .insertInto('case_events')
    .values({
      id,
      tenant_id: c.tenant_id,
      case_id: c.id,
      type: e.type,
      visibility: e.visibility,
      at: now,
      actor_id: g.userId,
      actor_role: g.role,
      person_id: e.personId ?? null,
      referral_id: referralId,
      stage: e.stage ? JSON.stringify(e.stage) : null,
      corrects: e.corrects ?? null,
      refs: JSON.stringify({}),
      note_enc: noteEnc,
      occurred_at: occurredAt,
      contact_kind: e.contactKind ?? null,
    })
    .execute();
  const stages = e.stage ? { ...c.stages, [e.stage.id]: e.stage.state } : c.stages;
  const responsible =
    e.type === 'pairing_assigned' && !c.responsible.some((r) => r.personId === e.personId)
      ? [...c.responsible, { personId: e.personId!, kind: e.pairingKind! }]
      : c.responsible;
  await trx
    .updateTable('cases')
    .set({
      stages: JSON.stringify(stages),
      responsible: JSON.stringify(responsible),
      ...(e.type === 'closure_approved' ? { state: 'closed' as const, closed_at: now } : {}),
    })
    .where('id', '=', c.id)
    .execute();
  return {
    id,
    type: e.type,
    visibility: e.visibility,
    at: now.toISOString(),
    occurredAt: (occurredAt ?? now).toISOString(),
    contactKind: e.contactKind ?? null,
    actorId: g.userId,
    personId: e.personId ?? null,
    referralId,
    stage: e.stage ?? null,
    corrects: e.corrects ?? null,
    ...(g.view === 'full' ? { note: e.note ?? null } : {}),
  };
}
