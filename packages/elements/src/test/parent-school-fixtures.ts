// Contract-shaped parent-school samples (`@xinqiao/contracts/parent-school`) for stories,
// rendering-state tests and the framework examples, and an in-memory data source that follows
// the server's documented rules. The element's real integration is tested against the real
// server (parent-school-signup.test.ts, through src/test/real-server.ts).
import type {
  ParentSchoolChild,
  ParentSchoolSessionView,
  ParentSchoolSignup,
} from '@xinqiao/contracts/parent-school';
import type { ParentSchoolDataSource } from '../parent-school-signup/parent-school-source.js';

/** The fixed "now" of the samples: Wednesday 2026-11-25, 10:00 in Shanghai. */
export const sampleNow = () => new Date('2026-11-25T02:00:00Z');

const stamp = '2026-11-20T02:00:00.000Z';

const session = (
  s: Pick<
    ParentSchoolSessionView,
    'id' | 'title' | 'topic' | 'speaker' | 'mode' | 'capacity' | 'seatsTaken' | 'startsAt'
  > &
    Partial<ParentSchoolSessionView>,
): ParentSchoolSessionView => ({
  description: null,
  place: null,
  link: null,
  endsAt: new Date(new Date(s.startsAt).getTime() + 3600_000).toISOString(),
  schoolIds: ['sc_1'],
  gradeIds: [],
  status: 'scheduled',
  seatsLeft: Math.max(0, s.capacity - s.seatsTaken),
  waitlisted: 0,
  createdAt: stamp,
  updatedAt: stamp,
  mySignups: [],
  eligibleChildIds: [],
  ...s,
});

export const sampleSignup = (
  s: Pick<ParentSchoolSignup, 'id' | 'sessionId' | 'childStudentId'> & Partial<ParentSchoolSignup>,
): ParentSchoolSignup => ({
  attendeeCount: 1,
  state: 'confirmed',
  waitlistPosition: null,
  createdAt: stamp,
  confirmedAt: s.state === 'waitlisted' ? null : stamp,
  cancelledAt: null,
  checkedInAt: null,
  attendedCount: null,
  ...s,
});

export const sampleChildren: ParentSchoolChild[] = [
  {
    studentId: 'st_1',
    displayName: '小明',
    schoolId: 'sc_1',
    schoolName: '示范实验中学',
    gradeId: 'gr_8',
    gradeName: '八年级',
    classId: 'cl_8_2',
    className: '八年级2班',
  },
  {
    studentId: 'st_2',
    displayName: null,
    schoolId: 'sc_1',
    schoolName: '示范实验中学',
    gradeId: 'gr_9',
    gradeName: '九年级',
    classId: 'cl_9_1',
    className: '九年级1班',
  },
];

export const sampleSessions: ParentSchoolSessionView[] = [
  session({
    id: 'ps_1',
    title: '如何与青春期孩子沟通',
    topic: '亲子沟通',
    description: '心理教师分享倾听与表达的方法，并现场答疑。',
    speaker: '王老师',
    mode: 'offline',
    place: '学校报告厅',
    startsAt: '2026-12-05T11:30:00.000Z',
    endsAt: '2026-12-05T13:00:00.000Z',
    capacity: 60,
    seatsTaken: 42,
    gradeIds: ['gr_7', 'gr_8'],
    eligibleChildIds: ['st_1'],
    mySignups: [
      sampleSignup({ id: 'su_1', sessionId: 'ps_1', childStudentId: 'st_1', attendeeCount: 2 }),
    ],
  }),
  session({
    id: 'ps_2',
    title: '考前焦虑：家长能做什么',
    topic: '考试压力',
    speaker: '李医生',
    mode: 'online',
    link: 'https://meeting.example.edu.cn/ps-2',
    startsAt: '2026-12-10T12:00:00.000Z',
    capacity: 2,
    seatsTaken: 2,
    gradeIds: ['gr_9'],
    eligibleChildIds: ['st_2'],
  }),
  session({
    id: 'ps_3',
    title: '睡眠与手机使用',
    topic: '作息习惯',
    speaker: '张老师',
    mode: 'offline',
    place: '初一（3）班教室',
    startsAt: '2026-12-12T11:00:00.000Z',
    capacity: 40,
    seatsTaken: 10,
    eligibleChildIds: ['st_1', 'st_2'],
  }),
  session({
    id: 'ps_old',
    title: '已结束的课程',
    topic: '家庭教育',
    speaker: '黄老师',
    mode: 'offline',
    place: '报告厅',
    startsAt: '2026-11-01T11:00:00.000Z',
    capacity: 40,
    seatsTaken: 10,
    eligibleChildIds: ['st_1', 'st_2'],
  }),
];

