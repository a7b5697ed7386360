import type { ClientOutbox, OutboxStore } from './outbox.js';
import { pageAlerts } from './resources/alerts.js';
import { audit } from './resources/audit.js';
import { pageCampaigns } from './resources/campaigns.js';
import { cases, concerns, stats, studentRecord } from './resources/cases.js';
import { hotlines } from './resources/hotlines.js';
import { parentSchool } from './resources/parent-school.js';
import { consents } from './resources/consents.js';
import { studentContacts, students } from './resources/students.js';
import { screeningParts } from './screening.js';
import type { ClientOptions, ScreeningClient } from './screening.js';

export * from './errors.js';
export { tokenIdentity } from './auth.js';
export type { TokenIdentity, TokenOptions } from './auth.js';
export { newIdempotencyKey } from './core.js';
export type { SubmitOptions, Submitted } from './resources/screenings.js';
export type { Call, RequestOptions, TransportOptions } from './core.js';
export { ClientOutbox, createOutbox } from './outbox.js';
export { createScreeningClient } from './screening.js';
export type { ClientOptions, ScreeningClient } from './screening.js';
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

/** The browser/embed client, authenticated with a short-lived embed token. */
export interface XinqiaoClient extends Omit<ScreeningClient, 'campaigns'> {
  campaigns: ReturnType<typeof pageCampaigns>;
  consents: ReturnType<typeof consents>;
  alerts: ReturnType<typeof pageAlerts>;
  students: ReturnType<typeof students> &
    ReturnType<typeof studentContacts> & { record: ReturnType<typeof studentRecord> };
  hotlines: ReturnType<typeof hotlines>;
  concerns: ReturnType<typeof concerns>;
  cases: ReturnType<typeof cases>;
  stats: ReturnType<typeof stats>;
  /** The audit log of the units the signed-in admin may see. */
  audit: ReturnType<typeof audit>;
  /** 家长学校: sessions, a guardian's signups, staff check-in, `.ics` files, families reached. */
  parentSchool: ReturnType<typeof parentSchool>;
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
  const { transport, client } = screeningParts(options);
  return {
    ...client,
    campaigns: pageCampaigns(transport),
    consents: consents(transport),
    alerts: pageAlerts(transport),
    students: {
      ...students(transport),
      ...studentContacts(transport),
      record: studentRecord(transport),
    },
    hotlines: hotlines(transport),
    concerns: concerns(transport),
    cases: cases(transport),
    stats: stats(transport),
    audit: audit(transport),
    parentSchool: parentSchool(transport),
  };
}
