import { sql, type Kysely } from 'kysely';
import { riskTierRank, type RiskTier } from '@xinqiao/contracts/instruments';
import type { DB, SchoolHoursJson } from '../db/schema.js';
import type { Executor } from '../db/types.js';
import { shanghaiDate } from '../dates.js';
import { newId } from '../ids.js';
import type { StudentContext } from './student-context.js';
import { addSchoolTime, defaultSchoolHours, endOfSchoolDay, schoolDayMs } from './school-time.js';
import {
  asqPositiveHighDue,
  gapFallback,
  routingTable,
  type Due,
  type EscalationRung,
  type RoutedRole,
} from './routing-table.js';
import { emitWebhook } from './webhook-seam.js';
import { fileIntoCase } from './cases.js';
import { lockStudent } from './student-lock.js';

export type AlertTier = 'attention' | 'high' | 'critical';

export interface NewAlert {
  student: StudentContext;
  tier: AlertTier;
  flags: string[];
  source: 'screening' | 'safety_signal' | 'concern';
  sourceId: string;
  campaignId: string | null;
}

export async function schoolHoursOf(
  db: Executor,
  tenantId: string,
  schoolId: string,
): Promise<{ hours: SchoolHoursJson; onCall: string | null }> {
  const row = await db
    .selectFrom('school_settings')
    .select(['hours', 'on_call_person_id'])
    .where('tenant_id', '=', tenantId)
    .where('school_id', '=', schoolId)
    .executeTakeFirst();
  return { hours: row?.hours ?? defaultSchoolHours, onCall: row?.on_call_person_id ?? null };
}

export function dueAfter(due: Due, hours: SchoolHoursJson, from: Date): Date {
  switch (due.kind) {
    case 'clock':
      return new Date(from.getTime() + due.minutes * 60_000);
    case 'same_school_day':
      return endOfSchoolDay(hours, from);
    case 'school_days':
      return addSchoolTime(hours, from, due.days * schoolDayMs(hours));
  }
}

function dueFor(tier: AlertTier, flags: string[]): Due {
  if (tier === 'high' && flags.includes('asq-positive')) return asqPositiveHighDue;
  return routingTable[tier].due;
}

/** People holding `role` for the student today (on-call: the school's contact). */
async function holders(
  db: Executor,
  s: StudentContext,
  role: RoutedRole,
  onCall: string | null,
  today: string,
): Promise<string[]> {
  if (role === 'on_call') return onCall ? [onCall] : [];
  const unit =
    role === 'class_teacher' ? s.classId : role === 'grade_leader' ? s.gradeId : s.schoolId;
  if (!unit) return [];
  const rows = await db
    .selectFrom('memberships')
    .select('person_id')
    .distinct()
    .where('tenant_id', '=', s.tenantId)
    .where('org_unit_id', '=', unit)
    .where('role', '=', role)
    .where('started_on', '<=', today)
    .where((eb) => eb.or([eb('ended_on', 'is', null), eb('ended_on', '>', today)]))
    .orderBy('person_id')
    .execute();
  return rows.map((r) => r.person_id);
}

/** Resolves a role, passing the alert up at once while the role is empty (recorded as via a gap). */
async function resolve(
  db: Executor,
  s: StudentContext,
  role: RoutedRole,
  onCall: string | null,
  today: string,
): Promise<Array<{ personId: string; role: RoutedRole; viaGap: boolean }>> {
  let current: RoutedRole | null = role;
  let viaGap = false;
  while (current) {
    const people = await holders(db, s, current, onCall, today);
    if (people.length) return people.map((personId) => ({ personId, role: current!, viaGap }));
    current = gapFallback[current];
    viaGap = true;
  }
  return [];
}

async function addRecipients(
  trx: Executor,
  alertId: string,
  level: number,
  people: Array<{ personId: string; role: RoutedRole; viaGap: boolean }>,
  now: Date,
): Promise<string[]> {
  const added: string[] = [];
  for (const p of people) {
    const r = await trx
      .insertInto('alert_recipients')
      .values({
        alert_id: alertId,
        person_id: p.personId,
        role: p.role,
        level,
        via_gap: p.viaGap,
        notified_at: now,
      })
      .onConflict((oc) => oc.doNothing())
      .returning('person_id')
      .executeTakeFirst();
    if (r) added.push(p.personId);
  }
  return added;
}

async function event(
  trx: Executor,
  alertId: string,
  kind: string,
  level: number,
  now: Date,
  actorId: string | null = null,
) {
  await trx
    .insertInto('alert_events')
    .values({ id: newId('ale', now), alert_id: alertId, kind, level, at: now, actor_id: actorId })
    .execute();
}

/**
 * Creates the alert for a tier ≥ attention, or joins the student's open alert for the same
 * campaign when that one is at least as high (a form's safety signal and its screening make one
 * alert). Runs in the caller's transaction, with its recipients, its first event and webhook.
 */
