import type { FastifyInstance } from 'fastify';
import * as z from 'zod/mini';
import { Contact, ContactCreate, ContactList } from '@xinqiao/contracts/contacts';
import { ErrorBody } from '@xinqiao/contracts/errors';
import { OpaqueId } from '@xinqiao/contracts/ids';
import type { Role } from '@xinqiao/contracts/memberships';
import { openField, sealField } from '../crypto/data-keys.js';
import { shanghaiDate } from '../dates.js';
import { AppError } from '../http/app-error.js';
import { typed } from '../http/zod.js';
import { newId } from '../ids.js';
import { decide } from '../policy/decide.js';
import { audit } from '../repositories/audit.js';
import { studentContext } from '../pipeline/student-context.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 413: ErrorBody };
const Params = z.strictObject({ studentId: OpaqueId });
/**
 * Staff who may record and read contacts where their `case_timeline` right reaches the student.
 * Not volunteers: they reach students only through a case's pairing, and these have no case.
 */
const staffRoles = ['class_teacher', 'grade_leader', 'counsellor', 'school_admin'] as const;
/** A device clock a little ahead is fine; a visit next week is a typo. */
const futureSkewMs = 10 * 60_000;

/**
 * Home visits and mentor meetings for any student, with or without a case (issue #5). Who may
 * record and list them follows the `case_timeline` column of the matrix; the note follows
 * `notes` (counsellors only). Every read and write is audited.
 */
export async function contactRoutes(app: FastifyInstance): Promise<void> {
  const r = typed(app);
  const { database, clock, dataKeys } = app.deps;

  async function gate(request: Parameters<typeof audit>[1], studentId: string) {
    const p = request.principal;
    if (p.kind !== 'embed_token') throw new AppError('forbidden');
    const now = clock.now();
    const today = shanghaiDate(now);
    const s = await studentContext(database.db, p.tenantId, studentId, today);
    if (!s) throw new AppError('not_found');
    const target = { tenantId: p.tenantId, studentId, chain: s.chain };
    const d = await decide(database.db, p, 'case_timeline', target, today);
    if (!d.allowed) throw new AppError('not_found');
    return { p, s, d, now, target, today };
  }

  r.post(
    '/v1/students/:studentId/contacts',
    {
      config: {
        access: { principals: ['embed_token'], resource: 'case_timeline', roles: staffRoles },
      },
      schema: {
        tags: ['cases'],
        summary: 'Record a home visit or a mentor meeting (with or without a case)',
        params: Params,
        body: ContactCreate,
        response: { 201: Contact, ...errors },
      },
    },
    async (request, reply) => {
      const b = request.body;
      const { p, s, d, now } = await gate(request, request.params.studentId);
      const at = new Date(b.at);
      if (at.getTime() > now.getTime() + futureSkewMs)
        throw new AppError('validation_failed', undefined, {
          issues: [{ path: ['at'], message: 'must not be in the future' }],
        });
      const id = newId('con', now);
      const role = d.role as Role;
      await database.db.transaction().execute(async (trx) => {
        const key = b.note
          ? await dataKeys.getOrCreate(trx, p.tenantId, s.studentId, now)
          : undefined;
        await trx
          .insertInto('student_contacts')
          .values({
            id,
            tenant_id: p.tenantId,
            student_id: s.studentId,
            school_id: s.schoolId,
            class_id: s.classId,
            kind: b.kind,
            at,
            recorded_by_id: p.userId,
            recorded_by_role: role,
            note_enc:
              key && b.note ? sealField(key, s.studentId, `contact:${id}:note`, b.note) : null,
            created_at: now,
          })
          .execute();
        await audit(
          trx,
          request,
          {
            action: 'write',
            resource: 'student_contact',
            subjectId: s.studentId,
            orgUnitId: s.classId,
            schoolId: s.schoolId,
            purpose: b.kind,
            role,
            roleUnitId: d.orgUnit,
          },
          now,
        );
      });
      reply.status(201);
      return {
        id,
        studentId: s.studentId,
        kind: b.kind,
        at: at.toISOString(),
        recordedBy: { id: p.userId, role },
        hasNote: b.note !== undefined,
        createdAt: now.toISOString(),
      };
    },
  );

  r.get(
    '/v1/students/:studentId/contacts',
    {
      config: {
        access: { principals: ['embed_token'], resource: 'case_timeline', roles: staffRoles },
      },
      schema: {
        tags: ['cases'],
        summary: "A student's home visits and mentor meetings (notes for counsellors only)",
        params: Params,
        response: { 200: ContactList, ...errors },
      },
    },
    async (request) => {
      const { p, s, d, now, target, today } = await gate(request, request.params.studentId);
      // Only a list shows notes: the write path does not ask about them.
      const readsNotes = (await decide(database.db, p, 'notes', target, today)).allowed;
      return database.db.transaction().execute(async (trx) => {
        const rows = await trx
          .selectFrom('student_contacts')
          .selectAll()
          .where('tenant_id', '=', p.tenantId)
          .where('student_id', '=', s.studentId)
          .orderBy('at', 'desc')
          .orderBy('id', 'desc')
          .limit(500)
          .execute();
        const key =
          readsNotes && rows.some((x) => x.note_enc)
            ? await dataKeys.get(trx, p.tenantId, s.studentId)
            : undefined;
        await audit(
          trx,
          request,
          {
            action: 'read',
            resource: 'student_contact',
            subjectId: s.studentId,
            orgUnitId: s.classId,
            schoolId: s.schoolId,
            purpose: readsNotes ? 'contact_notes_read' : 'contact_list_read',
            role: d.role === 'secret_key' ? null : d.role,
            roleUnitId: d.orgUnit,
          },
          now,
        );
        return {
          data: rows.map((x) => ({
            id: x.id,
            studentId: x.student_id,
            kind: x.kind,
            at: x.at.toISOString(),
            recordedBy: { id: x.recorded_by_id, role: x.recorded_by_role as Role },
            ...(key && x.note_enc
              ? { note: openField(key, x.student_id, `contact:${x.id}:note`, x.note_enc) }
              : {}),
            hasNote: x.note_enc !== null,
            createdAt: x.created_at.toISOString(),
          })),
        };
      });
    },
  );
}
