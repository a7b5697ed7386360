import type {
  DanglingReference,
  RegionsSync,
  RegionsSyncResult,
  RosterSync,
  RosterSyncResult,
  RosterWarning,
  SyncCounts,
} from '@xinqiao/contracts/roster';
import { allowedParents, type OrgUnitKind } from '@xinqiao/contracts/org-units';
import type { DataKeys } from '../crypto/data-keys.js';
import type { Executor } from '../db/types.js';
import { AppError } from '../http/app-error.js';
import { newId } from '../ids.js';
import { upsertPeople, type PersonInput } from './people.js';

const zero = (): SyncCounts => ({ created: 0, updated: 0, ended: 0, unchanged: 0 });

function dangling(references: DanglingReference[]): never {
  throw new AppError('dangling_reference', undefined, {
    references: references.slice(0, 200),
    count: references.length,
  });
}

function duplicates(lists: Array<[string, Array<{ externalId: string }>]>): void {
  const issues: Array<{ path: string[]; message: string }> = [];
  for (const [path, list] of lists) {
    const seen = new Set<string>();
    list.forEach((x, i) => {
      if (seen.has(x.externalId))
        issues.push({ path: [path, String(i), 'externalId'], message: 'duplicate externalId' });
      seen.add(x.externalId);
    });
  }
  if (issues.length)
    throw new AppError('validation_failed', undefined, { issues: issues.slice(0, 200) });
}

interface UnitUpsert {
  kind: OrgUnitKind;
  externalId: string;
  name: string | undefined;
  parentId: string | null;
  scopeId: string;
  schoolId: string | null | 'self';
}

async function upsertUnit(
  trx: Executor,
  tenantId: string,
  u: UnitUpsert,
  now: Date,
  counts: SyncCounts,
): Promise<string> {
  const existing = await trx
    .selectFrom('org_units')
    .select(['id', 'name', 'parent_id', 'ended_on'])
    .where('tenant_id', '=', tenantId)
    .where('scope_id', '=', u.scopeId)
    .where('kind', '=', u.kind)
    .where('external_id', '=', u.externalId)
    .executeTakeFirst();
  if (!existing) {
    const id = newId('ou', now);
    await trx
      .insertInto('org_units')
      .values({
        id,
        tenant_id: tenantId,
        kind: u.kind,
        scope_id: u.scopeId,
        external_id: u.externalId,
        parent_id: u.parentId,
        school_id: u.schoolId === 'self' ? id : u.schoolId,
        name: u.name ?? null,
        created_at: now,
        ended_on: null,
      })
      .execute();
    counts.created++;
    return id;
  }
  if (
    existing.name !== (u.name ?? null) ||
    existing.parent_id !== u.parentId ||
    existing.ended_on !== null
  ) {
    await trx
      .updateTable('org_units')
      .set({ name: u.name ?? null, parent_id: u.parentId, ended_on: null })
      .where('id', '=', existing.id)
      .execute();
    counts.updated++;
  } else counts.unchanged++;
  return existing.id;
}

/** Ends the units of a scope not kept by this sync. */
async function endUnitsNotIn(
  trx: Executor,
  tenantId: string,
  scopeId: string,
  kinds: OrgUnitKind[],
  keep: string[],
  on: string,
  counts: SyncCounts,
): Promise<void> {
  let q = trx
    .updateTable('org_units')
    .set({ ended_on: on })
    .where('tenant_id', '=', tenantId)
    .where('scope_id', '=', scopeId)
    .where('kind', 'in', kinds)
    .where('ended_on', 'is', null);
  if (keep.length) q = q.where('id', 'not in', keep);
  const r = await q.executeTakeFirst();
  counts.ended += Number(r.numUpdatedRows);
}

interface DesiredMembership {
  personId: string;
  role: string;
  unitId: string;
}

