import * as z from 'zod/mini';
import { OpaqueId, Timestamp } from './ids.js';
import { Role } from './memberships.js';

/**
 * The audit log: every read and write of a student's sensitive records, append-only. Entries
 * carry opaque ids only (actor, subject, unit), never names or content.
 */
export const auditActions = ['read', 'write', 'export', 'erase'] as const;
export const AuditAction = z.enum(auditActions);

export const AuditEntry = z.object({
  id: OpaqueId,
  at: Timestamp,
  actor: z.object({
    kind: z.enum(['secret_key', 'embed_token', 'system']),
    id: z.nullable(z.string()),
    role: z.nullable(z.union([Role, z.literal('secret_key')])),
    orgUnit: z.nullable(OpaqueId),
  }),
  action: AuditAction,
  resource: z.string(),
  subjectId: z.nullable(OpaqueId),
  orgUnitId: z.nullable(OpaqueId),
  purpose: z.string(),
  requestId: z.nullable(z.string()),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

/** `GET /v1/audit` query: newest first, cursor pagination. */
export const AuditQuery = z.strictObject({
  subjectId: z.optional(OpaqueId),
  schoolId: z.optional(OpaqueId),
  cursor: z.optional(z.string().check(z.minLength(1), z.maxLength(512))),
  limit: z.optional(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100))),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditPage = z.object({
  data: z.array(AuditEntry),
  nextCursor: z.nullable(z.string()),
});
export type AuditPage = z.infer<typeof AuditPage>;
