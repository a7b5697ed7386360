import { maxRiskTier, riskTierRank } from '@xinqiao/contracts/instruments';
import type {
  CutoffProfile,
  CutoffProfileRef,
  Flag,
  InstrumentDefinition,
  RiskTier,
} from '@xinqiao/contracts/instruments';
import { ScoringError } from './errors.js';
import type { Evaluation } from './scoring/evaluate.js';

/**
 * The lowest tier each safety flag may map to, whatever a profile says (DOMAIN.md, ARCHITECTURE
 * §3): PHQ item 9, PHQ-A past-month ideation or lifetime attempt, and a positive ASQ are at least
 * `high`; an acute ASQ, or a positive one whose acuity nobody has asked yet, is `critical`.
 * A profile that maps a flag lower is refused at registration, and `score` applies these floors too.
 */
export const safetyFloors: Readonly<Record<Flag, RiskTier>> = Object.freeze({
  'suicidal-ideation': 'high',
  'past-month-ideation': 'high',
  'lifetime-attempt': 'high',
  'asq-positive': 'high',
  'asq-acute': 'critical',
  'asq-acuity-unknown': 'critical',
});

const phqAdolescent = {
  kind: 'total',
  tiers: [
    { min: 0, tier: 'none' },
    { min: 5, tier: 'attention' },
    { min: 11, tier: 'high' },
  ],
} as const satisfies CutoffProfile['instruments'][string];

const asqPathway = {
  kind: 'band',
  tiers: { negative: 'none', 'non-acute-positive': 'high', 'acute-positive': 'critical' },
} as const satisfies CutoffProfile['instruments'][string];

/**
 * The profile used when none is given: school students. PHQ-9 / PHQ-A ≥ 11 (Richardson et al.
 * 2010, ages 13–17; also the best PHQ-9 cut-off in Chinese children), GAD-7 ≥ 11 (Mossman et al.
 * 2017); 5 and up (the manuals' "mild") goes to the counsellor's review list. PSC-17: any positive
 * subscale or total → attention. ASQ: non-acute positive → high, acute → critical (NIMH pathway).
 */
export const adolescentDefault: CutoffProfile = {
  id: 'adolescent-default',
  version: 1,
  title: { 'zh-CN': '青少年默认标准', en: 'Adolescent default' },
  population: {
    'zh-CN': '中小学生（约 4–17 岁，按各量表的适用年龄）',
    en: 'School students (about 4–17, within each instrument’s age range)',
  },
  sources: [
    'Richardson LP, McCauley E, Grossman DC, et al. Evaluation of the Patient Health Questionnaire-9 item for detecting major depression among adolescents. Pediatrics. 2010;126(6):1117-1123 (cut-off ≥ 11, ages 13–17).',
    'Mossman SA, Luft MJ, Schroeder HK, et al. The Generalized Anxiety Disorder 7-item scale in adolescents with generalized anxiety disorder. Ann Clin Psychiatry. 2017;29(4):227-234A (cut-off ≥ 11).',
    'Gardner W, Murphy M, Childs G, et al. The PSC-17. Ambulatory Child Health. 1999;5:225-236 (subscale and total cut-offs).',
    'NIMH ASQ Suicide Risk Screening Toolkit (non-acute and acute positive pathways).',
  ],
  instruments: {
    'phq-9': phqAdolescent,
    'phq-a': phqAdolescent,
    'gad-7': {
      kind: 'total',
      tiers: [
        { min: 0, tier: 'none' },
        { min: 5, tier: 'attention' },
        { min: 11, tier: 'high' },
      ],
    },
    asq: asqPathway,
    'psc-17': {
      kind: 'band',
      tiers: { negative: 'none', positive: 'attention' },
      subscalePositive: 'attention',
    },
  },
  flagTiers: { ...safetyFloors },
};

/**
 * Adults (staff, guardians, students 18+): the manuals' cut-off of ≥ 10 for PHQ-9 and GAD-7
 * (Kroenke 2001; Spitzer 2006), the ASQ pathway (validated in adults, Horowitz et al. 2020).
 * PHQ-A and PSC-17 are child instruments and have no threshold here: scoring them with this
 * profile is an error.
 */
export const adultDefault: CutoffProfile = {
  id: 'adult-default',
  version: 1,
  title: { 'zh-CN': '成人默认标准', en: 'Adult default' },
  population: {
    'zh-CN': '成人（教职工、家长、18 岁及以上学生）',
    en: 'Adults (staff, guardians, students aged 18 and over)',
  },
  sources: [
    'Kroenke K, Spitzer RL, Williams JBW. The PHQ-9. J Gen Intern Med. 2001;16(9):606-613 (≥ 10 moderate).',
    'Spitzer RL, Kroenke K, Williams JBW, Löwe B. The GAD-7. Arch Intern Med. 2006;166(10):1092-1097 (≥ 10 warrants evaluation).',
    'Horowitz LM, Snyder DJ, Boudreaux ED, et al. Validation of the Ask Suicide-Screening Questions for adult medical inpatients. Psychosomatics. 2020;61(6):713-722.',
  ],
  instruments: {
    'phq-9': {
      kind: 'total',
      tiers: [
        { min: 0, tier: 'none' },
        { min: 5, tier: 'attention' },
        { min: 10, tier: 'high' },
      ],
    },
    'gad-7': {
      kind: 'total',
      tiers: [
        { min: 0, tier: 'none' },
        { min: 5, tier: 'attention' },
        { min: 10, tier: 'high' },
      ],
    },
    asq: asqPathway,
  },
  flagTiers: { ...safetyFloors },
};

