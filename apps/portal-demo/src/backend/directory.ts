import type { RegionsSync, RosterSync } from '@xinqiao/contracts/roster';

/**
 * The portal's own user directory: who its users are, with names, classes and roles. A real
 * portal (赣教云, a city's 教育云) has this already; it pushes it to Xinqiao with the roster sync
 * and keeps the names to itself (Xinqiao needs ids, and stores names only if given).
 *
 * The people are the ones the server's demo seed creates (`apps/server/src/demo/seed.ts`), so a
 * sync against the demo tenant changes nothing; `test/directory.test.ts` proves it.
 */

export type PortalRole =
  | 'student'
  | 'guardian'
  | 'class_teacher'
  | 'grade_leader'
  | 'counsellor'
  | 'school_admin'
  | 'volunteer'
  | 'district_admin';

export interface PortalPerson {
  externalId: string;
  name: string;
  role: PortalRole;
  /** Students: their class; class teachers: the class they lead. */
  classExternalId?: string;
  /** Grade leaders: their grade. */
  gradeExternalId?: string;
  /** Guardians: their children. */
  children?: string[];
  family?: string;
  /** Students: `YYYY-MM` (consent under 14 is computed from it). */
  birthMonth?: string;
}

/** The eight people the user picker offers (one per role). */
export const demoPeople = {
  student: 'demo-student-1',
  guardian: 'demo-guardian-1',
  class_teacher: 'demo-teacher-1',
  grade_leader: 'demo-grade-leader-1',
  counsellor: 'demo-counsellor-1',
  school_admin: 'demo-admin-1',
  volunteer: 'demo-volunteer-1',
  district_admin: 'demo-district-1',
} as const satisfies Record<PortalRole, string>;

export const roleLabels: Record<PortalRole, string> = {
  student: '学生',
  guardian: '家长',
  class_teacher: '班主任',
  grade_leader: '年级组长',
  counsellor: '心理教师',
  school_admin: '学校管理员',
  volunteer: '五老志愿者（导师）',
  district_admin: '区教育局',
};

/** Which page each role lands on. */
export const rolePages: Record<PortalRole, string> = {
  student: '/student.html',
  guardian: '/guardian.html',
  class_teacher: '/teacher.html',
  grade_leader: '/teacher.html',
  counsellor: '/counsellor.html',
  school_admin: '/admin.html',
  volunteer: '/mentor.html',
  district_admin: '/district.html',
};

export const staffRoles: readonly PortalRole[] = [
  'class_teacher',
  'grade_leader',
  'counsellor',
  'school_admin',
  'volunteer',
  'district_admin',
];

// Fictional people only (the same generator as the server's demo seed).
const surnames = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '周', '吴'];
const given = ['子涵', '雨桐', '浩然', '欣怡', '宇轩', '思琪', '梓萱', '俊杰', '诗涵', '明轩'];

export const schoolExternalId = 'demo-school-1';
export const countyExternalId = 'demo-jx-yc-yz';

export interface SchoolSettings {
  schoolHours: { days: number[]; open: string; close: string };
  /** External id of the on-call contact for critical alerts. */
  onCall: string | null;
}

export interface Directory {
  regions: RegionsSync;
  grades: Array<{ externalId: string; name: string }>;
  classes: Array<{ externalId: string; grade: string; name: string }>;
  people: PortalPerson[];
  byExternalId: Map<string, PortalPerson>;
  settings: SchoolSettings;
}

