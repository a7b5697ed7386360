import { openDB } from 'idb';
import type { DBSchema, IDBPDatabase } from 'idb';
import type * as z from 'zod/mini';
import type { TokenIdentity, TokenSource } from './auth.js';
import { tokenIdentity } from './auth.js';
import type { AuthSource, Call, Transport } from './core.js';
import { newIdempotencyKey } from './core.js';
import { ApiError, AuthenticationError, XinqiaoError } from './errors.js';

/** What the outbox carries. Safety signals always go out before anything else. */
export type OutboxKind = 'screening' | 'safety-signal';

/** An error as stored with a record (plain data: it survives IndexedDB and a reload). */
export interface StoredError {
  name: string;
  message: string;
  status?: number;
  code?: string;
  details?: Record<string, unknown>;
  requestId?: string;
}

/**
 * One queued submission. Its key is (tenant, subject, campaign, id): it belongs to the person the
 * token was minted for and is only ever sent with a token for that same person. `id` is also the
 * idempotency key, so every attempt, on any page load, is the same logical operation.
 */
export interface OutboxRecord {
  tenant: string;
  subject: string;
  campaignId: string;
  id: string;
  kind: OutboxKind;
  body: unknown;
  createdAt: number;
  attempts: number;
  status: 'pending' | 'failed';
  lastError?: StoredError;
  /** A screening refused by the server whose safety signal was nevertheless stored. */
  safetySignalId?: string;
}

interface DraftRecord {
  tenant: string;
  subject: string;
  campaignId: string;
  savedAt: number;
  data: unknown;
}

interface OutboxDb extends DBSchema {
  records: { key: [string, string, string, string]; value: OutboxRecord };
  drafts: { key: [string, string, string]; value: DraftRecord };
  meta: { key: string; value: { tenant: string; subject: string } };
}

export interface OutboxOptions {
  /** IndexedDB database name. Default `xinqiao-outbox`. */
  dbName?: string;
  /** How often pending records are retried, in ms. Default 30 000; 0 turns the timer off. */
  drainIntervalMs?: number;
  /** How long a draft lives, in ms. Default 24 h. */
  draftTtlMs?: number;
  /** Clock for drafts and record times (tests). */
  now?: () => number;
}

/** A persistent outbox; hand it to `createClient({ outbox })`. */
export interface OutboxStore {
  readonly options: Required<Omit<OutboxOptions, 'now'>> & { now: () => number };
  db(): Promise<IDBPDatabase<OutboxDb>>;
}

/** Opens (lazily) an outbox persisted in IndexedDB. Browser only. */
export function createOutbox(options: OutboxOptions = {}): OutboxStore {
  const resolved = {
    dbName: options.dbName ?? 'xinqiao-outbox',
    drainIntervalMs: options.drainIntervalMs ?? 30_000,
    draftTtlMs: options.draftTtlMs ?? 24 * 60 * 60 * 1000,
    now: options.now ?? Date.now,
  };
  let opened: Promise<IDBPDatabase<OutboxDb>> | undefined;
  return {
    options: resolved,
    db() {
      if (typeof indexedDB === 'undefined') {
        return Promise.reject(
          new XinqiaoError('the outbox needs IndexedDB (a browser); none is available here'),
        );
      }
      opened ??= openDB<OutboxDb>(resolved.dbName, 1, {
        upgrade(db) {
          db.createObjectStore('records', { keyPath: ['tenant', 'subject', 'campaignId', 'id'] });
          db.createObjectStore('drafts', { keyPath: ['tenant', 'subject', 'campaignId'] });
          db.createObjectStore('meta');
        },
      });
      return opened;
    },
  };
}

/** What a sender gets: a request function bound to the record's owner and idempotency key. */
export interface SenderApi {
  request<S extends z.ZodMiniType>(call: Omit<Call<S>, 'options' | 'auth'>): Promise<z.infer<S>>;
}

/** Turns a record into its HTTP request; resolves with the server's (parsed) answer. */
export type OutboxSender = (record: OutboxRecord, api: SenderApi) => Promise<unknown>;

export interface EnqueueInput {
  kind: OutboxKind;
  campaignId: string;
  body: unknown;
  /** Default: a fresh key. Pass the key made when the student opened the form. */
  idempotencyKey?: string;
}

