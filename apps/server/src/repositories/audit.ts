import type { FastifyRequest } from 'fastify';
import type { AuditEntry } from '@xinqiao/contracts/audit';
import type { Executor } from '../db/types.js';
import { newId } from '../ids.js';

export interface AuditEvent {
  action: 'read' | 'write' | 'export' | 'erase';
  resource: string;
  subjectId?: string | null;
  orgUnitId?: string | null;
  schoolId?: string | null;
  purpose: string;
  /** The (role, unit) the policy granted this under. */
  role?: string | null;
  roleUnitId?: string | null;
}

/** Appends one audit row, in the caller's transaction (the row exists iff the access happened). */
export async function audit(
  db: Executor,
  request: FastifyRequest,
  event: AuditEvent,
  now: Date,
): Promise<void> {
  const p = request.principal;
  if (p.kind === 'public') throw new Error('audit needs a tenant principal');
  await db
    .insertInto('audit_log')
    .values({
      id: newId('aud', now),
      tenant_id: p.tenantId,
      at: now,
      actor_kind: p.kind,
      actor_id: p.kind === 'secret_key' ? p.keyId : p.userId,
      actor_role: event.role ?? (p.kind === 'secret_key' ? 'secret_key' : null),
      actor_unit_id: event.roleUnitId ?? null,
      action: event.action,
      resource: event.resource,
      subject_id: event.subjectId ?? null,
      org_unit_id: event.orgUnitId ?? null,
      school_id: event.schoolId ?? null,
      purpose: event.purpose,
      request_id: request.id,
    })
    .execute();
}

/** An audit row for the server's own jobs (retention), with actor kind `system`. */
export async function auditSystem(
  db: Executor,
  tenantId: string,
  event: AuditEvent,
  now: Date,
): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      id: newId('aud', now),
      tenant_id: tenantId,
      at: now,
      actor_kind: 'system',
      actor_id: null,
      actor_role: null,
      actor_unit_id: null,
      action: event.action,
      resource: event.resource,
      subject_id: event.subjectId ?? null,
      org_unit_id: event.orgUnitId ?? null,
      school_id: event.schoolId ?? null,
      purpose: event.purpose,
      request_id: null,
    })
    .execute();
}

type Row = {
  id: string;
  at: Date;
  actor_kind: string;
  actor_id: string | null;
  actor_role: string | null;
  actor_unit_id: string | null;
  action: string;
  resource: string;
  subject_id: string | null;
  org_unit_id: string | null;
  purpose: string;
  request_id: string | null;
};

const toEntry = (r: Row): AuditEntry => ({
  id: r.id,
  at: r.at.toISOString(),
  actor: {
    kind: r.actor_kind as AuditEntry['actor']['kind'],
    id: r.actor_id,
    role: r.actor_role as AuditEntry['actor']['role'],
    orgUnit: r.actor_unit_id,
  },
  action: r.action as AuditEntry['action'],
  resource: r.resource,
  subjectId: r.subject_id,
  orgUnitId: r.org_unit_id,
  purpose: r.purpose,
  requestId: r.request_id,
});

/** Newest first; `schoolIds` undefined = the whole tenant. */
export async function listAudit(
  db: Executor,
  q: { tenantId: string; schoolIds?: string[]; subjectId?: string; before?: string; limit: number },
): Promise<{ data: AuditEntry[]; nextCursor: string | null }> {
  let query = db
    .selectFrom('audit_log')
    .select([
      'id',
      'at',
      'actor_kind',
      'actor_id',
      'actor_role',
      'actor_unit_id',
      'action',
      'resource',
      'subject_id',
      'org_unit_id',
      'purpose',
      'request_id',
    ])
    .where('tenant_id', '=', q.tenantId)
    .orderBy('id', 'desc')
    .limit(q.limit + 1);
  if (q.schoolIds)
    query = q.schoolIds.length
      ? query.where('school_id', 'in', q.schoolIds)
      : query.where(() => sqlFalse);
  if (q.subjectId) query = query.where('subject_id', '=', q.subjectId);
  if (q.before) query = query.where('id', '<', q.before);
  const rows = await query.execute();
  const page = rows.slice(0, q.limit);
  return {
    data: page.map(toEntry),
    nextCursor: rows.length > q.limit ? page[page.length - 1]!.id : null,
  };
}

import { sql } from 'kysely';
const sqlFalse = sql<boolean>`false`;
