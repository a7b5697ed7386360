import { tokenSource } from './auth.js';
import type { TokenOptions } from './auth.js';
import { createTransport } from './core.js';
import type { TransportOptions } from './core.js';
import { ClientOutbox } from './outbox.js';
import type { OutboxStore } from './outbox.js';
import { pageAlerts } from './resources/alerts.js';
import { audit } from './resources/audit.js';
import { pageCampaigns } from './resources/campaigns.js';
import { cases, concerns, stats, studentRecord } from './resources/cases.js';
import { hotlines } from './resources/hotlines.js';
import { consents } from './resources/consents.js';
import { health } from './resources/health.js';
import { instruments } from './resources/instruments.js';
import {
  safetySignalSender,
  safetySignals,
  screeningSender,
  screenings,
} from './resources/screenings.js';
import { students } from './resources/students.js';

export * from './errors.js';
export { tokenIdentity } from './auth.js';
export type { TokenIdentity, TokenOptions } from './auth.js';
export { newIdempotencyKey } from './core.js';
export type { SubmitOptions, Submitted } from './resources/screenings.js';
export type { Call, RequestOptions, TransportOptions } from './core.js';
export { ClientOutbox, createOutbox } from './outbox.js';
export type {
  EnqueueInput,
  OutboxEventMap,
  OutboxKind,
  OutboxOptions,
  OutboxRecord,
  OutboxSender,
  OutboxStore,
  SendOutcome,
  SenderApi,
  StoredError,
} from './outbox.js';

export interface ClientOptions extends TransportOptions, TokenOptions {
  /** An outbox from `createOutbox()`: submissions survive reloads and dropped connections. */
  outbox?: OutboxStore;
}

/** The browser/embed client, authenticated with a short-lived embed token. */
export interface XinqiaoClient {
  /** Liveness of the API. */
  health: ReturnType<typeof health>;
  instruments: ReturnType<typeof instruments>;
  campaigns: ReturnType<typeof pageCampaigns>;
  /** `create` now, or `submit` through the outbox; drafts. */
  screenings: ReturnType<typeof screenings>;
  /** `create` now, or `send` through the outbox (ahead of everything else). */
  safetySignals: ReturnType<typeof safetySignals>;
  consents: ReturnType<typeof consents>;
  alerts: ReturnType<typeof pageAlerts>;
  students: ReturnType<typeof students> & { record: ReturnType<typeof studentRecord> };
  hotlines: ReturnType<typeof hotlines>;
  concerns: ReturnType<typeof concerns>;
  cases: ReturnType<typeof cases>;
  stats: ReturnType<typeof stats>;
  /** The audit log of the units the signed-in admin may see. */
  audit: ReturnType<typeof audit>;
}

/**
 * The browser/embed client. Give it an embed token (`token`), a way to get one (`fetchToken`,
 * usually a call to your portal's backend, which calls `embedSessions.create`), or both.
 */
export function createClient(
  options: ClientOptions & { outbox: OutboxStore },
): XinqiaoClient & { outbox: ClientOutbox };
export function createClient(options: ClientOptions): XinqiaoClient & { outbox?: ClientOutbox };
export function createClient(options: ClientOptions): XinqiaoClient & { outbox?: ClientOutbox } {
  const tokens = tokenSource(options);
  const transport = createTransport(options, tokens);
  const outbox = options.outbox ? new ClientOutbox(options.outbox, tokens, transport) : undefined;
  outbox?.registerSender('screening', screeningSender);
  outbox?.registerSender('safety-signal', safetySignalSender);
  return {
    health: health(transport),
    instruments: instruments(transport),
    campaigns: pageCampaigns(transport),
    screenings: screenings(transport, outbox),
    safetySignals: safetySignals(transport, outbox),
    consents: consents(transport),
    alerts: pageAlerts(transport),
    students: { ...students(transport), record: studentRecord(transport) },
    hotlines: hotlines(transport),
    concerns: concerns(transport),
    cases: cases(transport),
    stats: stats(transport),
    audit: audit(transport),
    ...(outbox ? { outbox } : {}),
  };
}