export const shippedProfiles: readonly CutoffProfile[] = [adolescentDefault, adultDefault];

/** The profile `score` uses when none is given. */
export const defaultProfileRef: CutoffProfileRef = Object.freeze({
  id: 'adolescent-default',
  version: 1,
});

/** Semantic problems of a profile on its own (the schema has already been checked). */
export function profileProblems(profile: CutoffProfile): string[] {
  const problems: string[] = [];
  for (const [flag, floor] of Object.entries(safetyFloors) as [Flag, RiskTier][]) {
    if (riskTierRank(profile.flagTiers[flag]) < riskTierRank(floor)) {
      problems.push(
        `flag ${flag} maps to ${profile.flagTiers[flag]}, below its safety floor ${floor}`,
      );
    }
  }
  for (const [instrumentId, cutoffs] of Object.entries(profile.instruments)) {
    if (cutoffs.kind !== 'total') continue;
    const [first] = cutoffs.tiers;
    if (first?.min !== 0)
      problems.push(`${instrumentId}: the first total threshold must start at 0`);
    cutoffs.tiers.forEach((entry, index) => {
      const previous = cutoffs.tiers[index - 1];
      if (previous === undefined) return;
      if (entry.min <= previous.min) problems.push(`${instrumentId}: thresholds must ascend`);
      if (riskTierRank(entry.tier) < riskTierRank(previous.tier)) {
        problems.push(`${instrumentId}: a higher total may never give a lower tier`);
      }
    });
  }
  return problems;
}

/** Problems between a profile's cut-offs and one instrument's scoring rule. */
export function compatibilityProblems(
  profile: CutoffProfile,
  definition: InstrumentDefinition,
): string[] {
  const cutoffs = profile.instruments[definition.id];
  if (cutoffs === undefined) return [];
  const rule = definition.scoring;
  if (cutoffs.kind === 'total') {
    if (rule.kind === 'asq') return [`${definition.id} has no total score; use band cut-offs`];
    const last = cutoffs.tiers[cutoffs.tiers.length - 1];
    if (last !== undefined && last.min > rule.max)
      return [`${definition.id}: threshold ${last.min} is above the maximum ${rule.max}`];
    return [];
  }
  const bands =
    rule.kind === 'likert-sum'
      ? rule.bands.map((threshold) => threshold.band)
      : rule.kind === 'subscale-sum'
        ? (['negative', 'positive'] as const)
        : (['negative', 'non-acute-positive', 'acute-positive'] as const);
  return bands
    .filter((band) => cutoffs.tiers[band] === undefined)
    .map((band) => `${definition.id}: no tier for band ${band}`);
}

/**
 * The tier of an evaluated form under a profile: the profile's threshold for the total (or band,
 * and any positive subscale), raised by each flag's tier and never below the safety floors.
 */
export function tierFor(
  definition: InstrumentDefinition,
  evaluation: Evaluation,
  profile: CutoffProfile,
): RiskTier {
  const ref = { id: profile.id, version: profile.version };
  const cutoffs = profile.instruments[definition.id];
  const problems = compatibilityProblems(profile, definition);
  if (cutoffs === undefined || problems.length > 0) {
    throw new ScoringError(
      'missing_threshold',
      `Profile ${profile.id}@${profile.version} states no usable threshold for ${definition.id}${problems.length > 0 ? `: ${problems.join('; ')}` : ''}.`,
      { instrumentId: definition.id, profile: ref },
    );
  }
  let tier: RiskTier = 'none';
  if (cutoffs.kind === 'total') {
    if (evaluation.tierTotal !== null) {
      for (const entry of cutoffs.tiers) if (evaluation.tierTotal >= entry.min) tier = entry.tier;
    }
  } else {
    if (evaluation.band !== null)
      tier = maxRiskTier(tier, cutoffs.tiers[evaluation.band] ?? 'none');
    const anySubscalePositive = Object.values(evaluation.subscales ?? {}).some(
      (subscale) => subscale.positive,
    );
    if (anySubscalePositive && cutoffs.subscalePositive !== undefined)
      tier = maxRiskTier(tier, cutoffs.subscalePositive);
  }
  for (const flag of evaluation.flags)
    tier = maxRiskTier(tier, profile.flagTiers[flag], safetyFloors[flag]);
  return tier;
}
