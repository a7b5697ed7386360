import * as z from 'zod/mini';
import { DateOnly, LocalizedText, OpaqueId } from './ids.js';

/**
 * Psychological-assistance and emergency hotlines (DOMAIN "Hotlines"). A policy document proves
 * that a line exists, not its current hours: only a current, cited source may set a schedule.
 * These shapes and the pure rules below are shared by the server (which adds local lines and
 * answers `openNow`) and the hotline card (which works with no network from the bundled
 * national lines).
 */

export const hotlineScopes = ['national', 'province', 'city', 'county', 'school'] as const;
export const HotlineScope = z.enum(hotlineScopes);
export type HotlineScope = z.infer<typeof HotlineScope>;

export const hotlineAudiences = ['student', 'guardian', 'staff', 'public'] as const;
export const HotlineAudience = z.enum(hotlineAudiences);
export type HotlineAudience = z.infer<typeof HotlineAudience>;

/** `emergency` lines (110, 120) always lead the crisis list. */
export const hotlineKinds = ['emergency', 'psychological', 'youth', 'family-education'] as const;
export const HotlineKind = z.enum(hotlineKinds);
export type HotlineKind = z.infer<typeof HotlineKind>;

/** `HH:MM` on a 24-hour clock; `24:00` closes at midnight. */
export const ClockTime = z.string().check(z.regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/));

/** Open from `open` to `close` on the given ISO weekdays (1 = Monday … 7 = Sunday), Asia/Shanghai. */
export const WeeklySlot = z.object({
  days: z.array(z.number().check(z.int(), z.minimum(1), z.maximum(7))).check(z.minLength(1)),
  open: ClockTime,
  close: ClockTime,
});
export type WeeklySlot = z.infer<typeof WeeklySlot>;

/**
 * - `always`: 24 hours, every day — only with a current source saying so.
 * - `weekly`: the slots, in Asia/Shanghai.
 * - `varies`: hours differ by city or province (12356, 12355) and no local schedule is known.
 * - `unknown`: no current source for the hours.
 */
export const HotlineSchedule = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('always') }),
  z.object({ kind: z.literal('weekly'), slots: z.array(WeeklySlot).check(z.minLength(1)) }),
  z.object({ kind: z.literal('varies') }),
  z.object({ kind: z.literal('unknown') }),
]);
export type HotlineSchedule = z.infer<typeof HotlineSchedule>;

export const HotlineSource = z.object({
  title: z.string().check(z.minLength(1)),
  url: z.optional(z.url()),
  publishedOn: z.optional(DateOnly),
});
export type HotlineSource = z.infer<typeof HotlineSource>;

export const Verification = z.object({
  /** `verified`: the number (and the schedule, if one is given) is confirmed by `source`. */
  status: z.enum(['verified', 'unverified']),
  checkedOn: z.nullable(DateOnly),
  source: z.nullable(HotlineSource),
});
export type Verification = z.infer<typeof Verification>;

export const HotlineNumber = z.object({
  /** Digits only, as dialled (`tel:` links use it as is). */
  dial: z.string().check(z.regex(/^\d{3,15}$/)),
  label: z.optional(LocalizedText),
});

export const Hotline = z.object({
  id: z.union([OpaqueId, z.string().check(z.regex(/^national-[a-z0-9-]+$/))]),
  scope: HotlineScope,
  orgUnitId: z.nullable(OpaqueId),
  kind: HotlineKind,
  name: LocalizedText,
  numbers: z.array(HotlineNumber).check(z.minLength(1)),
  audiences: z.array(HotlineAudience).check(z.minLength(1)),
  schedule: HotlineSchedule,
  /** Shown beside the hours, e.g. "hours vary by city". */
  hoursNote: z.optional(LocalizedText),
  verification: Verification,
});
export type Hotline = z.infer<typeof Hotline>;

/** A line as the server answers it: with `openNow` computed for the request's instant. */
export const HotlineWithStatus = z.extend(Hotline, {
  openNow: z.enum(['open', 'closed', 'unknown']),
});
export type HotlineWithStatus = z.infer<typeof HotlineWithStatus>;

const shanghaiOffsetMs = 8 * 60 * 60 * 1000;

/**
 * Weekday (1–7) and minutes since midnight in Asia/Shanghai. China has kept UTC+8 without
 * daylight saving since 1991, so a fixed offset is exact and needs no time-zone data.
 */
export function shanghaiClock(instant: Date): { weekday: number; minutes: number } {
  const local = new Date(instant.getTime() + shanghaiOffsetMs);
  const weekday = local.getUTCDay() === 0 ? 7 : local.getUTCDay();
  return { weekday, minutes: local.getUTCHours() * 60 + local.getUTCMinutes() };
}

