// Sample cases for the timeline's stories and rendering-state tests (not a server: the role tests
// run against the real server, see case-timeline.test.ts). Each role's view is filtered the way
// the server filters it (apps/server/src/pipeline/cases.ts): class teachers get stages and
// school-staff/guardian entries without notes, mentors get mentor entries only; each gets the
// `allowedEventTypes`/`allowedActions` the server computes for its role (`allowedFor`).
import {
  caseEventTypes,
  serverRecordedCaseEventTypes,
  type Case,
  type CaseEvent,
  type CaseEventCreate,
  type CaseEventType,
} from '@xinqiao/contracts/cases';
import type { CasePerson } from '../case-timeline/case-timeline.js';
import type { CaseTimelineDataSource } from '../case-timeline/case-source.js';

/** The fixed "now" of the samples: Wednesday 2026-11-25, 10:00 in Shanghai. */
export const sampleCaseNow = () => new Date('2026-11-25T02:00:00Z');

export const samplePeople: CasePerson[] = [
  { id: 'per_SAMPLECOUNSELLOR01', name: '王老师', kind: 'counsellor' },
  { id: 'per_SAMPLETEACHER00001', name: '李老师', kind: 'teacher' },
  { id: 'per_SAMPLEVOLUNTEER001', name: '张爷爷', kind: 'volunteer' },
];
const [counsellor, teacher, volunteer] = samplePeople.map((p) => p.id) as [string, string, string];

const ev = (
  n: number,
  at: string,
  fields: Partial<CaseEvent> & Pick<CaseEvent, 'type' | 'visibility'>,
): CaseEvent => ({
  id: `cev_SAMPLE${String(n).padStart(12, '0')}`,
  at,
  occurredAt: at,
  contactKind: null,
  actorId: counsellor,
  personId: null,
  referralId: null,
  stage: null,
  corrects: null,
  note: null,
  ...fields,
});

/** The counsellor's (full) view of a case, oldest first. */
export const sampleEvents: CaseEvent[] = [
  ev(1, '2026-11-02T01:10:00Z', {
    type: 'screening_filed',
    visibility: 'school_staff',
    actorId: null,
  }),
  ev(2, '2026-11-03T06:00:00Z', {
    type: 'pairing_assigned',
    visibility: 'school_staff',
    personId: volunteer,
    stage: { id: 'pairing', state: { status: 'done' } },
  }),
  ev(3, '2026-11-03T06:05:00Z', {
    type: 'note',
    visibility: 'counsellor',
    note: '学生说最近睡不好，担心期中考试。约好每周三午休谈一次。',
  }),
  ev(4, '2026-11-05T04:00:00Z', {
    type: 'intervention_session',
    visibility: 'mentor',
    actorId: volunteer,
  }),
  ev(5, '2026-11-10T07:30:00Z', {
    type: 'peer_follow_up',
    visibility: 'school_staff',
    actorId: teacher,
    stage: {
      id: 'peer_follow_up',
      state: { status: 'not_needed', reason: '学生更愿意和大人谈，暂不安排同伴。' },
    },
  }),
  // A home visit on Monday 16 November, 14:00 in Shanghai, written up on Wednesday the 18th.
  ev(6, '2026-11-18T09:30:00Z', {
    type: 'home_school_contact',
    contactKind: 'home_visit',
    occurredAt: '2026-11-16T06:00:00Z',
    visibility: 'counsellor',
    stage: { id: 'home_school', state: { status: 'done' } },
    note: '家访：母亲同意多陪伴，减少周末补课。',
  }),
  ev(7, '2026-11-24T03:00:00Z', {
    type: 'referral_proposed',
    visibility: 'counsellor',
    note: '转介机构：市第四人民医院 儿童青少年心理门诊',
  }),
  ev(8, '2026-11-24T08:00:00Z', {
    type: 'referral_consented',
    visibility: 'guardian',
    referralId: 'cev_SAMPLE000000000007',
  }),
  ev(9, '2026-11-25T01:20:00Z', { type: 'intervention_session', visibility: 'school_staff' }),
].map((e) => (e.type === 'referral_proposed' ? { ...e, referralId: e.id } : e));

export type SampleRole = 'counsellor' | 'class_teacher' | 'volunteer';

/** Event types each sample role may add while a case is open (the server's `typesFor`). */
const typesFor: Record<SampleRole, readonly CaseEventType[]> = {
  // Everything a person can record (the server records screening_filed and concern_raised).
  counsellor: caseEventTypes.filter(
    (t) => !(serverRecordedCaseEventTypes as readonly CaseEventType[]).includes(t),
  ),
  class_teacher: ['home_school_contact', 'peer_follow_up'],
  volunteer: ['intervention_session', 'peer_follow_up'],
};

/** The actions the server derives from the allowed types. */
function actionsOf(types: readonly CaseEventType[]): Case['allowedActions'] {
  const actions: Case['allowedActions'] = [];
  if (types.length) actions.push('add_event');
  if (types.includes('note')) actions.push('add_note');
  if (types.includes('closure_requested')) actions.push('request_closure');
  if (types.includes('pairing_assigned')) actions.push('assign_pairing');
  if (types.includes('referral_proposed')) actions.push('refer');
  if (types.includes('closure_approved')) actions.push('approve_closure');
  return actions;
}

/**
 * What `role` (signed in as `userId`) may add now, as the server answers it: nothing on a closed
 * case; a pending closure (the last closure event is a request) is not requested again, and only
 * a counsellor other than the requester may approve it.
 */
