import type { Membership } from '@xinqiao/contracts/memberships';

/** Who is calling. Embed-token principals carry (role, org unit) pairs, never separate lists. */
export type Principal =
  | { kind: 'public' }
  | { kind: 'secret_key'; tenantId: string; keyId: string }
  | {
      kind: 'embed_token';
      tenantId: string;
      /** The person's opaque id. */
      userId: string;
      /** Pairs from the token, intersected with the roster's current memberships. */
      memberships: Membership[];
      /**
       * The pairs as signed in the token, live or not. Only the safety path reads them: a
       * critical flag from a student whose enrolment ended mid-form must still be stored.
       */
      signedMemberships: Membership[];
      tokenId: string;
    };

export type TenantPrincipal = Exclude<Principal, { kind: 'public' }>;

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal;
  }
}
