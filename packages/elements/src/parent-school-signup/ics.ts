import type { ParentSchoolSession } from './parent-school-source.js';

const escape = (text: string) =>
  text.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');

const utc = (instant: string | Date) =>
  new Date(instant)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

/** Folds a content line at 75 octets (RFC 5545 §3.1), never inside a UTF-8 character. */
function fold(line: string): string {
  const encoder = new TextEncoder();
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = encoder.encode(char).length;
    if (octets + size > (parts.length ? 74 : 75)) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

/**
 * An iCalendar (RFC 5545) file for one session, built in the browser: it works offline and needs
 * no authenticated download link. Times are UTC; calendar apps show them in the user's zone.
 */
export function sessionIcs(
  session: ParentSchoolSession,
  locale: 'zh-CN' | 'en',
  now: Date = new Date(),
): string {
  const location = session.mode === 'online' ? (session.link ?? '') : (session.place ?? '');
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Xinqiao//Parent school//ZH',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    `UID:${session.id}@xinqiao`,
    `DTSTAMP:${utc(now)}`,
    `DTSTART:${utc(session.startsAt)}`,
    `DTEND:${utc(session.endsAt)}`,
    `SUMMARY:${escape(session.topic[locale])}`,
    ...(location ? [`LOCATION:${escape(location)}`] : []),
    ...(session.mode === 'online' && session.link && /^https?:\/\//.test(session.link)
      ? [`URL:${session.link}`]
      : []),
    ...(session.description ? [`DESCRIPTION:${escape(session.description[locale])}`] : []),
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return `${lines.map(fold).join('\r\n')}\r\n`;
}