export function createDirectory(): Directory {
  const regions: RegionsSync = {
    regions: [
      { externalId: 'demo-jx', kind: 'province', name: '江西省' },
      { externalId: 'demo-jx-yc', kind: 'city', name: '宜春市', parent: 'demo-jx' },
      { externalId: countyExternalId, kind: 'county', name: '袁州区', parent: 'demo-jx-yc' },
    ],
    schools: [{ externalId: schoolExternalId, name: '示范实验中学', region: countyExternalId }],
    districtAdmins: [
      {
        externalId: demoPeople.district_admin,
        name: '区教育局 赵老师',
        regions: [countyExternalId],
      },
    ],
  };
  const grades = [7, 8, 9].map((g) => ({
    externalId: `demo-g${g}`,
    name: `${['七', '八', '九'][g - 7]}年级`,
  }));
  const classes = grades.flatMap((g, gi) =>
    [1, 2].map((c) => ({
      externalId: `demo-c${gi + 7}-${c}`,
      grade: g.externalId,
      name: `${g.name}${c}班`,
    })),
  );
  const people: PortalPerson[] = [];
  const students = classes.flatMap((c, ci) =>
    Array.from({ length: 5 }, (_, i) => {
      const n = ci * 5 + i;
      return {
        externalId: n === 0 ? demoPeople.student : `demo-student-${n + 1}`,
        name: `${surnames[n % 10]}${given[(n * 3) % 10]}`,
        birthMonth: `${2013 - Math.floor(ci / 2)}-${String((n % 12) + 1).padStart(2, '0')}`,
        class: c.externalId,
      };
    }),
  );
  for (const s of students)
    people.push({
      externalId: s.externalId,
      name: s.name,
      role: 'student',
      classExternalId: s.class,
      birthMonth: s.birthMonth,
    });
  students.forEach((s, n) =>
    people.push({
      externalId: n === 0 ? demoPeople.guardian : `demo-guardian-${n + 1}`,
      name: `${s.name.slice(0, 1)}家长`,
      role: 'guardian',
      family: `demo-family-${n + 1}`,
      children: [s.externalId],
    }),
  );
  classes.forEach((c, i) =>
    people.push({
      externalId: i === 0 ? demoPeople.class_teacher : `demo-teacher-${i + 1}`,
      name: `${surnames[(i + 3) % 10]}老师`,
      role: 'class_teacher',
      classExternalId: c.externalId,
    }),
  );
  people.push(
    {
      externalId: demoPeople.grade_leader,
      name: '年级组长 周老师',
      role: 'grade_leader',
      gradeExternalId: 'demo-g7',
    },
    { externalId: demoPeople.counsellor, name: '心理教师 陈老师', role: 'counsellor' },
    { externalId: demoPeople.school_admin, name: '校长 吴老师', role: 'school_admin' },
    { externalId: demoPeople.volunteer, name: '五老志愿者 黄老师', role: 'volunteer' },
    { externalId: demoPeople.district_admin, name: '区教育局 赵老师', role: 'district_admin' },
  );
  return {
    regions,
    grades,
    classes,
    people,
    byExternalId: new Map(people.map((p) => [p.externalId, p])),
    settings: {
      schoolHours: { days: [1, 2, 3, 4, 5], open: '07:30', close: '17:30' },
      onCall: demoPeople.counsellor,
    },
  };
}

/** The body of `PUT /v1/schools/:id/roster` for the school, from the directory. */
export function rosterOf(d: Directory): RosterSync {
  const staff: RosterSync['staff'] = [];
  for (const p of d.people) {
    if (p.role === 'class_teacher' && p.classExternalId)
      staff.push({
        externalId: p.externalId,
        name: p.name,
        memberships: [
          { role: 'class_teacher', unit: { kind: 'class', externalId: p.classExternalId } },
        ],
      });
  }
  for (const p of d.people) {
    if (p.role === 'grade_leader' && p.gradeExternalId)
      staff.push({
        externalId: p.externalId,
        name: p.name,
        memberships: [
          { role: 'grade_leader', unit: { kind: 'grade', externalId: p.gradeExternalId } },
        ],
      });
    if (p.role === 'counsellor' || p.role === 'school_admin' || p.role === 'volunteer')
      staff.push({
        externalId: p.externalId,
        name: p.name,
        memberships: [{ role: p.role, unit: { kind: 'school' } }],
      });
  }
  return {
    academicYear: '2026-2027',
    grades: d.grades,
    classes: d.classes,
    students: d.people
      .filter((p) => p.role === 'student')
      .map((p) => ({
        externalId: p.externalId,
        name: p.name,
        ...(p.birthMonth ? { birthMonth: p.birthMonth } : {}),
        class: p.classExternalId!,
      })),
    guardians: d.people
      .filter((p) => p.role === 'guardian')
      .map((p) => ({
        externalId: p.externalId,
        name: p.name,
        family: p.family!,
        students: p.children ?? [],
      })),
    staff,
    schoolHours: d.settings.schoolHours,
    onCall: d.settings.onCall,
  };
}

export function className(d: Directory, classExternalId: string | undefined): string {
  return d.classes.find((c) => c.externalId === classExternalId)?.name ?? '';
}
