import { sql } from 'kysely';
import { statsColumns, type Cell, type StatsColumn, type StatsRow } from '@xinqiao/contracts/stats';
import { smallCellThreshold } from '@xinqiao/contracts/authorization';
import type { Executor } from '../db/types.js';
import { reachByClass, reachOf } from '../parent-school/coverage.js';

/**
 * The 统计表 figures per org unit and period (DOMAIN.md). Raw counts are computed per class and
 * summed up; suppression is applied after, on the whole table at once, because complementary
 * suppression looks across rows.
 */
type Counts = Record<StatsColumn, number | null>;

const countCols = statsColumns.filter((c) => c !== 'coveragePercent');
/** Cells that count people (suppressed when small); parent-school sessions count sessions. */
const peopleCols = countCols.filter((c) => c !== 'parentSchoolSessions');
const tierCols: StatsColumn[] = ['tierNone', 'tierAttention', 'tierHigh', 'tierCritical'];

function emptyCounts(): Counts {
  return Object.fromEntries(statsColumns.map((k) => [k, 0])) as Counts;
}

const start = (date: string) => new Date(`${date}T00:00:00+08:00`);
const end = (date: string) =>
  new Date(new Date(`${date}T00:00:00+08:00`).getTime() + 24 * 3600_000);

export interface StatsUnit {
  id: string;
  externalId: string;
  name: string | null;
  kind: string;
  classIds: string[];
}

/** Per-class raw figures for the period. */
async function perClass(
  db: Executor,
  tenantId: string,
  classIds: string[],
  from: string,
  to: string,
  now: Date,
): Promise<Map<string, Counts>> {
  const out = new Map<string, Counts>(classIds.map((id) => [id, emptyCounts()]));
  if (!classIds.length) return out;
  const add = (classId: string | null, col: StatsColumn, n: number) => {
    const c = classId ? out.get(classId) : undefined;
    if (c) c[col] = (c[col] ?? 0) + Number(n);
  };
  const ids = sql.join(classIds);
  const f = start(from);
  const t = end(to);
  const enrolled = await sql<{ class_id: string; n: number }>`
    SELECT org_unit_id AS class_id, count(DISTINCT person_id)::int AS n FROM memberships
    WHERE tenant_id = ${tenantId} AND role = 'student' AND org_unit_id IN (${ids})
      AND started_on <= ${to} AND (ended_on IS NULL OR ended_on > ${to})
    GROUP BY org_unit_id`.execute(db);
  for (const r of enrolled.rows) add(r.class_id, 'enrolled', r.n);
  // Each screened student once, with the tier of their latest self-screening in the period.
  const tiers = await sql<{ class_id: string; tier: string; n: number }>`
    SELECT class_id, tier, count(*)::int AS n FROM (
      SELECT DISTINCT ON (student_id) student_id, class_id, tier FROM screenings
      WHERE tenant_id = ${tenantId} AND respondent_kind = 'self' AND class_id IN (${ids})
        AND submitted_at >= ${f} AND submitted_at < ${t}
      ORDER BY student_id, submitted_at DESC
    ) latest GROUP BY class_id, tier`.execute(db);
  const tierCol: Record<string, StatsColumn> = {
    none: 'tierNone',
    attention: 'tierAttention',
    high: 'tierHigh',
    critical: 'tierCritical',
  };
  for (const r of tiers.rows) {
    add(r.class_id, 'screened', r.n);
    add(r.class_id, tierCol[r.tier]!, r.n);
  }
  const alerts = await sql<{ class_id: string; open: number; overdue: number; concerns: number }>`
    SELECT class_id,
      count(*) FILTER (WHERE state = 'open')::int AS open,
      count(*) FILTER (WHERE state = 'open' AND due_at <= ${now})::int AS overdue,
      count(*) FILTER (WHERE source = 'concern')::int AS concerns
    FROM alerts WHERE tenant_id = ${tenantId} AND class_id IN (${ids}) AND created_at >= ${f} AND created_at < ${t}
    GROUP BY class_id`.execute(db);
  for (const r of alerts.rows) {
    add(r.class_id, 'alertsOpen', r.open);
    add(r.class_id, 'alertsOverdue', r.overdue);
    add(r.class_id, 'concernsRaised', r.concerns);
  }
  const cases = await sql<{ class_id: string; with_adult: number; without_adult: number }>`
    SELECT class_id,
      count(*) FILTER (WHERE jsonb_array_length(responsible) > 0)::int AS with_adult,
      count(*) FILTER (WHERE jsonb_array_length(responsible) = 0)::int AS without_adult
    FROM cases WHERE tenant_id = ${tenantId} AND state = 'open' AND class_id IN (${ids})
    GROUP BY class_id`.execute(db);
  for (const r of cases.rows) {
    add(r.class_id, 'casesOpenWithAdult', r.with_adult);
    add(r.class_id, 'casesOpenWithoutAdult', r.without_adult);
  }
  const events = await sql<{ class_id: string; pairs: number; visits: number }>`
    SELECT c.class_id,
      count(DISTINCT (e.case_id, e.person_id)) FILTER (WHERE e.type = 'pairing_assigned')::int AS pairs,
      count(*) FILTER (
        WHERE e.type = 'home_school_contact'
          -- A phone call or a meeting at school is not a home visit; contacts recorded without a
          -- kind (before kinds existed, or an API caller that does not say) count as before.
          AND (e.contact_kind = 'home_visit' OR e.contact_kind IS NULL)
      )::int AS visits
    FROM case_events e JOIN cases c ON c.id = e.case_id
    -- In the period it happened in (a visit written up days later still counts where it belongs).
    WHERE e.tenant_id = ${tenantId} AND c.class_id IN (${ids})
      AND coalesce(e.occurred_at, e.at) >= ${f} AND coalesce(e.occurred_at, e.at) < ${t}
    GROUP BY c.class_id`.execute(db);
  for (const r of events.rows) {
    add(r.class_id, 'pairs', r.pairs);
    add(r.class_id, 'homeVisits', r.visits);
  }
  // Home visits recorded outside a case (student_contacts) count too.
  const visits = await sql<{ class_id: string; n: number }>`
    SELECT class_id, count(*)::int AS n FROM student_contacts
    WHERE tenant_id = ${tenantId} AND kind = 'home_visit' AND class_id IN (${ids})
      AND at >= ${f} AND at < ${t}
    GROUP BY class_id`.execute(db);
  for (const r of visits.rows) add(r.class_id, 'homeVisits', r.n);
  return out;
}

