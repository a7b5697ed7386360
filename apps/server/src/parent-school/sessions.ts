import { sql, type Selectable } from 'kysely';
import type {
  ParentSchoolSession,
  ParentSchoolSessionCreate,
  SessionStatus,
} from '@xinqiao/contracts/parent-school';
import type { Principal } from '../auth/principal.js';
import type { ParentSchoolSessionsTable } from '../db/schema.js';
import type { Executor } from '../db/types.js';
import { AppError } from '../http/app-error.js';
import { decideAction } from '../policy/decide.js';
import { unitChain } from '../policy/units.js';

/**
 * Parent-school sessions: storage, targets (schools, narrowed to grades), seat counts and the
 * wire shape. Every function takes an Executor: inside a transaction, pass the transaction.
 */
export type SessionRow = Selectable<ParentSchoolSessionsTable>;
export interface Target {
  schoolId: string;
  gradeId: string | null;
}
export interface SessionRecord {
  row: SessionRow;
  targets: Target[];
}
export interface SeatCounts {
  taken: number;
  waitlisted: number;
}

export async function loadSession(
  db: Executor,
  tenantId: string,
  sessionId: string,
  opts: { forUpdate?: boolean } = {},
): Promise<SessionRecord | undefined> {
  let q = db
    .selectFrom('parent_school_sessions')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', sessionId);
  // Serializes seat accounting on PostgreSQL; PGlite has one connection anyway.
  if (opts.forUpdate) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) return undefined;
  const targets = await targetsOf(db, [row.id]);
  return { row, targets: targets.get(row.id) ?? [] };
}

export async function targetsOf(
  db: Executor,
  sessionIds: string[],
): Promise<Map<string, Target[]>> {
  const out = new Map<string, Target[]>();
  if (!sessionIds.length) return out;
  const rows = await db
    .selectFrom('parent_school_targets')
    .select(['session_id', 'school_id', 'grade_id'])
    .where('session_id', 'in', sessionIds)
    .orderBy('school_id')
    .orderBy('grade_id')
    .execute();
  for (const r of rows) {
    const list = out.get(r.session_id) ?? [];
    list.push({ schoolId: r.school_id, gradeId: r.grade_id });
    out.set(r.session_id, list);
  }
  return out;
}

export async function seatCounts(
  db: Executor,
  sessionIds: string[],
): Promise<Map<string, SeatCounts>> {
  const out = new Map<string, SeatCounts>(
    sessionIds.map((id) => [id, { taken: 0, waitlisted: 0 }]),
  );
  if (!sessionIds.length) return out;
  const rows = await db
    .selectFrom('parent_school_signups')
    .select([
      'session_id',
      sql<number>`coalesce(sum(attendee_count) FILTER (WHERE state = 'confirmed'), 0)::int`.as(
        'taken',
      ),
      sql<number>`count(*) FILTER (WHERE state = 'waitlisted')::int`.as('waitlisted'),
    ])
    .where('session_id', 'in', sessionIds)
    .groupBy('session_id')
    .execute();
  for (const r of rows)
    out.set(r.session_id, { taken: Number(r.taken), waitlisted: Number(r.waitlisted) });
  return out;
}

export function statusOf(row: SessionRow, now: Date): SessionStatus {
  if (row.status === 'cancelled') return 'cancelled';
  return row.ends_at.getTime() <= now.getTime() ? 'completed' : 'scheduled';
}

