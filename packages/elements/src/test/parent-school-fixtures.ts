// Sample parent-school data for rendering-state tests and stories (not a server: the element's
// integration with the real parent-school routes waits for issue #4 step h).
import type {
  ParentSchoolChild,
  ParentSchoolDataSource,
  ParentSchoolSession,
  ParentSchoolSignup,
} from '../parent-school-signup/parent-school-source.js';

/** The fixed "now" of the samples: Wednesday 2026-11-25, 10:00 in Shanghai. */
export const sampleNow = () => new Date('2026-11-25T02:00:00Z');

export const sampleSessions: ParentSchoolSession[] = [
  {
    id: 'ps_1',
    topic: { 'zh-CN': '如何与青春期孩子沟通', en: 'Talking with your teenager' },
    description: {
      'zh-CN': '心理教师分享倾听与表达的方法，并现场答疑。',
      en: 'A school counsellor shares ways to listen and talk, with time for questions.',
    },
    speaker: '王老师',
    mode: 'offline',
    place: '学校报告厅',
    startsAt: '2026-12-05T11:30:00Z',
    endsAt: '2026-12-05T13:00:00Z',
    capacity: 60,
    seatsTaken: 42,
    grades: [7, 8],
  },
  {
    id: 'ps_2',
    topic: { 'zh-CN': '考前焦虑：家长能做什么', en: 'Exam stress: what parents can do' },
    speaker: '李医生',
    mode: 'online',
    link: 'https://meeting.example.edu.cn/ps-2',
    startsAt: '2026-12-10T12:00:00Z',
    endsAt: '2026-12-10T13:00:00Z',
    capacity: 2,
    seatsTaken: 2,
    grades: [9],
  },
  {
    id: 'ps_3',
    topic: { 'zh-CN': '睡眠与手机使用', en: 'Sleep and phone use' },
    mode: 'offline',
    place: '初一（3）班教室',
    startsAt: '2026-12-12T11:00:00Z',
    endsAt: '2026-12-12T12:00:00Z',
    capacity: 40,
    seatsTaken: 10,
    grades: [],
  },
  {
    id: 'ps_old',
    topic: { 'zh-CN': '已结束的课程', en: 'A past session' },
    mode: 'offline',
    place: '报告厅',
    startsAt: '2026-11-01T11:00:00Z',
    endsAt: '2026-11-01T12:00:00Z',
    capacity: 40,
    seatsTaken: 10,
    grades: [],
  },
];

export const sampleChildren: ParentSchoolChild[] = [
  { id: 'st_1', name: '小明', grade: 8 },
  { id: 'st_2', grade: 9 },
];

export const sampleSignups: ParentSchoolSignup[] = [
  { id: 'su_1', sessionId: 'ps_1', childId: 'st_1', attendees: 2, status: 'confirmed' },
];

/**
 * An in-memory data source for stories and element-behaviour tests: signups take seats until the
 * session is full, then join a waitlist; cancelling promotes the first waitlisted signup. It
 * mirrors the documented rules so the UI's states can be shown; it is not the server.
 */
export function memorySource(
  sessions: ParentSchoolSession[] = structuredClone(sampleSessions),
  children: ParentSchoolChild[] = sampleChildren,
  signups: ParentSchoolSignup[] = structuredClone(sampleSignups),
  options: { fail?: boolean; delayMs?: number } = {},
): ParentSchoolDataSource & { signups: ParentSchoolSignup[] } {
  let next = 100;
  const wait = () => new Promise((r) => setTimeout(r, options.delayMs ?? 0));
  const guard = async () => {
    await wait();
    if (options.fail) throw Object.assign(new Error('unavailable'), { code: 'internal_error' });
  };
  return {
    signups,
    async listSessions() {
      await guard();
      return structuredClone(sessions);
    },
    async listChildren() {
      await guard();
      return children;
    },
    async listSignups() {
      await guard();
      return structuredClone(signups);
    },
    async signup(input) {
      await guard();
      const session = sessions.find((s) => s.id === input.sessionId)!;
      const full = session.seatsTaken + input.attendees > session.capacity;
      const waitlisted = signups.filter(
        (s) => s.sessionId === session.id && s.status === 'waitlisted',
      ).length;
      const signup: ParentSchoolSignup = full
        ? { id: `su_${++next}`, ...input, status: 'waitlisted', waitlistPosition: waitlisted + 1 }
        : { id: `su_${++next}`, ...input, status: 'confirmed' };
      if (!full) session.seatsTaken += input.attendees;
      signups.push(signup);
      return structuredClone(signup);
    },
    async cancel(id) {
      await guard();
      const signup = signups.find((s) => s.id === id)!;
      const session = sessions.find((s) => s.id === signup.sessionId)!;
      if (signup.status === 'confirmed') session.seatsTaken -= signup.attendees;
      signup.status = 'cancelled';
      delete signup.waitlistPosition;
      return structuredClone(signup);
    },
  };
}