/** Replace semantics for the memberships one sync owns (`source`). */
async function replaceMemberships(
  trx: Executor,
  tenantId: string,
  source: string,
  desired: DesiredMembership[],
  academicYear: string | null,
  on: string,
  now: Date,
  counts: SyncCounts,
): Promise<void> {
  const existing = await trx
    .selectFrom('memberships')
    .select(['id', 'person_id', 'role', 'org_unit_id', 'academic_year'])
    .where('tenant_id', '=', tenantId)
    .where('source', '=', source)
    .where('ended_on', 'is', null)
    .execute();
  const key = (p: string, r: string, u: string) => `${p}|${r}|${u}`;
  const want = new Map(desired.map((d) => [key(d.personId, d.role, d.unitId), d]));
  const toEnd: string[] = [];
  for (const e of existing) {
    const k = key(e.person_id, e.role, e.org_unit_id);
    if (!want.has(k)) {
      toEnd.push(e.id);
      continue;
    }
    want.delete(k);
    if (e.academic_year !== academicYear) {
      await trx
        .updateTable('memberships')
        .set({ academic_year: academicYear })
        .where('id', '=', e.id)
        .execute();
      counts.updated++;
    } else counts.unchanged++;
  }
  for (let i = 0; i < toEnd.length; i += 5000) {
    await trx
      .updateTable('memberships')
      .set({ ended_on: on })
      .where('id', 'in', toEnd.slice(i, i + 5000))
      .execute();
  }
  counts.ended += toEnd.length;
  const rows = [...want.values()].map((d) => ({
    id: newId('mem', now),
    tenant_id: tenantId,
    person_id: d.personId,
    role: d.role,
    org_unit_id: d.unitId,
    source,
    academic_year: academicYear,
    started_on: on,
    ended_on: null,
  }));
  for (let i = 0; i < rows.length; i += 500)
    await trx
      .insertInto('memberships')
      .values(rows.slice(i, i + 500))
      .execute();
  counts.created += rows.length;
}

