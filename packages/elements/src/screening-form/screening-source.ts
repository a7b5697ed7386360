import type { Eligibility } from '@xinqiao/contracts/campaigns';
import type { InstrumentDetail } from '@xinqiao/contracts/instrument-catalog';
import type { InstrumentDefinition } from '@xinqiao/contracts/instruments';
import type { SafetySignal, SafetySignalCreate } from '@xinqiao/contracts/safety-signals';
import type { ScreeningCreate, ScreeningReceipt } from '@xinqiao/contracts/screenings';
import type { ClientOutbox, OutboxRecord, XinqiaoClient } from '@xinqiao/sdk';
import { isOfflineError } from '../base/offline.js';

/**
 * What happened to something the form sent:
 * - `sent`: the server has it (`result` is its answer);
 * - `queued`: kept on this device by the SDK outbox (IndexedDB); it goes out by itself;
 * - `unsent`: not sent and not kept (no outbox): the form keeps it and tries again;
 * - `failed`: refused by the server (`error.code`); `safetySignalId` when a safety signal was
 *   stored all the same (the 4xx of a screening that carried a critical answer).
 */
export type Delivery<T> =
  | { state: 'sent'; result: T }
  | { state: 'queued'; error?: unknown }
  | { state: 'unsent'; error: unknown }
  | { state: 'failed'; error: unknown; safetySignalId?: string };

/** Something queued earlier went out, or was refused, later (outbox drain). */
export interface DeliveryUpdate {
  key: string;
  kind: 'screening' | 'safety-signal';
  state: 'sent' | 'failed';
  result?: unknown;
  error?: unknown;
  safetySignalId?: string;
}

/** A record of the signed-in person still in the outbox for a campaign. */
export interface QueuedItem {
  key: string;
  kind: 'screening' | 'safety-signal';
  status: 'pending' | 'failed';
  /** The flag of a queued safety signal. */
  flag?: string;
}

/**
 * Where `<xq-screening-form>` reads and writes: the seam between the element and the SDK.
 * `screeningSourceFromClient(client)` builds it from the provider's client; stories and tests of
 * rendering states may set their own on the element's `source` property.
 * The optional members need the SDK outbox (IndexedDB); without them the form still works, but
 * keeps nothing on the device.
 */
export interface ScreeningDataSource {
  /** `GET /v1/campaigns/:id/eligibility`: asked before question 1. */
  eligibility(
    campaignId: string,
    query: { studentId?: string; include?: 'definitions' },
    options?: { signal?: AbortSignal },
  ): Promise<Eligibility>;
  /** One instrument's definition (items, options, texts in both locales, rules). */
  definition(
    instrumentId: string,
    options?: { signal?: AbortSignal },
  ): Promise<InstrumentDefinition>;
  /** Sends a safety signal; `key` is its idempotency key (the same on every attempt). */
  sendSafetySignal(body: SafetySignalCreate, key: string): Promise<Delivery<SafetySignal>>;
  /** Submits the screening; `key` was made when the form opened and kept with the draft. */
  submit(body: ScreeningCreate, key: string): Promise<Delivery<ScreeningReceipt>>;
  /** The signed-in person's records of this campaign still in the outbox. */
  queued?(campaignId: string): Promise<QueuedItem[]>;
  /** Drops a record the server refused, once the student has been told. */
  discard?(campaignId: string, key: string): Promise<void>;
  loadDraft?<T>(campaignId: string, options: { sharedDevices?: boolean }): Promise<T | undefined>;
  saveDraft?(
    campaignId: string,
    data: unknown,
    options: { sharedDevices: boolean },
  ): Promise<boolean>;
  clearDraft?(campaignId: string): Promise<void>;
  /** Listens for queued records that went out or were refused later; returns an unsubscribe. */
  watch?(listener: (update: DeliveryUpdate) => void): () => void;
}

/** A 4xx `details.safetySignalId`, as the SDK's `ApiError.details` or a stored outbox error. */
function signalIdOf(error: unknown, record?: OutboxRecord): string | undefined {
  if (record?.safetySignalId) return record.safetySignalId;
  const details = (error as { details?: { safetySignalId?: unknown } } | null)?.details;
  return typeof details?.safetySignalId === 'string' ? details.safetySignalId : undefined;
}

/** A request that may succeed later (no answer, 408, 429, 5xx): nothing was refused. */
function transient(error: unknown): boolean {
  if (isOfflineError(error)) return true;
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status !== 'number' || status === 408 || status === 429 || status >= 500;
}

/** Sends now, without an outbox: what does not get through is `unsent` (the form retries). */
async function direct<T>(send: () => Promise<T>): Promise<Delivery<T>> {
  try {
    return { state: 'sent', result: await send() };
  } catch (error) {
    if (transient(error)) return { state: 'unsent', error };
    const safetySignalId = signalIdOf(error);
    return { state: 'failed', error, ...(safetySignalId ? { safetySignalId } : {}) };
  }
}

