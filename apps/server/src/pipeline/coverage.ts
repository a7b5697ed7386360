import type { Executor } from '../db/types.js';
import type { CampaignRow } from './campaigns.js';

/** Active classes of a school inside the targets (grades or classes; none = the whole school), with their grade. */
async function targetClasses(
  db: Executor,
  tenantId: string,
  schoolId: string,
  targets: string[],
): Promise<Array<{ id: string; grade: string | null }>> {
  const rows = await db
    .selectFrom('org_units')
    .select(['id', 'parent_id'])
    .where('tenant_id', '=', tenantId)
    .where('school_id', '=', schoolId)
    .where('kind', '=', 'class')
    .where('ended_on', 'is', null)
    .execute();
  return rows
    .filter(
      (r) =>
        targets.length === 0 ||
        targets.includes(r.id) ||
        (r.parent_id !== null && targets.includes(r.parent_id)),
    )
    .map((r) => ({ id: r.id, grade: r.parent_id }));
}

async function enrolment(db: Executor, tenantId: string, classIds: string[], today: string) {
  if (!classIds.length) return [];
  return db
    .selectFrom('memberships')
    .select(['person_id', 'org_unit_id'])
    .distinct()
    .where('tenant_id', '=', tenantId)
    .where('role', '=', 'student')
    .where('org_unit_id', 'in', classIds)
    .where('started_on', '<=', today)
    .where((eb) => eb.or([eb('ended_on', 'is', null), eb('ended_on', '>', today)]))
    .execute();
}

export async function enrolledStudents(
  db: Executor,
  tenantId: string,
  schoolId: string,
  targets: string[],
  today: string,
): Promise<string[]> {
  const classes = await targetClasses(db, tenantId, schoolId, targets);
  return [
    ...new Set(
      (
        await enrolment(
          db,
          tenantId,
          classes.map((c) => c.id),
          today,
        )
      ).map((r) => r.person_id),
    ),
  ];
}

/** Coverage = screened / enrolled, per class, grade and the school (students screened by themselves). */
export async function campaignCoverage(db: Executor, c: CampaignRow, today: string) {
  const classes = await targetClasses(db, c.tenant_id, c.school_id, c.target_units);
  const enrolled = await enrolment(
    db,
    c.tenant_id,
    classes.map((x) => x.id),
    today,
  );
  const screened = new Set(
    (
      await db
        .selectFrom('screenings')
        .select('student_id')
        .where('tenant_id', '=', c.tenant_id)
        .where('campaign_id', '=', c.id)
        .where('respondent_kind', '=', 'self')
        .execute()
    ).map((r) => r.student_id),
  );
  const tally = new Map<
    string,
    { kind: 'school' | 'grade' | 'class'; enrolled: number; screened: number }
  >();
  const bump = (id: string, kind: 'school' | 'grade' | 'class', done: boolean) => {
    const t = tally.get(id) ?? { kind, enrolled: 0, screened: 0 };
    t.enrolled++;
    if (done) t.screened++;
    tally.set(id, t);
  };
  const gradeOf = new Map(classes.map((x) => [x.id, x.grade]));
  for (const e of enrolled) {
    const done = screened.has(e.person_id);
    bump(c.school_id, 'school', done);
    const g = gradeOf.get(e.org_unit_id);
    if (g) bump(g, 'grade', done);
    bump(e.org_unit_id, 'class', done);
  }
  for (const x of classes)
    if (!tally.has(x.id)) tally.set(x.id, { kind: 'class', enrolled: 0, screened: 0 });
  const order = { school: 0, grade: 1, class: 2 } as const;
  return [...tally.entries()]
    .map(([orgUnitId, t]) => ({
      orgUnitId,
      kind: t.kind,
      enrolled: t.enrolled,
      screened: t.screened,
      coverage: t.enrolled ? Math.round((t.screened / t.enrolled) * 1000) / 10 : null,
    }))
    .sort((a, b) => order[a.kind] - order[b.kind] || a.orgUnitId.localeCompare(b.orgUnitId));
}
