import type { FastifyInstance, FastifyRequest } from 'fastify';
import * as z from 'zod/mini';
import { accessOf } from '@xinqiao/contracts/authorization';
import { ErrorBody } from '@xinqiao/contracts/errors';
import { OpaqueId } from '@xinqiao/contracts/ids';
import type { Role } from '@xinqiao/contracts/memberships';
import {
  defaultCoverageYears,
  ParentSchoolAttendeeList,
  ParentSchoolCheckIn,
  ParentSchoolChildren,
  ParentSchoolCoverage,
  ParentSchoolCoverageQuery,
  ParentSchoolSession,
  ParentSchoolSessionCancel,
  ParentSchoolSessionCreate,
  ParentSchoolSessionList,
  ParentSchoolSessionQuery,
  ParentSchoolSessionUpdate,
  ParentSchoolSessionView,
  ParentSchoolSignup,
  ParentSchoolSignupCancel,
  ParentSchoolSignupCreate,
} from '@xinqiao/contracts/parent-school';
import { rolesFor } from '@xinqiao/contracts/permissions';
import { tenantOf } from '../auth/authenticate.js';
import type { Principal } from '../auth/principal.js';
import { openField, type DataKeys } from '../crypto/data-keys.js';
import { shanghaiDate } from '../dates.js';
import type { Executor } from '../db/types.js';
import type { RouteAccess } from '../http/access.js';
import { AppError } from '../http/app-error.js';
import { typed } from '../http/zod.js';
import { newId } from '../ids.js';
import { decide, decideAction } from '../policy/decide.js';
import { schoolOf, schoolsUnder, unitChain } from '../policy/units.js';
import { audit } from '../repositories/audit.js';
import {
  audienceOf,
  eligibleChildren,
  guardianChildren,
  sees,
  staffRoles,
  type Audience,
} from '../parent-school/audience.js';
import { sessionCalendar } from '../parent-school/calendar.js';
import { reachByClass, reachOf } from '../parent-school/coverage.js';
import {
  checkShape,
  loadSession,
  replaceTargets,
  resolveTargets,
  rowFromCreate,
  seatCounts,
  sessionToWire,
  targetsChild,
  targetsOf,
  type SessionRecord,
} from '../parent-school/sessions.js';
import {
  cancelSession,
  cancelSignup,
  checkIn,
  createSignup,
  loadSignup,
  promoteWaitlist,
  signupToWire,
  waitlistPositions,
  type SignupRow,
} from '../parent-school/signups.js';

/**
 * Parent school (家长学校), issue #4. Sessions are managed by school admins and counsellors of
 * every target school (platform action `parent_school.manage`) or the portal's secret key;
 * signups, attendee lists, check-ins and coverage are the matrix resource `parent_school`
 * (contracts/authorization): guardians reach their own children's signups, class teachers /
 * grade leaders / counsellors / school admins their class / grade / school, district admins and
 * the portal only the families-reached counts. Every change of seats happens in one transaction
 * that first locks the session row.
 */
const errors = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
  409: ErrorBody,
  422: ErrorBody,
};
const tags = ['parent-school'];
const both: Array<Record<string, string[]>> = [{ secretKey: [] }, { embedToken: [] }];
const tokenOnly: Array<Record<string, string[]>> = [{ embedToken: [] }];

const manage: RouteAccess = {
  principals: ['secret_key', 'embed_token'],
  resource: 'none',
  roles: rolesFor('parent_school.manage'),
  action: 'parent_school.manage',
};
const readSessions: RouteAccess = {
  principals: ['secret_key', 'embed_token'],
  resource: 'parent_school',
  roles: ['guardian', ...staffRoles, 'district_admin'],
};
const guardianOnly: RouteAccess = {
  principals: ['embed_token'],
  resource: 'parent_school',
  roles: rolesFor('parent_school.signup'),
  action: 'parent_school.signup',
};
const cancelAccess: RouteAccess = {
  principals: ['embed_token'],
  resource: 'parent_school',
  roles: [...rolesFor('parent_school.signup'), ...rolesFor('parent_school.manage')],
};
const attendeesAccess: RouteAccess = {
  principals: ['embed_token'],
  resource: 'parent_school',
  roles: staffRoles,
};
const checkInAccess: RouteAccess = {
  principals: ['embed_token'],
  resource: 'parent_school',
  roles: rolesFor('parent_school.check_in'),
  action: 'parent_school.check_in',
};
const coverageAccess: RouteAccess = {
  principals: ['secret_key', 'embed_token'],
  resource: 'parent_school',
};

