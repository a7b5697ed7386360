import type { Locale } from '@xinqiao/contracts/ids';
import { sql } from 'kysely';
import type { Alert, AlertList } from '@xinqiao/contracts/alerts';
import type { Role } from '@xinqiao/contracts/memberships';
import type { Principal } from '../auth/principal.js';
import type { Executor } from '../db/types.js';
import { schoolsUnder } from '../policy/units.js';
import { recommendedActions } from './routing-table.js';

/**
 * Who sees which alerts (authorization matrix, `alerts` column): class teachers their class,
 * grade leaders what was escalated to them, counsellors their school (with the attention review
 * list), school admins their school, anyone an alert was sent to; district admins only an
 * identity-free count; the portal's key ids only.
 */
export type AlertScope =
  | {
      kind: 'staff';
      personId: string;
      classIds: string[];
      counsellorSchools: string[];
      adminSchools: string[];
    }
  | { kind: 'district'; schoolIds: string[] }
  | { kind: 'portal' };

export async function alertScope(
  db: Executor,
  p: Principal,
  _today: string,
): Promise<AlertScope | undefined> {
  if (p.kind === 'secret_key') return { kind: 'portal' };
  if (p.kind !== 'embed_token') return undefined;
  const staff = {
    kind: 'staff' as const,
    personId: p.userId,
    classIds: [] as string[],
    counsellorSchools: [] as string[],
    adminSchools: [] as string[],
  };
  const district: string[] = [];
  let isStaff = false;
  for (const m of p.memberships) {
    if (m.role === 'class_teacher') staff.classIds.push(m.orgUnit);
    else if (m.role === 'counsellor') staff.counsellorSchools.push(m.orgUnit);
    else if (m.role === 'school_admin') staff.adminSchools.push(m.orgUnit);
    else if (m.role === 'district_admin')
      district.push(...(await schoolsUnder(db, p.tenantId, m.orgUnit)));
    else if (m.role !== 'grade_leader') continue;
    if (m.role !== 'district_admin') isStaff = true;
  }
  if (isStaff) return staff;
  if (district.length) return { kind: 'district', schoolIds: [...new Set(district)] };
  return undefined;
}

type AlertRow = {
  id: string;
  student_id: string;
  school_id: string;
  class_id: string | null;
  tier: 'attention' | 'high' | 'critical';
  flags: string[];
  source: 'screening' | 'safety_signal' | 'concern';
  source_id: string;
  state: 'open' | 'acknowledged';
  level: number;
  created_at: Date;
  due_at: Date;
  acknowledged_at: Date | null;
  acknowledged_by: string | null;
};

async function toView(db: Executor, row: AlertRow, now: Date, locale: Locale): Promise<Alert> {
  const recipients = await db
    .selectFrom('alert_recipients')
    .selectAll()
    .where('alert_id', '=', row.id)
    .orderBy('level')
    .orderBy('role')
    .orderBy('person_id')
    .execute();
  return {
    id: row.id,
    studentId: row.student_id,
    orgUnitId: row.class_id ?? row.school_id,
    schoolId: row.school_id,
    tier: row.tier,
    flags: row.flags.filter((f) => f !== 'follow_up_missing') as Alert['flags'],
    source: row.source,
    sourceId: row.source_id,
    state: row.state,
    level: row.level,
    createdAt: row.created_at.toISOString(),
    dueAt: row.due_at.toISOString(),
    overdue: row.state === 'open' && now >= row.due_at,
    acknowledgedAt: row.acknowledged_at?.toISOString() ?? null,
    acknowledgedBy: row.acknowledged_by,
    recipients: recipients.map((r) => ({
      personId: r.person_id,
      role: r.role as Alert['recipients'][number]['role'],
      level: r.level,
      viaGap: r.via_gap,
      notifiedAt: r.notified_at.toISOString(),
    })),
    recommendedAction: recommendedActions[locale][row.tier],
  };
}

export async function loadAlertView(
  db: Executor,
  tenantId: string,
  id: string,
  now: Date,
  locale: Locale,
): Promise<Alert | undefined> {
  const row = await db
    .selectFrom('alerts')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? toView(db, row as AlertRow, now, locale) : undefined;
}

