import { ScreeningReceipt } from '@xinqiao/contracts/screenings';
import type { ScreeningCreate } from '@xinqiao/contracts/screenings';
import { SafetySignal } from '@xinqiao/contracts/safety-signals';
import type { SafetySignalCreate } from '@xinqiao/contracts/safety-signals';
import type { RequestOptions, Transport } from '../core.js';
import { XinqiaoError } from '../errors.js';
import type { ApiError } from '../errors.js';
import type { ClientOutbox, OutboxRecord, OutboxSender } from '../outbox.js';

/** What happened to a submission handed to the outbox. */
export type Submitted<T> =
  | { state: 'sent'; result: T; record: OutboxRecord }
  /** Kept in IndexedDB; it goes out by itself (online, page load, timer). Tell the user so. */
  | { state: 'queued'; record: OutboxRecord; error?: unknown }
  /** Refused (a non-retryable 4xx); `record.safetySignalId` says a safety signal was still stored. */
  | { state: 'failed'; record: OutboxRecord; error: ApiError | XinqiaoError };

export const screeningSender: OutboxSender = (record, api) =>
  api.request({
    method: 'POST',
    path: 'v1/screenings',
    body: record.body,
    schema: ScreeningReceipt,
  });

export const safetySignalSender: OutboxSender = (record, api) =>
  api.request({
    method: 'POST',
    path: 'v1/safety-signals',
    body: record.body,
    schema: SafetySignal,
  });

function needOutbox(outbox: ClientOutbox | undefined): ClientOutbox {
  if (!outbox) throw new XinqiaoError('pass `outbox: createOutbox()` to createClient to use this');
  return outbox;
}

export interface SubmitOptions {
  /**
   * Make it once, when the student opens the form (`newIdempotencyKey()`), and keep it with the
   * draft: every attempt of this submission, on any page load, is then one operation.
   */
  idempotencyKey?: string;
}

/** Screenings, from the form: direct (`create`) or through the outbox (`submit`). */
export function screenings(t: Transport, outbox: ClientOutbox | undefined) {
  return {
    /** `POST /v1/screenings` now, with the client's retries; throws on failure. */
    create: (body: ScreeningCreate, options?: RequestOptions): Promise<ScreeningReceipt> =>
      t.request({ method: 'POST', path: 'v1/screenings', body, schema: ScreeningReceipt, options }),
    /**
     * Writes the screening to the outbox (IndexedDB) first, then sends it. If the network is down
     * it stays queued and goes out later with the same idempotency key.
     */
    submit: async (body: ScreeningCreate, options: SubmitOptions = {}) =>
      (await needOutbox(outbox).send({
        kind: 'screening',
        campaignId: body.campaignId,
        body,
        ...options,
      })) as Submitted<ScreeningReceipt>,
    /** Keeps a half-filled form locally (not when the campaign says `sharedDevices`). */
    saveDraft: (campaignId: string, data: unknown, opts?: { sharedDevices?: boolean }) =>
      needOutbox(outbox).saveDraft(campaignId, data, opts),
    /** The signed-in student's draft, unless older than 24 h. */
    loadDraft: <T = unknown>(campaignId: string, opts?: { sharedDevices?: boolean }) =>
      needOutbox(outbox).loadDraft<T>(campaignId, opts),
    clearDraft: (campaignId: string) => needOutbox(outbox).clearDraft(campaignId),
  };
}

/** Safety signals: sent the moment a critical flag fires, ahead of everything else. */
export function safetySignals(t: Transport, outbox: ClientOutbox | undefined) {
  return {
    /** `POST /v1/safety-signals` now; throws on failure. */
    create: (body: SafetySignalCreate, options?: RequestOptions): Promise<SafetySignal> =>
      t.request({ method: 'POST', path: 'v1/safety-signals', body, schema: SafetySignal, options }),
    /** Through the outbox: queued first, sent before any screening, never lost on a reload. */
    send: async (body: SafetySignalCreate, options: SubmitOptions = {}) =>
      (await needOutbox(outbox).send({
        kind: 'safety-signal',
        campaignId: body.campaignId ?? '',
        body,
        ...options,
      })) as Submitted<SafetySignal>,
  };
}