/** `PUT /v1/regions`: upserts the region tree and schools; ends those left out. */
export async function syncRegions(
  trx: Executor,
  keys: DataKeys,
  tenantId: string,
  input: RegionsSync,
  today: string,
  now: Date,
): Promise<RegionsSyncResult> {
  duplicates([
    ['regions', input.regions],
    ['schools', input.schools],
    ['districtAdmins', input.districtAdmins ?? []],
  ]);
  const regionKind = new Map(input.regions.map((r) => [r.externalId, r.kind]));
  const refs: DanglingReference[] = [];
  const issues: Array<{ path: string[]; message: string }> = [];
  input.regions.forEach((r, i) => {
    const parent = r.parent ?? null;
    if (parent !== null && !regionKind.has(parent))
      refs.push({ path: `regions[${i}].parent`, ref: parent });
    const parentKind = parent === null ? null : (regionKind.get(parent) ?? null);
    if (parent === null || regionKind.has(parent)) {
      if (!allowedParents[r.kind].includes(parentKind)) {
        issues.push({
          path: ['regions', String(i), 'parent'],
          message: `a ${r.kind} cannot sit under ${parentKind ?? 'nothing'}`,
        });
      }
    }
  });
  input.schools.forEach((s, i) => {
    if (!regionKind.has(s.region)) refs.push({ path: `schools[${i}].region`, ref: s.region });
  });
  (input.districtAdmins ?? []).forEach((a, i) =>
    a.regions.forEach((r, j) => {
      if (!regionKind.has(r)) refs.push({ path: `districtAdmins[${i}].regions[${j}]`, ref: r });
    }),
  );
  if (refs.length) dangling(refs);
  if (issues.length) throw new AppError('validation_failed', undefined, { issues });

  const units = zero();
  const regionIds = new Map<string, string>();
  // Parents first: walk the tree from the roots (cycles are impossible: kinds only nest downwards).
  const order = [...input.regions].sort(
    (a, b) =>
      ['province', 'city', 'county'].indexOf(a.kind) -
      ['province', 'city', 'county'].indexOf(b.kind),
  );
  for (const r of order) {
    const parentId = r.parent ? regionIds.get(r.parent)! : null;
    const id = await upsertUnit(
      trx,
      tenantId,
      {
        kind: r.kind,
        externalId: r.externalId,
        name: r.name,
        parentId,
        scopeId: '',
        schoolId: null,
      },
      now,
      units,
    );
    regionIds.set(r.externalId, id);
  }
  const schoolIds = new Map<string, string>();
  for (const s of input.schools) {
    const id = await upsertUnit(
      trx,
      tenantId,
      {
        kind: 'school',
        externalId: s.externalId,
        name: s.name,
        parentId: regionIds.get(s.region)!,
        scopeId: '',
        schoolId: 'self',
      },
      now,
      units,
    );
    schoolIds.set(s.externalId, id);
  }
  await endUnitsNotIn(
    trx,
    tenantId,
    '',
    ['province', 'city', 'county'],
    [...regionIds.values()],
    today,
    units,
  );
  await endUnitsNotIn(trx, tenantId, '', ['school'], [...schoolIds.values()], today, units);

  const people = zero();
  const admins = input.districtAdmins ?? [];
  const personIds = await upsertPeople(
    trx,
    keys,
    tenantId,
    admins.map((a) => ({ externalId: a.externalId, name: a.name })),
    now,
    people,
  );
  const memberships = zero();
  await replaceMemberships(
    trx,
    tenantId,
    'regions',
    admins.flatMap((a) =>
      a.regions.map((r) => ({
        personId: personIds.get(a.externalId)!,
        role: 'district_admin',
        unitId: regionIds.get(r)!,
      })),
    ),
    null,
    today,
    now,
    memberships,
  );
  return {
    regions: [...regionIds].map(([externalId, id]) => ({ externalId, id })),
    schools: [...schoolIds].map(([externalId, id]) => ({ externalId, id })),
    counts: { units, people, memberships },
  };
}

