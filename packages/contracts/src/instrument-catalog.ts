import * as z from 'zod/mini';
import {
  AgeRange,
  InstrumentEntry,
  InstrumentId,
  LicenceClass,
  Respondent,
} from './instruments.js';
import { Locale } from './ids.js';

/**
 * `GET /v1/instruments`: the catalogue in the caller's locale (titles as plain strings);
 * `GET /v1/instruments/:id`: one full entry. Licensed slots carry metadata only and are `locked`.
 */
export const InstrumentQuery = z.strictObject({ locale: z.optional(Locale) });

export const InstrumentSummary = z.object({
  id: InstrumentId,
  kind: z.enum(['content', 'licensed-slot']),
  version: z.nullable(z.number()),
  abbreviation: z.string(),
  title: z.string(),
  respondents: z.array(Respondent),
  ageRange: AgeRange,
  licence: LicenceClass,
  /** `official` or `unvalidated` Chinese wording (shown to administrators); null for slots. */
  zhTranslation: z.nullable(z.enum(['official', 'unvalidated'])),
  locked: z.boolean(),
});
export type InstrumentSummary = z.infer<typeof InstrumentSummary>;

export const InstrumentCatalog = z.object({ locale: Locale, data: z.array(InstrumentSummary) });
export type InstrumentCatalog = z.infer<typeof InstrumentCatalog>;

export const InstrumentDetail = z.object({ locale: Locale, instrument: InstrumentEntry });
export type InstrumentDetail = z.infer<typeof InstrumentDetail>;
