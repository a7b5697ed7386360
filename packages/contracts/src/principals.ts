import * as z from 'zod/mini';

/**
 * Who can call a route: the portal's backend with its secret key (`sk_…`), a person through a
 * short-lived embed token, or nobody in particular (health, OpenAPI).
 */
export const principalKinds = ['secret_key', 'embed_token', 'public'] as const;
export const PrincipalKind = z.enum(principalKinds);
export type PrincipalKind = z.infer<typeof PrincipalKind>;