export async function coverageTable(
  db: Executor,
  tenantId: string,
  total: StatsUnit,
  rows: StatsUnit[],
  q: { from: string; to: string },
  now: Date,
  suppress: boolean,
): Promise<StatsRow[]> {
  const byClass = await perClass(db, tenantId, total.classIds, q.from, q.to, now);
  // Parent-school reach does not add up over classes (a family with two children, a session for
  // the whole school): each unit's figures are the union over its classes (parent-school/coverage.ts).
  const reach = await reachByClass(db, tenantId, { classIds: total.classIds }, q, now);
  const sum = (u: StatsUnit): Counts => {
    const c = emptyCounts();
    for (const id of u.classIds) {
      const k = byClass.get(id);
      if (!k) continue;
      for (const col of countCols)
        if (c[col] !== null && k[col] !== null) c[col] = c[col]! + k[col]!;
    }
    c.coveragePercent = c.enrolled ? Math.round((c.screened! / c.enrolled!) * 1000) / 10 : null;
    const ps = reachOf(reach, u.classIds);
    c.parentSchoolSessions = ps.sessionsHeld;
    c.parentSchoolFamilies = ps.familiesReached;
    return c;
  };
  const units = [...rows, total];
  const grid = units.map(sum);
  const cells = suppress
    ? suppressGrid(grid)
    : grid.map((g) => ({ ...g }) as Record<StatsColumn, Cell>);
  return units.map((u, i) => ({
    orgUnitId: u.id,
    externalId: u.externalId,
    name: u.name,
    kind: u.kind,
    total: i === units.length - 1,
    cells: cells[i]!,
  }));
}

/**
 * Primary suppression of counts 1–4, then complementary suppression until stable: within a row
 * the tier cells add up to `screened`, and down each column the unit rows add up to the total
 * row (the last one) — a single hidden cell in either sum would be recoverable, so a second one
 * is hidden (the smallest).
 */
export function suppressGrid(grid: Counts[]): Array<Record<StatsColumn, Cell>> {
  const hidden = grid.map(() => new Map<StatsColumn, '<5' | 'suppressed'>());
  grid.forEach((row, i) => {
    for (const col of peopleCols) {
      const v = row[col];
      if (v !== null && v > 0 && v < smallCellThreshold) hidden[i]!.set(col, '<5');
    }
  });
  const hideSmallest = (cands: Array<[number, StatsColumn]>) => {
    const open = cands.filter(([i, c]) => !hidden[i]!.has(c) && grid[i]![c] !== null);
    open.sort(
      (a, b) => grid[a[0]]![a[1]]! - grid[b[0]]![b[1]]! || (grid[a[0]]![a[1]]! === 0 ? 1 : 0),
    );
    // prefer a non-zero cell: hiding a zero hides nothing
    const pick = open.find(([i, c]) => grid[i]![c]! > 0) ?? open[0];
    if (pick) hidden[pick[0]]!.set(pick[1], 'suppressed');
    return pick !== undefined;
  };
  for (let changed = true, guard = 0; changed && guard < 100; guard++) {
    changed = false;
    // rows: tiers add up to screened
    grid.forEach((_, i) => {
      const group: StatsColumn[] = [...tierCols, 'screened'];
      const n = group.filter((c) => hidden[i]!.has(c)).length;
      if (n === 1 && hideSmallest(group.map((c) => [i, c] as [number, StatsColumn])))
        changed = true;
    });
    // columns: unit rows add up to the total row
    if (grid.length > 1) {
      for (const col of peopleCols) {
        const group = grid.map((_, i) => [i, col] as [number, StatsColumn]);
        const n = group.filter(([i, c]) => hidden[i]!.has(c)).length;
        if (n === 1 && hideSmallest(group)) changed = true;
      }
    }
  }
  return grid.map((row, i) => {
    const out = {} as Record<StatsColumn, Cell>;
    for (const col of statsColumns) out[col] = hidden[i]!.get(col) ?? row[col];
    if (hidden[i]!.has('screened') || hidden[i]!.has('enrolled'))
      out.coveragePercent = 'suppressed';
    return out;
  });
}

const csvField = (v: unknown) => {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

export function toCsv(
  header: readonly string[],
  from: string,
  to: string,
  rows: StatsRow[],
): string {
  const lines = [header.join(',')];
  for (const r of rows) {
    lines.push(
      [
        from,
        to,
        r.kind,
        r.externalId,
        r.name,
        r.total ? 'total' : 'unit',
        ...statsColumns.map((c) => r.cells[c]),
      ]
        .map(csvField)
        .join(','),
    );
  }
  return lines.join('\r\n') + '\r\n';
}
