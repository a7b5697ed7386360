import type { Executor } from '../db/types.js';
import { shanghaiDate } from '../dates.js';
import { newId } from '../ids.js';
import { guardianChildren } from './audience.js';
import { replaceTargets } from './sessions.js';

/** An instant `days` after today's Shanghai date, at a Shanghai wall-clock time. */
const at = (now: Date, days: number, hhmm: string) => {
  const base = new Date(`${shanghaiDate(now)}T${hhmm}:00+08:00`);
  return new Date(base.getTime() + days * 24 * 3600_000);
};

/**
 * Demo parent-school data (idempotent: only when the tenant has no session yet): three upcoming
 * sessions for the demo school — one of them an online session with 2 seats already taken by
 * another family, so the demo guardian lands on the waitlist — and one past session at which
 * three families were checked in, so the coverage and the 统计表 show families reached.
 */
export async function seedParentSchoolDemo(
  trx: Executor,
  tenantId: string,
  schoolId: string,
  now: Date,
): Promise<void> {
  const any = await trx
    .selectFrom('parent_school_sessions')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .executeTakeFirst();
  if (any) return;
  const grade7 = await trx
    .selectFrom('org_units')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('school_id', '=', schoolId)
    .where('kind', '=', 'grade')
    .where('external_id', '=', 'demo-g7')
    .executeTakeFirst();
  const sessions = [
    {
      title: '如何与青春期孩子沟通',
      topic: '亲子沟通',
      speaker: '心理教师 陈老师',
      description: '倾听与表达的方法，现场答疑。',
      mode: 'offline' as const,
      place: '示范实验中学 报告厅',
      link: null,
      capacity: 60,
      starts_at: at(now, 7, '19:00'),
      ends_at: at(now, 7, '20:30'),
      grades: [] as string[],
    },
    {
      title: '考前焦虑：家长能做什么',
      topic: '考试压力',
      speaker: '特邀专家 李医生',
      description: '线上讲座，名额很少（演示候补名单）。',
      mode: 'online' as const,
      place: null,
      link: 'https://meeting.example.com/xinqiao-demo-2',
      capacity: 2,
      starts_at: at(now, 10, '19:30'),
      ends_at: at(now, 10, '20:30'),
      grades: [],
    },
    {
      title: '睡眠与手机使用',
      topic: '作息习惯',
      speaker: '班主任 张老师',
      description: null,
      mode: 'offline' as const,
      place: '七年级1班教室',
      link: null,
      capacity: 40,
      starts_at: at(now, 14, '18:30'),
      ends_at: at(now, 14, '19:30'),
      grades: grade7 ? [grade7.id] : [],
    },
    {
      title: '《家庭教育促进法》解读',
      topic: '家庭教育',
      speaker: '五老志愿者 黄老师',
      description: null,
      mode: 'offline' as const,
      place: '示范实验中学 报告厅',
      link: null,
      capacity: 80,
      starts_at: at(now, -30, '19:00'),
      ends_at: at(now, -30, '20:30'),
      grades: [],
    },
  ];
  const ids: string[] = [];
  for (const s of sessions) {
    const id = newId('pss', now);
    ids.push(id);
    const { grades, ...row } = s;
    await trx
      .insertInto('parent_school_sessions')
      .values({
        id,
        tenant_id: tenantId,
        ...row,
        status: 'scheduled',
        created_by: 'demo',
        created_at: now,
        updated_at: now,
        cancelled_at: null,
      })
      .execute();
    await replaceTargets(
      trx,
      tenantId,
      id,
      grades.length
        ? grades.map((gradeId) => ({ schoolId, gradeId }))
        : [{ schoolId, gradeId: null }],
    );
  }
  // Families who signed up: demo-guardian-2 fills the small session; 3–5 attended the past one.
  const signup = async (
    externalId: string,
    sessionId: string,
    attendees: number,
    checkedIn: Date | null,
  ) => {
    const person = await trx
      .selectFrom('people')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('external_id', '=', externalId)
      .executeTakeFirst();
    if (!person) return;
    const child = (await guardianChildren(trx, tenantId, person.id, shanghaiDate(now)))[0];
    if (!child) return;
    await trx
      .insertInto('parent_school_signups')
      .values({
        id: newId('psu', now),
        tenant_id: tenantId,
        session_id: sessionId,
        guardian_id: person.id,
        student_id: child.studentId,
        family_key: child.familyKey,
        school_id: child.schoolId,
        grade_id: child.gradeId,
        class_id: child.classId,
        attendee_count: attendees,
        state: 'confirmed',
        created_at: now,
        confirmed_at: now,
        cancelled_at: null,
        cancelled_by: null,
        cancel_reason: null,
        checked_in_at: checkedIn,
        checked_in_by: checkedIn ? 'demo' : null,
        attended_count: checkedIn ? attendees : null,
      })
      .execute();
  };
  await signup('demo-guardian-2', ids[1]!, 2, null);
  for (const g of ['demo-guardian-3', 'demo-guardian-4', 'demo-guardian-5'])
    await signup(g, ids[3]!, 1, sessions[3]!.starts_at);
}
