import * as z from 'zod/mini';
import { DateOnly, LocalizedText } from './ids.js';

/**
 * Screening instruments, cut-off profiles and score results (ARCHITECTURE §3). The definitions
 * are data: `@xinqiao/instruments` ships the free ones and scores them; the server stores a
 * `ScoreResult` per instrument and sends definitions to the form. Semantic checks that need more
 * than one field (bands ascending, every band given a tier, safety floors) live in the registry
 * of `@xinqiao/instruments`, which refuses a definition or profile that fails them.
 */

/** `phq-9`, `gad-7`, `asq`, … — lower-case words joined by hyphens. */
export const InstrumentId = z
  .string()
  .check(z.maxLength(40), z.regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/));
export type InstrumentId = z.infer<typeof InstrumentId>;

/** Item ids are `q1`…`qN` in the source's order. Scoring rules refer to items by id, never by position. */
export const ItemId = z.string().check(z.regex(/^q[1-9][0-9]{0,2}$/));
export type ItemId = z.infer<typeof ItemId>;

/** `public-domain` and `free-with-attribution` may ship as content; `licensed` needs configured content; `blocked` never scores. */
export const licenceClasses = [
  'public-domain',
  'free-with-attribution',
  'licensed',
  'blocked',
] as const;
export const LicenceClass = z.enum(licenceClasses);
export type LicenceClass = z.infer<typeof LicenceClass>;

/** Who fills the form: the student, or a parent/guardian about the student (PSC-17). */
export const respondents = ['self', 'parent'] as const;
export const Respondent = z.enum(respondents);
export type Respondent = z.infer<typeof Respondent>;

/** Risk tiers, lowest first: 黄 attention, 橙 high, 红 critical. Tiers are for follow-up by people, never labels. */
export const riskTiers = ['none', 'attention', 'high', 'critical'] as const;
export const RiskTier = z.enum(riskTiers);
export type RiskTier = z.infer<typeof RiskTier>;

/** 0 for `none` … 3 for `critical`. */
export function riskTierRank(tier: RiskTier): number {
  return riskTiers.indexOf(tier);
}

/** Negative when `a` is lower than `b`, 0 when equal, positive when higher (usable with `Array#sort`). */
export function compareRiskTiers(a: RiskTier, b: RiskTier): number {
  return riskTierRank(a) - riskTierRank(b);
}

/** The highest of the given tiers; `none` for no tiers. */
export function maxRiskTier(...tiers: readonly RiskTier[]): RiskTier {
  let highest: RiskTier = 'none';
  for (const tier of tiers) if (riskTierRank(tier) > riskTierRank(highest)) highest = tier;
  return highest;
}

/** Critical-item flags. They fire from the answers given, even on an incomplete form. */
export const flags = [
  'suicidal-ideation', // PHQ-9 / PHQ-A item 9 ≥ 1
  'past-month-ideation', // PHQ-A: serious thoughts of ending your life in the past month
  'lifetime-attempt', // PHQ-A: ever tried to kill yourself
  'asq-positive', // ASQ: any of Q1–Q4 yes or declined (or Q5 yes)
  'asq-acute', // ASQ: Q5 (thoughts of killing yourself right now) yes or declined
  'asq-acuity-unknown', // ASQ positive and Q5 left blank: treated as acute until a person has asked
] as const;
export const Flag = z.enum(flags);
export type Flag = z.infer<typeof Flag>;

/** Every band any shipped instrument can produce. */
export const bands = [
  'minimal',
  'mild',
  'moderate',
  'moderately-severe',
  'severe',
  'negative',
  'positive',
  'non-acute-positive',
  'acute-positive',
] as const;
export const Band = z.enum(bands);
export type Band = z.infer<typeof Band>;

/** Subscale ids (`internalizing`, `attention`, `externalizing` for PSC-17). */
export const SubscaleId = z.string().check(z.regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/));
export type SubscaleId = z.infer<typeof SubscaleId>;

/** Answers to yes/no items. A declined ASQ answer counts as positive. */
export const yesNoCodes = ['yes', 'no', 'declined'] as const;
export const YesNoCode = z.enum(yesNoCodes);
export type YesNoCode = z.infer<typeof YesNoCode>;

/** An option's code: its numeric score for Likert items, or a yes/no code. */
export const OptionCode = z.union([z.int().check(z.gte(0), z.lte(99)), YesNoCode]);
export type OptionCode = z.infer<typeof OptionCode>;

/**
 * One answer as sent by the form. The shape is checked here; whether the value is one of the
 * item's options is checked by the scorer, which rejects it with the item id (never a silent 0).
 * `null` (or a missing key) is a blank.
 */
export const AnswerValue = z.nullable(z.union([z.number(), YesNoCode]));
export type AnswerValue = z.infer<typeof AnswerValue>;

/** Answers keyed by item id. */
export const Answers = z.record(ItemId, AnswerValue);
export type Answers = z.infer<typeof Answers>;

export const Option = z.object({ code: OptionCode, label: LocalizedText });
export type Option = z.infer<typeof Option>;

