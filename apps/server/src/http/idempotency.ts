import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import * as z from 'zod/mini';
import { IdempotencyKey, idempotencyKeyHeader } from '@xinqiao/contracts/request-id';
import { openSecret, sealSecret } from '../crypto/master-key.js';
import type { Executor } from '../db/types.js';
import { AppError } from './app-error.js';

/** Kept this long (ARCHITECTURE §4: 7 days for routes not tied to a campaign). */
export const idempotencyRetentionMs = 7 * 24 * 3600_000;
/** An `in_progress` record older than this was abandoned (crash mid-request) and may be taken over. */
const abandonedAfterMs = 60_000;

interface Claim {
  tenantId: string;
  principalId: string;
  route: string;
  key: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    idempotency: Claim | null;
    /** Keep the record at least this long (set by `retainIdempotencyFor`). */
    idempotencyRetainUntil: Date | null;
  }
}

/** ARCHITECTURE §4: a campaign's submissions keep their keys until it closes + 30 days. */
export const campaignRetentionMs = 30 * 24 * 3600_000;

/**
 * A request tied to a campaign keeps its idempotency record until the campaign closes + 30
 * days (when that is later than the default), so a phone that comes back online weeks later
 * gets its stored response rather than `already_submitted`.
 */
export function retainIdempotencyFor(request: FastifyRequest, campaignClosesAt: Date): void {
  const until = new Date(campaignClosesAt.getTime() + campaignRetentionMs);
  const prev = request.idempotencyRetainUntil;
  if (!prev || until > prev) request.idempotencyRetainUntil = until;
}

/**
 * Idempotency for every POST: `Idempotency-Key` is required; the first request with a key runs,
 * a repeat with the same body gets the stored response (`idempotent-replayed: true`), a repeat
 * with another body 422 `idempotency_key_reused`, a repeat while the first still runs 409
 * `idempotency_in_progress`. Runs after authentication and validation, so refused requests
 * never claim a key. Only a success is stored: a refusal (4xx) or failure (5xx) releases the
 * key, so a refused request leaves the database as it was and may be corrected and retried.
 */
export function installIdempotency(app: FastifyInstance): void {
  const { database, clock, masterKey } = app.deps;
  app.decorateRequest('idempotency', null);
  app.decorateRequest('idempotencyRetainUntil', null);

  app.addHook('preHandler', async (request, reply) => {
    if (request.method !== 'POST' || request.routeOptions.url === undefined) return;
    const p = request.principal;
    if (p.kind === 'public') return;
    const header = request.headers[idempotencyKeyHeader];
    if (header === undefined) throw new AppError('idempotency_key_required');
    const parsed = z.safeParse(IdempotencyKey, header);
    if (!parsed.success)
      throw new AppError('validation_failed', undefined, {
        issues: [{ path: ['idempotency-key'], message: 'invalid idempotency key' }],
      });
    const claim: Claim = {
      tenantId: p.tenantId,
      principalId: p.kind === 'secret_key' ? p.keyId : p.userId,
      route: `${request.method} ${request.routeOptions.url}`,
      key: parsed.data,
    };
    const hash = createHash('sha256')
      .update(request.url.split('?')[0]!)
      .update('\n')
      .update(JSON.stringify(request.body ?? null))
      .digest('hex');
    const now = clock.now();
    const inserted = await database.db
      .insertInto('idempotency_keys')
      .values({
        tenant_id: claim.tenantId,
        principal_id: claim.principalId,
        route: claim.route,
        key: claim.key,
        request_hash: hash,
        state: 'in_progress',
        response_status: null,
        response_sealed: null,
        created_at: now,
        expires_at: new Date(now.getTime() + idempotencyRetentionMs),
      })
      .onConflict((oc) => oc.doNothing())
      .returning('key')
      .executeTakeFirst();
    if (inserted) {
      request.idempotency = claim;
      return;
    }
    const existing = await database.db
      .selectFrom('idempotency_keys')
      .selectAll()
      .where('tenant_id', '=', claim.tenantId)
      .where('principal_id', '=', claim.principalId)
      .where('route', '=', claim.route)
      .where('key', '=', claim.key)
      .executeTakeFirst();
    if (!existing) throw new AppError('idempotency_in_progress'); // released meanwhile: retry
    if (existing.request_hash !== hash) throw new AppError('idempotency_key_reused');
    if (existing.state === 'in_progress') {
      if (now.getTime() - existing.created_at.getTime() < abandonedAfterMs)
        throw new AppError('idempotency_in_progress');
      const taken = await database.db
        .updateTable('idempotency_keys')
        .set({ created_at: now })
        .where('tenant_id', '=', claim.tenantId)
        .where('principal_id', '=', claim.principalId)
        .where('route', '=', claim.route)
        .where('key', '=', claim.key)
        .where('state', '=', 'in_progress')
        .where('created_at', '=', existing.created_at)
        .executeTakeFirst();
      if (Number(taken.numUpdatedRows) !== 1) throw new AppError('idempotency_in_progress');
      request.idempotency = claim;
      return;
    }
    const body = openSecret(masterKey, 'idempotency-response', existing.response_sealed!);
    return replay(reply, existing.response_status!, body);
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const claim = request.idempotency;
    if (!claim) return payload;
    request.idempotency = null;
    if (reply.statusCode >= 300) {
      await database.db
        .deleteFrom('idempotency_keys')
        .where('tenant_id', '=', claim.tenantId)
        .where('principal_id', '=', claim.principalId)
        .where('route', '=', claim.route)
        .where('key', '=', claim.key)
        .execute();
      return payload;
    }
    const text =
      typeof payload === 'string'
        ? payload
        : payload === null || payload === undefined
          ? ''
          : String(payload);
    await storeResponse(database.db, request, claim, reply.statusCode, text);
    return payload;
  });
}

