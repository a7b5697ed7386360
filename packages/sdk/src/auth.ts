import { EmbedTokenClaims } from '@xinqiao/contracts/embed-sessions';
import type { AuthSource } from './core.js';

/** Whose token this is: the tenant (`tid`) and the person (`sub`) an embed token was minted for. */
export interface TokenIdentity {
  tenant: string;
  subject: string;
}

/**
 * Reads the tenant and subject of an embed token (a JWT) WITHOUT verifying it: the server
 * verifies every request; the SDK only needs to know whose queue and drafts to use. The payload
 * must be the contracts' `EmbedTokenClaims` (as the server signs them); anything else, or
 * anything that is not a JWT, gives undefined.
 */
export function tokenIdentity(token: string): TokenIdentity | undefined {
  const payload = token.split('.')[1];
  if (payload === undefined) return undefined;
  try {
    const b64 = payload.replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Uint8Array.from(atob(b64.padEnd(Math.ceil(b64.length / 4) * 4, '=')), (c) =>
      c.charCodeAt(0),
    );
    const claims = EmbedTokenClaims.safeParse(JSON.parse(new TextDecoder().decode(bytes)));
    return claims.success ? { tenant: claims.data.tid, subject: claims.data.sub } : undefined;
  } catch {
    return undefined;
  }
}

/** A source of embed tokens: a fixed one, a refresher, or both (the fixed one is used first). */
export interface TokenOptions {
  /** An embed token the page already has. */
  token?: string;
  /**
   * Asks the portal's backend for a fresh embed token. Called when there is no token, and once
   * after the server answers 401 for an expired one; concurrent callers share one call. A
   * rejection surfaces as the request's error.
   */
  fetchToken?: () => Promise<string>;
}

export interface TokenSource extends AuthSource {
  refresh(rejected: string): Promise<boolean>;
  /** The identity of the current token (fetching one if there is none yet). */
  identity(): Promise<TokenIdentity | undefined>;
}

/** Embed-token auth with a single-flight refresh. */
export function tokenSource({ token, fetchToken }: TokenOptions): TokenSource {
  let current = token;
  let inflight: Promise<string> | undefined;

  function refreshNow(): Promise<string> {
    if (!fetchToken) return Promise.reject(new Error('no fetchToken'));
    // `.finally` runs after this assignment even if fetchToken throws synchronously.
    inflight ??= Promise.resolve()
      .then(fetchToken)
      .then((fresh) => {
        if (typeof fresh !== 'string' || fresh === '') {
          throw new TypeError('fetchToken must resolve to a non-empty embed token string');
        }
        current = fresh;
        return fresh;
      })
      .finally(() => {
        inflight = undefined;
      });
    return inflight;
  }

  async function credential(): Promise<string | undefined> {
    if (inflight) return inflight;
    if (current !== undefined) return current;
    if (!fetchToken) return undefined;
    return refreshNow();
  }

  return {
    credential,
    async refresh(rejected) {
      if (!fetchToken) return false;
      // Another request already replaced the rejected token (or is doing so): use that one.
      if (inflight) {
        await inflight;
        return true;
      }
      if (current !== undefined && current !== rejected) return true;
      await refreshNow();
      return true;
    },
    async identity() {
      const t = await credential();
      return t === undefined ? undefined : tokenIdentity(t);
    },
  };
}
