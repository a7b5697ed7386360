import type { FastifyInstance } from 'fastify';
import type { RosterSync, RegionsSync } from '@xinqiao/contracts/roster';
import { hashSecretKey } from '../crypto/tokens.js';
import { shanghaiDate } from '../dates.js';
import { newId } from '../ids.js';
import { seedParentSchoolDemo } from '../parent-school/demo.js';
import { createLine, jiangxiLines } from '../repositories/hotlines.js';
import { syncRegions, syncSchoolRoster } from '../repositories/roster.js';
import { createApiKey, createTenant } from '../repositories/tenants.js';

export const demoTenantName = '示范教育云 (demo)';

/** Roster users of the demo, by role (external ids the demo portal asks embed tokens for). */
export const demoUsers = {
  student: 'demo-student-1',
  guardian: 'demo-guardian-1',
  class_teacher: 'demo-teacher-1',
  grade_leader: 'demo-grade-leader-1',
  counsellor: 'demo-counsellor-1',
  school_admin: 'demo-admin-1',
  volunteer: 'demo-volunteer-1',
  district_admin: 'demo-district-1',
} as const;

// Fictional people only. Names are common given names, no real person is meant.
const surnames = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '周', '吴'];
const given = ['子涵', '雨桐', '浩然', '欣怡', '宇轩', '思琪', '梓萱', '俊杰', '诗涵', '明轩'];

const demoRegions: RegionsSync = {
  regions: [
    { externalId: 'demo-jx', kind: 'province', name: '江西省' },
    { externalId: 'demo-jx-yc', kind: 'city', name: '宜春市', parent: 'demo-jx' },
    { externalId: 'demo-jx-yc-yz', kind: 'county', name: '袁州区', parent: 'demo-jx-yc' },
  ],
  schools: [{ externalId: 'demo-school-1', name: '示范实验中学', region: 'demo-jx-yc-yz' }],
  districtAdmins: [
    { externalId: demoUsers.district_admin, name: '区教育局 赵老师', regions: ['demo-jx-yc-yz'] },
  ],
};

function demoRoster(): RosterSync {
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
  const students = classes.flatMap((c, ci) =>
    Array.from({ length: 5 }, (_, i) => {
      const n = ci * 5 + i;
      return {
        externalId: n === 0 ? demoUsers.student : `demo-student-${n + 1}`,
        name: `${surnames[n % 10]}${given[(n * 3) % 10]}`,
        birthMonth: `${2013 - Math.floor(ci / 2)}-${String((n % 12) + 1).padStart(2, '0')}`,
        class: c.externalId,
      };
    }),
  );
  const guardians = students.map((s, n) => ({
    externalId: n === 0 ? demoUsers.guardian : `demo-guardian-${n + 1}`,
    name: `${s.name.slice(0, 1)}家长`,
    family: `demo-family-${n + 1}`,
    students: [s.externalId],
  }));
  const staff: RosterSync['staff'] = classes.map((c, i) => ({
    externalId: i === 0 ? demoUsers.class_teacher : `demo-teacher-${i + 1}`,
    name: `${surnames[(i + 3) % 10]}老师`,
    memberships: [
      {
        role: 'class_teacher' as const,
        unit: { kind: 'class' as const, externalId: c.externalId },
      },
    ],
  }));
  staff.push(
    {
      externalId: demoUsers.grade_leader,
      name: '年级组长 周老师',
      memberships: [{ role: 'grade_leader', unit: { kind: 'grade', externalId: 'demo-g7' } }],
    },
    {
      externalId: demoUsers.counsellor,
      name: '心理教师 陈老师',
      memberships: [{ role: 'counsellor', unit: { kind: 'school' } }],
    },
    {
      externalId: demoUsers.school_admin,
      name: '校长 吴老师',
      memberships: [{ role: 'school_admin', unit: { kind: 'school' } }],
    },
    {
      externalId: demoUsers.volunteer,
      name: '五老志愿者 黄老师',
      memberships: [{ role: 'volunteer', unit: { kind: 'school' } }],
    },
  );
  return {
    academicYear: '2026-2027',
    grades,
    classes,
    students,
    guardians,
    staff,
    schoolHours: { days: [1, 2, 3, 4, 5], open: '07:30', close: '17:30' },
    onCall: demoUsers.counsellor,
  };
}