/** Marks the claimed record `done` with the sealed response, through `db`. */
async function storeResponse(
  db: Executor,
  request: FastifyRequest,
  claim: Claim,
  status: number,
  text: string,
): Promise<void> {
  const { clock, masterKey } = request.server.deps;
  const retainUntil = request.idempotencyRetainUntil;
  const longer =
    retainUntil && retainUntil.getTime() > clock.now().getTime() + idempotencyRetentionMs;
  await db
    .updateTable('idempotency_keys')
    .set({
      ...(longer ? { expires_at: retainUntil } : {}),
      state: 'done',
      response_status: status,
      response_sealed: sealSecret(masterKey, 'idempotency-response', text),
    })
    .where('tenant_id', '=', claim.tenantId)
    .where('principal_id', '=', claim.principalId)
    .where('route', '=', claim.route)
    .where('key', '=', claim.key)
    .execute();
}

/**
 * Completes the request's idempotency record inside the operation's own transaction, with the
 * exact body the handler will send (a JSON text): the record becomes `done` in the same commit
 * as the operation's writes, instead of in a commit of its own after the response. The caller
 * passes the result to `idempotencyCommitted` once that transaction has committed; until then
 * the onSend hook still owns the claim (a rollback leaves the record `in_progress`, and a 4xx or
 * 5xx then releases it as before).
 */
export async function storeResponseIn(
  trx: Executor,
  request: FastifyRequest,
  status: number,
  text: string,
): Promise<boolean> {
  const claim = request.idempotency;
  if (!claim) return false;
  await storeResponse(trx, request, claim, status, text);
  return true;
}

/** After the transaction that ran `storeResponseIn` committed: the onSend hook has nothing left to store. */
export function idempotencyCommitted(request: FastifyRequest, stored: boolean): void {
  if (stored) request.idempotency = null;
}

function replay(reply: FastifyReply, status: number, body: string) {
  return reply
    .status(status)
    .header('idempotent-replayed', 'true')
    .type('application/json; charset=utf-8')
    .send(body);
}

/** Deletes expired records; run by the jobs loop. */
export async function purgeExpiredIdempotencyKeys(app: FastifyInstance): Promise<number> {
  const r = await app.deps.database.db
    .deleteFrom('idempotency_keys')
    .where('expires_at', '<', app.deps.clock.now())
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

export type { FastifyRequest };
