import * as z from 'zod/mini';
import { DateOnly, OpaqueId } from './ids.js';

/**
 * The 统计表 (DOMAIN.md): per org unit and period, screening coverage, tier counts, alerts,
 * cases with and without a named adult, pairs, home visits, parent-school reach and concerns.
 * Cells counting 1–4 students are suppressed (`<5`), with complementary suppression so that no
 * suppressed cell can be recovered from a total; the CSV carries the same cells.
 */
export const StatsQuery = z.strictObject({
  /** A region or a school. */
  unitId: OpaqueId,
  /** Rows per unit of this kind under `unitId` (plus a total row for `unitId`). */
  by: z.optional(z.enum(['school', 'grade', 'class'])),
  from: DateOnly,
  to: DateOnly,
});
export type StatsQuery = z.infer<typeof StatsQuery>;

/**
 * A count; `<5` when it counts 1–4 students; `suppressed` when hidden only so that a `<5` cell
 * cannot be recovered from a total (complementary suppression); null when the figure is not
 * available yet.
 */
export const Cell = z.union([z.number(), z.literal('<5'), z.literal('suppressed'), z.null()]);
export type Cell = z.infer<typeof Cell>;

export const statsColumns = [
  'enrolled',
  'screened',
  'coveragePercent',
  'tierNone',
  'tierAttention',
  'tierHigh',
  'tierCritical',
  'alertsOpen',
  'alertsOverdue',
  'casesOpenWithAdult',
  'casesOpenWithoutAdult',
  'pairs',
  'homeVisits',
  'parentSchoolSessions',
  'parentSchoolFamilies',
  'concernsRaised',
] as const;
export type StatsColumn = (typeof statsColumns)[number];

export const StatsRow = z.object({
  orgUnitId: OpaqueId,
  externalId: z.string(),
  name: z.nullable(z.string()),
  kind: z.string(),
  total: z.boolean(),
  cells: z.record(z.enum(statsColumns), Cell),
});
export type StatsRow = z.infer<typeof StatsRow>;

export const CoverageStats = z.object({
  from: DateOnly,
  to: DateOnly,
  suppressed: z.boolean(),
  rows: z.array(StatsRow),
});
export type CoverageStats = z.infer<typeof CoverageStats>;

/** The CSV header, in order (the golden file in apps/server/test/golden fixes it). */
export const statsCsvHeader = [
  'period_from',
  'period_to',
  'org_unit_kind',
  'org_unit_external_id',
  'org_unit_name',
  'row',
  'enrolled',
  'screened',
  'coverage_percent',
  'tier_none',
  'tier_attention',
  'tier_high',
  'tier_critical',
  'alerts_open',
  'alerts_overdue',
  'cases_open_with_named_adult',
  'cases_open_without_named_adult',
  'pairs',
  'home_visits',
  'parent_school_sessions',
  'parent_school_families_reached',
  'concerns_raised',
] as const;