export interface DemoSeed {
  tenantId: string;
  /** Set when this run minted the key (none was given): print it once. */
  mintedSecretKey?: string;
  schoolId: string;
}

/**
 * Seeds (idempotently) the demo tenant, its region tree, one school's roster, the Jiangxi
 * hotlines, a school counselling line and parent-school sessions (parent-school/demo.ts). `secretKey` (from the root start script) is accepted
 * for the demo tenant; without one a key is minted and returned once.
 */
export async function seedDemo(
  app: FastifyInstance,
  opts: { secretKey?: string; portalUrl?: string } = {},
): Promise<DemoSeed> {
  const { database, clock, dataKeys } = app.deps;
  const now = clock.now();
  const today = shanghaiDate(now);
  const result = await database.db.transaction().execute(async (trx) => {
    let tenant = await trx
      .selectFrom('tenants')
      .select('id')
      .where('name', '=', demoTenantName)
      .executeTakeFirst();
    if (!tenant) {
      tenant = await createTenant(
        trx,
        { name: demoTenantName, allowedOrigins: opts.portalUrl ? [opts.portalUrl] : [] },
        now,
      );
    } else if (opts.portalUrl) {
      await trx
        .updateTable('tenants')
        .set({ allowed_origins: JSON.stringify([opts.portalUrl]) })
        .where('id', '=', tenant.id)
        .execute();
    }
    let minted: string | undefined;
    if (opts.secretKey) {
      const hash = hashSecretKey(opts.secretKey);
      const existing = await trx
        .selectFrom('api_keys')
        .select('id')
        .where('key_hash', '=', hash)
        .executeTakeFirst();
      if (!existing) {
        await trx
          .insertInto('api_keys')
          .values({
            id: newId('key', now),
            tenant_id: tenant.id,
            prefix: opts.secretKey.slice(0, 10),
            key_hash: hash,
            label: 'demo (start script)',
            created_at: now,
            revoked_at: null,
          })
          .execute();
      }
    } else {
      minted = (await createApiKey(trx, tenant.id, 'demo', now)).secret;
    }
    const regions = await syncRegions(trx, dataKeys, tenant.id, demoRegions, today, now);
    const schoolId = regions.schools[0]!.id;
    await syncSchoolRoster(trx, dataKeys, tenant.id, schoolId, demoRoster(), today, now);
    const province = regions.regions.find((r) => r.externalId === 'demo-jx')!.id;
    const hasLines = await trx
      .selectFrom('hotlines')
      .select('id')
      .where('tenant_id', '=', tenant.id)
      .executeTakeFirst();
    if (!hasLines) {
      for (const line of jiangxiLines(province))
        await createLine(trx, tenant.id, 'province', line, now);
      await createLine(
        trx,
        tenant.id,
        'school',
        {
          orgUnit: schoolId,
          kind: 'psychological',
          name: { 'zh-CN': '示范实验中学心理辅导室', en: 'School counselling room (demo)' },
          numbers: [{ dial: '07950000000' }],
          audiences: ['student', 'guardian'],
          schedule: {
            kind: 'weekly',
            slots: [{ days: [1, 2, 3, 4, 5], open: '08:00', close: '17:00' }],
          },
          verification: { status: 'unverified', checkedOn: null, source: { title: 'demo data' } },
        },
        now,
      );
    }
    await seedParentSchoolDemo(trx, tenant.id, schoolId, now);
    return { tenantId: tenant.id, schoolId, ...(minted ? { mintedSecretKey: minted } : {}) };
  });
  return result;
}
