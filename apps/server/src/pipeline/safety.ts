import { getInstrument, safetyFloors, score } from '@xinqiao/instruments';
import { criticalFlags, type CriticalFlag } from '@xinqiao/contracts/safety-signals';
import { maxRiskTier, riskTierRank, type RiskTier } from '@xinqiao/contracts/instruments';
import { shanghaiDate } from '../dates.js';
import type { Executor } from '../db/types.js';
import { newId } from '../ids.js';
import { raiseAlert } from './alerts.js';
import { lockStudent } from './student-lock.js';
import type { StudentContext } from './student-context.js';

const critical = new Set<string>(criticalFlags);

/**
 * The critical flags a (possibly invalid) set of answers carries. Leniently: unknown items and
 * out-of-range values are dropped first, so a submission that will be rejected for them still
 * yields its safety flags. Never throws.
 */
export function criticalFlagsIn(instrumentId: unknown, answers: unknown): CriticalFlag[] {
  if (
    typeof instrumentId !== 'string' ||
    typeof answers !== 'object' ||
    answers === null ||
    Array.isArray(answers)
  )
    return [];
  try {
    const def = getInstrument(instrumentId);
    if (def.kind !== 'content') return [];
    const valid: Record<string, unknown> = {};
    for (const item of def.items) {
      const v = (answers as Record<string, unknown>)[item.id];
      if (item.options.some((o) => o.code === v)) valid[item.id] = v;
    }
    return score(instrumentId, valid).flags.filter((f): f is CriticalFlag => critical.has(f));
  } catch {
    return [];
  }
}

/** The tier a critical flag raises an alert to (the instruments' safety floors). */
export function tierOfFlags(flags: readonly string[]): RiskTier {
  return maxRiskTier(...flags.map((f) => safetyFloors[f as keyof typeof safetyFloors] ?? 'high'));
}

export interface StoredSignal {
  id: string;
  flag: string;
  alertId: string;
  recordedAt: Date;
}

/**
 * Stores safety signals and their alert in the caller's transaction, once per (student,
 * campaign — or Shanghai day without one —, flag): a form's early signal, its screening and any
 * retry of either make one signal each and one alert. New flags raise one alert together (so a
 * positive ASQ's same-day deadline applies from the start).
 */
export async function storeSafetySignals(
  trx: Executor,
  s: StudentContext,
  input: {
    flags: Array<{ flag: CriticalFlag; instrumentId: string | null }>;
    campaignId: string | null;
    observedAt: Date | null;
    via: 'signal' | 'screening';
  },
  now: Date,
): Promise<StoredSignal[]> {
  await lockStudent(trx, s.tenantId, s.studentId);
  const out: StoredSignal[] = [];
  const fresh: Array<{ flag: CriticalFlag; instrumentId: string | null; dedupeKey: string }> = [];
  for (const f of input.flags) {
    const dedupeKey = `${input.campaignId ?? `day:${shanghaiDate(now)}`}:${f.flag}`;
    const existing = await trx
      .selectFrom('safety_signals')
      .select(['id', 'flag', 'alert_id', 'recorded_at'])
      .where('tenant_id', '=', s.tenantId)
      .where('student_id', '=', s.studentId)
      .where('dedupe_key', '=', dedupeKey)
      .executeTakeFirst();
    if (existing)
      out.push({
        id: existing.id,
        flag: existing.flag,
        alertId: existing.alert_id,
        recordedAt: existing.recorded_at,
      });
    else if (!fresh.some((x) => x.flag === f.flag)) fresh.push({ ...f, dedupeKey });
  }
  if (!fresh.length) return out;
  const ids = fresh.map(() => newId('sig', now));
  const tier = tierOfFlags(fresh.map((f) => f.flag)) as 'high' | 'critical';
  const alert = await raiseAlert(
    trx,
    {
      student: s,
      tier,
      flags: fresh.map((f) => f.flag),
      source: 'safety_signal',
      sourceId: ids[0]!,
      campaignId: input.campaignId,
    },
    now,
  );
  for (const [i, f] of fresh.entries()) {
    await trx
      .insertInto('safety_signals')
      .values({
        id: ids[i]!,
        tenant_id: s.tenantId,
        student_id: s.studentId,
        campaign_id: input.campaignId,
        flag: f.flag,
        instrument_id: f.instrumentId,
        observed_at: input.observedAt,
        recorded_at: now,
        recorded_via: input.via,
        alert_id: alert.id,
        dedupe_key: f.dedupeKey,
      })
      .execute();
    out.push({ id: ids[i]!, flag: f.flag, alertId: alert.id, recordedAt: now });
  }
  // Highest first: the signal that names the critical flag leads.
  return out.sort(
    (a, b) => riskTierRank(tierOfFlags([b.flag])) - riskTierRank(tierOfFlags([a.flag])),
  );
}