/** The outcome of one record after `send()`. */
export type SendOutcome =
  | { state: 'sent'; record: OutboxRecord; result: unknown }
  | { state: 'queued'; record: OutboxRecord; error?: unknown }
  | { state: 'failed'; record: OutboxRecord; error: ApiError | XinqiaoError };

export interface OutboxEventMap {
  queued: CustomEvent<{ record: OutboxRecord }>;
  sent: CustomEvent<{ record: OutboxRecord; result: unknown }>;
  failed: CustomEvent<{ record: OutboxRecord; error: ApiError | XinqiaoError }>;
}

/** Thrown (internally) when the token in hand belongs to someone other than the record's owner. */
class OwnerMismatch extends XinqiaoError {
  override name = 'OwnerMismatch';
}

const sameOwner = (a: TokenIdentity, b: { tenant: string; subject: string }) =>
  a.tenant === b.tenant && a.subject === b.subject;

const order = (a: OutboxRecord, b: OutboxRecord) =>
  (a.kind === 'safety-signal' ? 0 : 1) - (b.kind === 'safety-signal' ? 0 : 1) ||
  a.createdAt - b.createdAt;

function storeError(error: unknown): StoredError {
  if (error instanceof ApiError) {
    return {
      name: error.name,
      message: error.message,
      status: error.status,
      code: error.code,
      ...(error.details ? { details: error.details } : {}),
      ...(error.requestId ? { requestId: error.requestId } : {}),
    };
  }
  if (error instanceof Error) return { name: error.name, message: error.message };
  return { name: 'Error', message: String(error) };
}

/** A request that may succeed later: network, timeouts, 408/429/5xx, a key still running, auth. */
function worthRetrying(error: unknown): boolean {
  if (!(error instanceof ApiError)) return true;
  if (error instanceof AuthenticationError) return true;
  return (
    error.status === 408 ||
    error.status === 429 ||
    error.status >= 500 ||
    (error.status === 409 && error.code === 'idempotency_in_progress')
  );
}

