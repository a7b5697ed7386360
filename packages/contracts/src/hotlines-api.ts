import * as z from 'zod/mini';
import { LocalizedText, OpaqueId } from './ids.js';
import {
  HotlineAudience,
  HotlineKind,
  HotlineNumber,
  HotlineSchedule,
  HotlineWithStatus,
  Verification,
} from './hotlines.js';

/**
 * The hotline routes' request and answer shapes (the line itself is in `./hotlines`).
 * `GET /v1/hotlines?orgUnit=…` answers the lines that apply to a place — national, then the
 * province, city, county and school it lies in — each with `openNow`, plus the crisis list
 * (110/120 first, then verified lines open now).
 */
export const HotlineQuery = z.strictObject({
  orgUnit: OpaqueId,
  audience: z.optional(HotlineAudience),
});
export type HotlineQuery = z.infer<typeof HotlineQuery>;

export const HotlineList = z.object({
  data: z.array(HotlineWithStatus),
  crisis: z.array(HotlineWithStatus),
  /** The instant `openNow` was computed for. */
  at: z.string(),
});
export type HotlineList = z.infer<typeof HotlineList>;

/** `POST /v1/hotlines`: a local line attached to a region or school (its scope follows the unit). */
export const HotlineCreate = z.strictObject({
  orgUnit: OpaqueId,
  kind: HotlineKind,
  name: LocalizedText,
  numbers: z.array(HotlineNumber).check(z.minLength(1), z.maxLength(5)),
  audiences: z.array(HotlineAudience).check(z.minLength(1)),
  schedule: HotlineSchedule,
  hoursNote: z.optional(LocalizedText),
  verification: Verification,
});
export type HotlineCreate = z.infer<typeof HotlineCreate>;

export const HotlineUpdate = z.strictObject({
  name: z.optional(LocalizedText),
  numbers: z.optional(z.array(HotlineNumber).check(z.minLength(1), z.maxLength(5))),
  audiences: z.optional(z.array(HotlineAudience).check(z.minLength(1))),
  schedule: z.optional(HotlineSchedule),
  hoursNote: z.optional(z.nullable(LocalizedText)),
  verification: z.optional(Verification),
});
export type HotlineUpdate = z.infer<typeof HotlineUpdate>;