const SessionParams = z.strictObject({ sessionId: OpaqueId });
const SignupParams = z.strictObject({ sessionId: OpaqueId, signupId: OpaqueId });

type Embed = Extract<Principal, { kind: 'embed_token' }>;
const embed = (request: FastifyRequest): Embed => {
  const p = request.principal;
  if (p.kind !== 'embed_token') throw new AppError('forbidden');
  return p;
};
/** The same caller with only the pairs of these roles (rights never combine across roles). */
const onlyRoles = (p: Embed, roles: readonly Role[]): Embed => ({
  ...p,
  memberships: p.memberships.filter((m) => roles.includes(m.role)),
});
const actorOf = (p: Principal) =>
  p.kind === 'secret_key' ? p.keyId : p.kind === 'embed_token' ? p.userId : 'public';

async function nameOf(
  db: Executor,
  keys: DataKeys,
  tenantId: string,
  personId: string,
): Promise<string | null> {
  const row = await db
    .selectFrom('people')
    .select(['name_enc', 'erased_at'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', personId)
    .executeTakeFirst();
  if (!row?.name_enc || row.erased_at) return null;
  const key = await keys.get(db, tenantId, personId);
  return key ? openField(key, personId, 'name', row.name_enc) : null;
}

/** Where a staff caller's `parent_school` reach is anchored: schools, grades and classes. */
async function staffAnchors(db: Executor, p: Embed, tenantId: string) {
  const out = {
    schools: new Set<string>(),
    grades: new Set<string>(),
    classes: new Set<string>(),
    /** Schools the anchors lie in. */
    inSchools: new Set<string>(),
    grant: undefined as { role: Role; orgUnit: string } | undefined,
  };
  const kindOf = { own_school: 'school', own_grade: 'grade', own_class: 'class' } as const;
  for (const m of p.memberships) {
    if (!(staffRoles as readonly Role[]).includes(m.role)) continue;
    const reach = accessOf(m.role, 'parent_school').reach;
    const kind = kindOf[reach as keyof typeof kindOf];
    if (!kind) continue;
    const chain = await unitChain(db, tenantId, m.orgUnit);
    const anchor = chain.find((u) => u.kind === kind);
    const school = schoolOf(chain);
    if (!anchor || !school) continue;
    ({ school: out.schools, grade: out.grades, class: out.classes })[kind].add(anchor.id);
    out.inSchools.add(school);
    out.grant ??= { role: m.role, orgUnit: m.orgUnit };
  }
  return out;
}

const signupReachChain = (db: Executor, tenantId: string, s: SignupRow) =>
  unitChain(db, tenantId, s.class_id ?? s.grade_id ?? s.school_id);

/** Cursor of the session list: the last row's (startsAt, id). */
const encodeCursor = (startsAt: Date, id: string) =>
  Buffer.from(JSON.stringify([startsAt.toISOString(), id])).toString('base64url');
function decodeCursor(cursor: string): { at: Date; id: string } {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof at === 'string' && typeof id === 'string' && !Number.isNaN(Date.parse(at)))
      return { at: new Date(at), id };
  } catch {
    // fall through
  }
  throw new AppError('validation_failed', undefined, {
    issues: [{ path: ['cursor'], message: 'invalid cursor' }],
  });
}

/** The two years (by default) ending on `to`: from = the day after `to` minus two years. */
function defaultFrom(to: string): string {
  const [y, m, d] = to.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y - defaultCoverageYears, m - 1, d + 1)).toISOString().slice(0, 10);
}

/** A session locked for update (seats are counted under this lock) and one of its signups; 404 otherwise. */
async function lockedSignup(
  trx: Executor,
  tenantId: string,
  params: { sessionId: string; signupId: string },
) {
  const rec = await loadSession(trx, tenantId, params.sessionId, { forUpdate: true });
  if (!rec) throw new AppError('not_found');
  const signup = await loadSignup(trx, tenantId, rec.row.id, params.signupId);
  if (!signup) throw new AppError('not_found');
  return { rec, signup };
}

