import * as z from 'zod/mini';
import { OpaqueId, Timestamp } from './ids.js';

/** Every event the server sends to a portal. Payloads carry ids and types only. */
export const webhookEventTypes = [
  'alert.created',
  'alert.escalated',
  'alert.acknowledged',
  'case.updated',
  'concern.created',
  'parent_school.signup.created',
  'parent_school.signup.cancelled',
  'parent_school.signup.promoted',
] as const;
export const WebhookEventType = z.enum(webhookEventTypes);
export type WebhookEventType = z.infer<typeof WebhookEventType>;

/**
 * `data` holds opaque ids only (`alertId`, `caseId`, `orgUnitId`, `recipientUserIds` …): never
 * answers, a named student's tier, or notes. The portal fetches details with the recipient's
 * own token, so the policy applies to whoever reads them.
 */
export const WebhookData = z.record(
  z.string().check(z.regex(/^[a-zA-Z]+(Id|Ids)$/)),
  z.union([OpaqueId, z.array(OpaqueId)]),
);
export type WebhookData = z.infer<typeof WebhookData>;

export const WebhookEnvelope = z.object({
  id: OpaqueId,
  type: WebhookEventType,
  created: Timestamp,
  data: WebhookData,
});
export type WebhookEnvelope = z.infer<typeof WebhookEnvelope>;

/** `Xinqiao-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`. */
export const signatureHeader = 'xinqiao-signature';
export const SignatureHeaderValue = z
  .string()
  .check(z.regex(/^t=\d+,v1=[0-9a-f]{64}(,v1=[0-9a-f]{64})*$/));
