import { createEvent } from 'ics';
import type { SessionRow } from './sessions.js';

const shanghai = (d: Date) => {
  const s = new Date(d.getTime() + 8 * 3600_000).toISOString();
  return { date: s.slice(0, 10), time: s.slice(11, 16) };
};

/**
 * One session as an iCalendar file (RFC 5545, via the `ics` library). Times are written as UTC
 * instants (`…Z`), which every calendar shows in the reader's own zone — for a family in China,
 * the Asia/Shanghai wall-clock time the school set; the description repeats that time as
 * 北京时间 for readers who open the file as text. A cancelled session keeps its UID and says
 * STATUS:CANCELLED, so a calendar that imported it can update it.
 */
export function sessionCalendar(row: SessionRow, now: Date): string {
  const from = shanghai(row.starts_at);
  const to = shanghai(row.ends_at);
  const when =
    from.date === to.date
      ? `${from.date} ${from.time}–${to.time}（北京时间）`
      : `${from.date} ${from.time} – ${to.date} ${to.time}（北京时间）`;
  const description = [
    `主题：${row.topic}`,
    `主讲：${row.speaker}`,
    `时间：${when}`,
    row.mode === 'online' ? `线上参加：${row.link}` : `地点：${row.place}`,
    ...(row.description ? ['', row.description] : []),
  ].join('\n');
  const { error, value } = createEvent({
    uid: `${row.id}@xinqiao`,
    productId: 'xinqiao/parent-school',
    calName: '家长学校',
    title: row.status === 'cancelled' ? `【已取消】${row.title}` : row.title,
    description,
    start: row.starts_at.getTime(),
    startInputType: 'utc',
    startOutputType: 'utc',
    end: row.ends_at.getTime(),
    endInputType: 'utc',
    endOutputType: 'utc',
    ...(row.mode === 'offline' && row.place ? { location: row.place } : {}),
    ...(row.mode === 'online' && row.link ? { url: row.link, location: row.link } : {}),
    status: row.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED',
    sequence: Math.floor((row.updated_at.getTime() - row.created_at.getTime()) / 1000),
    lastModified: row.updated_at.getTime(),
    // DTSTAMP: when this copy was made
    ...({ timestamp: now.getTime() } as object),
  });
  if (error || !value) throw error ?? new Error('calendar: no output');
  return value;
}
