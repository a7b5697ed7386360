import * as z from 'zod/mini';
import { OpaqueId, Timestamp } from './ids.js';

/**
 * A tenant is one integrating portal. Its backend authenticates with a secret key `sk_…`
 * (stored hashed by the server, shown once at creation, revocable).
 */

/** An origin a browser page of the portal is served from, e.g. `https://portal.example.cn`. */
export const Origin = z
  .string()
  .check(z.maxLength(255), z.regex(/^https?:\/\/[a-z0-9.-]+(:\d{1,5})?$/i));

/** An https URL (http only in demo mode, checked by the server). */
export const WebhookUrl = z.string().check(z.maxLength(2048), z.regex(/^https?:\/\/\S+$/));

export const Tenant = z.object({
  id: OpaqueId,
  name: z.string(),
  allowedOrigins: z.array(Origin),
  webhookUrl: z.nullable(WebhookUrl),
  /** Years after a student leaves until their data is erased automatically; null: not set. */
  retentionYearsAfterLeaving: z.nullable(z.number()),
  createdAt: Timestamp,
});
export type Tenant = z.infer<typeof Tenant>;

/** `PATCH /v1/tenant` (secret key): settings the portal manages itself. */
export const TenantUpdate = z.strictObject({
  name: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
  allowedOrigins: z.optional(z.array(Origin).check(z.maxLength(50))),
  webhookUrl: z.optional(z.nullable(WebhookUrl)),
  retentionYearsAfterLeaving: z.optional(
    z.nullable(z.number().check(z.int(), z.minimum(1), z.maximum(30))),
  ),
});
export type TenantUpdate = z.infer<typeof TenantUpdate>;

/** A secret key as listed: never the key itself, only its first characters. */
export const ApiKey = z.object({
  id: OpaqueId,
  prefix: z.string(),
  label: z.nullable(z.string()),
  createdAt: Timestamp,
  revokedAt: z.nullable(Timestamp),
});
export type ApiKey = z.infer<typeof ApiKey>;

export const ApiKeyCreate = z.strictObject({
  label: z.optional(z.string().check(z.minLength(1), z.maxLength(100))),
});
export type ApiKeyCreate = z.infer<typeof ApiKeyCreate>;

/** The answer to creating a key: the only time `secret` is ever shown. */
export const ApiKeyCreated = z.object({
  key: ApiKey,
  secret: z.string().check(z.regex(/^sk_[0-9A-Za-z]{40}$/)),
});
export type ApiKeyCreated = z.infer<typeof ApiKeyCreated>;

export const ApiKeyList = z.object({ data: z.array(ApiKey) });
export type ApiKeyList = z.infer<typeof ApiKeyList>;

/** The webhook signing secret, shown once when set or rotated. */
export const WebhookSecret = z.object({
  secret: z.string().check(z.regex(/^whsec_[0-9A-Za-z]{40}$/)),
});
export type WebhookSecret = z.infer<typeof WebhookSecret>;