export async function parentSchoolRoutes(app: FastifyInstance): Promise<void> {
  const r = typed(app);
  const { database, clock, dataKeys } = app.deps;

  /** Sessions as one audience sees them, with the guardian's signups and eligible children. */
  async function views(db: Executor, a: Audience, recs: SessionRecord[], now: Date) {
    const ids = recs.map((x) => x.row.id);
    const seats = await seatCounts(db, ids);
    const mine =
      a.familyKeys.size && ids.length
        ? await db
            .selectFrom('parent_school_signups')
            .selectAll()
            .where('session_id', 'in', ids)
            .where('family_key', 'in', [...a.familyKeys])
            .orderBy('created_at')
            .orderBy('id')
            .execute()
        : [];
    const positions = new Map<string, number>();
    for (const sessionId of new Set(
      mine.filter((s) => s.state === 'waitlisted').map((s) => s.session_id),
    ))
      for (const [id, pos] of await waitlistPositions(db, sessionId)) positions.set(id, pos);
    return {
      mineCount: mine.length,
      data: recs.map((rec) => ({
        ...sessionToWire(rec, seats.get(rec.row.id)!, now),
        mySignups: mine
          .filter((s) => s.session_id === rec.row.id)
          .map((s) => signupToWire(s, positions.get(s.id) ?? null)),
        eligibleChildIds: eligibleChildren(a, rec.targets).map((c) => c.studentId),
      })),
    };
  }

  const auditFamilyRead = (
    request: FastifyRequest,
    a: Audience,
    count: number,
    purpose: string,
    now: Date,
  ) =>
    count
      ? audit(
          database.db,
          request,
          {
            action: 'read',
            resource: 'parent_school',
            subjectId: a.children[0]?.studentId ?? null,
            schoolId: a.children[0]?.schoolId ?? null,
            purpose,
            role: 'guardian',
          },
          now,
        )
      : undefined;

  // ---- sessions ----

  r.post(
    '/v1/parent-school/sessions',
    {
      config: { access: manage },
      schema: {
        tags,
        summary: 'Create a parent-school session for some schools (and grades)',
        security: both,
        body: ParentSchoolSessionCreate,
        response: { 201: ParentSchoolSession, ...errors },
      },
    },
    async (request, reply) => {
      const tenantId = tenantOf(request);
      const b = request.body;
      const now = clock.now();
      checkShape({
        mode: b.mode,
        place: b.place,
        link: b.link,
        startsAt: new Date(b.startsAt),
        endsAt: new Date(b.endsAt),
      });
      const rec = await database.db.transaction().execute(async (trx) => {
        const targets = await resolveTargets(
          trx,
          request.principal,
          tenantId,
          b.schoolIds,
          b.gradeIds ?? [],
        );
        const row = rowFromCreate(newId('pss', now), tenantId, b, actorOf(request.principal), now);
        await trx.insertInto('parent_school_sessions').values(row).execute();
        await replaceTargets(trx, tenantId, row.id, targets);
        return (await loadSession(trx, tenantId, row.id))!;
      });
      reply.status(201);
      return sessionToWire(rec, { taken: 0, waitlisted: 0 }, now);
    },
  );

  r.patch(
    '/v1/parent-school/sessions/:sessionId',
    {
      config: { access: manage },
      schema: {
        tags,
        summary: 'Edit a session (raising the capacity promotes the waitlist)',
        security: both,
        params: SessionParams,
        body: ParentSchoolSessionUpdate,
        response: { 200: ParentSchoolSession, ...errors },
      },
    },
    async (request) => {
      const tenantId = tenantOf(request);
      const b = request.body;
      const now = clock.now();
      return database.db.transaction().execute(async (trx) => {
        const rec = await loadSession(trx, tenantId, request.params.sessionId, {
          forUpdate: true,
        });
        if (!rec) throw new AppError('not_found');
        // Manage rights on the schools it targets now, and on any new ones.
        await resolveTargets(
          trx,
          request.principal,
          tenantId,
          rec.targets.map((t) => t.schoolId),
          [],
        );
        const targets = b.schoolIds
          ? await resolveTargets(trx, request.principal, tenantId, b.schoolIds, b.gradeIds ?? [])
          : b.gradeIds
            ? await resolveTargets(
                trx,
                request.principal,
                tenantId,
                rec.targets.map((t) => t.schoolId),
                b.gradeIds,
              )
            : undefined;
        const row = rec.row;
        if (row.status === 'cancelled')
          throw new AppError('conflict', 'session cancelled', { reason: 'session_cancelled' });
        const mode = b.mode ?? row.mode;
        const place = b.place !== undefined ? b.place : row.place;
        const link = b.link !== undefined ? b.link : row.link;
        const startsAt = b.startsAt ? new Date(b.startsAt) : row.starts_at;
        const endsAt = b.endsAt ? new Date(b.endsAt) : row.ends_at;
        checkShape({ mode, place, link, startsAt, endsAt });
        const seats = (await seatCounts(trx, [row.id])).get(row.id)!;
        if (b.capacity !== undefined && b.capacity < seats.taken)
          throw new AppError('conflict', 'capacity below confirmed seats', {
            reason: 'capacity_below_confirmed',
            seatsTaken: seats.taken,
          });
        await trx
          .updateTable('parent_school_sessions')
          .set({
            ...(b.title !== undefined ? { title: b.title } : {}),
            ...(b.topic !== undefined ? { topic: b.topic } : {}),
            ...(b.speaker !== undefined ? { speaker: b.speaker } : {}),
            ...(b.description !== undefined ? { description: b.description } : {}),
            ...(b.capacity !== undefined ? { capacity: b.capacity } : {}),
            mode,
            place: mode === 'offline' ? place : null,
            link: mode === 'online' ? link : null,
            starts_at: startsAt,
            ends_at: endsAt,
            updated_at: now,
          })
          .where('id', '=', row.id)
          .execute();
        if (targets) await replaceTargets(trx, tenantId, row.id, targets);
        const fresh = (await loadSession(trx, tenantId, row.id))!;
        await promoteWaitlist(trx, fresh.row, now);
        return sessionToWire(fresh, (await seatCounts(trx, [row.id])).get(row.id)!, now);
      });
    },
  );

  r.post(
    '/v1/parent-school/sessions/:sessionId/cancel',
    {
      config: { access: manage },
      schema: {
        tags,
        summary: 'Cancel a session and every active signup on it (repeating it answers the same)',
        security: both,
        params: SessionParams,
        body: z.optional(z.nullable(ParentSchoolSessionCancel)),
        response: { 200: ParentSchoolSession, ...errors },
      },
    },
    async (request) => {
      const tenantId = tenantOf(request);
      const now = clock.now();
      return database.db.transaction().execute(async (trx) => {
        const rec = await loadSession(trx, tenantId, request.params.sessionId, {
          forUpdate: true,
        });
        if (!rec) throw new AppError('not_found');
        await resolveTargets(
          trx,
          request.principal,
          tenantId,
          rec.targets.map((t) => t.schoolId),
          [],
        );
        if (rec.row.status !== 'cancelled') {
          if (rec.row.ends_at.getTime() <= now.getTime())
            throw new AppError('conflict', 'session completed', { reason: 'session_completed' });
          await cancelSession(trx, rec.row, actorOf(request.principal), now);
        }
        const fresh = (await loadSession(trx, tenantId, rec.row.id))!;
        return sessionToWire(fresh, (await seatCounts(trx, [rec.row.id])).get(rec.row.id)!, now);
      });
    },
  );

  r.get(
    '/v1/parent-school/sessions',
    {
      config: { access: readSessions },
      schema: {
        tags,
        summary:
          "Sessions for the caller: a guardian's children's schools and grades (with the family's signups), staff's schools, or the whole tenant",
        security: both,
        querystring: ParentSchoolSessionQuery,
        response: { 200: ParentSchoolSessionList, ...errors },
      },
    },
    async (request) => {
      const tenantId = tenantOf(request);
      const q = request.query;
      const now = clock.now();
      const db = database.db;
      const a = await audienceOf(db, request.principal, shanghaiDate(now));
      const when = q.when ?? 'upcoming';
      const limit = q.limit ?? 50;
      const unit = async (id: string, kind: 'school' | 'grade') => {
        const u = await db
          .selectFrom('org_units')
          .select(['id', 'school_id'])
          .where('tenant_id', '=', tenantId)
          .where('id', '=', id)
          .where('kind', '=', kind)
          .executeTakeFirst();
        if (!u) throw new AppError('not_found');
        return u;
      };
      const school = q.schoolId ? await unit(q.schoolId, 'school') : undefined;
      const grade = q.gradeId ? await unit(q.gradeId, 'grade') : undefined;
      if (!a.all && !a.schools.size && !a.children.length) return { data: [], nextCursor: null };

      let query = db
        .selectFrom('parent_school_sessions as s')
        .selectAll('s')
        .where('s.tenant_id', '=', tenantId);
      if (!a.all) {
        query = query.where(({ exists, selectFrom }) =>
          exists(
            selectFrom('parent_school_targets as t')
              .select('t.session_id')
              .whereRef('t.session_id', '=', 's.id')
              .where((eb) =>
                eb.or([
                  ...(a.schools.size ? [eb('t.school_id', 'in', [...a.schools])] : []),
                  ...a.children.map((c) =>
                    eb.and([
                      eb('t.school_id', '=', c.schoolId),
                      c.gradeId
                        ? eb.or([eb('t.grade_id', 'is', null), eb('t.grade_id', '=', c.gradeId)])
                        : eb('t.grade_id', 'is', null),
                    ]),
                  ),
                ]),
              ),
          ),
        );
        // Guardians see a cancelled session only if their family had signed up for it.
        if (!a.schools.size)
          query = query.where((eb) =>
            eb.or([
              eb('s.status', '=', 'scheduled'),
              eb.exists(
                eb
                  .selectFrom('parent_school_signups as g')
                  .select('g.id')
                  .whereRef('g.session_id', '=', 's.id')
                  .where('g.family_key', 'in', [...a.familyKeys]),
              ),
            ]),
          );
      }
      if (school)
        query = query.where(({ exists, selectFrom }) =>
          exists(
            selectFrom('parent_school_targets as t')
              .select('t.session_id')
              .whereRef('t.session_id', '=', 's.id')
              .where('t.school_id', '=', school.id),
          ),
        );
      if (grade)
        query = query.where(({ exists, selectFrom }) =>
          exists(
            selectFrom('parent_school_targets as t')
              .select('t.session_id')
              .whereRef('t.session_id', '=', 's.id')
              .where('t.school_id', '=', grade.school_id ?? '')
              .where((eb) =>
                eb.or([eb('t.grade_id', 'is', null), eb('t.grade_id', '=', grade.id)]),
              ),
          ),
        );
      if (q.mode) query = query.where('s.mode', '=', q.mode);
      if (when === 'upcoming') query = query.where('s.ends_at', '>', now);
      if (when === 'past') query = query.where('s.ends_at', '<=', now);
      const desc = when === 'past';
      if (q.cursor) {
        const c = decodeCursor(q.cursor);
        const op = desc ? '<' : '>';
        query = query.where((eb) =>
          eb.or([
            eb('s.starts_at', op, c.at),
            eb.and([eb('s.starts_at', '=', c.at), eb('s.id', op, c.id)]),
          ]),
        );
      }
      const rows = await query
        .orderBy('s.starts_at', desc ? 'desc' : 'asc')
        .orderBy('s.id', desc ? 'desc' : 'asc')
        .limit(limit + 1)
        .execute();
      const page = rows.slice(0, limit);
      const targets = await targetsOf(
        db,
        page.map((x) => x.id),
      );
      const recs = page.map((row) => ({ row, targets: targets.get(row.id) ?? [] }));
      const v = await views(db, a, recs, now);
      await auditFamilyRead(request, a, v.mineCount, 'parent_school_sessions_list', now);
      const last = page.at(-1);
      return {
        data: v.data,
        nextCursor: rows.length > limit && last ? encodeCursor(last.starts_at, last.id) : null,
      };
    },
  );

  /** A session the caller may see, or a 404. */
  async function visibleSession(request: FastifyRequest, sessionId: string, now: Date) {
    const tenantId = tenantOf(request);
    const rec = await loadSession(database.db, tenantId, sessionId);
    if (!rec) throw new AppError('not_found');
    const a = await audienceOf(database.db, request.principal, shanghaiDate(now));
    if (!sees(a, rec.targets)) throw new AppError('not_found');
    return { rec, a };
  }

  r.get(
    '/v1/parent-school/sessions/:sessionId',
    {
      config: { access: readSessions },
      schema: {
        tags,
        summary: "A session, with seats left and (for a guardian) the family's signups on it",
        security: both,
        params: SessionParams,
        response: { 200: ParentSchoolSessionView, ...errors },
      },
    },
    async (request) => {
      const now = clock.now();
      const { rec, a } = await visibleSession(request, request.params.sessionId, now);
      const v = await views(database.db, a, [rec], now);
      await auditFamilyRead(request, a, v.mineCount, 'parent_school_session_read', now);
      return v.data[0]!;
    },
  );

  r.get(
    '/v1/parent-school/sessions/:sessionId/calendar.ics',
    {
      config: { access: readSessions },
      schema: {
        tags,
        summary: 'The session as an iCalendar file (text/calendar; times as UTC instants)',
        security: both,
        params: SessionParams,
        produces: ['text/calendar'],
      },
    },
    async (request, reply) => {
      const now = clock.now();
      const { rec } = await visibleSession(request, request.params.sessionId, now);
      reply
        .type('text/calendar; charset=utf-8')
        .header('content-disposition', `attachment; filename="parent-school-${rec.row.id}.ics"`);
      return sessionCalendar(rec.row, now);
    },
  );

  // ---- a guardian's children ----

  r.get(
    '/v1/parent-school/children',
    {
      config: { access: guardianOnly },
      schema: {
        tags,
        summary: 'The signed-in guardian’s children enrolled today (whom they may sign up for)',
        security: tokenOnly,
        response: { 200: ParentSchoolChildren, ...errors },
      },
    },
    async (request) => {
      const p = embed(request);
      const now = clock.now();
      const db = database.db;
      const children = await guardianChildren(db, p.tenantId, p.userId, shanghaiDate(now));
      const unitIds = [
        ...new Set(children.flatMap((c) => [c.schoolId, c.classId, c.gradeId ?? c.classId])),
      ];
      const units = unitIds.length
        ? await db
            .selectFrom('org_units')
            .select(['id', 'name'])
            .where('tenant_id', '=', p.tenantId)
            .where('id', 'in', unitIds)
            .execute()
        : [];
      const name = new Map(units.map((u) => [u.id, u.name]));
      const data = [];
      for (const c of children)
        data.push({
          studentId: c.studentId,
          displayName: await nameOf(db, dataKeys, p.tenantId, c.studentId),
          schoolId: c.schoolId,
          schoolName: name.get(c.schoolId) ?? null,
          gradeId: c.gradeId,
          gradeName: c.gradeId ? (name.get(c.gradeId) ?? null) : null,
          classId: c.classId,
          className: name.get(c.classId) ?? null,
        });
      return { data };
    },
  );

  // ---- signups ----

  r.post(
    '/v1/parent-school/sessions/:sessionId/signups',
    {
      config: { access: guardianOnly },
      schema: {
        tags,
        summary:
          'Sign the family up for one of the guardian’s children: confirmed while seats last, else waitlisted',
        security: tokenOnly,
        params: SessionParams,
        body: ParentSchoolSignupCreate,
        response: { 201: ParentSchoolSignup, ...errors },
      },
    },
    async (request, reply) => {
      const p = embed(request);
      const now = clock.now();
      const today = shanghaiDate(now);
      const b = request.body;
      const signup = await database.db.transaction().execute(async (trx) => {
        const rec = await loadSession(trx, p.tenantId, request.params.sessionId, {
          forUpdate: true,
        });
        if (!rec) throw new AppError('not_found');
        const children = await guardianChildren(trx, p.tenantId, p.userId, today);
        // A session for none of the guardian's children is not theirs to see.
        if (!children.some((c) => targetsChild(rec.targets, c.schoolId, c.gradeId)))
          throw new AppError('not_found');
        const child = children.find((c) => c.studentId === b.childStudentId);
        if (!child) throw new AppError('not_found');
        const d = await decide(
          trx,
          onlyRoles(p, ['guardian']),
          'parent_school',
          {
            tenantId: p.tenantId,
            studentId: child.studentId,
            chain: await unitChain(trx, p.tenantId, child.classId),
          },
          today,
        );
        if (!d.allowed) throw new AppError('not_found');
        if (!targetsChild(rec.targets, child.schoolId, child.gradeId))
          throw new AppError('not_eligible', undefined, {
            issues: [{ path: ['childStudentId'], message: 'the session is not for this child' }],
          });
        const row = await createSignup(trx, rec.row, p.userId, child, b.attendeeCount, now);
        await audit(
          trx,
          request,
          {
            action: 'write',
            resource: 'parent_school',
            subjectId: child.studentId,
            orgUnitId: child.classId,
            schoolId: child.schoolId,
            purpose: 'parent_school_signup',
            role: 'guardian',
            roleUnitId: d.allowed ? d.orgUnit : null,
          },
          now,
        );
        const pos =
          row.state === 'waitlisted'
            ? ((await waitlistPositions(trx, rec.row.id)).get(row.id) ?? null)
            : null;
        return signupToWire(row, pos);
      });
      reply.status(201);
      return signup;
    },
  );

  r.post(
    '/v1/parent-school/sessions/:sessionId/signups/:signupId/cancel',
    {
      config: { access: cancelAccess },
      schema: {
        tags,
        summary:
          'Cancel a signup (a guardian of the family, or school admins/counsellors); the waitlist moves up at once',
        security: tokenOnly,
        params: SignupParams,
        body: z.optional(z.nullable(ParentSchoolSignupCancel)),
        response: { 200: ParentSchoolSignup, ...errors },
      },
    },
    async (request) => {
      const p = embed(request);
      const now = clock.now();
      const today = shanghaiDate(now);
      return database.db.transaction().execute(async (trx) => {
        const { rec, signup } = await lockedSignup(trx, p.tenantId, request.params);
        let reason: 'family' | 'staff' | undefined;
        let grant: { role: Role; orgUnit: string | null } | undefined;
        // A guardian of the family that signed up, for that child …
        const mine = p.memberships.some((m) => m.role === 'guardian')
          ? (await guardianChildren(trx, p.tenantId, p.userId, today)).some(
              (c) => c.studentId === signup.student_id && c.familyKey === signup.family_key,
            )
          : false;
        if (mine) {
          const d = await decide(
            trx,
            onlyRoles(p, ['guardian']),
            'parent_school',
            {
              tenantId: p.tenantId,
              studentId: signup.student_id,
              chain: await signupReachChain(trx, p.tenantId, signup),
            },
            today,
          );
          if (d.allowed && d.role !== 'secret_key') {
            reason = 'family';
            grant = { role: d.role, orgUnit: d.orgUnit };
          }
        }
        // … or someone who manages the parent school of the child's school.
        if (!reason) {
          const chain = await unitChain(trx, p.tenantId, signup.school_id);
          const d = decideAction(p, 'parent_school.manage', { tenantId: p.tenantId, chain });
          if (d.allowed) {
            reason = 'staff';
            grant = { role: d.role, orgUnit: d.orgUnit };
          }
        }
        if (!reason) throw new AppError('not_found');
        const result = await cancelSignup(trx, rec.row, signup, { actorId: p.userId, reason }, now);
        if (result.changed)
          await audit(
            trx,
            request,
            {
              action: 'write',
              resource: 'parent_school',
              subjectId: signup.student_id,
              orgUnitId: signup.class_id,
              schoolId: signup.school_id,
              purpose: 'parent_school_signup_cancel',
              role: grant?.role ?? null,
              roleUnitId: grant?.orgUnit ?? null,
            },
            now,
          );
        return signupToWire(result.signup, null);
      });
    },
  );

  r.get(
    '/v1/parent-school/sessions/:sessionId/signups',
    {
      config: { access: attendeesAccess },
      schema: {
        tags,
        summary:
          'Attendees: the signups of children in the caller’s class, grade or school (audited)',
        security: tokenOnly,
        params: SessionParams,
        response: { 200: ParentSchoolAttendeeList, ...errors },
      },
    },
    async (request) => {
      const p = embed(request);
      const now = clock.now();
      const db = database.db;
      const rec = await loadSession(db, p.tenantId, request.params.sessionId);
      if (!rec) throw new AppError('not_found');
      const anchors = await staffAnchors(db, p, p.tenantId);
      if (!rec.targets.some((t) => anchors.inSchools.has(t.schoolId)))
        throw new AppError('not_found');
      const or = (col: 'school_id' | 'grade_id' | 'class_id', set: Set<string>) =>
        set.size ? [[col, [...set]] as const] : [];
      const filters = [
        ...or('school_id', anchors.schools),
        ...or('grade_id', anchors.grades),
        ...or('class_id', anchors.classes),
      ];
      const rows = filters.length
        ? await db
            .selectFrom('parent_school_signups')
            .selectAll()
            .where('session_id', '=', rec.row.id)
            .where((eb) => eb.or(filters.map(([col, ids]) => eb(col, 'in', ids))))
            .orderBy('created_at')
            .orderBy('id')
            .execute()
        : [];
      const positions = await waitlistPositions(db, rec.row.id);
      const data = [];
      for (const s of rows)
        data.push({
          ...signupToWire(s, positions.get(s.id) ?? null),
          guardianId: s.guardian_id,
          guardianName: await nameOf(db, dataKeys, p.tenantId, s.guardian_id),
          childName: await nameOf(db, dataKeys, p.tenantId, s.student_id),
          schoolId: s.school_id,
          gradeId: s.grade_id,
          classId: s.class_id,
        });
      await audit(
        db,
        request,
        {
          action: 'read',
          resource: 'parent_school',
          schoolId: rec.targets.find((t) => anchors.inSchools.has(t.schoolId))?.schoolId ?? null,
          purpose: 'parent_school_attendees_read',
          role: anchors.grant?.role ?? null,
          roleUnitId: anchors.grant?.orgUnit ?? null,
        },
        now,
      );
      return { sessionId: rec.row.id, data };
    },
  );

  r.post(
    '/v1/parent-school/sessions/:sessionId/signups/:signupId/check-in',
    {
      config: { access: checkInAccess },
      schema: {
        tags,
        summary:
          'Record that a confirmed family came (staff of the child’s class, grade or school)',
        security: tokenOnly,
        params: SignupParams,
        body: z.optional(z.nullable(ParentSchoolCheckIn)),
        response: { 200: ParentSchoolSignup, ...errors },
      },
    },
    async (request) => {
      const p = embed(request);
      const now = clock.now();
      const today = shanghaiDate(now);
      return database.db.transaction().execute(async (trx) => {
        const { rec, signup } = await lockedSignup(trx, p.tenantId, request.params);
        const d = await decide(
          trx,
          onlyRoles(p, rolesFor('parent_school.check_in')),
          'parent_school',
          {
            tenantId: p.tenantId,
            studentId: signup.student_id,
            chain: await signupReachChain(trx, p.tenantId, signup),
          },
          today,
        );
        if (!d.allowed || d.role === 'secret_key') throw new AppError('not_found');
        const row = await checkIn(trx, rec.row, signup, p.userId, request.body?.attendedCount, now);
        await audit(
          trx,
          request,
          {
            action: 'write',
            resource: 'parent_school',
            subjectId: signup.student_id,
            orgUnitId: signup.class_id,
            schoolId: signup.school_id,
            purpose: 'parent_school_check_in',
            role: d.role,
            roleUnitId: d.orgUnit,
          },
          now,
        );
        return signupToWire(row, null);
      });
    },
  );

  // ---- coverage ----

  r.get(
    '/v1/parent-school/coverage',
    {
      config: { access: coverageAccess },
      schema: {
        tags,
        summary:
          'Families reached per school over a period (default: the two years ending today); a family counts once',
        security: both,
        querystring: ParentSchoolCoverageQuery,
        response: { 200: ParentSchoolCoverage, ...errors },
      },
    },
    async (request) => {
      const tenantId = tenantOf(request);
      const q = request.query;
      const now = clock.now();
      const today = shanghaiDate(now);
      const db = database.db;
      const chain = await unitChain(db, tenantId, q.orgUnit);
      const kind = chain[0]?.kind;
      if (!kind) throw new AppError('not_found');
      if (kind === 'grade' || kind === 'class')
        throw new AppError('validation_failed', undefined, {
          issues: [{ path: ['orgUnit'], message: 'coverage is per school: a school or a region' }],
        });
      const to = q.to ?? today;
      const from = q.from ?? defaultFrom(to);
      if (to < from)
        throw new AppError('validation_failed', undefined, {
          issues: [{ path: ['to'], message: 'to must not be before from' }],
        });
      const d = await decide(db, request.principal, 'parent_school', { tenantId, chain }, today);
      if (!d.allowed) throw new AppError('forbidden');
      const schoolIds = await schoolsUnder(db, tenantId, q.orgUnit);
      const reach = await reachByClass(db, tenantId, { schoolIds }, { from, to }, now);
      const schools = schoolIds.length
        ? await db
            .selectFrom('org_units')
            .select(['id', 'external_id', 'name'])
            .where('tenant_id', '=', tenantId)
            .where('id', 'in', schoolIds)
            .orderBy('external_id')
            .execute()
        : [];
      const classesOf = (schoolId: string) =>
        [...reach.classes].filter(([, c]) => c.schoolId === schoolId).map(([id]) => id);
      const rows = schools.map((s) => ({
        schoolId: s.id,
        externalId: s.external_id,
        name: s.name,
        ...reachOf(reach, classesOf(s.id)),
      }));
      await audit(
        db,
        request,
        {
          action: 'read',
          resource: 'parent_school',
          orgUnitId: q.orgUnit,
          schoolId: kind === 'school' ? q.orgUnit : null,
          purpose: 'parent_school_coverage',
          role: d.allowed && d.role !== 'secret_key' ? d.role : null,
          roleUnitId: d.allowed ? d.orgUnit : null,
        },
        now,
      );
      return {
        orgUnitId: q.orgUnit,
        from,
        to,
        reachedRule: 'checked_in' as const,
        rows,
        total: reachOf(reach, reach.classes.keys()),
      };
    },
  );
}
