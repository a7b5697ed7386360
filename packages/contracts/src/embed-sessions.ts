import * as z from 'zod/mini';
import { ExternalId, OpaqueId, Timestamp } from './ids.js';
import { Membership } from './memberships.js';

/**
 * `POST /v1/embed-sessions` (secret key): the portal's backend asks for a short-lived token for
 * one of its users (Stripe's ephemeral-key pattern); the page hands it to the elements. The token
 * carries (role, org unit) pairs, never a list of roles and a separate list of units.
 */
export const EmbedSessionCreate = z.strictObject({
  user: z.strictObject({ externalId: ExternalId }),
  /** 60–3600 s, default 900. */
  ttlSeconds: z.optional(z.number().check(z.int(), z.minimum(60), z.maximum(3600))),
});
export type EmbedSessionCreate = z.infer<typeof EmbedSessionCreate>;

export const EmbedSession = z.object({
  token: z.string(),
  expiresAt: Timestamp,
  user: z.object({ id: OpaqueId, memberships: z.array(Membership) }),
});
export type EmbedSession = z.infer<typeof EmbedSession>;

export const defaultEmbedTtlSeconds = 900;

/** Issuer and audience of embed tokens; the server checks both. */
export const embedTokenIssuer = 'urn:xinqiao:server';
export const embedTokenAudience = 'urn:xinqiao:embed';
