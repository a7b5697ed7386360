import { createSecretKey } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { SignJWT, errors as joseErrors, jwtVerify } from 'jose';
import * as z from 'zod/mini';
import { embedTokenAudience, embedTokenIssuer } from '@xinqiao/contracts/embed-sessions';
import { Membership } from '@xinqiao/contracts/memberships';
import { OpaqueId } from '@xinqiao/contracts/ids';
import type { Clock } from '../clock.js';
import type { MasterKey } from '../crypto/master-key.js';
import { shanghaiDate } from '../dates.js';
import type { Database } from '../db/database.js';
import { AppError } from '../http/app-error.js';
import { newId } from '../ids.js';
import { activeMemberships } from '../repositories/people.js';
import type { Principal } from './principal.js';

/** The one algorithm embed tokens are signed and accepted with. */
export const embedTokenAlg = 'HS256';

const Claims = z.object({
  sub: OpaqueId,
  tid: OpaqueId,
  jti: z.string(),
  mem: z.array(Membership),
});

export interface EmbedTokenService {
  issue(input: {
    tenantId: string;
    userId: string;
    memberships: Membership[];
    ttlSeconds: number;
  }): Promise<{ token: string; expiresAt: Date }>;
  verify(token: string, request: FastifyRequest): Promise<Principal>;
}

/**
 * Embed tokens: JWTs signed with a key derived from the master key (HS256 only; issuer and
 * audience checked; time from the injected clock). The (role, org unit) pairs in the token are
 * intersected with the person's memberships at request time, so an ended membership stops
 * working at once rather than when the token expires.
 */
export function embedTokens(deps: {
  masterKey: MasterKey;
  clock: Clock;
  database: Database;
}): EmbedTokenService {
  // Imported once: jose would otherwise import raw key bytes on every verification (≈ 7 % of a
  // screening submission's CPU in the benchmark's profile).
  const key = createSecretKey(new Uint8Array(deps.masterKey.derive('embed-token-signing')));
  return {
    async issue({ tenantId, userId, memberships, ttlSeconds }) {
      const now = deps.clock.now();
      const iat = Math.floor(now.getTime() / 1000);
      const exp = iat + ttlSeconds;
      const token = await new SignJWT({ tid: tenantId, mem: memberships })
        .setProtectedHeader({ alg: embedTokenAlg, typ: 'JWT', kid: deps.masterKey.id })
        .setIssuer(embedTokenIssuer)
        .setAudience(embedTokenAudience)
        .setSubject(userId)
        .setJti(newId('jti', now))
        .setIssuedAt(iat)
        .setExpirationTime(exp)
        .sign(key);
      return { token, expiresAt: new Date(exp * 1000) };
    },

    async verify(token) {
      let payload: unknown;
      try {
        ({ payload } = await jwtVerify(token, key, {
          algorithms: [embedTokenAlg],
          issuer: embedTokenIssuer,
          audience: embedTokenAudience,
          currentDate: deps.clock.now(),
          requiredClaims: ['exp', 'iat', 'sub', 'jti'],
        }));
      } catch (e) {
        if (e instanceof joseErrors.JWTExpired) throw new AppError('token_expired');
        throw new AppError('unauthenticated');
      }
      const claims = z.safeParse(Claims, payload);
      if (!claims.success) throw new AppError('unauthenticated');
      const { sub, tid, jti, mem } = claims.data;
      const current = await activeMemberships(
        deps.database.db,
        tid,
        sub,
        shanghaiDate(deps.clock.now()),
      );
      const live = new Set(current.map((m) => `${m.role}|${m.orgUnit}`));
      return {
        kind: 'embed_token',
        tenantId: tid,
        userId: sub,
        tokenId: jti,
        memberships: mem.filter((m) => live.has(`${m.role}|${m.orgUnit}`)),
        signedMemberships: mem,
      };
    },
  };
}