const none = sql<boolean>`false`;

export async function listAlerts(
  db: Executor,
  tenantId: string,
  scope: AlertScope,
  q: {
    state?: 'open' | 'acknowledged' | undefined;
    schoolId?: string | undefined;
    before?: string | undefined;
    /** One alert, if the caller's scope holds it. */
    id?: string | undefined;
    limit: number;
  },
  now: Date,
  locale: Locale,
): Promise<AlertList> {
  if (scope.kind === 'district') {
    // Identity-free: two numbers for the region, never a student, class or alert id.
    const schools = q.schoolId ? scope.schoolIds.filter((s) => s === q.schoolId) : scope.schoolIds;
    if (!schools.length)
      return {
        data: [],
        nextCursor: null,
        identityFreeCounts: { openCritical: 0, overdueCritical: 0 },
      };
    const row = await db
      .selectFrom('alerts')
      .select((eb) => [
        eb.fn.countAll<number>().as('open'),
        sql<number>`count(*) filter (where due_at <= ${now})`.as('overdue'),
      ])
      .where('tenant_id', '=', tenantId)
      .where('school_id', 'in', schools)
      .where('tier', '=', 'critical')
      .where('state', '=', 'open')
      .executeTakeFirstOrThrow();
    return {
      data: [],
      nextCursor: null,
      identityFreeCounts: { openCritical: Number(row.open), overdueCritical: Number(row.overdue) },
    };
  }
  let query = db
    .selectFrom('alerts')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .orderBy('id', 'desc')
    .limit(q.limit + 1);
  if (q.state) query = query.where('state', '=', q.state);
  if (q.schoolId) query = query.where('school_id', '=', q.schoolId);
  if (q.before) query = query.where('id', '<', q.before);
  if (q.id) query = query.where('id', '=', q.id);
  if (scope.kind === 'staff') {
    const s = scope;
    query = query.where((eb) =>
      eb.or([
        s.classIds.length
          ? eb.and([eb('class_id', 'in', s.classIds), eb('tier', '<>', 'attention')])
          : none,
        s.counsellorSchools.length ? eb('school_id', 'in', s.counsellorSchools) : none,
        s.adminSchools.length
          ? eb.and([eb('school_id', 'in', s.adminSchools), eb('tier', '<>', 'attention')])
          : none,
        eb(
          'id',
          'in',
          eb.selectFrom('alert_recipients').select('alert_id').where('person_id', '=', s.personId),
        ),
      ]),
    );
  }
  const rows = (await query.execute()) as AlertRow[];
  const page = rows.slice(0, q.limit);
  const nextCursor = rows.length > q.limit ? page[page.length - 1]!.id : null;
  if (scope.kind === 'portal') {
    return {
      data: page.map((r) => ({
        id: r.id,
        orgUnitId: r.school_id,
        state: r.state,
        createdAt: r.created_at.toISOString(),
      })),
      nextCursor,
    };
  }
  const data: Alert[] = [];
  for (const r of page) data.push(await toView(db, r, now, locale));
  return { data, nextCursor };
}

/** The (role, unit) under which this staff member may act on the alert, if any. */
export async function mayAct(
  db: Executor,
  p: Extract<Principal, { kind: 'embed_token' }>,
  a: Alert,
  _today: string,
): Promise<{ role: Role; orgUnit: string } | undefined> {
  for (const m of p.memberships) {
    if (m.role === 'counsellor' && m.orgUnit === a.schoolId) return m;
    if (m.role === 'school_admin' && m.orgUnit === a.schoolId && a.tier !== 'attention') return m;
    if (m.role === 'class_teacher' && m.orgUnit === a.orgUnitId && a.tier !== 'attention') return m;
  }
  if (a.recipients.some((r) => r.personId === p.userId)) {
    const m = p.memberships.find((x) =>
      ['grade_leader', 'school_admin', 'counsellor', 'class_teacher'].includes(x.role),
    );
    if (m) return m;
  }
  void db;
  return undefined;
}