function toMinutes(time: string): number {
  const [h, m] = time.split(':').map(Number) as [number, number];
  return h * 60 + m;
}

/** Whether the line is open at `instant`; `unknown` when no current source gives its hours. */
export function openAt(
  line: Pick<Hotline, 'schedule'>,
  instant: Date,
): 'open' | 'closed' | 'unknown' {
  const { schedule } = line;
  if (schedule.kind === 'always') return 'open';
  if (schedule.kind !== 'weekly') return 'unknown';
  const { weekday, minutes } = shanghaiClock(instant);
  const previousDay = weekday === 1 ? 7 : weekday - 1;
  for (const slot of schedule.slots) {
    const open = toMinutes(slot.open);
    const close = toMinutes(slot.close);
    if (open < close) {
      if (slot.days.includes(weekday) && minutes >= open && minutes < close) return 'open';
    } else {
      // Overnight slot (e.g. 20:00–08:00): the evening part today, the morning part from yesterday's slot.
      if (slot.days.includes(weekday) && minutes >= open) return 'open';
      if (slot.days.includes(previousDay) && minutes < close) return 'open';
    }
  }
  return 'closed';
}

/** A 24-hour label needs the `always` schedule and a verified, cited source. */
export function isVerifiedAroundTheClock(
  line: Pick<Hotline, 'schedule' | 'verification'>,
): boolean {
  return (
    line.schedule.kind === 'always' &&
    line.verification.status === 'verified' &&
    line.verification.source !== null
  );
}

/**
 * The crisis list: emergency lines (110, 120) first, then verified lines open at `instant`.
 * Unverified lines never appear; lines whose hours are unknown or vary are left out rather than
 * risk sending a student in crisis to a closed line.
 */
export function crisisLines<T extends Pick<Hotline, 'kind' | 'schedule' | 'verification'>>(
  lines: readonly T[],
  instant: Date,
): T[] {
  const verified = lines.filter((l) => l.verification.status === 'verified');
  const emergency = verified.filter((l) => l.kind === 'emergency');
  const open = verified.filter((l) => l.kind !== 'emergency' && openAt(l, instant) === 'open');
  return [...emergency, ...open];
}

const hoursVary: LocalizedText = { 'zh-CN': '各地开通时间不同', en: 'Hours vary by city' };
const checkedOn = '2026-11-25';

/**
 * National lines bundled with the hotline card so it renders with no network. Schedules stay
 * `varies` until the server supplies a local, cited schedule.
 */
export const nationalHotlines: readonly Hotline[] = [
  {
    id: 'national-110',
    scope: 'national',
    orgUnitId: null,
    kind: 'emergency',
    name: { 'zh-CN': '报警电话', en: 'Police emergency' },
    numbers: [{ dial: '110' }],
    audiences: ['student', 'guardian', 'staff', 'public'],
    schedule: { kind: 'always' },
    verification: {
      status: 'verified',
      checkedOn,
      source: { title: '中华人民共和国公安部 110 报警服务台' },
    },
  },
  {
    id: 'national-120',
    scope: 'national',
    orgUnitId: null,
    kind: 'emergency',
    name: { 'zh-CN': '医疗急救电话', en: 'Medical emergency' },
    numbers: [{ dial: '120' }],
    audiences: ['student', 'guardian', 'staff', 'public'],
    schedule: { kind: 'always' },
    verification: {
      status: 'verified',
      checkedOn,
      source: { title: '国家卫生健康委 院前医疗急救管理办法（120 急救呼叫号码）' },
    },
  },
  {
    id: 'national-12356',
    scope: 'national',
    orgUnitId: null,
    kind: 'psychological',
    name: { 'zh-CN': '全国统一心理援助热线', en: 'National psychological assistance hotline' },
    numbers: [{ dial: '12356' }],
    audiences: ['student', 'guardian', 'staff', 'public'],
    schedule: { kind: 'varies' },
    hoursNote: hoursVary,
    verification: {
      status: 'verified',
      checkedOn,
      source: {
        title:
          '国家卫生健康委 关于设置全国统一心理援助热线 12356 的通知（每个地市至少一条、每日不少于 18 小时）',
        publishedOn: '2024-12-01',
      },
    },
  },
  {
    id: 'national-12355',
    scope: 'national',
    orgUnitId: null,
    kind: 'youth',
    name: { 'zh-CN': '青少年服务台', en: 'Youth service line (Communist Youth League)' },
    numbers: [{ dial: '12355' }],
    audiences: ['student', 'guardian'],
    schedule: { kind: 'varies' },
    hoursNote: { 'zh-CN': '各省开通时间不同', en: 'Hours vary by province' },
    verification: {
      status: 'verified',
      checkedOn,
      source: { title: '共青团中央 12355 青少年服务台' },
    },
  },
];