type Outcome = {
  state: 'sent' | 'queued' | 'failed';
  record: OutboxRecord;
  result?: unknown;
  error?: unknown;
};

function fromOutbox<T>(outcome: Outcome): Delivery<T> {
  if (outcome.state === 'sent') return { state: 'sent', result: outcome.result as T };
  if (outcome.state === 'queued') return { state: 'queued', error: outcome.error };
  const safetySignalId = signalIdOf(outcome.error, outcome.record);
  return { state: 'failed', error: outcome.error, ...(safetySignalId ? { safetySignalId } : {}) };
}

/**
 * The part of an SDK client the form calls: a full `createClient()` client has it, and so does
 * any smaller client with the same resources.
 */
export interface ScreeningFormClient {
  campaigns: Pick<XinqiaoClient['campaigns'], 'eligibility'>;
  instruments: Pick<XinqiaoClient['instruments'], 'get'>;
  screenings: XinqiaoClient['screenings'];
  safetySignals: XinqiaoClient['safetySignals'];
  outbox?: ClientOutbox;
}

/**
 * The questions of an instrument as `GET /v1/instruments/:id` (or eligibility's `definitions`)
 * answers it; a licensed instrument without content cannot be shown.
 */
export function contentOf({ instrument }: InstrumentDetail): InstrumentDefinition {
  if (instrument.kind !== 'content') {
    throw Object.assign(new Error(`${instrument.id} has no content`), {
      code: 'instrument_licensed',
    });
  }
  return instrument;
}

/**
 * A data source over the SDK client: `campaigns.eligibility`, `instruments.get`, and — when the
 * client was created with `outbox: createOutbox()` — `safetySignals.send` and `screenings.submit`
 * through the outbox (safety signals first; nothing lost on a reload or a dead network), drafts
 * and the outbox's `sent`/`failed` events. Without an outbox it sends directly
 * (`safetySignals.create`, `screenings.create`) and keeps nothing on the device.
 */
export function screeningSourceFromClient(
  client: ScreeningFormClient | undefined,
): ScreeningDataSource | undefined {
  if (!client) return undefined;
  const outbox = client.outbox;
  const source: ScreeningDataSource = {
    eligibility: (campaignId, query, options) =>
      client.campaigns.eligibility(campaignId, query, options),
    definition: async (instrumentId, options) =>
      contentOf(await client.instruments.get(instrumentId, {}, options)),
    sendSafetySignal: outbox
      ? async (body, key) =>
          fromOutbox<SafetySignal>(await client.safetySignals.send(body, { idempotencyKey: key }))
      : (body, key) => direct(() => client.safetySignals.create(body, { idempotencyKey: key })),
    submit: outbox
      ? async (body, key) =>
          fromOutbox<ScreeningReceipt>(
            await client.screenings.submit(body, { idempotencyKey: key }),
          )
      : (body, key) => direct(() => client.screenings.create(body, { idempotencyKey: key })),
  };
  if (!outbox) return source;
  return {
    ...source,
    async queued(campaignId) {
      const records = [...(await outbox.pending()), ...(await outbox.failed())];
      return records
        .filter((r) => r.campaignId === campaignId)
        .map((r) => ({
          key: r.id,
          kind: r.kind,
          status: r.status,
          ...(r.kind === 'safety-signal'
            ? { flag: String((r.body as { flag?: unknown } | null)?.flag ?? '') }
            : {}),
        }));
    },
    discard: (campaignId, key) => outbox.remove({ campaignId, id: key }),
    loadDraft: (campaignId, options) => client.screenings.loadDraft(campaignId, options),
    saveDraft: (campaignId, data, options) =>
      client.screenings.saveDraft(campaignId, data, options),
    clearDraft: (campaignId) => client.screenings.clearDraft(campaignId),
    watch(listener) {
      const sent = (e: CustomEvent<{ record: OutboxRecord; result: unknown }>) =>
        listener({
          key: e.detail.record.id,
          kind: e.detail.record.kind,
          state: 'sent',
          result: e.detail.result,
        });
      const failed = (e: CustomEvent<{ record: OutboxRecord; error: unknown }>) => {
        const safetySignalId = signalIdOf(e.detail.error, e.detail.record);
        listener({
          key: e.detail.record.id,
          kind: e.detail.record.kind,
          state: 'failed',
          error: e.detail.error,
          ...(safetySignalId ? { safetySignalId } : {}),
        });
      };
      outbox.addEventListener('sent', sent);
      outbox.addEventListener('failed', failed);
      return () => {
        outbox.removeEventListener('sent', sent);
        outbox.removeEventListener('failed', failed);
      };
    },
  };
}
