import type { SchoolHoursJson } from '../db/schema.js';

/**
 * School-time arithmetic in Asia/Shanghai (UTC+8, no DST). Deadlines other than critical count
 * only the school's hours (ARCHITECTURE §3). Pure functions of an instant: the clock is the
 * caller's.
 */

/** Used when a school has not set its hours yet (the roster sync warns about it). */
export const defaultSchoolHours: SchoolHoursJson = {
  days: [1, 2, 3, 4, 5],
  open: '08:00',
  close: '17:00',
};

const offsetMs = 8 * 3600_000;
const dayMs = 24 * 3600_000;
const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** The school day's open and close instants for the Shanghai day containing `instant`, if it is a school day. */
function dayWindow(
  hours: SchoolHoursJson,
  shanghaiMidnight: number,
): { open: number; close: number } | undefined {
  const weekday = new Date(shanghaiMidnight + offsetMs).getUTCDay() || 7; // ISO: Monday 1 … Sunday 7
  if (!hours.days.includes(weekday)) return undefined;
  return {
    open: shanghaiMidnight + minutes(hours.open) * 60_000,
    close: shanghaiMidnight + minutes(hours.close) * 60_000,
  };
}

function shanghaiMidnight(t: number): number {
  return Math.floor((t + offsetMs) / dayMs) * dayMs - offsetMs;
}

/** The length of one school day in ms. */
export function schoolDayMs(hours: SchoolHoursJson): number {
  return Math.max(0, (minutes(hours.close) - minutes(hours.open)) * 60_000);
}

/** `from` plus `amountMs` of school time (time outside school hours does not count). */
export function addSchoolTime(hours: SchoolHoursJson, from: Date, amountMs: number): Date {
  let t = from.getTime();
  let left = amountMs;
  for (let day = shanghaiMidnight(t), guard = 0; guard < 400; day += dayMs, guard++) {
    const w = dayWindow(hours, day);
    if (!w || w.close <= w.open) continue;
    const start = Math.max(t, w.open);
    if (start >= w.close) continue;
    if (start + left <= w.close) return new Date(start + left);
    left -= w.close - start;
    t = w.close;
  }
  throw new Error('school hours never open');
}

/** The close of the current school day if `at` falls in school hours (or before opening on a school day); else the next school day's close. */
export function endOfSchoolDay(hours: SchoolHoursJson, at: Date): Date {
  const t = at.getTime();
  for (let day = shanghaiMidnight(t), guard = 0; guard < 400; day += dayMs, guard++) {
    const w = dayWindow(hours, day);
    if (w && w.close > w.open && t < w.close) return new Date(w.close);
  }
  throw new Error('school hours never open');
}
