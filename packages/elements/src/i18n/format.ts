import type { XqLocale } from './locale.js';

/** Every date and time the elements show is in China's time zone, whatever the device says. */
export const shanghaiTimeZone = 'Asia/Shanghai';

const cache = new Map<string, Intl.DateTimeFormat>();

/** A cached `Intl.DateTimeFormat` for `locale` in Asia/Shanghai. */
export function dateTimeFormat(
  locale: XqLocale,
  options: Intl.DateTimeFormatOptions,
): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = cache.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { ...options, timeZone: shanghaiTimeZone });
    cache.set(key, format);
  }
  return format;
}

/** e.g. `2026年12月5日星期六` / `Saturday, 5 December 2026`. */
export function formatDate(locale: XqLocale, instant: Date | string): string {
  return dateTimeFormat(locale, { dateStyle: 'full' }).format(new Date(instant));
}

/** e.g. `19:30` (24-hour clock in both locales). */
export function formatTime(locale: XqLocale, instant: Date | string): string {
  return dateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
    new Date(instant),
  );
}

/** e.g. `12月5日 周六 19:30` / `Sat, 5 Dec, 19:30`. */
export function formatDateTime(locale: XqLocale, instant: Date | string): string {
  return dateTimeFormat(locale, {
    month: 'short',
    day: 'numeric',
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(instant));
}
