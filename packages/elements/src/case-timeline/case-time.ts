import { shanghaiTimeZone } from '../i18n/format.js';
import type { XqLocale } from '../i18n/locale.js';

const dayFormat = new Intl.DateTimeFormat('en-US', {
  timeZone: shanghaiTimeZone,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar day of `instant` in Asia/Shanghai, as `YYYY-MM-DD` (whatever the device zone). */
export function shanghaiDay(instant: Date | string): string {
  const parts: Record<string, string> = {};
  for (const p of dayFormat.formatToParts(new Date(instant))) parts[p.type] = p.value;
  return `${parts['year']}-${parts['month']}-${parts['day']}`;
}

/** Whole days from `from` to `to` (both `YYYY-MM-DD`). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

const relative = new Map<XqLocale, Intl.RelativeTimeFormat>();
function rtf(locale: XqLocale): Intl.RelativeTimeFormat {
  let f = relative.get(locale);
  if (!f) {
    f = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
    relative.set(locale, f);
  }
  return f;
}

/** 今天 / 昨天 / 3天前 / 上个月 … for a Shanghai day relative to `today` (both `YYYY-MM-DD`). */
export function relativeDay(locale: XqLocale, day: string, today: string): string {
  const d = daysBetween(today, day);
  const a = Math.abs(d);
  if (a < 31) return rtf(locale).format(d, 'day');
  if (a < 365) return rtf(locale).format(Math.round(d / 30), 'month');
  return rtf(locale).format(Math.round(d / 365), 'year');
}

/** 现在 / 5分钟前 / 3小时前 / 2天前 … for an instant relative to `now`. */
export function relativeTime(locale: XqLocale, at: Date | string, now: Date): string {
  const s = Math.round((new Date(at).getTime() - now.getTime()) / 1000);
  const a = Math.abs(s);
  if (a < 45) return rtf(locale).format(0, 'second');
  if (a < 3600) return rtf(locale).format(Math.round(s / 60), 'minute');
  if (a < 86_400) return rtf(locale).format(Math.round(s / 3600), 'hour');
  if (a < 31 * 86_400) return rtf(locale).format(Math.round(s / 86_400), 'day');
  if (a < 365 * 86_400) return rtf(locale).format(Math.round(s / (30 * 86_400)), 'month');
  return rtf(locale).format(Math.round(s / (365 * 86_400)), 'year');
}

const localFormat = new Intl.DateTimeFormat('en-US', {
  timeZone: shanghaiTimeZone,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/**
 * `instant` as a `datetime-local` value (`YYYY-MM-DDTHH:mm`) on the Asia/Shanghai wall clock,
 * whatever the device zone (for an input's `value`, `min` and `max`).
 */
export function shanghaiLocalInput(instant: Date | string): string {
  const parts: Record<string, string> = {};
  for (const p of localFormat.formatToParts(new Date(instant))) parts[p.type] = p.value;
  return `${parts['year']}-${parts['month']}-${parts['day']}T${parts['hour']}:${parts['minute']}`;
}

const localValue = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(:\d{2}(\.\d{1,3})?)?$/;

/**
 * The instant a `datetime-local` value means on the Asia/Shanghai wall clock (China keeps UTC+8
 * all year, without daylight saving), whatever the device zone; `undefined` for anything else.
 */
export function instantFromShanghaiLocal(value: string): Date | undefined {
  const m = localValue.exec(value.trim());
  if (!m) return undefined;
  const instant = new Date(`${m[1]}T${m[2]}${m[3] ?? ':00'}+08:00`);
  return Number.isNaN(instant.getTime()) ? undefined : instant;
}
