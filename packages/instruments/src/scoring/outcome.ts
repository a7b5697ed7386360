import type { Band, Flag, SubscaleScore } from '@xinqiao/contracts/instruments';

/** What a scoring rule makes of the answers, before any cut-off profile is applied. */
export interface RuleOutcome {
  complete: boolean;
  valid: boolean;
  total: number | null;
  band: Band | null;
  subscales?: Record<string, SubscaleScore>;
  /** Flags the rule itself raises (the ASQ pathway); critical items add theirs. */
  flags: Flag[];
  /** Items the rule needed that were left blank. */
  scoredBlanks: string[];
  /** The number a `total` cut-off is applied to: the total, or a lower bound of it; null when none can be known. */
  tierTotal: number | null;
}
