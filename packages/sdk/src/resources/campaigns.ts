import { Campaign, CampaignCoverage, Eligibility } from '@xinqiao/contracts/campaigns';
import type { CampaignCreate, EligibilityQuery } from '@xinqiao/contracts/campaigns';
import type * as z from 'zod/mini';
import type { RequestOptions, Transport } from '../core.js';

const at = (id: string) => `v1/campaigns/${encodeURIComponent(id)}`;

/** Screening campaigns: a window, target units, an ordered instrument set, consent rules. */
export function campaigns(t: Transport) {
  return {
    /** `POST /v1/campaigns` (school/district admins, or the portal backend). */
    create: (body: CampaignCreate, options?: RequestOptions): Promise<Campaign> =>
      t.request({ method: 'POST', path: 'v1/campaigns', body, schema: Campaign, options }),
    /** `GET /v1/campaigns/:id`. */
    get: (campaignId: string, options?: RequestOptions): Promise<Campaign> =>
      t.request({ method: 'GET', path: at(campaignId), schema: Campaign, options }),
    /** `GET /v1/campaigns/:id/coverage`: screened / enrolled per class, grade and school. */
    coverage: (campaignId: string, options?: RequestOptions): Promise<CampaignCoverage> =>
      t.request({
        method: 'GET',
        path: `${at(campaignId)}/coverage`,
        schema: CampaignCoverage,
        options,
      }),
  };
}

/**
 * `GET /v1/campaigns/:id/eligibility`: ask before question 1 (window, consent, already submitted,
 * `sharedDevices`, the instruments in order). `studentId`: a guardian's child.
 * `include: 'definitions'`: when eligible, also every instrument definition the form may need
 * (the campaign's, then their follow-ups), each as `instruments.get` reads it: one round trip.
 */
export const eligibility =
  (t: Transport) =>
  (
    campaignId: string,
    query: z.infer<typeof EligibilityQuery> = {},
    options?: RequestOptions,
  ): Promise<Eligibility> =>
    t.request({
      method: 'GET',
      path: `${at(campaignId)}/eligibility`,
      query,
      schema: Eligibility,
      options,
    });

/** The student/guardian view adds the form's pre-flight check. */
export function pageCampaigns(t: Transport) {
  return {
    ...campaigns(t),
    /**
     * `GET /v1/campaigns/:id/eligibility`: ask before question 1 (window, consent, already
     * submitted, `sharedDevices`, the instruments in order). `studentId`: a guardian's child.
     * `include: 'definitions'`: when eligible, every definition the form may need, in one trip.
     */
    eligibility: eligibility(t),
  };
}
