import * as z from 'zod/mini';
import { Flag } from './instruments.js';
import { OpaqueId, Timestamp } from './ids.js';
import { Role } from './memberships.js';

/**
 * Alerts of the four-level warning network (ARCHITECTURE §3). Routing, deadlines and
 * escalation are decided by the server's routing table; these are the shapes on the wire.
 */
export const alertTiers = ['attention', 'high', 'critical'] as const;
export const AlertTier = z.enum(alertTiers);
export type AlertTier = z.infer<typeof AlertTier>;

export const alertStates = ['open', 'acknowledged'] as const;
export const alertSources = ['screening', 'safety_signal', 'concern'] as const;

export const AlertRecipient = z.object({
  personId: OpaqueId,
  role: z.union([Role, z.literal('on_call')]),
  level: z.number(),
  /** This rung was empty below, so the alert came here at once. */
  viaGap: z.boolean(),
  notifiedAt: Timestamp,
});

/** Full view (counsellors, school admins, class teachers of the class, grade leaders once escalated to them). */
export const Alert = z.object({
  id: OpaqueId,
  studentId: OpaqueId,
  orgUnitId: OpaqueId,
  schoolId: OpaqueId,
  tier: AlertTier,
  flags: z.array(Flag),
  source: z.enum(alertSources),
  sourceId: OpaqueId,
  state: z.enum(alertStates),
  level: z.number(),
  createdAt: Timestamp,
  dueAt: Timestamp,
  overdue: z.boolean(),
  acknowledgedAt: z.nullable(Timestamp),
  acknowledgedBy: z.nullable(OpaqueId),
  recipients: z.array(AlertRecipient),
  recommendedAction: z.string(),
});
export type Alert = z.infer<typeof Alert>;

/** The portal's backend sees ids only (it fetches details with the recipient's own token). */
export const AlertIds = z.object({
  id: OpaqueId,
  orgUnitId: OpaqueId,
  state: z.enum(alertStates),
  createdAt: Timestamp,
});

export const AlertQuery = z.strictObject({
  state: z.optional(z.enum(alertStates)),
  schoolId: z.optional(OpaqueId),
  cursor: z.optional(z.string().check(z.minLength(1), z.maxLength(512))),
  limit: z.optional(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100))),
});

/** District admins: an identity-free count of overdue critical alerts per region only. */
export const IdentityFreeCounts = z.object({
  openCritical: z.number(),
  overdueCritical: z.number(),
});

export const AlertList = z.object({
  data: z.array(z.union([Alert, AlertIds])),
  nextCursor: z.nullable(z.string()),
  identityFreeCounts: z.optional(IdentityFreeCounts),
});
export type AlertList = z.infer<typeof AlertList>;

/** `POST /v1/alerts/:id/acknowledge`: no body fields yet (what was done is recorded on the case). */
export const AlertAcknowledge = z.strictObject({});