/** An item asked only when another answer calls for it (ASQ Q5 after any positive Q1–Q4). */
export const AskIf = z.object({
  anyOf: z.array(ItemId).check(z.minLength(1)),
  equals: z.array(YesNoCode).check(z.minLength(1)),
});
export type AskIf = z.infer<typeof AskIf>;

export const Item = z.object({
  id: ItemId,
  text: LocalizedText,
  /** Unscored items (PHQ-9 item 10, the difficulty question) are validated and stored but add nothing. */
  scored: z.boolean(),
  options: z.array(Option).check(z.minLength(2)),
  askIf: z.optional(AskIf),
});
export type Item = z.infer<typeof Item>;

export const AgeRange = z.object({
  min: z.int().check(z.gte(0)),
  /** `null`: no upper bound. */
  max: z.nullable(z.int().check(z.gte(0))),
});
export type AgeRange = z.infer<typeof AgeRange>;

export const SourceCitation = z.object({
  /** The publication the items and scoring rules come from. */
  citation: z.string().check(z.minLength(1)),
  /** Where the form and its terms were obtained. */
  url: z.url(),
  /** The reproduction terms as the source states them. */
  terms: z.string().check(z.minLength(1)),
});
export type SourceCitation = z.infer<typeof SourceCitation>;

/** Chinese wording is `official` only when it is a published translation we cite; otherwise `unvalidated`, shown to administrators. */
export const TranslationStatus = z.discriminatedUnion('status', [
  z.object({ status: z.literal('official'), source: z.string().check(z.minLength(1)) }),
  z.object({ status: z.literal('unvalidated'), note: z.string().check(z.minLength(1)) }),
]);
export type TranslationStatus = z.infer<typeof TranslationStatus>;

/** Who compared the item and option texts with the cited source, and when. */
export const ContentCheck = z.object({
  by: z.string().check(z.minLength(1)),
  on: DateOnly,
  against: z.string().check(z.minLength(1)),
});
export type ContentCheck = z.infer<typeof ContentCheck>;

/** A band from `min` (inclusive) up to the next band's `min`. */
export const BandThreshold = z.object({ min: z.int().check(z.gte(0)), band: Band });
export type BandThreshold = z.infer<typeof BandThreshold>;

/** Sum of Likert items (PHQ-9, PHQ-A, GAD-7): any scored item blank → incomplete, no total, no band. */
export const LikertSumScoring = z.object({
  kind: z.literal('likert-sum'),
  items: z.array(ItemId).check(z.minLength(1)),
  max: z.int().check(z.gte(1)),
  bands: z.array(BandThreshold).check(z.minLength(1)),
});
export type LikertSumScoring = z.infer<typeof LikertSumScoring>;

/** Subscale sums with blanks counted 0 (PSC-17): more than `maxBlanks` blanks → invalid. */
export const SubscaleSumScoring = z.object({
  kind: z.literal('subscale-sum'),
  max: z.int().check(z.gte(1)),
  maxBlanks: z.int().check(z.gte(0)),
  totalCutoff: z.int().check(z.gte(1)),
  subscales: z
    .array(
      z.object({
        id: SubscaleId,
        items: z.array(ItemId).check(z.minLength(1)),
        cutoff: z.int().check(z.gte(1)),
      }),
    )
    .check(z.minLength(1)),
});
export type SubscaleSumScoring = z.infer<typeof SubscaleSumScoring>;

/** The NIMH ASQ pathway: screening items, then the acuity item. */
export const AsqScoring = z.object({
  kind: z.literal('asq'),
  screenItems: z.array(ItemId).check(z.minLength(1)),
  acuityItem: ItemId,
});
export type AsqScoring = z.infer<typeof AsqScoring>;

export const ScoringRule = z.discriminatedUnion('kind', [
  LikertSumScoring,
  SubscaleSumScoring,
  AsqScoring,
]);
export type ScoringRule = z.infer<typeof ScoringRule>;

/** When a critical item fires: a Likert answer at or above `value`, or one of the yes/no `values`. */
export const CriticalCondition = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('at-least'), value: z.int().check(z.gte(0)) }),
  z.object({ kind: z.literal('one-of'), values: z.array(YesNoCode).check(z.minLength(1)) }),
]);
export type CriticalCondition = z.infer<typeof CriticalCondition>;

/** A critical item: its flag fires from the answer alone, and it may insert follow-up instruments (the adaptive safety rule). */
export const CriticalItem = z.object({
  item: ItemId,
  when: CriticalCondition,
  flag: Flag,
  followUp: z.array(InstrumentId),
});
export type CriticalItem = z.infer<typeof CriticalItem>;

/** `sha256:` + hex SHA-256 of the canonical JSON of items and options (ids, codes, zh-CN and en texts). */
export const ContentHash = z.string().check(z.regex(/^sha256:[0-9a-f]{64}$/));
export type ContentHash = z.infer<typeof ContentHash>;