export function sessionToWire(
  rec: SessionRecord,
  seats: SeatCounts,
  now: Date,
): ParentSchoolSession {
  const r = rec.row;
  return {
    id: r.id,
    title: r.title,
    topic: r.topic,
    speaker: r.speaker,
    description: r.description,
    mode: r.mode,
    place: r.place,
    link: r.link,
    capacity: r.capacity,
    startsAt: r.starts_at.toISOString(),
    endsAt: r.ends_at.toISOString(),
    schoolIds: [...new Set(rec.targets.map((t) => t.schoolId))],
    gradeIds: rec.targets.flatMap((t) => (t.gradeId ? [t.gradeId] : [])),
    status: statusOf(r, now),
    seatsTaken: seats.taken,
    seatsLeft: Math.max(0, r.capacity - seats.taken),
    waitlisted: seats.waitlisted,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}

/** Does a session target a child sitting in this school and grade? */
export const targetsChild = (targets: Target[], schoolId: string, gradeId: string | null) =>
  targets.some((t) => t.schoolId === schoolId && (t.gradeId === null || t.gradeId === gradeId));

/**
 * Resolves `schoolIds` / `gradeIds` of a create or update into target rows: every school must be
 * a school of the tenant (404 otherwise, as for any id of another tenant), every grade a grade of
 * one of those schools (400). An embed token needs `parent_school.manage` on every school.
 */
export async function resolveTargets(
  db: Executor,
  principal: Principal,
  tenantId: string,
  schoolIds: string[],
  gradeIds: string[],
): Promise<Target[]> {
  const schools = [...new Set(schoolIds)];
  const units = await db
    .selectFrom('org_units')
    .select(['id', 'kind', 'school_id'])
    .where('tenant_id', '=', tenantId)
    .where('id', 'in', [...schools, ...(gradeIds.length ? gradeIds : [])])
    .execute();
  const byId = new Map(units.map((u) => [u.id, u]));
  if (schools.some((id) => byId.get(id)?.kind !== 'school')) throw new AppError('not_found');
  if (principal.kind === 'embed_token') {
    for (const schoolId of schools) {
      const chain = await unitChain(db, tenantId, schoolId);
      if (!decideAction(principal, 'parent_school.manage', { tenantId, chain }).allowed)
        throw new AppError('forbidden');
    }
  }
  const issues: Array<{ path: Array<string | number>; message: string }> = [];
  gradeIds.forEach((id, i) => {
    const u = byId.get(id);
    if (u?.kind !== 'grade' || !u.school_id || !schools.includes(u.school_id))
      issues.push({ path: ['gradeIds', i], message: 'not a grade of one of the target schools' });
  });
  if (issues.length) throw new AppError('validation_failed', undefined, { issues });
  const grades = [...new Set(gradeIds)];
  return schools.flatMap((schoolId): Target[] => {
    const own = grades.filter((g) => byId.get(g)!.school_id === schoolId);
    return own.length
      ? own.map((gradeId) => ({ schoolId, gradeId }))
      : [{ schoolId, gradeId: null }];
  });
}

export async function replaceTargets(
  trx: Executor,
  tenantId: string,
  sessionId: string,
  targets: Target[],
): Promise<void> {
  await trx.deleteFrom('parent_school_targets').where('session_id', '=', sessionId).execute();
  await trx
    .insertInto('parent_school_targets')
    .values(
      targets.map((t) => ({
        session_id: sessionId,
        tenant_id: tenantId,
        school_id: t.schoolId,
        grade_id: t.gradeId,
      })),
    )
    .execute();
}

/** Mode and place/link must agree; the end must follow the start. */
export function checkShape(s: {
  mode: 'online' | 'offline';
  place: string | null | undefined;
  link: string | null | undefined;
  startsAt: Date;
  endsAt: Date;
}): void {
  const issues: Array<{ path: string[]; message: string }> = [];
  if (s.mode === 'offline' && !s.place)
    issues.push({ path: ['place'], message: 'an offline session needs a place' });
  if (s.mode === 'online' && !s.link)
    issues.push({ path: ['link'], message: 'an online session needs a link' });
  if (s.endsAt.getTime() <= s.startsAt.getTime())
    issues.push({ path: ['endsAt'], message: 'endsAt must be after startsAt' });
  if (issues.length) throw new AppError('validation_failed', undefined, { issues });
}

export function rowFromCreate(
  id: string,
  tenantId: string,
  b: ParentSchoolSessionCreate,
  createdBy: string,
  now: Date,
) {
  return {
    id,
    tenant_id: tenantId,
    title: b.title,
    topic: b.topic,
    speaker: b.speaker,
    description: b.description ?? null,
    mode: b.mode,
    // Only the field that goes with the mode is kept.
    place: b.mode === 'offline' ? (b.place ?? null) : null,
    link: b.mode === 'online' ? (b.link ?? null) : null,
    capacity: b.capacity,
    starts_at: new Date(b.startsAt),
    ends_at: new Date(b.endsAt),
    status: 'scheduled' as const,
    created_by: createdBy,
    created_at: now,
    updated_at: now,
    cancelled_at: null,
  };
}