export function allowedFor(
  role: SampleRole,
  state: Case['state'],
  events: readonly CaseEvent[],
  userId: string = counsellor,
): Pick<Case, 'allowedActions' | 'allowedEventTypes'> {
  const last = events.findLast(
    (e) => e.type === 'closure_requested' || e.type === 'closure_approved',
  );
  const pending = last?.type === 'closure_requested' ? { requester: last.actorId } : undefined;
  const mayApprove = !!pending && pending.requester !== userId && role === 'counsellor';
  const types = (state === 'open' ? typesFor[role] : []).filter(
    (t) => (t !== 'closure_requested' || !pending) && (t !== 'closure_approved' || mayApprove),
  );
  return { allowedActions: actionsOf(types), allowedEventTypes: types };
}

export const sampleCase: Case = {
  id: 'cas_SAMPLECASE0000000001',
  studentId: 'per_SAMPLESTUDENT00001',
  schoolId: 'ou_SAMPLESCHOOL000001',
  state: 'open',
  openedAt: '2026-11-02T01:10:00Z',
  closedAt: null,
  stages: {
    assessment: { status: 'done' },
    pairing: { status: 'done' },
    intervention: { status: 'open' },
    peer_follow_up: { status: 'not_needed', reason: '学生更愿意和大人谈，暂不安排同伴。' },
    home_school: { status: 'done' },
    referral: { status: 'open' },
  },
  responsibleAdults: [{ personId: volunteer, kind: 'volunteer' }],
  overdue: false,
  ...allowedFor('counsellor', 'open', sampleEvents),
};

/** The case and timeline as `role` receives them from the server. */
export function viewFor(
  role: SampleRole,
  kase: Case = sampleCase,
  events: readonly CaseEvent[] = sampleEvents,
): { kase: Case; events: CaseEvent[] } {
  const allowed = allowedFor(role, kase.state, events);
  if (role === 'counsellor') return { kase: { ...kase, ...allowed }, events: [...events] };
  const visible = role === 'volunteer' ? ['mentor'] : ['school_staff', 'guardian'];
  const { stages, ...rest } = kase;
  return {
    kase: role === 'volunteer' ? { ...rest, ...allowed } : { ...rest, stages, ...allowed },
    events: events
      .filter((e) => visible.includes(e.visibility))
      .map(({ note: _note, ...e }) => e as CaseEvent),
  };
}

/** An in-memory data source: reads a view, appends entries at the sample clock. */
export function memoryCaseSource(
  view: { kase: Case; events: readonly CaseEvent[] } = viewFor('counsellor'),
  now: () => Date = sampleCaseNow,
): CaseTimelineDataSource {
  let kase = structuredClone(view.kase);
  const events = structuredClone([...view.events]);
  let n = 1000;
  return {
    getCase: async () => structuredClone(kase),
    timeline: async () => structuredClone(events),
    addEvent: async (_caseId, body: CaseEventCreate) => {
      const id = `cev_SAMPLE${String(++n).padStart(12, '0')}`;
      const e: CaseEvent = {
        id,
        type: body.type,
        visibility: body.visibility,
        at: now().toISOString(),
        occurredAt: body.occurredAt ? new Date(body.occurredAt).toISOString() : now().toISOString(),
        contactKind: body.contactKind ?? null,
        actorId: counsellor,
        personId: body.personId ?? null,
        referralId: body.type === 'referral_proposed' ? id : (body.referralId ?? null),
        stage: body.stage ?? null,
        corrects: body.corrects ?? null,
        ...(kase.allowedActions.includes('add_note') ? { note: body.note ?? null } : {}),
      };
      events.push(e);
      if (body.stage && kase.stages)
        kase.stages = { ...kase.stages, [body.stage.id]: body.stage.state };
      // A closure request is not offered again, nor for approval to the one who requested it;
      // an approval closes the case, and a closed case takes no entries.
      if (body.type === 'closure_requested') {
        const types = kase.allowedEventTypes.filter(
          (t) => t !== 'closure_requested' && t !== 'closure_approved',
        );
        kase = { ...kase, allowedEventTypes: types, allowedActions: actionsOf(types) };
      }
      if (body.type === 'closure_approved')
        kase = {
          ...kase,
          state: 'closed',
          closedAt: e.at,
          allowedEventTypes: [],
          allowedActions: [],
        };
      if (body.type === 'pairing_assigned' && body.personId && body.pairingKind)
        kase = {
          ...kase,
          overdue: false,
          responsibleAdults: [
            ...kase.responsibleAdults,
            { personId: body.personId, kind: body.pairingKind },
          ],
        };
      return structuredClone(e);
    },
  };
}

const longTypes = [
  'intervention_session',
  'peer_follow_up',
  'home_school_contact',
  'note',
  'rescreening',
] as const;

/** `count` entries over about four months before the sample clock (a long timeline). */
export function longTimeline(count = 500): CaseEvent[] {
  const end = sampleCaseNow().getTime();
  const step = Math.floor((120 * 86_400_000) / count);
  return Array.from({ length: count }, (_, i) => {
    const type = longTypes[i % longTypes.length]!;
    return ev(i + 1, new Date(end - (count - i) * step).toISOString(), {
      type,
      visibility: type === 'note' ? 'counsellor' : 'school_staff',
      actorId: i % 3 === 0 ? teacher : counsellor,
      note: type === 'note' ? `第 ${i + 1} 条跟进备注：情绪平稳，按计划继续。` : null,
    });
  });
}
