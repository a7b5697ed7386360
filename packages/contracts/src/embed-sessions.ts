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

/**
 * The payload of an embed token (an HS256 JWT) exactly as the server signs it: issuer, audience,
 * the person (`sub`), the tenant (`tid`), a token id, the (role, org unit) pairs it carries
 * (`mem`), and issued-at/expiry in seconds since the epoch. Only the server verifies a token; a
 * page may read these to know whose token it holds (the SDK keys its offline outbox by
 * `tid`/`sub`), never to decide what the person may do.
 */
export const EmbedTokenClaims = z.object({
  iss: z.literal(embedTokenIssuer),
  aud: z.literal(embedTokenAudience),
  /** The person the token was minted for (`usr_…`). */
  sub: OpaqueId,
  /** The tenant (`ten_…`). */
  tid: OpaqueId,
  jti: z.string(),
  /** (role, org unit) pairs at minting; the server intersects them with live memberships. */
  mem: z.array(Membership),
  iat: z.int(),
  exp: z.int(),
});
export type EmbedTokenClaims = z.infer<typeof EmbedTokenClaims>;