/** An API refusal shaped like the SDK's `ApiError` (`status`, `code`, `details`). */
export function apiError(status: number, code: string, details?: Record<string, unknown>) {
  return Object.assign(new Error(code), { name: 'ApiError', status, code, details });
}

export interface MemorySourceOptions {
  sessions?: ParentSchoolSessionView[];
  children?: ParentSchoolChild[];
  now?: () => Date;
  /** Every call fails with a 500 `internal_error`. */
  fail?: boolean;
  delayMs?: number;
}

/**
 * An in-memory data source for stories, examples and element-behaviour tests, following the
 * documented rules of the parent-school routes: upcoming sessions only (at `now`), filtered by
 * the query; one active signup per family and session (409 `conflict`); a child the session is
 * not for is 403 `not_eligible`; confirmed while the seats left allow the whole party, else
 * waitlisted behind `waitlisted` other families; cancelling frees the seats. It is not the server.
 */
export function memorySource(
  options: MemorySourceOptions = {},
): ParentSchoolDataSource & { sessions: ParentSchoolSessionView[] } {
  const sessions = options.sessions ?? structuredClone(sampleSessions);
  const children = options.children ?? sampleChildren;
  const now = options.now ?? sampleNow;
  let next = 100;
  const guard = async () => {
    await new Promise((r) => setTimeout(r, options.delayMs ?? 0));
    if (options.fail) throw apiError(500, 'internal_error');
  };
  const find = (id: string) => {
    const s = sessions.find((x) => x.id === id);
    if (!s) throw apiError(404, 'not_found');
    return s;
  };
  const seat = (s: ParentSchoolSessionView, delta: number) => {
    s.seatsTaken += delta;
    s.seatsLeft = Math.max(0, s.capacity - s.seatsTaken);
  };
  return {
    sessions,
    async listSessions(query) {
      await guard();
      return structuredClone(
        sessions
          .filter((s) => new Date(s.endsAt).getTime() > now().getTime())
          .filter((s) => !query.schoolId || s.schoolIds.includes(query.schoolId))
          .filter((s) => !query.mode || s.mode === query.mode)
          .filter((s) => !query.gradeId || !s.gradeIds.length || s.gradeIds.includes(query.gradeId))
          .sort((a, b) => a.startsAt.localeCompare(b.startsAt)),
      );
    },
    async getSession(id) {
      await guard();
      return structuredClone(find(id));
    },
    async listChildren() {
      await guard();
      return children;
    },
    async signup(sessionId, input) {
      await guard();
      const s = find(sessionId);
      if (s.mySignups.some((x) => x.state !== 'cancelled'))
        throw apiError(409, 'conflict', { reason: 'family_already_signed_up' });
      if (!s.eligibleChildIds.includes(input.childStudentId)) throw apiError(403, 'not_eligible');
      const confirmed = s.seatsLeft >= input.attendeeCount;
      const signup = sampleSignup({
        id: `su_${++next}`,
        sessionId,
        childStudentId: input.childStudentId,
        attendeeCount: input.attendeeCount,
        state: confirmed ? 'confirmed' : 'waitlisted',
        waitlistPosition: confirmed ? null : s.waitlisted + 1,
      });
      if (confirmed) seat(s, input.attendeeCount);
      else s.waitlisted += 1;
      s.mySignups.push(signup);
      return structuredClone(signup);
    },
    async cancel(sessionId, signupId) {
      await guard();
      const s = find(sessionId);
      const signup = s.mySignups.find((x) => x.id === signupId);
      if (!signup) throw apiError(404, 'not_found');
      if (signup.state === 'confirmed') seat(s, -signup.attendeeCount);
      if (signup.state === 'waitlisted') s.waitlisted -= 1;
      Object.assign(signup, {
        state: 'cancelled',
        waitlistPosition: null,
        cancelledAt: now().toISOString(),
      });
      return structuredClone(signup);
    },
    async calendar(sessionId) {
      await guard();
      const s = find(sessionId);
      const utc = (iso: string) => iso.replace(/[-:]/g, '').replace(/\.\d{3}/, '');
      return [
        'BEGIN:VCALENDAR',
        'VERSION:2.0',
        'PRODID:xinqiao/parent-school',
        'BEGIN:VEVENT',
        `UID:${s.id}@xinqiao`,
        `DTSTART:${utc(s.startsAt)}`,
        `DTEND:${utc(s.endsAt)}`,
        `SUMMARY:${s.title}`,
        'END:VEVENT',
        'END:VCALENDAR',
        '',
      ].join('\r\n');
    },
  };
}
