import type { Campaign, Eligibility, EligibilityReason } from '@xinqiao/contracts/campaigns';
import type { ConsentKind } from '@xinqiao/contracts/consents';
import type { Respondent } from '@xinqiao/contracts/instruments';
import { getInstrument } from '@xinqiao/instruments';
import type { DataKeys } from '../crypto/data-keys.js';
import type { CampaignsTable } from '../db/schema.js';
import type { Executor } from '../db/types.js';
import { shanghaiDate } from '../dates.js';
import { birthMonthOf, isUnder14, type StudentContext } from './student-context.js';

export type CampaignRow = Omit<
  CampaignsTable,
  'target_units' | 'instruments' | 'translation_ack'
> & {
  target_units: string[];
  instruments: string[];
  translation_ack: { instruments: string[]; by: string; at: string } | null;
};

export async function loadCampaign(
  db: Executor,
  tenantId: string,
  id: string,
): Promise<CampaignRow | undefined> {
  return (await db
    .selectFrom('campaigns')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst()) as CampaignRow | undefined;
}

export function campaignToWire(c: CampaignRow): Campaign {
  return {
    id: c.id,
    name: c.name,
    schoolId: c.school_id,
    targetUnits: c.target_units,
    opensAt: c.opens_at.toISOString(),
    closesAt: c.closes_at.toISOString(),
    instruments: c.instruments,
    profile: { id: c.profile_id, version: c.profile_version },
    consentRequired: c.consent_required,
    legalBasis: c.legal_basis,
    resultPolicy: c.result_policy,
    sharedDevices: c.shared_devices,
    allowRetakes: c.allow_retakes,
    translationAcknowledgement: c.translation_ack,
    createdAt: c.created_at.toISOString(),
  };
}

/** The student is in the campaign's school and, when targets are set, in a targeted grade or class. */
export function inCampaign(c: CampaignRow, s: StudentContext | undefined): boolean {
  if (!s || s.schoolId !== c.school_id) return false;
  return c.target_units.length === 0 || s.chain.some((u) => c.target_units.includes(u.id));
}

/** The campaign's instruments this respondent fills, in order. */
export function instrumentsFor(c: CampaignRow, respondent: Respondent): string[] {
  return c.instruments.filter((id) => {
    const e = getInstrument(id);
    return e.kind === 'content' ? e.respondent === respondent : e.respondents.includes(respondent);
  });
}

/** Consents the campaign still needs for this student: health data always, a guardian's under 14. */
export async function missingConsents(
  db: Executor,
  keys: DataKeys,
  c: CampaignRow,
  studentId: string,
  now: Date,
): Promise<ConsentKind[]> {
  if (!c.consent_required) return [];
  const needed: ConsentKind[] = ['health_data'];
  if (isUnder14(await birthMonthOf(db, keys, c.tenant_id, studentId), shanghaiDate(now)))
    needed.unshift('guardian');
  // One round trip: the latest record of each needed kind (this campaign's or a general one).
  const latest = await db
    .selectFrom('consents')
    .distinctOn('kind')
    .select(['kind', 'granted'])
    .where('tenant_id', '=', c.tenant_id)
    .where('student_id', '=', studentId)
    .where('kind', 'in', needed)
    .where((eb) => eb.or([eb('campaign_id', 'is', null), eb('campaign_id', '=', c.id)]))
    .orderBy('kind')
    .orderBy('recorded_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return needed.filter((kind) => !latest.find((r) => r.kind === kind)?.granted);
}

export async function existingScreening(
  db: Executor,
  c: CampaignRow,
  studentId: string,
  respondent: Respondent,
): Promise<string | null> {
  const row = await db
    .selectFrom('screenings')
    .select('id')
    .where('tenant_id', '=', c.tenant_id)
    .where('campaign_id', '=', c.id)
    .where('student_id', '=', studentId)
    .where('respondent_kind', '=', respondent)
    .orderBy('attempt', 'desc')
    .executeTakeFirst();
  return row?.id ?? null;
}

/** Everything the form must know before question 1; also the submission's rule checks. */
export async function eligibilityOf(
  db: Executor,
  keys: DataKeys,
  c: CampaignRow,
  s: StudentContext | undefined,
  studentId: string,
  respondent: Respondent,
  now: Date,
  /**
   * The submission checks the existing screening itself, under the student's lock in its
   * transaction (`already_submitted` comes last among the rules either way): not looked up here.
   */
  opts: { existingChecked?: boolean } = {},
): Promise<Eligibility> {
  const reasons: EligibilityReason[] = [];
  if (now < c.opens_at) reasons.push('not_open_yet');
  if (now >= c.closes_at) reasons.push('closed');
  if (!inCampaign(c, s)) reasons.push('not_in_campaign');
  const missing = await missingConsents(db, keys, c, studentId, now);
  if (missing.length) reasons.push('consent_required');
  const existing = opts.existingChecked
    ? null
    : await existingScreening(db, c, studentId, respondent);
  if (existing && !c.allow_retakes) reasons.push('already_submitted');
  return {
    campaignId: c.id,
    studentId,
    eligible: reasons.length === 0,
    reasons,
    missingConsents: missing,
    existingScreeningId: existing,
    instruments: instrumentsFor(c, respondent),
    sharedDevices: c.shared_devices,
    opensAt: c.opens_at.toISOString(),
    closesAt: c.closes_at.toISOString(),
  };
}
