import type { Hotline } from '@xinqiao/contracts/hotlines';
import type { HotlineCreate, HotlineUpdate } from '@xinqiao/contracts/hotlines-api';
import type { Executor } from '../db/types.js';
import { newId } from '../ids.js';

const columns = [
  'id',
  'scope',
  'org_unit_id',
  'kind',
  'name',
  'numbers',
  'audiences',
  'schedule',
  'hours_note',
  'verification',
] as const;

type Row = {
  id: string;
  scope: string;
  org_unit_id: string;
  kind: string;
  name: unknown;
  numbers: unknown;
  audiences: unknown;
  schedule: unknown;
  hours_note: unknown;
  verification: unknown;
};

const toHotline = (r: Row): Hotline => ({
  id: r.id,
  scope: r.scope as Hotline['scope'],
  orgUnitId: r.org_unit_id,
  kind: r.kind as Hotline['kind'],
  name: r.name as Hotline['name'],
  numbers: r.numbers as Hotline['numbers'],
  audiences: r.audiences as Hotline['audiences'],
  schedule: r.schedule as Hotline['schedule'],
  ...(r.hours_note ? { hoursNote: r.hours_note as NonNullable<Hotline['hoursNote']> } : {}),
  verification: r.verification as Hotline['verification'],
});

export async function linesForUnits(
  db: Executor,
  tenantId: string,
  unitIds: string[],
): Promise<Hotline[]> {
  if (unitIds.length === 0) return [];
  const rows = await db
    .selectFrom('hotlines')
    .select(columns)
    .where('tenant_id', '=', tenantId)
    .where('org_unit_id', 'in', unitIds)
    .where('retired_at', 'is', null)
    .orderBy('id')
    .execute();
  return rows.map(toHotline);
}

export async function getLine(
  db: Executor,
  tenantId: string,
  id: string,
): Promise<Hotline | undefined> {
  const row = await db
    .selectFrom('hotlines')
    .select(columns)
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('retired_at', 'is', null)
    .executeTakeFirst();
  return row && toHotline(row);
}

export async function createLine(
  db: Executor,
  tenantId: string,
  scope: Hotline['scope'],
  input: HotlineCreate,
  now: Date,
): Promise<Hotline> {
  const row = await db
    .insertInto('hotlines')
    .values({
      id: newId('hot', now),
      tenant_id: tenantId,
      scope: scope as 'province',
      org_unit_id: input.orgUnit,
      kind: input.kind,
      name: JSON.stringify(input.name),
      numbers: JSON.stringify(input.numbers),
      audiences: JSON.stringify(input.audiences),
      schedule: JSON.stringify(input.schedule),
      hours_note: input.hoursNote ? JSON.stringify(input.hoursNote) : null,
      verification: JSON.stringify(input.verification),
      created_at: now,
      retired_at: null,
    })
    .returning(columns)
    .executeTakeFirstOrThrow();
  return toHotline(row);
}

export async function updateLine(
  db: Executor,
  tenantId: string,
  id: string,
  patch: HotlineUpdate,
): Promise<Hotline | undefined> {
  const set: Record<string, string | null> = {};
  if (patch.name) set.name = JSON.stringify(patch.name);
  if (patch.numbers) set.numbers = JSON.stringify(patch.numbers);
  if (patch.audiences) set.audiences = JSON.stringify(patch.audiences);
  if (patch.schedule) set.schedule = JSON.stringify(patch.schedule);
  if (patch.hoursNote !== undefined)
    set.hours_note = patch.hoursNote ? JSON.stringify(patch.hoursNote) : null;
  if (patch.verification) set.verification = JSON.stringify(patch.verification);
  if (Object.keys(set).length === 0) return getLine(db, tenantId, id);
  const row = await db
    .updateTable('hotlines')
    .set(set)
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('retired_at', 'is', null)
    .returning(columns)
    .executeTakeFirst();
  return row && toHotline(row);
}

export async function retireLine(
  db: Executor,
  tenantId: string,
  id: string,
  now: Date,
): Promise<boolean> {
  const r = await db
    .updateTable('hotlines')
    .set({ retired_at: now })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('retired_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/**
 * Jiangxi lines from DOMAIN.md, attached to a tenant's Jiangxi province unit. A policy document
 * proves a line exists, not its hours: 966525's hours stay unknown; 4009151095 (named in the
 * Yichun document, no other public record) stays unverified, so it never reaches a crisis list.
 */
export function jiangxiLines(provinceUnitId: string): HotlineCreate[] {
  return [
    {
      orgUnit: provinceUnitId,
      kind: 'psychological',
      name: {
        'zh-CN': '江西省心理援助热线 12356',
        en: 'Jiangxi psychological assistance hotline 12356',
      },
      numbers: [{ dial: '12356' }],
      audiences: ['student', 'guardian', 'staff', 'public'],
      schedule: {
        kind: 'weekly',
        slots: [{ days: [1, 2, 3, 4, 5, 6, 7], open: '06:00', close: '24:00' }],
      },
      verification: {
        status: 'verified',
        checkedOn: '2026-11-25',
        source: { title: '江西省 12356 心理援助热线开通（每日 6:00–24:00）' },
      },
    },
    {
      orgUnit: provinceUnitId,
      kind: 'psychological',
      name: {
        'zh-CN': '江西省社会心理服务热线',
        en: 'Jiangxi social-psychological service hotline',
      },
      numbers: [{ dial: '966525' }],
      audiences: ['student', 'guardian', 'staff', 'public'],
      schedule: { kind: 'unknown' },
      verification: {
        status: 'verified',
        checkedOn: '2026-11-25',
        source: {
          title: '江西省 966525 社会心理服务热线（2021-07-08 开通）',
          publishedOn: '2021-07-08',
        },
      },
    },
    {
      orgUnit: provinceUnitId,
      kind: 'psychological',
      name: { 'zh-CN': '心理咨询热线 4009151095', en: 'Counselling line 4009151095' },
      numbers: [{ dial: '4009151095' }],
      audiences: ['student', 'guardian', 'public'],
      schedule: { kind: 'unknown' },
      verification: {
        status: 'unverified',
        checkedOn: null,
        source: { title: '宜春市文件（仅此一处提及，未核实）' },
      },
    },
  ];
}