export async function raiseAlert(
  trx: Executor,
  a: NewAlert,
  now: Date,
  /** The caller's transaction already holds the student's lock (`lockStudent`). */
  opts: { studentLocked?: boolean } = {},
): Promise<{ id: string; created: boolean; caseId: string | null }> {
  if (!opts.studentLocked) await lockStudent(trx, a.student.tenantId, a.student.studentId);
  if (a.campaignId) {
    const open = await trx
      .selectFrom('alerts')
      .select(['id', 'tier', 'flags'])
      .where('tenant_id', '=', a.student.tenantId)
      .where('student_id', '=', a.student.studentId)
      .where('campaign_id', '=', a.campaignId)
      .where('state', '=', 'open')
      .execute();
    const joinable = open.find((o) => riskTierRank(o.tier as RiskTier) >= riskTierRank(a.tier));
    if (joinable) {
      const flags = [...new Set([...joinable.flags, ...a.flags])];
      if (flags.length !== joinable.flags.length) {
        await trx
          .updateTable('alerts')
          .set({ flags: JSON.stringify(flags) })
          .where('id', '=', joinable.id)
          .execute();
      }
      return { id: joinable.id, created: false, caseId: null };
    }
  }
  const route = routingTable[a.tier];
  const { hours, onCall } = await schoolHoursOf(trx, a.student.tenantId, a.student.schoolId);
  const due = dueAfter(dueFor(a.tier, a.flags), hours, now);
  const id = newId('alr', now);
  await trx
    .insertInto('alerts')
    .values({
      id,
      tenant_id: a.student.tenantId,
      student_id: a.student.studentId,
      school_id: a.student.schoolId,
      grade_id: a.student.gradeId,
      class_id: a.student.classId,
      tier: a.tier,
      flags: JSON.stringify(a.flags),
      source: a.source,
      source_id: a.sourceId,
      campaign_id: a.campaignId,
      state: 'open',
      level: 0,
      created_at: now,
      due_at: due,
      next_escalation_at: route.escalate.length ? due : null,
      acknowledged_at: null,
      acknowledged_by: null,
    })
    .execute();
  const today = shanghaiDate(now);
  const people = [];
  for (const role of route.notify)
    people.push(...(await resolve(trx, a.student, role, onCall, today)));
  const told = await addRecipients(trx, id, 0, people, now);
  await event(trx, id, 'created', 0, now);
  if (route.push)
    await emitWebhook(
      trx,
      a.student.tenantId,
      'alert.created',
      // One entry per person (the counsellor may also be the on-call contact).
      { alertId: id, orgUnitId: a.student.schoolId, recipientUserIds: [...new Set(told)] },
      now,
    );
  // High and critical alerts open (or join) the student's case in the same transaction.
  const caseId =
    a.tier === 'attention'
      ? null
      : await fileIntoCase(
          trx,
          a.student,
          {
            type: a.source === 'concern' ? 'concern_raised' : 'screening_filed',
            refs: { alertId: id, sourceId: a.sourceId },
          },
          now,
        );
  return { id, created: true, caseId };
}

/**
 * One pass of the escalation job: claims open alerts whose deadline has passed with
 * `FOR UPDATE SKIP LOCKED` (so replicas sharing one PostgreSQL never escalate the same alert
 * twice) and moves each to its next rung, skipping empty rungs at once. Returns the alert ids
 * escalated.
 */
export async function runEscalations(db: Kysely<DB>, now: Date, batch = 50): Promise<string[]> {
  return db.transaction().execute(async (trx) => {
    const { rows } = await sql<{ id: string }>`
      SELECT id FROM alerts
      WHERE state = 'open' AND next_escalation_at IS NOT NULL AND next_escalation_at <= ${now}
      ORDER BY next_escalation_at
      LIMIT ${batch}
      FOR UPDATE SKIP LOCKED`.execute(trx);
    const done: string[] = [];
    for (const { id } of rows) {
      await escalateOne(trx, id, now);
      done.push(id);
    }
    return done;
  });
}

async function escalateOne(trx: Executor, alertId: string, now: Date): Promise<void> {
  const a = await trx
    .selectFrom('alerts')
    .selectAll()
    .where('id', '=', alertId)
    .executeTakeFirstOrThrow();
  const tier = a.tier;
  const ladder: readonly EscalationRung[] = routingTable[tier].escalate;
  const s: StudentContext = {
    tenantId: a.tenant_id,
    studentId: a.student_id,
    classId: a.class_id ?? '',
    gradeId: a.grade_id,
    schoolId: a.school_id,
    chain: [],
  };
  const { hours, onCall } = await schoolHoursOf(trx, a.tenant_id, a.school_id);
  const today = shanghaiDate(now);
  let level = a.level;
  // Climb until a rung reaches somebody new (an empty rung passes the alert up at once).
  while (level < ladder.length) {
    const rung = ladder[level]!;
    level++;
    if (rung === 'district') {
      await event(trx, alertId, 'district_notified', level, now);
      break;
    }
    const people = await resolve(trx, s, rung, onCall, today);
    if (people.length) {
      // Someone told at once (a critical alert's school admin) is told again: it is now theirs to act on.
      await addRecipients(trx, alertId, level, people, now);
      await event(trx, alertId, 'escalated', level, now);
      await emitWebhook(
        trx,
        a.tenant_id,
        'alert.escalated',
        {
          alertId,
          orgUnitId: a.school_id,
          recipientUserIds: [...new Set(people.map((x) => x.personId))],
        },
        now,
      );
      break;
    }
    await event(trx, alertId, 'escalation_rung_empty', level, now);
  }
  const more = level < ladder.length;
  await trx
    .updateTable('alerts')
    .set({ level, next_escalation_at: more ? dueAfter(dueFor(tier, a.flags), hours, now) : null })
    .where('id', '=', alertId)
    .execute();
}

export async function acknowledgeAlert(
  trx: Executor,
  tenantId: string,
  alertId: string,
  personId: string,
  now: Date,
): Promise<boolean> {
  const r = await trx
    .updateTable('alerts')
    .set({
      state: 'acknowledged',
      acknowledged_at: now,
      acknowledged_by: personId,
      next_escalation_at: null,
    })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', alertId)
    .where('state', '=', 'open')
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) return false;
  const level = (
    await trx
      .selectFrom('alerts')
      .select('level')
      .where('id', '=', alertId)
      .executeTakeFirstOrThrow()
  ).level;
  await event(trx, alertId, 'acknowledged', level, now, personId);
  await emitWebhook(trx, tenantId, 'alert.acknowledged', { alertId }, now);
  return true;
}