/** An instrument with content: items, options, scoring rule. */
export const InstrumentDefinition = z.object({
  kind: z.literal('content'),
  id: InstrumentId,
  version: z.int().check(z.gte(1)),
  abbreviation: z.string().check(z.minLength(1)),
  title: LocalizedText,
  instructions: LocalizedText,
  respondent: Respondent,
  ageRange: AgeRange,
  licence: LicenceClass,
  /** The attribution line to display with the form, when the licence asks for one. */
  attribution: z.optional(z.string()),
  source: SourceCitation,
  /** English is the source language; this records the status of the Chinese text. */
  translation: z.object({ 'zh-CN': TranslationStatus }),
  items: z.array(Item).check(z.minLength(1)),
  scoring: ScoringRule,
  criticalItems: z.array(CriticalItem),
  contentHash: ContentHash,
  checked: ContentCheck,
});
export type InstrumentDefinition = z.infer<typeof InstrumentDefinition>;

/** A registry entry for an instrument we may not ship: metadata only, no items, locked until licensed content is configured. */
export const LicensedSlot = z.object({
  kind: z.literal('licensed-slot'),
  id: InstrumentId,
  abbreviation: z.string().check(z.minLength(1)),
  title: LocalizedText,
  respondents: z.array(Respondent).check(z.minLength(1)),
  ageRange: AgeRange,
  licence: z.literal('licensed'),
  source: SourceCitation,
  /** Why it is locked and who grants a licence. */
  licenceNote: LocalizedText,
});
export type LicensedSlot = z.infer<typeof LicensedSlot>;

export const InstrumentEntry = z.discriminatedUnion('kind', [InstrumentDefinition, LicensedSlot]);
export type InstrumentEntry = z.infer<typeof InstrumentEntry>;

/** `adolescent-default`, `adult-default`, … */
export const ProfileId = z
  .string()
  .check(z.maxLength(60), z.regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/));
export type ProfileId = z.infer<typeof ProfileId>;

/** Which cut-off profile (and which version of it) a campaign uses or a result was scored with. */
export const CutoffProfileRef = z.object({ id: ProfileId, version: z.int().check(z.gte(1)) });
export type CutoffProfileRef = z.infer<typeof CutoffProfileRef>;

/** Tiers by total: from `min` (inclusive) up to the next entry's `min`. The first entry starts at 0. */
export const TotalCutoffs = z.object({
  kind: z.literal('total'),
  tiers: z.array(z.object({ min: z.int().check(z.gte(0)), tier: RiskTier })).check(z.minLength(1)),
});
export type TotalCutoffs = z.infer<typeof TotalCutoffs>;

/** Tiers by band (every band of the instrument must be listed), and for any positive subscale. */
export const BandCutoffs = z.object({
  kind: z.literal('band'),
  tiers: z.partialRecord(Band, RiskTier),
  subscalePositive: z.optional(RiskTier),
});
export type BandCutoffs = z.infer<typeof BandCutoffs>;

export const InstrumentCutoffs = z.discriminatedUnion('kind', [TotalCutoffs, BandCutoffs]);
export type InstrumentCutoffs = z.infer<typeof InstrumentCutoffs>;

/**
 * A versioned, population-scoped set of cut-offs. It states every threshold it uses: an
 * instrument it does not list cannot be scored with it (an explicit error, never a default).
 */
export const CutoffProfile = z.object({
  id: ProfileId,
  version: z.int().check(z.gte(1)),
  title: LocalizedText,
  population: LocalizedText,
  sources: z.array(z.string().check(z.minLength(1))).check(z.minLength(1)),
  instruments: z.record(InstrumentId, InstrumentCutoffs),
  /** The lowest tier each flag raises a result to; never below the safety floors of `@xinqiao/instruments`. */
  flagTiers: z.record(Flag, RiskTier),
});
export type CutoffProfile = z.infer<typeof CutoffProfile>;

export const SubscaleScore = z.object({ score: z.int().check(z.gte(0)), positive: z.boolean() });
export type SubscaleScore = z.infer<typeof SubscaleScore>;

/** The authoritative result of scoring one instrument: what the server stores and sends on the wire. */
export const ScoreResult = z.object({
  instrumentId: InstrumentId,
  instrumentVersion: z.int().check(z.gte(1)),
  contentHash: ContentHash,
  profileId: ProfileId,
  profileVersion: z.int().check(z.gte(1)),
  /** Every item that was to be asked has an answer. */
  complete: z.boolean(),
  /** The total and band can be interpreted (PHQ/GAD: complete; PSC-17: at most 3 blanks; ASQ: outcome known). */
  valid: z.boolean(),
  total: z.nullable(z.int().check(z.gte(0))),
  band: z.nullable(Band),
  subscales: z.optional(z.record(SubscaleId, SubscaleScore)),
  flags: z.array(Flag),
  tier: RiskTier,
  /** Items that were to be asked and were left blank. */
  blankItems: z.array(ItemId),
  /** Instruments the adaptive safety rule inserts now (`['asq']` after PHQ item 9 ≥ 1). */
  followUp: z.array(InstrumentId),
});
export type ScoreResult = z.infer<typeof ScoreResult>;
