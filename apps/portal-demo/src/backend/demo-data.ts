import type { Campaign } from '@xinqiao/contracts/campaigns';
import type { XinqiaoServerClient } from '@xinqiao/sdk/server';
import type { Directory } from './directory.js';
import type { IdMap } from './ids.js';

/** Classes whose consents the school collected on paper (the portal records them at start). */
export const consentedClasses = ['demo-c7-1'];

/**
 * The demo's screening campaign: this semester, PHQ-A then GAD-7 for the whole school, with the
 * ASQ inserted by the adaptive rule. Created with the secret key, as a portal's admin screen would.
 * The idempotency key makes a restart with the same key return the same campaign.
 */
export async function ensureCampaign(
  xinqiao: XinqiaoServerClient,
  schoolId: string,
  now: Date,
): Promise<Campaign> {
  const day = 24 * 3600_000;
  const opensAt = new Date(Math.floor(now.getTime() / day) * day - day);
  const closesAt = new Date(opensAt.getTime() + 45 * day);
  return xinqiao.campaigns.create(
    {
      name: '2026年秋季学期心理健康测评',
      schoolId,
      opensAt: opensAt.toISOString(),
      closesAt: closesAt.toISOString(),
      instruments: ['phq-a', 'gad-7'],
      acknowledgeUnvalidatedTranslations: ['phq-a', 'gad-7', 'asq'],
      resultPolicy: 'supportive_message',
    },
    { idempotencyKey: `portal-demo-campaign-${schoolId}-${opensAt.toISOString().slice(0, 10)}` },
  );
}

/** The class whose guardians are asked for the PSC-17 (the demo guardian's child's class). */
export const guardianFormClass = 'demo-c7-1';

/**
 * The demo's guardian-filled form: the PSC-17, answered by a guardian for their own child
 * (respondent `parent`), for one class. A separate campaign from the students' own, as a school
 * would run it; the portal knows its id from creating it (there is no campaign list to ask).
 * Without the class's id (no roster sync) it asks the whole school.
 */
export async function ensureGuardianCampaign(
  xinqiao: XinqiaoServerClient,
  schoolId: string,
  classId: string | undefined,
  now: Date,
): Promise<Campaign> {
  const day = 24 * 3600_000;
  const opensAt = new Date(Math.floor(now.getTime() / day) * day - day);
  const closesAt = new Date(opensAt.getTime() + 45 * day);
  return xinqiao.campaigns.create(
    {
      name: '2026年秋季学期家长问卷（PSC-17）',
      schoolId,
      ...(classId ? { targetUnits: [classId] } : {}),
      opensAt: opensAt.toISOString(),
      closesAt: closesAt.toISOString(),
      instruments: ['psc-17'],
      acknowledgeUnvalidatedTranslations: ['psc-17', 'asq'],
      resultPolicy: 'supportive_message',
    },
    {
      idempotencyKey: `portal-demo-guardian-campaign-${schoolId}-${classId ?? 'school'}-${opensAt.toISOString().slice(0, 10)}`,
    },
  );
}

/** Records the guardian and health-data consents the school collected for `consentedClasses`. */
export async function recordPaperConsents(
  xinqiao: XinqiaoServerClient,
  directory: Directory,
  ids: IdMap,
): Promise<number> {
  let n = 0;
  for (const p of directory.people) {
    if (p.role !== 'student' || !consentedClasses.includes(p.classExternalId ?? '')) continue;
    const studentId = ids.idOf(p.externalId);
    if (!studentId) continue;
    for (const kind of ['guardian', 'health_data'] as const) {
      await xinqiao.consents.create(
        { studentId, kind, granted: true },
        { idempotencyKey: `portal-demo-consent-${studentId}-${kind}` },
      );
      n++;
    }
  }
  return n;
}
