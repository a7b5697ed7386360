import { maxRiskTier } from '@xinqiao/contracts/instruments';
import type { RiskTier } from '@xinqiao/contracts/instruments';

/** A screening's overall tier: the highest tier of its results (`none` when there are none). */
export function combineTiers(results: readonly { readonly tier: RiskTier }[]): RiskTier {
  return maxRiskTier(...results.map((result) => result.tier));
}
