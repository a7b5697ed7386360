import type { Resource } from '@xinqiao/contracts/authorization';
import type { Role } from '@xinqiao/contracts/memberships';
import type { PlatformAction } from '@xinqiao/contracts/permissions';
import type { PrincipalKind } from '@xinqiao/contracts/principals';

/**
 * What every route declares in its `config.access`: which principals may call it, which entry
 * of the authorization matrix it enforces (`none` = touches no matrix resource, e.g. health,
 * tenant settings, hotlines), and — for embed tokens — which roles may call it at all (the
 * handler then checks the org unit through the policy module). A test walks every registered
 * route and fails on one without a declaration.
 */
export interface RouteAccess {
  principals: readonly PrincipalKind[];
  resource: Resource | 'none';
  /** Embed tokens: roles that may call the route (on some unit); omitted = any role. */
  roles?: readonly Role[];
  /** The platform action (contracts/permissions) the handler checks per unit, if any. */
  action?: PlatformAction;
  /**
   * The safety path (safety signals, screenings): `roles` are checked against the token's signed
   * pairs, not only the live ones, so a roster sync that ends a student's class while the form
   * is open cannot stop a critical flag. The handler still decides everything else on live data.
   */
  safetyPath?: true;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
}

export const publicAccess: RouteAccess = { principals: ['public'], resource: 'none' };
export const secretKeyOnly: RouteAccess = { principals: ['secret_key'], resource: 'none' };
