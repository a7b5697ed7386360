import * as z from 'zod/mini';

/**
 * Opaque identifiers minted by Xinqiao (`<prefix>_<26 chars>`): they go in URLs, so they must
 * never be names or a portal's student numbers.
 */
export const OpaqueId = z.string().check(z.regex(/^[a-z]{2,5}_[0-9A-Za-z]{16,40}$/));
export type OpaqueId = z.infer<typeof OpaqueId>;

/** An identifier chosen by the integrating portal (its own user, school or class id). */
export const ExternalId = z.string().check(z.minLength(1), z.maxLength(128), z.regex(/^[^\s]+$/));
export type ExternalId = z.infer<typeof ExternalId>;

/** An instant on the wire: ISO 8601 with an offset (the server always answers in UTC, `Z`). */
export const Timestamp = z.iso.datetime({ offset: true });
export type Timestamp = z.infer<typeof Timestamp>;

/** A calendar date, `YYYY-MM-DD`. */
export const DateOnly = z.iso.date();
export type DateOnly = z.infer<typeof DateOnly>;

/** Supported locales; zh-CN is the source of every text. */
export const locales = ['zh-CN', 'en'] as const;
export const Locale = z.enum(locales);
export type Locale = z.infer<typeof Locale>;

/** A text given in every supported locale. */
export const LocalizedText = z.object({ 'zh-CN': z.string(), en: z.string() });
export type LocalizedText = z.infer<typeof LocalizedText>;
