import { sql } from 'kysely';
import type { Executor } from '../db/types.js';

/**
 * Parent-school reach, in families (ARCHITECTURE §3, DOMAIN "统计表"): a family counts once
 * however many of its guardians come and however many sessions it attends.
 *
 * - In scope: families with a guardian linked (on `to`) to a student enrolled (on `to`) in the
 *   unit. A family with children in two classes is in scope of both, and once in any total.
 * - Reached: families with a signup checked in by staff at a session that was not cancelled and
 *   started within the period (Asia/Shanghai dates). A confirmed signup without a check-in does
 *   not count: reports to the 关工委 must rest on recorded attendance. Reach is a property of the
 *   family, wherever it attended (the Nantong goal is every family trained at least once).
 * - Sessions held: not cancelled, started within the period and ended by `now`, targeting the
 *   unit (a session for grade 7 counts for the school and its grade-7 classes only).
 */
const start = (date: string) => new Date(`${date}T00:00:00+08:00`);
const end = (date: string) => new Date(start(date).getTime() + 24 * 3600_000);

export interface ClassReach {
  /** Family keys in scope, per class. */
  families: Map<string, Set<string>>;
  /** Sessions held, per class. */
  sessions: Map<string, Set<string>>;
  /** Every family reached in the period (tenant-wide). */
  reached: Set<string>;
}

/** Per-class figures for the given classes (or every class of the given schools). */
export async function reachByClass(
  db: Executor,
  tenantId: string,
  scope: { classIds: string[] } | { schoolIds: string[] },
  period: { from: string; to: string },
  now: Date,
): Promise<ClassReach & { classes: Map<string, { schoolId: string; gradeId: string | null }> }> {
  const out = {
    families: new Map<string, Set<string>>(),
    sessions: new Map<string, Set<string>>(),
    reached: new Set<string>(),
    classes: new Map<string, { schoolId: string; gradeId: string | null }>(),
  };
  const ids = 'classIds' in scope ? scope.classIds : scope.schoolIds;
  if (!ids.length) return out;
  const list = sql.join(ids);
  const unitFilter = 'classIds' in scope ? sql`u.id IN (${list})` : sql`u.school_id IN (${list})`;
  const classes = await sql<{ id: string; school_id: string; parent_id: string | null }>`
    SELECT u.id, u.school_id, u.parent_id FROM org_units u
    WHERE u.tenant_id = ${tenantId} AND u.kind = 'class' AND ${unitFilter}`.execute(db);
  for (const c of classes.rows) {
    out.classes.set(c.id, { schoolId: c.school_id, gradeId: c.parent_id });
    out.families.set(c.id, new Set());
    out.sessions.set(c.id, new Set());
  }
  if (!classes.rows.length) return out;
  const classList = sql.join(classes.rows.map((c) => c.id));
  const { to } = period;
  const families = await sql<{ class_id: string; family_key: string }>`
    SELECT DISTINCT m.org_unit_id AS class_id, coalesce(g.family_id, g.guardian_id) AS family_key
    FROM memberships m
    JOIN guardianships g ON g.student_id = m.person_id AND g.tenant_id = m.tenant_id
    WHERE m.tenant_id = ${tenantId} AND m.role = 'student' AND m.org_unit_id IN (${classList})
      AND m.started_on <= ${to} AND (m.ended_on IS NULL OR m.ended_on > ${to})
      AND g.started_on <= ${to} AND (g.ended_on IS NULL OR g.ended_on > ${to})`.execute(db);
  for (const r of families.rows) out.families.get(r.class_id)?.add(r.family_key);

  const f = start(period.from);
  const t = end(period.to);
  const reached = await sql<{ family_key: string }>`
    SELECT DISTINCT sg.family_key FROM parent_school_signups sg
    JOIN parent_school_sessions s ON s.id = sg.session_id
    WHERE sg.tenant_id = ${tenantId} AND sg.checked_in_at IS NOT NULL
      AND s.status <> 'cancelled' AND s.starts_at >= ${f} AND s.starts_at < ${t}`.execute(db);
  for (const r of reached.rows) out.reached.add(r.family_key);

  const schools = sql.join([...new Set(classes.rows.map((c) => c.school_id))]);
  const held = await sql<{ session_id: string; school_id: string; grade_id: string | null }>`
    SELECT t.session_id, t.school_id, t.grade_id FROM parent_school_targets t
    JOIN parent_school_sessions s ON s.id = t.session_id
    WHERE t.tenant_id = ${tenantId} AND t.school_id IN (${schools})
      AND s.status <> 'cancelled' AND s.starts_at >= ${f} AND s.starts_at < ${t}
      AND s.ends_at <= ${now}`.execute(db);
  for (const [classId, c] of out.classes)
    for (const h of held.rows)
      if (h.school_id === c.schoolId && (h.grade_id === null || h.grade_id === c.gradeId))
        out.sessions.get(classId)!.add(h.session_id);
  return out;
}

export interface UnitReach {
  sessionsHeld: number;
  familiesInScope: number;
  familiesReached: number;
  percent: number | null;
}

/** The figures of a unit made of these classes (sets unioned: each family and session once). */
export function reachOf(r: ClassReach, classIds: Iterable<string>): UnitReach {
  const families = new Set<string>();
  const sessions = new Set<string>();
  for (const id of classIds) {
    for (const f of r.families.get(id) ?? []) families.add(f);
    for (const s of r.sessions.get(id) ?? []) sessions.add(s);
  }
  let reached = 0;
  for (const f of families) if (r.reached.has(f)) reached++;
  return {
    sessionsHeld: sessions.size,
    familiesInScope: families.size,
    familiesReached: reached,
    percent: families.size ? Math.round((reached / families.size) * 1000) / 10 : null,
  };
}
