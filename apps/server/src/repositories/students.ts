import type { Role } from '@xinqiao/contracts/memberships';
import type { StudentExport } from '@xinqiao/contracts/students';
import { openField, type DataKeys } from '../crypto/data-keys.js';
import type { Executor } from '../db/types.js';

export async function findStudent(db: Executor, tenantId: string, studentId: string) {
  return db
    .selectFrom('people')
    .select(['id', 'external_id', 'name_enc', 'birth_month_enc', 'erased_at'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', studentId)
    .executeTakeFirst();
}

/** The class a student is or was last enrolled in (for the policy's unit chain). */
export async function lastStudentClass(
  db: Executor,
  tenantId: string,
  studentId: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('memberships')
    .select('org_unit_id')
    .where('tenant_id', '=', tenantId)
    .where('person_id', '=', studentId)
    .where('role', '=', 'student')
    .orderBy('started_on', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  return row?.org_unit_id;
}

export async function exportStudent(
  db: Executor,
  keys: DataKeys,
  tenantId: string,
  studentId: string,
  now: Date,
): Promise<StudentExport | undefined> {
  const person = await findStudent(db, tenantId, studentId);
  if (!person) return undefined;
  const key = person.erased_at ? undefined : await keys.get(db, tenantId, person.id);
  const memberships = await db
    .selectFrom('memberships')
    .select(['role', 'org_unit_id', 'started_on', 'ended_on'])
    .where('tenant_id', '=', tenantId)
    .where('person_id', '=', studentId)
    .orderBy('started_on')
    .execute();
  const guardians = await db
    .selectFrom('guardianships')
    .select(['guardian_id', 'started_on', 'ended_on'])
    .where('tenant_id', '=', tenantId)
    .where('student_id', '=', studentId)
    .orderBy('started_on')
    .execute();
  const open = (field: string, enc: Uint8Array | null) =>
    key && enc ? openField(key, person.id, field, enc) : null;
  const history = await heldAbout(db, tenantId, studentId);
  return {
    id: person.id,
    externalId: person.external_id,
    name: key && person.name_enc ? openField(key, person.id, 'name', person.name_enc) : null,
    birthMonth:
      key && person.birth_month_enc
        ? openField(key, person.id, 'birth_month', person.birth_month_enc)
        : null,
    memberships: memberships.map((m) => ({
      role: m.role as Role,
      orgUnit: m.org_unit_id,
      startedOn: m.started_on,
      endedOn: m.ended_on,
    })),
    guardians: guardians.map((g) => ({
      id: g.guardian_id,
      startedOn: g.started_on,
      endedOn: g.ended_on,
    })),
    consents: history.consents.map((c) => ({
      kind: c.kind,
      granted: c.granted,
      campaignId: c.campaign_id,
      recordedAt: c.recorded_at.toISOString(),
    })),
    screenings: history.screenings.map((x) => {
      const answers = open(`screening:${x.id}:answers`, x.answers_enc);
      return {
        id: x.id,
        campaignId: x.campaign_id,
        respondent: x.respondent_kind,
        submittedAt: x.submitted_at.toISOString(),
        tier: x.tier,
        responses: answers === null ? null : (JSON.parse(answers) as unknown),
      };
    }),
    safetySignals: history.signals.map((x) => ({
      id: x.id,
      flag: x.flag,
      recordedAt: x.recorded_at.toISOString(),
    })),
    concerns: history.concerns.map((x) => ({
      id: x.id,
      kind: x.kind,
      tier: x.tier,
      createdAt: x.created_at.toISOString(),
      note: open(`concern:${x.id}:note`, x.note_enc),
    })),
    cases: history.cases.map((c) => ({
      id: c.id,
      state: c.state,
      openedAt: c.opened_at.toISOString(),
      closedAt: c.closed_at ? c.closed_at.toISOString() : null,
      events: history.events
        .filter((e) => e.case_id === c.id)
        .map((e) => ({
          type: e.type,
          at: e.at.toISOString(),
          occurredAt: (e.occurred_at ?? e.at).toISOString(),
          contactKind: e.contact_kind,
          note: open(`case_event:${e.id}:note`, e.note_enc),
        })),
    })),
    contacts: history.contacts.map((x) => ({
      kind: x.kind,
      at: x.at.toISOString(),
      note: open(`contact:${x.id}:note`, x.note_enc),
    })),
    parentSchoolSignups: history.signups.map((x) => ({
      sessionId: x.session_id,
      guardianId: x.guardian_id,
      state: x.state,
      createdAt: x.created_at.toISOString(),
      checkedInAt: x.checked_in_at ? x.checked_in_at.toISOString() : null,
    })),
    erasedAt: person.erased_at ? person.erased_at.toISOString() : null,
    exportedAt: now.toISOString(),
  };
}

/** Every row held about a student beyond the roster, oldest first, for the export. */
async function heldAbout(db: Executor, tenantId: string, studentId: string) {
  return {
    consents: await db
      .selectFrom('consents')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('student_id', '=', studentId)
      .orderBy('recorded_at')
      .execute(),
    screenings: await db
      .selectFrom('screenings')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('student_id', '=', studentId)
      .orderBy('submitted_at')
      .execute(),
    signals: await db
      .selectFrom('safety_signals')
      .select(['id', 'flag', 'recorded_at'])
      .where('tenant_id', '=', tenantId)
      .where('student_id', '=', studentId)
      .orderBy('recorded_at')
      .execute(),
    concerns: await db
      .selectFrom('concerns')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('student_id', '=', studentId)
      .orderBy('created_at')
      .execute(),
    cases: await db
      .selectFrom('cases')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('student_id', '=', studentId)
      .orderBy('opened_at')
      .execute(),
    events: await db
      .selectFrom('case_events')
      .innerJoin('cases', 'cases.id', 'case_events.case_id')
      .select([
        'case_events.id',
        'case_events.case_id',
        'case_events.type',
        'case_events.at',
        'case_events.occurred_at',
        'case_events.contact_kind',
        'case_events.note_enc',
      ])
      .where('cases.tenant_id', '=', tenantId)
      .where('cases.student_id', '=', studentId)
      .orderBy('case_events.at')
      .orderBy('case_events.id')
      .execute(),
    signups: await db
      .selectFrom('parent_school_signups')
      .select(['session_id', 'guardian_id', 'state', 'created_at', 'checked_in_at'])
      .where('tenant_id', '=', tenantId)
      .where('student_id', '=', studentId)
      .orderBy('created_at')
      .execute(),
    contacts: await db
      .selectFrom('student_contacts')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('student_id', '=', studentId)
      .orderBy('at')
      .execute(),
  };
}

/**
 * Erases a student: destroys their data key (crypto-shredding), drops the sealed fields, ends
 * their memberships and guardian links today. Returns the erasure time (the first one if the
 * student was already erased).
 */
export async function eraseStudent(
  trx: Executor,
  keys: DataKeys,
  tenantId: string,
  studentId: string,
  today: string,
  now: Date,
): Promise<Date> {
  const person = await findStudent(trx, tenantId, studentId);
  if (!person) throw new Error('no such student');
  if (person.erased_at) return person.erased_at;
  await keys.destroy(trx, tenantId, studentId);
  await trx
    .updateTable('people')
    .set({ name_enc: null, birth_month_enc: null, erased_at: now })
    .where('id', '=', studentId)
    .execute();
  await trx
    .updateTable('memberships')
    .set({ ended_on: today })
    .where('tenant_id', '=', tenantId)
    .where('person_id', '=', studentId)
    .where('ended_on', 'is', null)
    .execute();
  await trx
    .updateTable('guardianships')
    .set({ ended_on: today })
    .where('tenant_id', '=', tenantId)
    .where('student_id', '=', studentId)
    .where('ended_on', 'is', null)
    .execute();
  return now;
}
