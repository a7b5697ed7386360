import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../http/app-error.js';
import { findKeyBySecret } from '../repositories/tenants.js';
import type { Principal } from './principal.js';

/** Verifies a non-`sk_` bearer token (embed tokens); installed by the embed-session module. */
export type TokenVerifier = (token: string, request: FastifyRequest) => Promise<Principal>;

function bearer(request: FastifyRequest): string | undefined {
  const h = request.headers.authorization;
  if (h === undefined) return undefined;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(h);
  if (!m) throw new AppError('unauthenticated');
  return m[1];
}

/**
 * Resolves the caller before anything else (before the body is even parsed): a secret key, an
 * embed token, or nobody. Then enforces the route's declared principals and roles. Routes
 * without a declaration are refused (fail closed); the route-walk test keeps there being none.
 */
export function installAuthentication(app: FastifyInstance, verifyToken: TokenVerifier): void {
  app.decorateRequest('principal', null as never);
  app.addHook('onRequest', async (request) => {
    const url = request.routeOptions.url;
    if (url === undefined) {
      request.principal = { kind: 'public' }; // the not-found handler
      return;
    }
    const access = request.routeOptions.config.access;
    if (!access) throw new AppError('forbidden', 'route without an access declaration');

    const token = bearer(request);
    let principal: Principal = { kind: 'public' };
    if (token !== undefined) {
      if (token.startsWith('sk_')) {
        const key = await findKeyBySecret(app.deps.database.db, token);
        if (!key) throw new AppError('unauthenticated');
        principal = { kind: 'secret_key', ...key };
      } else {
        principal = await verifyToken(token, request);
      }
    }
    request.principal = principal;

    if (access.principals.includes('public')) return;
    if (principal.kind === 'public') throw new AppError('unauthenticated');
    if (!access.principals.includes(principal.kind)) throw new AppError('forbidden');
    if (principal.kind === 'embed_token' && access.roles) {
      const roles = access.roles;
      const pairs = access.safetyPath ? principal.signedMemberships : principal.memberships;
      if (!pairs.some((m) => roles.includes(m.role))) throw new AppError('forbidden');
    }
  });
}

/** The calling tenant; throws if the route let a public caller through by mistake. */
export function tenantOf(request: FastifyRequest): string {
  const p = request.principal;
  if (p.kind === 'public') throw new AppError('unauthenticated');
  return p.tenantId;
}