/** `PUT /v1/schools/:id/roster`: replaces the school's roster (see contracts/roster). */
export async function syncSchoolRoster(
  trx: Executor,
  keys: DataKeys,
  tenantId: string,
  schoolId: string,
  input: RosterSync,
  today: string,
  now: Date,
): Promise<RosterSyncResult> {
  const school = await trx
    .selectFrom('org_units')
    .select(['id', 'external_id'])
    .where('id', '=', schoolId)
    .where('tenant_id', '=', tenantId)
    .where('kind', '=', 'school')
    .where('ended_on', 'is', null)
    .executeTakeFirst();
  if (!school) throw new AppError('not_found');

  duplicates([
    ['grades', input.grades],
    ['classes', input.classes],
    ['students', input.students],
    ['guardians', input.guardians],
    ['staff', input.staff],
  ]);
  const grades = new Set(input.grades.map((g) => g.externalId));
  const classes = new Set(input.classes.map((c) => c.externalId));
  const students = new Set(input.students.map((s) => s.externalId));
  const staff = new Set(input.staff.map((s) => s.externalId));
  const refs: DanglingReference[] = [];
  input.classes.forEach(
    (c, i) => grades.has(c.grade) || refs.push({ path: `classes[${i}].grade`, ref: c.grade }),
  );
  input.students.forEach(
    (s, i) => classes.has(s.class) || refs.push({ path: `students[${i}].class`, ref: s.class }),
  );
  input.guardians.forEach((g, i) =>
    g.students.forEach(
      (s, j) => students.has(s) || refs.push({ path: `guardians[${i}].students[${j}]`, ref: s }),
    ),
  );
  input.staff.forEach((s, i) =>
    s.memberships.forEach((m, j) => {
      if (m.unit.kind === 'grade' && !grades.has(m.unit.externalId))
        refs.push({ path: `staff[${i}].memberships[${j}].unit`, ref: m.unit.externalId });
      if (m.unit.kind === 'class' && !classes.has(m.unit.externalId))
        refs.push({ path: `staff[${i}].memberships[${j}].unit`, ref: m.unit.externalId });
    }),
  );
  if (input.onCall && !staff.has(input.onCall)) refs.push({ path: 'onCall', ref: input.onCall });
  if (refs.length) dangling(refs);

  const on = input.effectiveOn ?? today;
  const units = zero();
  const gradeIds = new Map<string, string>();
  for (const g of input.grades) {
    gradeIds.set(
      g.externalId,
      await upsertUnit(
        trx,
        tenantId,
        {
          kind: 'grade',
          externalId: g.externalId,
          name: g.name,
          parentId: schoolId,
          scopeId: schoolId,
          schoolId,
        },
        now,
        units,
      ),
    );
  }
  const classIds = new Map<string, string>();
  for (const c of input.classes) {
    classIds.set(
      c.externalId,
      await upsertUnit(
        trx,
        tenantId,
        {
          kind: 'class',
          externalId: c.externalId,
          name: c.name,
          parentId: gradeIds.get(c.grade)!,
          scopeId: schoolId,
          schoolId,
        },
        now,
        units,
      ),
    );
  }
  await endUnitsNotIn(trx, tenantId, schoolId, ['grade'], [...gradeIds.values()], on, units);
  await endUnitsNotIn(trx, tenantId, schoolId, ['class'], [...classIds.values()], on, units);

  const peopleCounts = zero();
  const personInputs = new Map<string, PersonInput>();
  for (const s of input.students)
    personInputs.set(s.externalId, {
      externalId: s.externalId,
      name: s.name,
      birthMonth: s.birthMonth,
    });
  for (const g of input.guardians)
    if (!personInputs.has(g.externalId))
      personInputs.set(g.externalId, { externalId: g.externalId, name: g.name });
  for (const s of input.staff)
    if (!personInputs.has(s.externalId))
      personInputs.set(s.externalId, { externalId: s.externalId, name: s.name });
  const personIds = await upsertPeople(
    trx,
    keys,
    tenantId,
    [...personInputs.values()],
    now,
    peopleCounts,
  );
  const pid = (ext: string) => personIds.get(ext)!;

  const studentClass = new Map(input.students.map((s) => [s.externalId, classIds.get(s.class)!]));
  const desired: DesiredMembership[] = [];
  for (const s of input.students)
    desired.push({
      personId: pid(s.externalId),
      role: 'student',
      unitId: studentClass.get(s.externalId)!,
    });
  for (const g of input.guardians) {
    for (const unitId of new Set(g.students.map((s) => studentClass.get(s)!)))
      desired.push({ personId: pid(g.externalId), role: 'guardian', unitId });
  }
  for (const s of input.staff) {
    for (const m of s.memberships) {
      const unitId =
        m.unit.kind === 'school'
          ? schoolId
          : m.unit.kind === 'grade'
            ? gradeIds.get(m.unit.externalId)!
            : classIds.get(m.unit.externalId)!;
      desired.push({ personId: pid(s.externalId), role: m.role, unitId });
    }
  }
  const memberships = zero();
  await replaceMemberships(
    trx,
    tenantId,
    schoolId,
    desired,
    input.academicYear,
    on,
    now,
    memberships,
  );

  // Families and guardian links.
  const guardianships = zero();
  const familyIds = new Map<string, string>();
  for (const f of new Set(input.guardians.map((g) => g.family))) {
    const row = await trx
      .selectFrom('families')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('external_id', '=', f)
      .executeTakeFirst();
    if (row) familyIds.set(f, row.id);
    else {
      const id = newId('fam', now);
      await trx
        .insertInto('families')
        .values({ id, tenant_id: tenantId, external_id: f, created_at: now })
        .execute();
      familyIds.set(f, id);
    }
  }
  const existingLinks = await trx
    .selectFrom('guardianships')
    .select(['id', 'guardian_id', 'student_id', 'family_id'])
    .where('tenant_id', '=', tenantId)
    .where('source', '=', schoolId)
    .where('ended_on', 'is', null)
    .execute();
  const wantLinks = new Map<string, { guardianId: string; studentId: string; familyId: string }>();
  for (const g of input.guardians) {
    for (const s of g.students) {
      wantLinks.set(`${pid(g.externalId)}|${pid(s)}`, {
        guardianId: pid(g.externalId),
        studentId: pid(s),
        familyId: familyIds.get(g.family)!,
      });
    }
  }
  const endLinks: string[] = [];
  for (const e of existingLinks) {
    const k = `${e.guardian_id}|${e.student_id}`;
    const w = wantLinks.get(k);
    if (!w) {
      endLinks.push(e.id);
      continue;
    }
    wantLinks.delete(k);
    if (e.family_id !== w.familyId) {
      await trx
        .updateTable('guardianships')
        .set({ family_id: w.familyId })
        .where('id', '=', e.id)
        .execute();
      guardianships.updated++;
    } else guardianships.unchanged++;
  }
  if (endLinks.length)
    await trx
      .updateTable('guardianships')
      .set({ ended_on: on })
      .where('id', 'in', endLinks)
      .execute();
  guardianships.ended += endLinks.length;
  const newLinks = [...wantLinks.values()].map((w) => ({
    id: newId('gdn', now),
    tenant_id: tenantId,
    guardian_id: w.guardianId,
    student_id: w.studentId,
    family_id: w.familyId,
    source: schoolId,
    started_on: on,
    ended_on: null,
  }));
  for (let i = 0; i < newLinks.length; i += 500)
    await trx
      .insertInto('guardianships')
      .values(newLinks.slice(i, i + 500))
      .execute();
  guardianships.created += newLinks.length;

  // School hours and on-call contact.
  const settings = {
    hours: input.schoolHours ? JSON.stringify(input.schoolHours) : null,
    on_call_person_id: input.onCall ? pid(input.onCall) : null,
    academic_year: input.academicYear,
    updated_at: now,
  };
  await trx
    .insertInto('school_settings')
    .values({ school_id: schoolId, tenant_id: tenantId, ...settings })
    .onConflict((oc) => oc.column('school_id').doUpdateSet(settings))
    .execute();

  // Routing gaps: alerts for these units go to the next level until filled.
  const warnings: RosterWarning[] = [];
  for (const c of input.classes) {
    const id = classIds.get(c.externalId)!;
    if (
      !input.staff.some((s) =>
        s.memberships.some(
          (m) =>
            m.role === 'class_teacher' &&
            m.unit.kind === 'class' &&
            m.unit.externalId === c.externalId,
        ),
      )
    ) {
      warnings.push({
        code: 'no_class_teacher',
        role: 'class_teacher',
        unit: { kind: 'class', externalId: c.externalId, id },
      });
    }
  }
  const schoolUnit = { kind: 'school' as const, externalId: school.external_id, id: schoolId };
  if (!input.staff.some((s) => s.memberships.some((m) => m.role === 'counsellor'))) {
    warnings.push({ code: 'no_counsellor', role: 'counsellor', unit: schoolUnit });
  }
  if (!input.onCall) warnings.push({ code: 'no_on_call', unit: schoolUnit });
  if (!input.schoolHours) warnings.push({ code: 'no_school_hours', unit: schoolUnit });

  return {
    schoolId,
    academicYear: input.academicYear,
    effectiveOn: on,
    grades: [...gradeIds].map(([externalId, id]) => ({ externalId, id })),
    classes: [...classIds].map(([externalId, id]) => ({ externalId, id })),
    counts: { units, people: peopleCounts, memberships, guardianships },
    warnings,
  };
}