/**
 * `client.outbox`: the outbox bound to a client's tokens and transport. Drains on creation (page
 * load), on `online`, on a timer and after every enqueue; one drain at a time per page, and one
 * per browser profile where Web Locks exist.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- typed events, as lib.dom does
export class ClientOutbox extends EventTarget {
  readonly #store: OutboxStore;
  readonly #tokens: TokenSource;
  readonly #transport: Transport;
  readonly #senders = new Map<OutboxKind, OutboxSender>();
  /** Outcomes of the records a `send()` call is waiting for. */
  readonly #outcomes = new Map<string, SendOutcome | undefined>();
  #draining: Promise<void> | undefined;
  #again = false;
  #timer: ReturnType<typeof setInterval> | undefined;
  readonly #onOnline = () => void this.drain();

  constructor(store: OutboxStore, tokens: TokenSource, transport: Transport) {
    super();
    this.#store = store;
    this.#tokens = tokens;
    this.#transport = transport;
    const { drainIntervalMs } = store.options;
    if (drainIntervalMs > 0) this.#timer = setInterval(this.#onOnline, drainIntervalMs);
    globalThis.addEventListener?.('online', this.#onOnline);
    queueMicrotask(this.#onOnline);
  }

  /** Registers how records of a kind are sent (the screening and safety-signal resources do). */
  registerSender(kind: OutboxKind, sender: OutboxSender): void {
    this.#senders.set(kind, sender);
  }

  /** Stops the timer and the `online` listener. */
  dispose(): void {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    globalThis.removeEventListener?.('online', this.#onOnline);
  }

  /** Whose records and drafts are in play now; wipes drafts when the signed-in person changed. */
  async owner(): Promise<TokenIdentity | undefined> {
    const identity = await this.#tokens.identity();
    if (!identity) return undefined;
    const db = await this.#store.db();
    const tx = db.transaction(['meta', 'drafts'], 'readwrite');
    const last = await tx.objectStore('meta').get('owner');
    if (!last || !sameOwner(identity, last)) {
      await tx.objectStore('drafts').clear();
      await tx.objectStore('meta').put(identity, 'owner');
    }
    await tx.done;
    return identity;
  }

  async #records(identity: TokenIdentity, status: OutboxRecord['status']) {
    const db = await this.#store.db();
    const range = IDBKeyRange.bound(
      [identity.tenant, identity.subject],
      [identity.tenant, identity.subject, []],
    );
    const all = await db.getAll('records', range);
    return all.filter((r) => r.status === status).sort(order);
  }

  /** The signed-in person's records waiting to be sent, safety signals first. */
  async pending(): Promise<OutboxRecord[]> {
    const identity = await this.owner();
    return identity ? this.#records(identity, 'pending') : [];
  }

  /** The signed-in person's records the server refused (with the error, and any `safetySignalId`). */
  async failed(): Promise<OutboxRecord[]> {
    const identity = await this.owner();
    return identity ? this.#records(identity, 'failed') : [];
  }

  /** Drops one of the signed-in person's records (e.g. a failed one the user has seen). */
  async remove(record: Pick<OutboxRecord, 'campaignId' | 'id'>): Promise<void> {
    const identity = await this.owner();
    if (!identity) return;
    const db = await this.#store.db();
    await db.delete('records', [identity.tenant, identity.subject, record.campaignId, record.id]);
  }

  /** Writes a record for the signed-in person to IndexedDB and starts a drain. */
  async enqueue(input: EnqueueInput): Promise<OutboxRecord> {
    const record = await this.#put(input);
    void this.drain();
    return record;
  }

  /** Enqueue, then drain at once: resolves with what happened to this record. */
  async send(input: EnqueueInput): Promise<SendOutcome> {
    const record = await this.#put(input);
    this.#outcomes.set(record.id, undefined);
    try {
      await this.drain();
      return this.#outcomes.get(record.id) ?? { state: 'queued', record };
    } finally {
      this.#outcomes.delete(record.id);
    }
  }

  async #put(input: EnqueueInput): Promise<OutboxRecord> {
    const identity = await this.owner();
    if (!identity) {
      throw new XinqiaoError('the outbox needs an embed token that names its tenant and subject');
    }
    const record: OutboxRecord = {
      tenant: identity.tenant,
      subject: identity.subject,
      campaignId: input.campaignId,
      id: input.idempotencyKey ?? newIdempotencyKey(),
      kind: input.kind,
      body: input.body,
      createdAt: this.#store.options.now(),
      attempts: 0,
      status: 'pending',
    };
    const db = await this.#store.db();
    await db.put('records', record);
    this.dispatchEvent(new CustomEvent('queued', { detail: { record } }));
    return record;
  }

  /** Sends the signed-in person's pending records now (safety signals first). */
  drain(): Promise<void> {
    if (this.#draining) {
      this.#again = true;
      return this.#draining;
    }
    const run = async () => {
      do {
        this.#again = false;
        await this.#exclusive(() => this.#drainOnce());
      } while (this.#again);
    };
    this.#draining = run()
      .catch(() => undefined)
      .finally(() => {
        this.#draining = undefined;
      });
    return this.#draining;
  }

  async #exclusive(fn: () => Promise<void>): Promise<void> {
    const locks = (globalThis.navigator as Navigator | undefined)?.locks;
    if (!locks) return fn();
    await locks.request(`xinqiao-outbox:${this.#store.options.dbName}`, fn);
  }

  async #drainOnce(): Promise<void> {
    let identity: TokenIdentity | undefined;
    try {
      identity = await this.owner();
    } catch {
      return; // no token to be had right now (the portal's backend is unreachable): later
    }
    if (!identity) return;
    for (const record of await this.#records(identity, 'pending')) {
      const outcome = await this.#sendOne(record);
      if (outcome.state === 'queued' && outcome.error !== undefined) return; // try again later
    }
  }

  async #sendOne(record: OutboxRecord): Promise<SendOutcome> {
    const sender = this.#senders.get(record.kind);
    if (!sender) return { state: 'queued', record };
    const db = await this.#store.db();
    const key: [string, string, string, string] = [
      record.tenant,
      record.subject,
      record.campaignId,
      record.id,
    ];
    // Every credential the transport is about to use is checked against the record's owner, so a
    // token refresh that hands back someone else's token cannot carry this record.
    const tokens = this.#tokens;
    const guarded: AuthSource = {
      async credential() {
        const token = await tokens.credential();
        const identity = token === undefined ? undefined : tokenIdentity(token);
        if (!identity || !sameOwner(identity, record)) {
          throw new OwnerMismatch('the current token belongs to someone else');
        }
        return token;
      },
      refresh: (rejected) => tokens.refresh(rejected),
    };
    const transport = this.#transport;
    const api: SenderApi = {
      request: (call) =>
        transport.request({ ...call, auth: guarded, options: { idempotencyKey: record.id } }),
    };

    let outcome: SendOutcome;
    try {
      const result = await sender(record, api);
      await db.delete('records', key);
      outcome = { state: 'sent', record, result };
      this.dispatchEvent(new CustomEvent('sent', { detail: { record, result } }));
    } catch (error) {
      const current = await db.get('records', key);
      if (!current) return { state: 'queued', record }; // removed meanwhile
      if (error instanceof OwnerMismatch) {
        outcome = { state: 'queued', record: current, error };
      } else if (worthRetrying(error)) {
        const updated = {
          ...current,
          attempts: current.attempts + 1,
          lastError: storeError(error),
        };
        await db.put('records', updated);
        outcome = { state: 'queued', record: updated, error };
      } else {
        const safetySignalId =
          error instanceof ApiError && typeof error.details?.safetySignalId === 'string'
            ? error.details.safetySignalId
            : undefined;
        const updated: OutboxRecord = {
          ...current,
          status: 'failed',
          attempts: current.attempts + 1,
          lastError: storeError(error),
          ...(safetySignalId ? { safetySignalId } : {}),
        };
        await db.put('records', updated);
        const failure = error as ApiError | XinqiaoError;
        outcome = { state: 'failed', record: updated, error: failure };
        this.dispatchEvent(
          new CustomEvent('failed', { detail: { record: updated, error: failure } }),
        );
      }
    }
    if (this.#outcomes.has(record.id)) this.#outcomes.set(record.id, outcome);
    return outcome;
  }

  /** Saves a half-filled form for the signed-in person; a no-op (and a wipe) on shared devices. */
  async saveDraft(
    campaignId: string,
    data: unknown,
    opts: { sharedDevices?: boolean } = {},
  ): Promise<boolean> {
    const identity = await this.owner();
    if (!identity) return false;
    const db = await this.#store.db();
    if (opts.sharedDevices) {
      await db.delete('drafts', [identity.tenant, identity.subject, campaignId]);
      return false;
    }
    await db.put('drafts', { ...identity, campaignId, savedAt: this.#store.options.now(), data });
    return true;
  }

  /** The signed-in person's draft for a campaign, unless it is older than the draft TTL. */
  async loadDraft<T = unknown>(
    campaignId: string,
    opts: { sharedDevices?: boolean } = {},
  ): Promise<T | undefined> {
    const identity = await this.owner();
    if (!identity) return undefined;
    const db = await this.#store.db();
    const key: [string, string, string] = [identity.tenant, identity.subject, campaignId];
    const draft = await db.get('drafts', key);
    if (!draft) return undefined;
    if (
      opts.sharedDevices ||
      this.#store.options.now() - draft.savedAt > this.#store.options.draftTtlMs
    ) {
      await db.delete('drafts', key);
      return undefined;
    }
    return draft.data as T;
  }

  async clearDraft(campaignId: string): Promise<void> {
    const identity = await this.owner();
    if (!identity) return;
    const db = await this.#store.db();
    await db.delete('drafts', [identity.tenant, identity.subject, campaignId]);
  }
}

// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- see the class
export interface ClientOutbox {
  addEventListener<K extends keyof OutboxEventMap>(
    type: K,
    listener: (event: OutboxEventMap[K]) => void,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject | null,
    options?: boolean | AddEventListenerOptions,
  ): void;
  removeEventListener<K extends keyof OutboxEventMap>(
    type: K,
    listener: (event: OutboxEventMap[K]) => void,
    options?: boolean | EventListenerOptions,
  ): void;
  removeEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject | null,
    options?: boolean | EventListenerOptions,
  ): void;
}
